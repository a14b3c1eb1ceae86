import { expect } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import { hostPage } from './frames.js';

// layout="floating" on pages shaped like real ones (test/fixtures/blog.html, docs.html,
// phone.html) at a desktop and a phone size: the bar lies over no text of the page.

const DESKTOP = [1280, 900] as const;
const PHONE = [390, 844] as const;

/** Whether an element shows something of its own at its place: text, or replaced content. */
const ownContent = (el: Element) =>
  /^(IMG|VIDEO|CANVAS|IFRAME|INPUT|TEXTAREA|SELECT|BUTTON|svg)$/.test(el.tagName) ||
  [...el.childNodes].some((node) => node.nodeType == Node.TEXT_NODE && node.textContent!.trim());

/** The page's elements with content of their own under a grid of points of the bar's box. */
function underBar(doc: Document, bar: Element): Element[] {
  const box = bar.shadowRoot!.querySelector('[part~=base]')!.getBoundingClientRect();
  const found = new Set<Element>();
  for (let i = 0; i <= 8; i++) {
    for (let j = 0; j <= 4; j++) {
      const x = box.left + 1 + ((box.width - 2) * i) / 8;
      const y = box.top + 1 + ((box.height - 2) * j) / 4;
      for (const el of doc.elementsFromPoint(x, y)) {
        if (el != bar && el != doc.body && el != doc.documentElement && ownContent(el)) found.add(el);
      }
    }
  }
  return [...found];
}

const describeEl = (el: Element) =>
  `<${el.localName}${el.id ? '#' + el.id : ''}> "${el.textContent!.trim().slice(0, 30)}"`;

/** Scrolls the page's window to `y` (clamped to its end) and lets it paint. */
async function scroll(win: Window, y: number) {
  win.scrollTo(0, y);
  await new Promise((resolve) => win.requestAnimationFrame(() => setTimeout(resolve)));
}

async function open(fixture: string, [width, height]: readonly [number, number]) {
  const { win, doc, bars } = await hostPage(`/test/fixtures/${fixture}.html`, width, height);
  const bar = bars[0]!;
  const base = bar.shadowRoot!.querySelector<HTMLElement>('[part~=base]')!;
  const end = doc.documentElement.scrollHeight - height;
  expect(end, 'the page is longer than its viewport').to.be.greaterThan(height);
  return { win, doc, bar, base, end };
}

describe('floating layout on real-shaped pages', () => {
  before(() => setViewport({ width: 1300, height: 1000 }));
  after(() => setViewport({ width: 800, height: 600 }));

  it('is a rail at the inline-start edge beside a one-column blog at 1280 px, over no text at any scroll position', async () => {
    const { win, doc, bar, base, end } = await open('blog', DESKTOP);
    expect(base.classList.contains('side')).to.equal(true);
    const box = base.getBoundingClientRect();
    expect(box.left).to.be.below(16);
    // icons only, and the toggle keeps its padding
    const toggle = bar.shadowRoot!.querySelector('[part~=toggle]')!;
    expect(parseFloat(getComputedStyle(toggle).paddingInlineStart)).to.be.greaterThan(4);
    for (const button of bar.shadowRoot!.querySelectorAll('.list [part~=button]')) {
      const r = button.getBoundingClientRect();
      expect(r.width).to.be.closeTo(r.height, 1);
    }
    for (const y of [0, end / 2, end]) {
      await scroll(win, y);
      expect(underBar(doc, bar).map(describeEl), `scrolled to ${y}`).to.deep.equal([]);
    }
  });

  for (const [fixture, size] of [
    ['blog', PHONE],
    ['docs', DESKTOP],
    ['docs', PHONE],
    ['phone', PHONE],
    ['phone', DESKTOP],
  ] as const) {
    it(`is an opaque bar at the bottom on ${fixture}.html at ${size[0]} px, over no text once scrolled to the end`, async () => {
      const { win, doc, bar, base, end } = await open(fixture, size);
      expect(base.classList.contains('bottom')).to.equal(true);
      const box = base.getBoundingClientRect();
      expect(box.bottom).to.be.closeTo(size[1], 1);
      expect(box.left).to.equal(0);
      expect(box.width).to.be.below(size[0] * 0.9);
      // one row: the toggle and the icons
      expect(box.height).to.be.below(60);
      // Opaque: the text scrolling under it does not show through.
      expect(getComputedStyle(base).backgroundColor).to.match(/^rgb\(/);
      await scroll(win, end);
      expect(underBar(doc, bar).map(describeEl)).to.deep.equal([]);
      // the sidebar's links and the site's own fixed button are never under it
      for (const y of [0, end / 2, end]) {
        await scroll(win, y);
        for (const el of underBar(doc, bar)) expect(el.closest('#sidebar, #top'), describeEl(el)).to.equal(null);
      }
    });
  }

  it('folds away to its toggle, and opens again', async () => {
    const { bar, base } = await open('phone', PHONE);
    const details = bar.shadowRoot!.querySelector('details')!;
    const toggle = bar.shadowRoot!.querySelector<HTMLElement>('[part~=toggle]')!;
    toggle.click();
    expect(details.open).to.equal(false);
    const box = base.getBoundingClientRect();
    expect(box.width).to.be.below(toggle.getBoundingClientRect().width + 24);
    expect(box.height).to.be.below(60);
    toggle.click();
    expect(details.open).to.equal(true);
  });

  it('moves from the rail to the bottom when the viewport narrows, and back', async () => {
    const { win, base } = await open('blog', DESKTOP);
    const iframe = win.frameElement as HTMLIFrameElement;
    expect(base.classList.contains('side')).to.equal(true);
    iframe.style.width = PHONE[0] + 'px';
    await new Promise((resolve) => win.addEventListener('resize', resolve, { once: true }));
    await new Promise((resolve) => win.requestAnimationFrame(() => win.requestAnimationFrame(resolve)));
    expect(base.classList.contains('bottom')).to.equal(true);
    iframe.style.width = DESKTOP[0] + 'px';
    await new Promise((resolve) => win.addEventListener('resize', resolve, { once: true }));
    await new Promise((resolve) => win.requestAnimationFrame(() => win.requestAnimationFrame(resolve)));
    expect(base.classList.contains('side')).to.equal(true);
  });

  it('takes its place from --share-bar-float when the page sets it', async () => {
    const { doc, bar, base } = await open('blog', DESKTOP);
    bar.style.setProperty('--share-bar-float', 'bottom');
    bar.setAttribute('networks', 'x email');
    await (bar as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    const newBase = bar.shadowRoot!.querySelector('[part~=base]')!;
    expect(newBase).not.to.equal(base);
    expect(newBase.classList.contains('bottom'), doc.title).to.equal(true);
  });
});
