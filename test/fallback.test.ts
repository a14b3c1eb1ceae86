import { expect } from '@open-wc/testing';
import { controls } from './frames.js';

// The no-JavaScript fallback documented in the README (test/fixtures/fallback.html): plain links
// inside <share-bar>, working without scripts and replaced by the bar with them.

async function load(sandbox?: string) {
  const iframe = document.createElement('iframe');
  // Without allow-scripts the page runs no script at all, as with JavaScript turned off.
  if (sandbox != null) iframe.setAttribute('sandbox', sandbox);
  iframe.src = '/test/fixtures/fallback.html';
  const loaded = new Promise((resolve) => (iframe.onload = resolve));
  document.body.append(iframe);
  await loaded;
  const doc = iframe.contentDocument!;
  const bar = doc.querySelector('share-bar')!;
  await (bar as { updateComplete?: Promise<unknown> }).updateComplete;
  const fallback = [...bar.querySelectorAll('a')];
  return { iframe, doc, bar, fallback };
}

describe('no-JavaScript fallback', () => {
  it('without scripts, the fallback links are shown and usable', async () => {
    const { iframe, bar, fallback } = await load('allow-same-origin');
    try {
      expect(bar.shadowRoot).to.equal(null);
      expect(fallback).to.have.length(4);
      for (const a of fallback) {
        expect(a.getBoundingClientRect().height, a.textContent!).to.be.greaterThan(0);
        expect(a.href).to.match(/^(https|mailto):/);
      }
    } finally {
      iframe.remove();
    }
  });

  it('with scripts, the bar replaces them and links to the very same places', async () => {
    const { iframe, bar, fallback } = await load();
    try {
      for (const a of fallback) expect(a.getBoundingClientRect().height).to.equal(0);
      expect(controls(bar).map((a) => (a as HTMLAnchorElement).href)).to.deep.equal(fallback.map((a) => a.href));
    } finally {
      iframe.remove();
    }
  });
});
