import { expect } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';

// A bar whose script arrives 800 ms after the page (test/fixtures/late.html, served by
// test/server/late-pages.mjs) moves nothing on the page when the page links the documented
// anti-shift stylesheet, dist/share-bar-placeholder.css.
//
// Chromium reports layout shifts (`layout-shift` performance entries), which add up to the
// page's CLS. Firefox has no such entries: there the test compares where a paragraph below the
// bar is before and after the upgrade, and allows what would score ≤ 0.01 even if it moved the
// whole viewport (a move of 1 % of the viewport's height). Chromium checks both.

const SIZES = [
  [390, 844],
  [1280, 900],
] as const;
const BARS = {
  horizontal: '',
  'icons only': 'labels="none"',
  floating: 'layout="floating"',
};

interface Upgrade {
  /** Whether the bar was still undefined when the page had painted. */
  late: boolean;
  /** How far the paragraph below the bar moved, in px. */
  moved: number;
  /** The layout shift score of the whole load; undefined where the browser reports none. */
  cls?: number;
}

/** Loads the late page at a size, measures the paragraph below the bar before and after the upgrade. */
async function load(query: string, [width, height]: readonly [number, number]): Promise<Upgrade> {
  const iframe = document.createElement('iframe');
  Object.assign(iframe.style, { width: width + 'px', height: height + 'px', border: '0' });
  // A url of its own each time: the dev server would answer a url it served before from its cache.
  iframe.src = '/late/page.html?' + query + '&load=' + Math.random().toString(36).slice(2);
  document.body.append(iframe);
  try {
    // Wait until the page is parsed and painted: the deferred script is still on its way.
    let doc: Document | null = null;
    while (!(doc = iframe.contentDocument)?.getElementById('sentinel') || doc.readyState == 'loading') {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const win = iframe.contentWindow! as Window & typeof globalThis;
    const cls = PerformanceObserver.supportedEntryTypes.includes('layout-shift') ? { value: 0 } : undefined;
    if (cls) {
      new win.PerformanceObserver((list) => {
        for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) {
          if (!entry.hadRecentInput) cls.value += entry.value;
        }
      }).observe({ type: 'layout-shift', buffered: true });
    }
    const frame = () => new Promise((resolve) => win.requestAnimationFrame(() => setTimeout(resolve)));
    await frame();
    const sentinel = doc.getElementById('sentinel')!;
    const before = sentinel.getBoundingClientRect().top;
    const late = !win.customElements.get('share-bar');
    await win.customElements.whenDefined('share-bar');
    await (doc.querySelector('share-bar') as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    await frame();
    await frame();
    return { late, moved: Math.abs(sentinel.getBoundingClientRect().top - before), cls: cls?.value };
  } finally {
    iframe.remove();
  }
}

describe('no layout shift from a late script', () => {
  before(() => setViewport({ width: 1300, height: 1000 }));
  after(() => setViewport({ width: 800, height: 600 }));

  for (const size of SIZES) {
    for (const [name, attributes] of Object.entries(BARS)) {
      for (const fallback of [false, true]) {
        it(`${name} bar at ${size[0]} px${fallback ? ', with the no-JS fallback links' : ''}: CLS ≤ 0.01`, async () => {
          const query = new URLSearchParams({ bar: attributes, sheet: '1', fallback: fallback ? '1' : '0' });
          const { late, moved, cls } = await load(query.toString(), size);
          expect(late, 'the script came after the page had painted').to.equal(true);
          expect(moved, 'px the paragraph below moved').to.be.at.most(size[1] * 0.01);
          if (cls != null) expect(cls, 'CLS').to.be.at.most(0.01);
        });
      }
    }
  }

  it('measures a shift where the page does not link the stylesheet', async () => {
    const query = new URLSearchParams({ bar: '', sheet: '0', fallback: '1' });
    const { late, moved, cls } = await load(query.toString(), SIZES[0]);
    expect(late).to.equal(true);
    expect(moved).to.be.above(SIZES[0][1] * 0.01);
    if (cls != null) expect(cls).to.be.above(0.01);
  });
});
