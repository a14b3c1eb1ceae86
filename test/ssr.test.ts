import { expect } from '@open-wc/testing';
import type { ShareBarElement } from '../src/index.js';
import { shownCount, type Report } from './frames.js';

// Server rendering: the page of test/server/ssr-render.mjs, rendered by @lit-labs/ssr in Node
// (declarative shadow DOM), loaded in an iframe with scripts off, and with scripts on, where Lit's
// hydration takes the server's DOM over. Needs `npm run build` first (npm test does that).

interface Loaded {
  iframe: HTMLIFrameElement;
  win: Window & { report?: Report };
  bar: ShareBarElement;
}

async function load(src: string, sandbox?: string): Promise<Loaded> {
  const iframe = document.createElement('iframe');
  iframe.style.width = '800px';
  iframe.style.height = '400px';
  // Without allow-scripts the page runs no script at all, as with JavaScript turned off.
  if (sandbox != null) iframe.setAttribute('sandbox', sandbox);
  iframe.src = src;
  const loaded = new Promise((resolve) => (iframe.onload = resolve));
  document.body.append(iframe);
  await loaded;
  const win = iframe.contentWindow as Loaded['win'];
  return { iframe, win, bar: iframe.contentDocument!.querySelector('share-bar')! };
}

const links = (bar: Element) => [...bar.shadowRoot!.querySelectorAll<HTMLElement>('[part~=button]')];

/** Where each button, icon and label of a bar is, relative to the page. */
const geometry = (bar: Element) =>
  [...bar.shadowRoot!.querySelectorAll('[part]')].map((el) => {
    const r = el.getBoundingClientRect();
    return `${el.getAttribute('part')}: ${r.left},${r.top} ${r.width}×${r.height}`;
  });

const FISH = 'https%3A%2F%2Fblog.example%2Ffish';

describe('server rendering', () => {
  const frames: HTMLIFrameElement[] = [];
  afterEach(() => frames.splice(0).forEach((frame) => frame.remove()));

  it('without JavaScript, the server-rendered bar shows its links, labels and counts', async () => {
    const { iframe, bar } = await load('/ssr/bar.html', 'allow-same-origin');
    frames.push(iframe);
    // The declarative shadow root, attached by the HTML parser: no script ran.
    expect(customElements.get.call(iframe.contentWindow!.customElements, 'share-bar')).to.equal(undefined);
    const buttons = links(bar);
    expect(buttons.map((b) => b.getAttribute('part'))).to.deep.equal([
      'button button-x item',
      'button button-facebook item',
      'button button-linkedin item',
      'button button-email item',
      'button button-copy item',
    ]);
    expect(buttons.slice(0, 4).map((a) => (a as HTMLAnchorElement).href)).to.deep.equal([
      `https://x.com/intent/tweet?text=Fish%20%26%20chips&url=${FISH}`,
      `https://www.facebook.com/sharer/sharer.php?u=${FISH}`,
      `https://www.linkedin.com/sharing/share-offsite/?url=${FISH}`,
      `mailto:?subject=Fish%20%26%20chips&body=${FISH}`,
    ]);
    for (const b of buttons) {
      const box = b.getBoundingClientRect();
      expect(box.width, b.part[1]).to.be.greaterThan(20);
      expect(box.height, b.part[1]).to.be.greaterThan(20);
    }
    expect(bar.shadowRoot!.querySelector('[part~=heading]')!.textContent).to.equal(
      'The more we share, the more we have...',
    );
    expect(buttons[1]!.getAttribute('aria-label')).to.equal('Share on Facebook, 16 shares');
    expect(shownCount(buttons[1]!)).to.equal('16');
  });

  it('hydrates in place: the same links, the same layout, and a click fires share', async () => {
    const { iframe, win, bar } = await load('/ssr/bar.html?defer');
    frames.push(iframe);
    await win.customElements.whenDefined('share-bar');
    // Layout shifts inside the page, where the browser reports them (Chromium).
    const shifts: number[] = [];
    const Observer = (win as unknown as typeof globalThis).PerformanceObserver;
    if (Observer.supportedEntryTypes.includes('layout-shift')) {
      new Observer((list) =>
        list.getEntries().forEach((e) => shifts.push((e as PerformanceEntry & { value: number }).value)),
      ).observe({ type: 'layout-shift' });
    }
    const before = { nodes: links(bar), geometry: geometry(bar) };
    expect(before.nodes).to.have.length(5);
    // Hydration was held back by defer-hydration; now Lit takes the server's DOM over.
    bar.removeAttribute('defer-hydration');
    await bar.updateComplete;
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r)));
    expect(bar.hasUpdated).to.equal(true);
    const after = links(bar);
    after.forEach((node, i) => expect(node, node.part[1]).to.equal(before.nodes[i]));
    expect(geometry(bar)).to.deep.equal(before.geometry);
    expect(shifts).to.deep.equal([]);
    expect(win.report!.errors).to.deep.equal([]);

    const shares: string[] = [];
    bar.addEventListener('share', (e) => {
      shares.push((e as CustomEvent).detail.network);
      e.preventDefault();
    });
    after[1]!.click();
    expect(shares).to.deep.equal(['facebook']);
    // Bound values are Lit's now: a change of a property renders into the hydrated DOM.
    bar.counts = { facebook: 20 };
    await bar.updateComplete;
    expect(shownCount(after[1]!)).to.equal('20');
    expect(links(bar)[1]).to.equal(after[1]);
  });
});
