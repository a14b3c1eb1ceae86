// Needs setViewport, which WebKit's WebDriver cannot do: the suite runs in Chromium and Firefox.
import { expect, html, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import { accessibleName, bar, buttons, frames, labels, rows } from './helpers.js';

const FOUR = { x: 1234, facebook: 16, linkedin: 66, pinterest: 7 };
const FIVE = { ...FOUR, whatsapp: 2500 };

describe('labels="auto" on a phone and on a desktop', () => {
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
