import { expect, fixture, html } from '@open-wc/testing';
import { accessibleName, buttons, frames, labels, rows, rowWidth } from './helpers.js';

describe('labels="auto"', () => {
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
});
