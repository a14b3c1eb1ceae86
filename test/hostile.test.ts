import { expect, fixture, html } from '@open-wc/testing';
import { controls, hostPage } from './frames.js';
import { ShareBarElement } from '../src/share-bar.js';

// share-bar on pages that do not mean it well: their own CSS, another version of the bundle, a
// shadow root around it. Pages are loaded in iframes with the built bundle, as sites load it.

const BUNDLE = '/dist/share-bar.bundle.js';
const { version } = ShareBarElement;
const BAR = `<share-bar url="https://blog.example/post" networks="x facebook linkedin copy" count-display="both"
  counts='{"x": 1234, "facebook": 16}'></share-bar>`;

/** A page with `css` in its head, the bundle, and `body` (a bar by default). */
const page = (css: string, body = BAR, scripts = `<script src="${BUNDLE}"></script>`) =>
  hostPage({
    srcdoc: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A blog</title>
      <script src="/test/fixtures/report.js"></script><style>${css}</style>${scripts}</head>
      <body><p>Before the bar.</p>${body}<p>After the bar.</p></body></html>`,
  });

/** Boxes of every part inside a bar, relative to its `base` part, rounded to half pixels. */
function geometry(bar: Element): string[] {
  const base = bar.shadowRoot!.querySelector('[part=base]')!.getBoundingClientRect();
  const round = (n: number) => Math.round(n * 2) / 2;
  return [...bar.shadowRoot!.querySelectorAll('[part]')].map((el) => {
    const r = el.getBoundingClientRect();
    return `${el.getAttribute('part')}: ${round(r.left - base.left)},${round(r.top - base.top)} ${round(r.width)}×${round(r.height)}`;
  });
}

const inside = (inner: DOMRect, outer: DOMRect) =>
  inner.left >= outer.left - 0.5 &&
  inner.right <= outer.right + 0.5 &&
  inner.top >= outer.top - 0.5 &&
  inner.bottom <= outer.bottom + 0.5;

/** Every button is shown, holds its icon, label and count, and overlaps no other button. */
function expectIntact(bar: Element) {
  const boxes = controls(bar).map((b) => b.getBoundingClientRect());
  expect(boxes).to.have.length(4);
  controls(bar).forEach((button, i) => {
    const box = boxes[i]!;
    expect(box.width, button.part[1]).to.be.greaterThan(0);
    expect(box.height, button.part[1]).to.be.greaterThan(0);
    for (const part of button.querySelectorAll('[part=icon], [part=label]')) {
      expect(inside(part.getBoundingClientRect(), box), `${button.part[1]} ${part.getAttribute('part')}`).to.equal(
        true,
      );
    }
    boxes.forEach((other, j) => {
      const apart =
        other.right <= box.left + 0.5 ||
        other.left >= box.right - 0.5 ||
        other.bottom <= box.top + 0.5 ||
        other.top >= box.bottom - 0.5;
      if (j != i) expect(apart, `${button.part[1]} overlaps ${controls(bar)[j]!.part[1]}`).to.equal(true);
    });
  });
  // Every label on one line: its box is no taller than the button.
  for (const label of bar.shadowRoot!.querySelectorAll('[part=label]')) {
    expect(label.getBoundingClientRect().height).to.be.lessThan(label.closest('[part~=button]')!.clientHeight);
  }
}

describe('hostile host pages', () => {
  it("the page's CSS for links, buttons, lists, spans, svgs and box-sizing does not reach the bar", async () => {
    const clean = await page('');
    const hostile = await page(`
      a { display: none !important; }
      button { all: unset !important; }
      *, *::before, *::after { box-sizing: content-box !important; }
      ul, li { display: inline !important; margin: 3em !important; padding: 2em !important; list-style: square !important; }
      span, div { display: block !important; padding: 1em !important; font-size: 3em !important; }
      svg, path { display: none !important; width: 400px !important; fill: red !important; }
      [part], [role], [data-count], .button, .heading, .total, .status, .visually-hidden { display: none !important; position: static !important; }
      ::after { content: 'page' !important; }
      a:hover, a:focus { outline: 5px solid red !important; }
    `);
    expect(geometry(hostile.bars[0]!)).to.deep.equal(geometry(clean.bars[0]!));
    expectIntact(hostile.bars[0]!);
    expect(hostile.win.report.errors).to.deep.equal([]);
  });

  it('a huge root font size makes a bigger bar, not a broken one', async () => {
    const { bars, doc } = await page('html { font-size: 48px; }');
    const bar = bars[0]!;
    const x = controls(bar)[0]!;
    expect(parseFloat(getComputedStyle(x).fontSize)).to.equal(42);
    expectIntact(bar);
    // It wraps onto more rows but stays within the page.
    for (const button of controls(bar)) {
      expect(button.getBoundingClientRect().right).to.be.at.most(doc.documentElement.clientWidth);
    }
  });

  it('a page that unsets every element, the bar included, leaves it intact', async () => {
    const { bars, win } = await page('*, *::before, *::after { all: unset !important; }');
    expectIntact(bars[0]!);
    expect(getComputedStyle(controls(bars[0]!)[0]!).display).to.equal('flex');
    expect(win.report.errors).to.deep.equal([]);
  });

  it('inherited type settings (letter and word spacing, case, line height, colour) keep every label whole', async () => {
    const { bars } = await page(`
      body { letter-spacing: 0.3em; word-spacing: 1em; text-transform: uppercase; line-height: 0;
        font-style: italic; font-family: monospace; color: transparent; }
    `);
    expectIntact(bars[0]!);
    expect(getComputedStyle(controls(bars[0]!)[0]!).color).to.equal('rgb(255, 255, 255)');
  });

  it('inherited text-indent, white-space and text-align neither move nor hide anything', async () => {
    const clean = await page('');
    const hostile = await page('body { text-indent: -9999px; white-space: pre; text-align: right; }');
    expect(geometry(hostile.bars[0]!)).to.deep.equal(geometry(clean.bars[0]!));
    expectIntact(hostile.bars[0]!);
  });

  it('two different versions of the bundle on one page: no error, one warning, the first stays', async () => {
    const { bars, win } = await page(
      '',
      BAR + BAR,
      `<script src="${BUNDLE}"></script><script src="/host/share-bar.bundle.js?version=9.9.9"></script>`,
    );
    expect(win.report.errors).to.deep.equal([]);
    expect(win.report.warnings).to.have.length(1);
    expect(win.report.warnings[0]).to.equal(
      `share-bar: <share-bar> is already defined by version ${version}; 9.9.9 is not used.`,
    );
    const defined = win.customElements.get('share-bar') as unknown as { version: string };
    expect(defined.version).to.equal(version);
    expect(win.ShareBar!.ShareBarElement).to.equal(defined);
    for (const bar of bars) expect(controls(bar)).to.have.length(4);
  });

  it('a newer version loaded first keeps the page, the older one only warns', async () => {
    const { bars, win } = await page(
      '',
      BAR,
      `<script src="/host/share-bar.bundle.js?version=9.9.9"></script><script src="${BUNDLE}"></script>`,
    );
    expect(win.report.errors).to.deep.equal([]);
    expect(win.report.warnings).to.deep.equal([
      `share-bar: <share-bar> is already defined by version 9.9.9; ${version} is not used.`,
    ]);
    expect(controls(bars[0]!)).to.have.length(4);
  });
});

describe('inside shadow roots', () => {
  /** A host element of some other component library, holding a bar in its shadow root. */
  async function card(mode: ShadowRootMode, markup: string, css = '') {
    const host = await fixture<HTMLElement>(html`<div></div>`);
    const root = host.attachShadow({ mode });
    const template = document.createElement('template');
    template.innerHTML = `<style>${css}</style><article>${markup}</article>`;
    root.append(template.content.cloneNode(true));
    const bar = root.querySelector('share-bar')!;
    await bar.updateComplete;
    return { host, root, bar };
  }

  it('renders, takes ::part() styles from the outer shadow root and fetches counts when seen', async () => {
    const key = Math.random().toString(36).slice(2);
    const { bar } = await card(
      'open',
      `<share-bar url="https://blog.example/${key}" counts-url="/counts/${key}" networks="x facebook"></share-bar>`,
      'share-bar::part(button) { border-radius: 13px; }',
    );
    expect(getComputedStyle(controls(bar)[0]!).borderTopLeftRadius).to.equal('13px');
    const loaded = await new Promise<CustomEvent>((resolve) =>
      bar.addEventListener('counts-load', (e) => resolve(e as CustomEvent), { once: true }),
    );
    expect(loaded.detail.counts).to.include({ facebook: 16, x: 1234 });
  });

  it('in a closed shadow root, the share event reaches the document, retargeted to the host', async () => {
    const { host, bar } = await card(
      'closed',
      '<share-bar url="https://blog.example/closed" networks="facebook" target="self"></share-bar>',
    );
    const seen: { target: EventTarget | null; network: string }[] = [];
    const listener = (e: Event) => {
      seen.push({ target: e.target, network: (e as CustomEvent).detail.network });
      e.preventDefault();
    };
    document.addEventListener('share', listener);
    try {
      controls(bar)[0]!.click();
    } finally {
      document.removeEventListener('share', listener);
    }
    expect(seen).to.deep.equal([{ target: host, network: 'facebook' }]);
  });
});
