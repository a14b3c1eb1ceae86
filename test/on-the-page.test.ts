import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { ShareBarElement } from '../src/index.js';
import { bar, buttons, catchNavigation, contrast, over } from './helpers.js';

/** Emulates media features; false where this browser cannot. */
const media = (features: { name: string; value: string }[]) =>
  executeServerCommand<boolean, typeof features>('media-features', features);

/** A bar between two paragraphs of a page whose paragraphs have no margin. */
async function between(bar: ReturnType<typeof html>, style = '') {
  const page = await fixture<HTMLDivElement>(
    html`<div style=${style}>
      <style>
        .page p {
          margin: 0;
        }
      </style>
      <div class="page">
        <p>Above</p>
        ${bar}
        <p>Below</p>
      </div>
    </div>`,
  );
  const [above, below] = page.querySelectorAll('p');
  const el = page.querySelector('share-bar')!;
  await el.updateComplete;
  return { page, above: above!, below: below!, el };
}

const part = (el: ShareBarElement, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~=${name}]`)!;

describe('on the page', () => {
  it('keeps space of its own above and below, from --share-bar-margin', async () => {
    const { above, below, el } = await between(html`<share-bar counts='{"x":3}' count-display="both"></share-bar>`);
    const heading = part(el, 'heading').getBoundingClientRect();
    const total = part(el, 'total').getBoundingClientRect();
    expect(heading.top - above.getBoundingClientRect().bottom).to.be.greaterThan(8);
    expect(below.getBoundingClientRect().top - total.bottom).to.be.greaterThan(8);

    el.style.setProperty('--share-bar-margin', '40px');
    expect(part(el, 'heading').getBoundingClientRect().top - above.getBoundingClientRect().bottom).to.equal(40);
    el.style.setProperty('--share-bar-margin', '0');
    expect(part(el, 'heading').getBoundingClientRect().top).to.equal(above.getBoundingClientRect().bottom);
  });

  it('sizes its heading after the text of the page', async () => {
    for (const size of [16, 20]) {
      const { el } = await between(html`<share-bar></share-bar>`, `font-size: ${size}px`);
      expect(getComputedStyle(part(el, 'heading')).fontSize).to.equal(`${size}px`);
      // the buttons keep their own size
      expect(getComputedStyle(buttons(el).x!).fontSize).to.equal('14px');
    }
  });

  it('shows feedback after a share without moving the page below', async () => {
    const { below, el } = await between(
      html`<share-bar networks="facebook copy" counts='{"facebook":16}' target="tab"></share-bar>`,
    );
    const top = below.getBoundingClientRect().top;
    const nav = catchNavigation();
    buttons(el).facebook!.click();
    nav.stop();
    const status = part(el, 'status');
    await waitUntil(() => status.textContent != '');
    expect(status.textContent).to.equal('Facebook, 17 shares');
    expect(status.getAttribute('role')).to.equal('status');
    expect(status.getBoundingClientRect().height).to.be.greaterThan(10);
    expect(below.getBoundingClientRect().top).to.equal(top);
    buttons(el).copy!.click();
    await waitUntil(() => status.textContent != 'Facebook, 17 shares');
    expect(status.getBoundingClientRect().height).to.be.greaterThan(10);
    expect(below.getBoundingClientRect().top).to.equal(top);
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
