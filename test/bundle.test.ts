import { expect } from '@open-wc/testing';

// The standalone bundle as site owners use it: a script tag in a page of their own. Needs
// `npm run build` first (npm test does that).
const BUNDLE = '/dist/share-bar.bundle.js';

interface Page {
  win: Window & { ShareBar?: Record<string, unknown> };
  doc: Document;
  errors: string[];
  warnings: string[];
}

/** Loads `body` as a page of its own in an iframe and waits until its bars have rendered. */
async function page(head: string, body: string): Promise<Page> {
  const iframe = document.createElement('iframe');
  const errors: string[] = [];
  const warnings: string[] = [];
  // Listen from the start: the page reports through its parent, as a test harness would.
  const capture = `<script>
    addEventListener('error', (e) => parent.postMessage({type: 'error', text: String(e.message)}, '*'));
    const warn = console.warn;
    console.warn = (...args) => { parent.postMessage({type: 'warn', text: args.join(' ')}, '*'); warn(...args); };
  </script>`;
  iframe.srcdoc = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Someone's blog</title>${capture}${head}</head><body>${body}</body></html>`;
  const onMessage = (e: MessageEvent) => {
    if (e.source !== iframe.contentWindow) return;
    (e.data.type == 'error' ? errors : warnings).push(e.data.text);
  };
  addEventListener('message', onMessage);
  const loaded = new Promise((resolve) => (iframe.onload = resolve));
  document.body.append(iframe);
  await loaded;
  const doc = iframe.contentDocument!;
  await Promise.all(
    [...doc.querySelectorAll('share-bar')].map(
      (b) => (b as unknown as { updateComplete: Promise<unknown> }).updateComplete,
    ),
  );
  await new Promise((r) => setTimeout(r, 50));
  removeEventListener('message', onMessage);
  after(() => iframe.remove());
  return { win: iframe.contentWindow as Page['win'], doc, errors, warnings };
}

const links = (doc: Document, index = 0) => [
  ...doc.querySelectorAll('share-bar')[index]!.shadowRoot!.querySelectorAll<HTMLAnchorElement>('a[part~=button]'),
];

describe('standalone bundle', () => {
  it('works as a classic script: renders correct links and exposes window.ShareBar', async () => {
    const { win, doc, errors } = await page(
      `<script src="${BUNDLE}"></script>`,
      `<h1>My post</h1><share-bar url="https://blog.example/post?id=1&amp;x=2" text="Fish &amp; chips"></share-bar>`,
    );
    expect(errors).to.deep.equal([]);
    expect(Object.keys(win.ShareBar!).sort()).to.deep.equal([
      'ShareBarElement',
      'defaults',
      'getNetwork',
      'registerNetwork',
    ]);
    expect(win.customElements.get('share-bar')).to.equal(win.ShareBar!.ShareBarElement);
    const hrefs = links(doc).map((a) => a.href);
    expect(hrefs).to.deep.equal([
      'https://x.com/intent/tweet?text=Fish%20%26%20chips&url=https%3A%2F%2Fblog.example%2Fpost%3Fid%3D1%26x%3D2',
      'https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fblog.example%2Fpost%3Fid%3D1%26x%3D2',
      'https://www.linkedin.com/sharing/share-offsite/?url=https%3A%2F%2Fblog.example%2Fpost%3Fid%3D1%26x%3D2',
      'https://www.pinterest.com/pin/create/button/?url=https%3A%2F%2Fblog.example%2Fpost%3Fid%3D1%26x%3D2&description=Fish%20%26%20chips',
    ]);
    expect(doc.querySelector('share-bar')!.shadowRoot!.textContent).to.include(
      'The more we share, the more we have...',
    );
  });

  it('works as a module script too', async () => {
    const { win, doc, errors } = await page(
      `<script type="module" src="${BUNDLE}" data-networks="reddit"></script>`,
      `<share-bar url="https://blog.example/"></share-bar>`,
    );
    expect(errors).to.deep.equal([]);
    expect(win.ShareBar).to.exist;
    expect(links(doc).map((a) => a.part[1])).to.deep.equal(['button-reddit']);
  });

  it('takes page-wide defaults from data-* attributes of its own script tag; attributes win', async () => {
    const { win, doc } = await page(
      `<script src="${BUNDLE}" data-networks="telegram, x" data-via="blogger" data-labels="short"></script>`,
      `<share-bar url="https://blog.example/"></share-bar><share-bar url="https://blog.example/" networks="linkedin"></share-bar>`,
    );
    expect((win.ShareBar!.defaults as Record<string, string>).networks).to.equal('telegram, x');
    expect(links(doc, 0).map((a) => a.part[1])).to.deep.equal(['button-telegram', 'button-x']);
    expect(new URL(links(doc, 0)[1]!.href).searchParams.get('via')).to.equal('blogger');
    expect(links(doc, 0)[0]!.textContent!.trim()).to.equal('Telegram');
    expect(links(doc, 1).map((a) => a.part[1])).to.deep.equal(['button-linkedin']);
  });

  it("can also register the element under a tag of the site's choosing", async () => {
    const { define } = await import('../src/share-bar.js');
    define('site-share');
    const el = document.createElement('site-share') as HTMLElement & { updateComplete: Promise<unknown> };
    el.setAttribute('networks', 'x');
    document.body.append(el);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelectorAll('a[part~=button]')).to.have.length(1);
    el.remove();
  });

  it('can be loaded twice without an error', async () => {
    const { doc, errors, warnings } = await page(
      `<script src="${BUNDLE}"></script><script src="${BUNDLE}?again"></script>`,
      `<share-bar url="https://blog.example/"></share-bar>`,
    );
    expect(errors).to.deep.equal([]);
    // the same version twice is not worth a warning
    expect(warnings).to.deep.equal([]);
    expect(links(doc)).to.have.length(4);
  });

  it('upgrades bars written before the script and replaces their fallback links', async () => {
    const { doc } = await page(
      '',
      `<share-bar networks="facebook" url="https://blog.example/"><a href="https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fblog.example%2F">Share on Facebook</a></share-bar>
       <script src="${BUNDLE}"></script>`,
    );
    const el = doc.querySelector('share-bar')!;
    expect(el.querySelector('a')!.getBoundingClientRect().height).to.equal(0);
    expect(links(doc).map((a) => a.href)).to.deep.equal([
      'https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fblog.example%2F',
    ]);
  });
});
