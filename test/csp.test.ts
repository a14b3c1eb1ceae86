import { expect } from '@open-wc/testing';
import { controls, hostPage, shownCount, uniqueKey, until, type HostPage } from './frames.js';

// share-bar on sites that send a strict Content-Security-Policy, served with the real header by
// test/server/host-pages.mjs (the policy: STRICT_CSP there, as the SPEC gives it). Each page holds
// a blocked inline script as a control: it proves the policy is in force and that violations reach
// the test. Needs `npm run build` first (npm test does that).

/** Violations other than the page's control (its blocked inline script). */
const unexpected = (page: HostPage) =>
  page.win.report.violations.filter((v) => !(v.blocked == 'inline' && v.directive.startsWith('script-src')));

/** The compact counts each button shows, keyed by its part (`button-facebook`). */
const shownCounts = (bar: Element) =>
  Object.fromEntries(
    controls(bar)
      .filter((b) => shownCount(b))
      .map((b) => [b.part[1], shownCount(b)]),
  );

async function strictPage(fixture: string, policy = 'strict') {
  const key = uniqueKey();
  const page = await hostPage(`/host/${fixture}?key=${key}&policy=${policy}`);
  const log = async () =>
    (await fetch(`/counts/${key}/log`)).json() as Promise<{ gets: unknown[]; posts: { body: string }[] }>;
  return { ...page, key, log };
}

describe('strict Content-Security-Policy', () => {
  it('the standalone bundle renders bars and their counts with no violation', async () => {
    const page = await strictPage('csp-bundle.html');
    const [first, second] = page.bars;
    // The control: the policy is in force and its violations are seen.
    expect(page.win.inlineRan).to.equal(undefined);
    expect(page.win.report.violations.length).to.be.greaterThan(0);

    await until(
      () => shownCounts(first!),
      (c) => Object.keys(c).length == 3,
    );
    expect(shownCounts(first!)).to.deep.equal({ 'button-x': '1.2K', 'button-facebook': '16', 'button-linkedin': '66' });
    expect(first!.shadowRoot!.querySelector('[part=total]')!.textContent).to.match(/1,316|1\.3K/);
    expect(controls(first!).map((b) => b.part[1])).to.deep.equal([
      'button-x',
      'button-facebook',
      'button-linkedin',
      'button-copy',
    ]);
    // Styles and brand colours came through the constructed sheets (a flex item of the bar).
    const x = controls(first!)[0]!;
    expect(getComputedStyle(x).display).to.equal('flex');
    expect(getComputedStyle(x).backgroundColor).to.equal('rgb(0, 0, 0)');
    expect(getComputedStyle(controls(first!)[1]!).backgroundColor).to.not.equal('rgba(0, 0, 0, 0)');
    // The fallback link is not shown once the bar renders.
    expect(first!.querySelector('a')!.getBoundingClientRect().height).to.equal(0);

    expect(shownCounts(second!)).to.deep.equal({ 'button-reddit': '7' });
    expect(second!.shadowRoot!.querySelector('slot[name=heading]')).to.exist;

    expect(unexpected(page)).to.deep.equal([]);
    expect(page.win.report.errors).to.deep.equal([]);
    expect(page.win.report.warnings).to.deep.equal([]);
  });

  it('records a share with a beacon and copies the link with no violation', async () => {
    const page = await strictPage('csp-bundle.html');
    const bar = page.bars[0]!;
    const shares: string[] = [];
    bar.addEventListener('share', (e) => shares.push((e as CustomEvent).detail.network));
    // Stand in for the navigation to x.com (target="self"): stop it after share-bar's own handler.
    page.doc.addEventListener('click', (e) => e.preventDefault());
    controls(bar)[0]!.click();
    controls(bar)[3]!.click();
    expect(shares).to.deep.equal(['x', 'copy']);
    const { posts } = await until(page.log, (l) => l.posts.length > 1);
    const title = 'A site with a strict policy';
    expect(posts.map((p) => JSON.parse(p.body))).to.deep.equal([
      { url: 'https://strict.example/post', network: 'x', title },
      { url: 'https://strict.example/post', network: 'copy', title },
    ]);
    // Feedback for the copy, whether the clipboard was granted or refused.
    await until(
      () => bar.shadowRoot!.querySelector('[part=status]')!.textContent!.trim(),
      (s) => s != '',
    );
    expect(bar.shadowRoot!.querySelector('[part=status]')!.textContent!.trim()).to.not.equal('');
    await new Promise((r) => setTimeout(r, 100));
    expect(unexpected(page)).to.deep.equal([]);
    expect(page.win.report.errors).to.deep.equal([]);
  });

  it('enforces trusted types on the page, and share-bar renders through its lit-html policy', async () => {
    const page = await strictPage('csp-bundle.html');
    expect(page.win).to.have.property('trustedTypes');
    // (The TypeError is the frame's own, so compare by name.)
    expect(() => (page.doc.body.innerHTML = '<b>raw</b>'))
      .to.throw()
      .with.property('name', 'TypeError');
    expect(controls(page.bars[0]!)).to.have.length(4);
  });

  it('the npm module (Lit as its own module) renders with counts and no violation', async () => {
    const page = await strictPage('csp-module.html');
    const bar = page.bars[0]!;
    await until(
      () => shownCounts(bar),
      (c) => Object.keys(c).length == 2,
    );
    expect(shownCounts(bar)).to.deep.equal({ 'button-x': '1.2K', 'button-facebook': '16' });
    expect(page.win.inlineRan).to.equal(undefined);
    expect(unexpected(page)).to.deep.equal([]);
    expect(page.win.report.errors).to.deep.equal([]);
  });

  it("with another copy of Lit on the page, needs 'allow-duplicates' in trusted-types", async () => {
    const strict = await strictPage('csp-two-lits.html');
    // Without it the second copy cannot create its policy: the browser refuses it and reports.
    expect(unexpected(strict).map((v) => v.directive)).to.deep.equal(['trusted-types']);
    expect(strict.win.report.errors.join()).to.include('lit-html');
    const page = await strictPage('csp-two-lits.html', 'duplicates');
    await until(
      () => shownCounts(page.bars[0]!),
      (c) => Object.keys(c).length == 3,
    );
    expect(Object.keys(shownCounts(page.bars[0]!))).to.have.length(3);
    expect(unexpected(page)).to.deep.equal([]);
    expect(page.win.report.errors).to.deep.equal([]);
  });
});
