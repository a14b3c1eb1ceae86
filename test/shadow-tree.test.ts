import { expect, html } from '@open-wc/testing';
import { bar } from './helpers.js';

/** Every node under `root`: elements, text and comments (Lit's markers). */
function countNodes(root: Node): number {
  let n = 0;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_ALL);
  while (walker.nextNode()) n++;
  return n;
}

/** The parts SPEC §1 names (and `button-<id>` per network), then those the docs add. */
const SPEC_PARTS = ['base', 'heading', 'list', 'item', 'button', 'icon', 'label', 'count', 'total'];
const DOCUMENTED_PARTS = [...SPEC_PARTS, 'status', 'toggle'];

/**
 * A page style sheet that styles every part the way a site would, `share-bar::part(<name>)`, each
 * with a custom property of its own that does not inherit, so only the element carrying the part
 * gets it.
 */
function styleEveryPart(names: string[]): () => void {
  const style = document.createElement('style');
  style.textContent = names
    .map(
      (name) => `@property --probe-${name} { syntax: '*'; inherits: false; }
      share-bar::part(${name}) { --probe-${name}: on; }`,
    )
    .join('\n');
  document.head.append(style);
  return () => style.remove();
}

/** The elements of a bar's shadow tree that `share-bar::part(<name>)` styles. */
const styledBy = (el: Element, name: string) =>
  [...el.shadowRoot!.querySelectorAll('*')].filter(
    (node) => getComputedStyle(node).getPropertyValue(`--probe-${name}`).trim() == 'on',
  );

describe('shadow tree', () => {
  let unstyle: () => void;
  before(() => (unstyle = styleEveryPart([...DOCUMENTED_PARTS, 'button-x', 'button-pinterest'])));
  after(() => unstyle());

  it('a bar of 4 networks with labels, heading and counts is at most 30 nodes', async () => {
    const el = await bar(
      html`<share-bar
        url="https://example.com/"
        counts='{"x":1234,"facebook":16,"linkedin":66,"pinterest":7}'
      ></share-bar>`,
    );
    const root = el.shadowRoot!;
    expect(root.querySelectorAll('[part~=label]')).to.have.length(4);
    expect(root.querySelectorAll('[part~=count][data-count]')).to.have.length(4);
    expect(countNodes(root)).to.be.at.most(30);
  });

  it('has every part of the contract on elements a page can style', async () => {
    const el = await bar(
      html`<share-bar
        url="https://example.com/"
        counts='{"x":1234,"facebook":16,"linkedin":66,"pinterest":7}'
        count-display="both"
      ></share-bar>`,
    );
    for (const name of [...SPEC_PARTS, 'button-x', 'button-pinterest']) {
      const styled = styledBy(el, name);
      expect(styled, name).to.not.be.empty;
      for (const node of styled) expect(node.getBoundingClientRect().width, name).to.be.greaterThan(0);
    }
    // One list holds the buttons; each button is an item, with its icon, label and count.
    const [list] = styledBy(el, 'list');
    const items = styledBy(el, 'item');
    expect(items).to.deep.equal(styledBy(el, 'button'));
    expect(items.map((item) => item.parentElement)).to.deep.equal([list, list, list, list]);
    for (const name of ['icon', 'label', 'count']) {
      expect(
        styledBy(el, name).map((node) => node.closest('[part~=item]')),
        name,
      ).to.deep.equal(items);
    }
  });

  it('keeps the list in every layout, and shows status and toggle where they apply', async () => {
    for (const layout of ['horizontal', 'vertical', 'floating']) {
      const el = await bar(html`<share-bar layout=${layout} networks="x copy"></share-bar>`);
      const [list] = styledBy(el, 'list');
      expect(list, layout).to.exist;
      expect(
        styledBy(el, 'button').every((button) => button.parentElement == list),
        layout,
      ).to.equal(true);
      expect(styledBy(el, 'status'), layout).to.have.length(1);
      expect(styledBy(el, 'toggle'), layout).to.have.length(layout == 'floating' ? 1 : 0);
      el.remove();
    }
  });
});
