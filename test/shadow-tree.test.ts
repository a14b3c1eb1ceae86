import { expect, html } from '@open-wc/testing';
import { bar } from './helpers.js';

/** Every node under `root`: elements, text and comments (Lit's markers). */
function countNodes(root: Node): number {
  let n = 0;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_ALL);
  while (walker.nextNode()) n++;
  return n;
}

describe('shadow tree', () => {
  it('a bar of 4 networks with labels, heading and counts is at most 30 nodes', async () => {
    const el = await bar(
      html`<share-bar
        url="https://example.com/"
        counts='{"x":1234,"facebook":16,"linkedin":66,"pinterest":7}'
      ></share-bar>`,
    );
    const root = el.shadowRoot!;
    expect(root.querySelectorAll('[part~=label]')).to.have.length(4);
    expect(root.querySelectorAll('[data-count]')).to.have.length(4);
    expect(countNodes(root)).to.be.at.most(30);
  });
});
