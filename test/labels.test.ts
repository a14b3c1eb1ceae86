import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import type { ShareBarElement } from '../src/index.js';
import { accessibleName, bar, buttons } from './helpers.js';

const FOUR = { x: 1234, facebook: 16, linkedin: 66, pinterest: 7 };
const FIVE = { ...FOUR, whatsapp: 2500 };

/** The tops of a bar's buttons, rounded: one value when they stand in one row. */
const rows = (el: ShareBarElement) =>
  new Set(Object.values(buttons(el)).map((b) => Math.round(b.getBoundingClientRect().top))).size;

/** The labels a bar shows, in order (empty for an icon-only button). */
const labels = (el: ShareBarElement) =>
  Object.values(buttons(el)).map((b) => b.querySelector('[part~=label]')?.textContent ?? '');

/** The width of a bar's row of buttons, from the first one's start to the last one's end. */
function rowWidth(el: ShareBarElement): number {
  const rects = Object.values(buttons(el)).map((b) => b.getBoundingClientRect());
  return Math.max(...rects.map((r) => r.right)) - Math.min(...rects.map((r) => r.left));
}

/** Waits for the frame after the next one: what a resize changes is rendered by then. */
const frames = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));

describe('labels="auto"', () => {
  afterEach(() => setViewport({ width: 1024, height: 768 }));

  for (const counts of [FOUR, FIVE]) {
    const networks = Object.keys(counts).join(' ');
    it(`keeps a bar of ${Object.keys(counts).length} networks with counts in one row on a 390 px phone`, async () => {
      await setViewport({ width: 390, height: 844 });
      const el = await bar(html`<share-bar networks=${networks} counts=${JSON.stringify(counts)}></share-bar>`);
      await frames();
      expect(rows(el)).to.equal(1);
      const list = el.shadowRoot!.querySelector('[part~=list]')!.getBoundingClientRect();
      for (const [id, b] of Object.entries(buttons(el))) {
        expect(b.getBoundingClientRect().right, id).to.be.at.most(list.right + 0.5);
        // Whatever the labels, the name says the network and the exact count.
        const count = new Intl.NumberFormat('en').format(counts[id as keyof typeof counts]);
        expect(accessibleName(b), id).to.match(new RegExp(`^(Share on|Post on|Pin on) .+, ${count} shares$`));
      }
      await expect(el).to.be.accessible();
    });
  }

  it('shows the full labels where the row fits, and no wider bar than needed', async () => {
    await setViewport({ width: 1280, height: 900 });
    const el = await bar(html`<share-bar counts=${JSON.stringify(FOUR)}></share-bar>`);
    await frames();
    expect(labels(el)).to.deep.equal(['Post on X', 'Share on Facebook', 'Share on LinkedIn', 'Pin on Pinterest']);
    expect(rows(el)).to.equal(1);
  });

  it('goes from full to short labels to icons and back as the bar narrows and widens', async () => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div style="width: 1000px"><share-bar networks="x facebook linkedin pinterest copy"></share-bar></div>`,
    );
    const el = wrapper.querySelector('share-bar')!;
    await el.updateComplete;
    await frames();
    expect(labels(el)[1]).to.equal('Share on Facebook');
    // Between the width of the short row and that of the full one.
    wrapper.style.width = `${Math.round(rowWidth(el) * 0.8)}px`;
    await frames();
    expect(labels(el)).to.deep.equal(['X', 'Facebook', 'LinkedIn', 'Pinterest', 'Copy link']);
    expect(rows(el)).to.equal(1);
    wrapper.style.width = '150px';
    await frames();
    expect(labels(el)).to.deep.equal(['', '', '', '', '']);
    expect(accessibleName(buttons(el).facebook!)).to.equal('Share on Facebook');
    for (const b of Object.values(buttons(el))) expect(b.getBoundingClientRect().width).to.be.below(50);
    wrapper.style.width = '1000px';
    await frames();
    expect(labels(el)[0]).to.equal('Post on X');
    expect(rows(el)).to.equal(1);
  });

  it('fits again when the content changes: counts arriving, and going', async () => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div style="width: 2000px"><share-bar networks="x facebook linkedin pinterest"></share-bar></div>`,
    );
    const el = wrapper.querySelector('share-bar')!;
    await el.updateComplete;
    await frames();
    // Just wide enough for the full labels without counts.
    wrapper.style.width = `${rowWidth(el) + 10}px`;
    await frames();
    expect(labels(el)[1]).to.equal('Share on Facebook');
    el.counts = { x: 123456, facebook: 123456, linkedin: 123456, pinterest: 123456 };
    await el.updateComplete;
    await frames();
    expect(rows(el)).to.equal(1);
    expect(labels(el)[1]).to.equal('Facebook');
    el.counts = {};
    await el.updateComplete;
    await frames();
    expect(labels(el)[1]).to.equal('Share on Facebook');
  });

  it('fits each button in the vertical layout, not the row', async () => {
    await setViewport({ width: 390, height: 844 });
    const el = await bar(html`<share-bar layout="vertical" counts=${JSON.stringify(FOUR)}></share-bar>`);
    await frames();
    expect(labels(el)[1]).to.equal('Share on Facebook');
  });

  it('keeps the meaning of explicit full, short and none', async () => {
    await setViewport({ width: 390, height: 844 });
    const full = await bar(html`<share-bar labels="full" counts=${JSON.stringify(FOUR)}></share-bar>`);
    const short = await bar(html`<share-bar labels="short"></share-bar>`);
    const none = await bar(html`<share-bar labels="none"></share-bar>`);
    await frames();
    expect(labels(full)[1]).to.equal('Share on Facebook');
    expect(rows(full)).to.be.greaterThan(1);
    expect(labels(short)[1]).to.equal('Facebook');
    expect(labels(none)).to.deep.equal(['', '', '', '']);
  });
});

// Bars measured before they are shown would flash a wrapped row: none does.
describe('labels="auto" first paint', () => {
  afterEach(() => setViewport({ width: 1024, height: 768 }));

  it('paints the fitted labels in the very first frame', async () => {
    await setViewport({ width: 390, height: 844 });
    const el = document.createElement('share-bar');
    el.setAttribute('networks', 'x facebook linkedin pinterest whatsapp');
    el.setAttribute('counts', JSON.stringify(FIVE));
    document.body.append(el);
    // The first animation frame callback runs before that frame's paint, after the element has
    // rendered but before the observer reports; the second sees what the first paint showed.
    await new Promise(requestAnimationFrame);
    await new Promise(requestAnimationFrame);
    try {
      await waitUntil(() => rows(el) == 1, 'one row in the first painted frame', { timeout: 1 });
    } finally {
      el.remove();
    }
  });
});
