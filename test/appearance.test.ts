import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand, sendKeys, setViewport } from '@web/test-runner-commands';
import type { ShareBarElement } from '../src/index.js';
import { bar, buttons, contrast, over } from './helpers.js';

const ALL =
  'x facebook linkedin pinterest reddit whatsapp telegram email mastodon bluesky threads hackernews tumblr flipboard vk ok line weibo copy';

/** Emulates media features; false where this browser cannot. */
const media = (features: { name: string; value: string }[]) =>
  executeServerCommand<boolean, typeof features>('media-features', features);

describe('appearance', () => {
  afterEach(async () => {
    await media([]);
    await setViewport({ width: 1024, height: 768 });
  });

  it('gives every brand colour text that reaches 4.5:1', async () => {
    const el = await bar(html`<share-bar networks=${ALL}></share-bar>`);
    for (const [id, b] of Object.entries(buttons(el))) {
      const style = getComputedStyle(b);
      expect(contrast(style.color, style.backgroundColor), id).to.be.at.least(4.5);
    }
  });

  it('makes touch targets at least 24×24 px, and 44×44 px at size large', async () => {
    for (const [size, min] of [
      ['small', 24],
      ['medium', 24],
      ['large', 44],
    ] as const) {
      for (const labels of ['full', 'none']) {
        const el = await bar(html`<share-bar networks="x copy" size=${size} labels=${labels}></share-bar>`);
        for (const b of Object.values(buttons(el))) {
          const r = b.getBoundingClientRect();
          expect(r.width, `${size} ${labels}`).to.be.at.least(min);
          expect(r.height, `${size} ${labels}`).to.be.at.least(min);
        }
      }
    }
  });

  it('stacks buttons in the vertical layout and wraps the horizontal one on narrow screens', async () => {
    const vertical = await bar(html`<share-bar layout="vertical"></share-bar>`);
    const v = Object.values(buttons(vertical)).map((b) => b.getBoundingClientRect());
    expect(new Set(v.map((r) => Math.round(r.left))).size).to.equal(1);
    expect(v[1]!.top).to.be.greaterThan(v[0]!.top);
    await setViewport({ width: 360, height: 640 });
    const narrow = await bar(html`<share-bar></share-bar>`);
    const rects = Object.values(buttons(narrow)).map((b) => b.getBoundingClientRect());
    for (const r of rects) expect(r.right).to.be.at.most(360);
    expect(new Set(rects.map((r) => Math.round(r.top))).size).to.be.greaterThan(1);
  });

  // Where it floats on real-shaped pages: test/floating.test.ts.
  it('floats as an opaque compact bar at the bottom where the page leaves no margin, folding to its toggle', async () => {
    await setViewport({ width: 360, height: 640 });
    const narrow = await bar(html`<share-bar layout="floating"></share-bar>`);
    const base = narrow.shadowRoot!.querySelector<HTMLElement>('[part~=base]')!;
    expect(getComputedStyle(base).position).to.equal('fixed');
    const details = narrow.shadowRoot!.querySelector('details')!;
    expect(details.open).to.equal(true);
    expect(base.getBoundingClientRect().bottom).to.be.closeTo(640, 1);
    // icons in one row beside the toggle
    const rows = new Set(Object.values(buttons(narrow)).map((b) => Math.round(b.getBoundingClientRect().top)));
    expect(rows.size).to.equal(1);
    expect(getComputedStyle(base).backgroundColor).to.match(/^rgb\(/);
    const toggle = narrow.shadowRoot!.querySelector<HTMLElement>('[part~=toggle]')!;
    toggle.focus();
    await sendKeys({ press: 'Enter' });
    expect(details.open).to.equal(false);
    // folded, it covers no more than its own toggle
    expect(base.getBoundingClientRect().height).to.be.below(60);
    expect(base.getBoundingClientRect().width).to.be.below(toggle.getBoundingClientRect().width + 24);
    await sendKeys({ press: 'Enter' });
    expect(details.open).to.equal(true);
    expect(buttons(narrow).x!.getBoundingClientRect().height).to.be.greaterThan(20);
    narrow.remove();
  });

  it('shows a visible focus ring for keyboard users', async () => {
    const el = await bar(html`<share-bar networks="x facebook"></share-bar>`);
    buttons(el).x!.focus();
    await sendKeys({ press: 'Tab' });
    const style = getComputedStyle(buttons(el).facebook!);
    expect(style.outlineStyle).to.equal('solid');
    expect(parseFloat(style.outlineWidth)).to.be.at.least(2);
  });

  it('takes a neutral colour for every button from --share-bar-brand and --share-bar-fg', async () => {
    const wrapper = await fixture(
      html`<div style="--share-bar-brand: rgb(240, 240, 240); --share-bar-fg: rgb(20, 20, 20)">
        <share-bar networks="x facebook reddit"></share-bar>
      </div>`,
    );
    const el = wrapper.querySelector('share-bar')!;
    await el.updateComplete;
    for (const b of Object.values(buttons(el))) {
      expect(getComputedStyle(b).backgroundColor).to.equal('rgb(240, 240, 240)');
      expect(getComputedStyle(b).color).to.equal('rgb(20, 20, 20)');
    }
  });

  it('keeps dark brands visible on a dark page', async () => {
    const emulated = await media([{ name: 'prefers-color-scheme', value: 'dark' }]);
    // Firefox cannot emulate the colour scheme through the test runner; Chromium can.
    expect(emulated || navigator.userAgent.includes('Firefox')).to.equal(true);
    if (!emulated) return;
    const el = await bar(html`<share-bar networks="x threads"></share-bar>`);
    const border = getComputedStyle(buttons(el).x!).borderTopColor;
    expect(contrast(border, 'rgb(0, 0, 0)')).to.be.at.least(3);
  });

  it('stays legible in forced-colors mode', async () => {
    const emulated = await media([{ name: 'forced-colors', value: 'active' }]);
    // Firefox cannot emulate forced colors through the test runner; Chromium can.
    expect(emulated || navigator.userAgent.includes('Firefox')).to.equal(true);
    if (!emulated) return;
    expect(matchMedia('(forced-colors: active)').matches).to.equal(true);
    const el = await bar(html`<share-bar networks="x facebook copy" counts='{"x":3}'></share-bar>`);
    for (const b of Object.values(buttons(el))) {
      const style = getComputedStyle(b);
      expect(style.borderTopStyle).to.equal('solid');
      expect(contrast(style.color, style.backgroundColor)).to.be.at.least(4.5);
    }
  });

  describe('axe finds no violations', () => {
    const check = async (el: ShareBarElement) => expect(el).to.be.accessible();

    it('in every layout × variant × labels combination', async () => {
      for (const layout of ['horizontal', 'vertical', 'floating']) {
        for (const variant of ['solid', 'outline', 'plain']) {
          for (const labels of ['full', 'short', 'none']) {
            const el = await bar(
              html`<share-bar
                networks=${ALL}
                layout=${layout}
                variant=${variant}
                labels=${labels}
                counts='{"x":1234,"facebook":16}'
                count-display="both"
              ></share-bar>`,
            );
            await check(el);
            el.remove();
          }
        }
      }
    });

    it('in dark mode and right to left', async () => {
      await media([{ name: 'prefers-color-scheme', value: 'dark' }]);
      for (const variant of ['solid', 'outline', 'plain']) {
        for (const lang of ['en', 'ar']) {
          const wrapper = await fixture(html`<div lang=${lang} style="background:#121212;color:#eee"></div>`);
          wrapper.innerHTML = `<share-bar networks="${ALL}" variant="${variant}" counts='{"x":5}'></share-bar>`;
          const el = wrapper.querySelector('share-bar')!;
          await el.updateComplete;
          await check(el);
        }
      }
    });
  });
});

describe("a page's own dark theme", () => {
  let undo: () => void;
  beforeEach(async () => {
    // The reader's setting stays light (Firefox cannot emulate it, but its own is light).
    await media([{ name: 'prefers-color-scheme', value: 'light' }]);
    expect(matchMedia('(prefers-color-scheme: dark)').matches).to.equal(false);
    const root = document.documentElement;
    root.style.colorScheme = 'dark';
    root.style.background = 'rgb(33, 37, 41)';
    undo = () => {
      root.style.colorScheme = '';
      root.style.background = '';
    };
  });
  afterEach(async () => {
    undo();
    await media([]);
  });

  const PAGE = 'rgb(33, 37, 41)';

  it('gives the X button an edge of at least 3:1 against a page whose color-scheme is dark', async () => {
    const el = await bar(html`<share-bar networks="x threads facebook"></share-bar>`);
    for (const id of ['x', 'threads']) {
      const edge = over(getComputedStyle(buttons(el)[id]!).borderTopColor, PAGE);
      expect(contrast(edge, PAGE), id).to.be.at.least(3);
    }
  });

  it('keeps the X and Pinterest borders of the outline variant visible', async () => {
    const el = await bar(html`<share-bar variant="outline" networks="x pinterest"></share-bar>`);
    for (const id of ['x', 'pinterest']) {
      const edge = over(getComputedStyle(buttons(el)[id]!).borderTopColor, PAGE);
      expect(contrast(edge, PAGE), id).to.be.at.least(3);
    }
  });

  it('keeps the brand edges on a light page', async () => {
    undo();
    const el = await bar(html`<share-bar variant="outline" networks="x pinterest"></share-bar>`);
    for (const id of ['x', 'pinterest']) {
      const edge = getComputedStyle(buttons(el)[id]!).borderTopColor;
      expect(contrast(edge, 'rgb(255, 255, 255)'), id).to.be.at.least(3);
    }
  });
});
