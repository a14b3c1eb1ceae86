import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { ShareBarElement } from '../src/index.js';
import { accessibleName, bar, buttons, catchNavigation, shownCount, warnings } from './helpers.js';

interface Log {
  gets: { url: string; networks: string; search: string; accept: string; closed?: boolean }[];
  posts: { type: string; body: string; search: string }[];
}

/** A fresh endpoint of the test server's count service and a page url nobody else uses. */
function endpoint(mode = 'ok') {
  const key = Math.random().toString(36).slice(2);
  return {
    key,
    countsUrl: `/counts/${key}${mode == 'ok' ? '' : '/' + mode}`,
    url: `https://blog.example/${key}`,
    log: async (): Promise<Log> => (await fetch(`/counts/${key}/log`)).json(),
  };
}

/**
 * Puts bars on the page with their listeners attached before they connect, so no early answer
 * is missed. The bars are created from markup, as a site owner writes them.
 */
async function mount(
  markup: string,
  listen: Record<string, (e: CustomEvent) => void> = {},
): Promise<ShareBarElement[]> {
  const container = await fixture(html`<div></div>`);
  const template = document.createElement('template');
  template.innerHTML = markup;
  const content = document.importNode(template.content, true);
  const bars = [...content.querySelectorAll('share-bar')];
  for (const b of bars) for (const [type, fn] of Object.entries(listen)) b.addEventListener(type, fn as EventListener);
  container.append(content);
  return bars;
}

const shown = (el: ShareBarElement) =>
  Object.fromEntries(
    Object.entries(buttons(el))
      .filter(([, b]) => shownCount(b))
      .map(([id, b]) => [id, shownCount(b)]),
  );

const nextEvent = <T>(el: EventTarget, type: string) =>
  new Promise<CustomEvent<T>>((resolve) =>
    el.addEventListener(type, (e) => resolve(e as CustomEvent<T>), { once: true }),
  );

async function until<T>(read: () => Promise<T> | T, ok: (v: T) => boolean, ms = 3000): Promise<T> {
  const end = performance.now() + ms;
  for (;;) {
    const value = await read();
    if (ok(value) || performance.now() > end) return value;
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('counts from counts-url', () => {
  it('shows only valid counts of the answer next to their buttons, with the exact count in the name', async () => {
    const e = endpoint();
    const el = await bar(
      html`<share-bar
        counts-url=${e.countsUrl}
        url=${e.url}
        loading="eager"
        networks="x facebook linkedin pinterest reddit"
        labels="full"
      ></share-bar>`,
    );
    const loaded = await nextEvent<{ url: string; counts: Record<string, number> }>(el, 'counts-load');
    await el.updateComplete;
    // pinterest -3, reddit 1.5 and the unknown "bogus" entry of the answer are ignored
    expect(loaded.detail).to.deep.equal({
      url: e.url,
      counts: { facebook: 16, x: 1234, linkedin: 66, echo: e.url.length },
    });
    expect(shown(el)).to.deep.equal({ x: '1.2K', facebook: '16', linkedin: '66' });
    expect(accessibleName(buttons(el).facebook!)).to.equal('Share on Facebook, 16 shares');
    const [get] = (await e.log()).gets;
    expect(get!.url).to.equal(e.url);
    expect(get!.networks).to.equal('x,facebook,linkedin,pinterest,reddit');
    expect(get!.accept).to.equal('application/json');
  });

  it('merges static counts under fetched ones', async () => {
    const e = endpoint();
    const el = await bar(
      html`<share-bar
        counts-url=${e.countsUrl}
        url=${e.url}
        loading="eager"
        counts='{"facebook":1,"pinterest":7}'
      ></share-bar>`,
    );
    expect(shown(el)).to.deep.equal({ facebook: '1', pinterest: '7' });
    await nextEvent(el, 'counts-load');
    await el.updateComplete;
    expect(shown(el)).to.deep.equal({ x: '1.2K', facebook: '16', linkedin: '66', pinterest: '7' });
  });

  it('fills a {url} placeholder instead of appending url=', async () => {
    const e = endpoint();
    const el = await bar(
      html`<share-bar
        counts-url=${e.countsUrl + '?page={url}'}
        url=${e.url}
        loading="eager"
        networks="facebook"
      ></share-bar>`,
    );
    await nextEvent(el, 'counts-load');
    const [get] = (await e.log()).gets;
    expect(get!.search).to.equal(`?page=${encodeURIComponent(e.url)}&networks=facebook`);
  });

  it('makes one request per url however many bars show it, whenever they connect', async () => {
    const e = endpoint();
    const other = `${e.url}/other`;
    let loads = 0;
    const bars = await mount(
      `<share-bar counts-url="${e.countsUrl}" url="${e.url}" loading="eager" networks="x"></share-bar>
      <share-bar counts-url="${e.countsUrl}" url="${e.url}" loading="eager" networks="facebook"></share-bar>
      <share-bar counts-url="${e.countsUrl}" url="${e.url}" networks="x facebook reddit"></share-bar>
      <share-bar counts-url="${e.countsUrl}" url="${other}" networks="x"></share-bar>`,
      { 'counts-load': () => loads++ },
    );
    await until(
      () => loads,
      (n) => n == 4,
    );
    expect(loads).to.equal(4);
    const wrapper = bars[0]!.parentElement!;
    // one more bar for the first url, long after the answer came
    const late = document.createElement('share-bar');
    Object.assign(late, { countsUrl: e.countsUrl, url: e.url, networks: 'linkedin', loading: 'eager' });
    const lateLoad = nextEvent(late, 'counts-load');
    wrapper.append(late);
    await lateLoad;
    await late.updateComplete;
    expect(shown(late)).to.deep.equal({ linkedin: '66' });
    const { gets } = await e.log();
    expect(gets.map((g) => g.url).sort()).to.deep.equal([e.url, other].sort());
    // one request for the networks of all bars on the page that show the url, lazy ones included
    expect(gets.find((g) => g.url == e.url)!.networks).to.equal('x,facebook,reddit');
  });

  it('waits until a lazy bar comes near the viewport; an eager one asks at once', async () => {
    const lazy = endpoint();
    const eager = endpoint();
    let eagerLoaded = false;
    const [lazyBar] = await mount(
      `<div style="height: 5000px"></div>
      <share-bar counts-url="${lazy.countsUrl}" url="${lazy.url}"></share-bar>
      <share-bar counts-url="${eager.countsUrl}" url="${eager.url}" loading="eager"></share-bar>`,
      { 'counts-load': (ev) => (eagerLoaded ||= (ev.target as ShareBarElement).url == eager.url) },
    );
    await until(() => eagerLoaded, Boolean);
    expect(eagerLoaded).to.equal(true);
    await new Promise((r) => setTimeout(r, 300));
    expect((await lazy.log()).gets).to.have.length(0);
    const loaded = nextEvent(lazyBar!, 'counts-load');
    lazyBar!.scrollIntoView();
    await loaded;
    expect((await lazy.log()).gets).to.have.length(1);
    window.scrollTo(0, 0);
  });

  it('loads counts once for a lazy bar whose labels were refitted (a new shadow tree) before it came near', async () => {
    const e = endpoint();
    const [narrow] = await mount(
      `<div style="height: 5000px"></div>
      <div style="width: 150px"><share-bar counts-url="${e.countsUrl}" url="${e.url}"></share-bar></div>`,
    );
    const firstBase = narrow!.shadowRoot!.querySelector('[part~=base]');
    // Full labels do not fit in 150 px: the bar moves on to icons, in a tree of their own.
    await until(() => narrow!.shadowRoot!.querySelector('[part~=base]')!.classList.contains('labels-none'), Boolean);
    expect(narrow!.shadowRoot!.querySelector('[part~=base]')).not.to.equal(firstBase);
    await new Promise((r) => setTimeout(r, 300));
    expect((await e.log()).gets).to.have.length(0);
    const loaded = nextEvent(narrow!, 'counts-load');
    narrow!.scrollIntoView();
    await loaded;
    await new Promise((r) => setTimeout(r, 300));
    expect((await e.log()).gets).to.have.length(1);
    window.scrollTo(0, 0);
  });

  it('loads counts for a floating bar whose element sits far below the fold', async () => {
    const e = endpoint();
    const [floating] = await mount(
      `<div style="height: 5000px"></div><share-bar layout="floating" counts-url="${e.countsUrl}" url="${e.url}"></share-bar>`,
    );
    await nextEvent(floating!, 'counts-load');
    await floating!.updateComplete;
    expect(shown(floating!)).to.deep.equal({ x: '1.2K', facebook: '16', linkedin: '66' });
  });

  it('never asks without counts-url', async () => {
    const before = performance.getEntriesByType('resource').length;
    const el = await bar(html`<share-bar loading="eager" networks="x facebook"></share-bar>`);
    await new Promise((r) => setTimeout(r, 100));
    expect(performance.getEntriesByType('resource').length).to.equal(before);
    expect(shown(el)).to.deep.equal({});
  });

  for (const [mode, error] of [
    ['error', 'HTTP 500'],
    ['invalid', 'answer is not JSON'],
    ['missing', 'HTTP 404'],
  ] as const) {
    it(`keeps working buttons and fires counts-error once on ${mode}`, async () => {
      const e = endpoint(mode);
      const errors: string[] = [];
      const seen = await warnings(async () => {
        const markup = `<share-bar counts-url="${e.countsUrl}" url="${e.url}" loading="eager"></share-bar>`;
        const bars = await mount(markup + markup, { 'counts-error': (ev) => errors.push(ev.detail.error) });
        await until(
          () => errors.length,
          (n) => n == 2,
        );
        for (const b of bars) {
          expect(Object.keys(buttons(b))).to.deep.equal(['x', 'facebook', 'linkedin', 'pinterest']);
          expect(shown(b)).to.deep.equal({});
        }
      });
      expect(errors).to.deep.equal([error, error]);
      expect(seen).to.have.length(1);
      expect(seen[0]).to.include(error);
    });
  }

  it('does not follow a redirect of the count endpoint to another host', async () => {
    const e = endpoint('redirect');
    const el = await bar(html`<share-bar counts-url=${e.countsUrl} url=${e.url} loading="eager"></share-bar>`);
    const error = await nextEvent<{ error: string }>(el, 'counts-error');
    expect(error.detail.error).to.equal('network error or CORS refusal');
    expect((await e.log()).gets).to.have.length(1);
    // The other host never heard of the page.
    const elsewhere = await (await fetch(`/counts/${e.key}-elsewhere/log`)).json();
    expect(elsewhere.gets).to.have.length(0);
    expect(Object.keys(buttons(el))).to.have.length(4);
  });

  it('reports a CORS refusal as an error and keeps the buttons', async () => {
    const e = endpoint();
    // The same test server under another origin, which sends no CORS headers.
    const foreign = `${location.protocol}//${location.hostname == 'localhost' ? '127.0.0.1' : 'localhost'}:${location.port}${e.countsUrl}`;
    const el = await bar(html`<share-bar counts-url=${foreign} url=${e.url} loading="eager"></share-bar>`);
    const error = await nextEvent<{ error: string }>(el, 'counts-error');
    expect(error.detail.error).to.equal('network error or CORS refusal');
    expect(Object.keys(buttons(el))).to.have.length(4);
  });

  it('gives up on a hanging endpoint after 5 s', async function () {
    this.timeout(9000);
    const e = endpoint('hang');
    const started = performance.now();
    const el = await bar(html`<share-bar counts-url=${e.countsUrl} url=${e.url} loading="eager"></share-bar>`);
    const error = await nextEvent<{ error: string }>(el, 'counts-error');
    expect(error.detail.error).to.equal('no answer in 5 s');
    expect(performance.now() - started).to.be.within(4900, 7000);
    expect(Object.keys(buttons(el))).to.have.length(4);
  });

  it('aborts the request when no bar needs it any more', async () => {
    const e = endpoint('hang');
    const el = await bar(html`<share-bar counts-url=${e.countsUrl} url=${e.url} loading="eager"></share-bar>`);
    let errors = 0;
    el.addEventListener('counts-error', () => errors++);
    await until(e.log, (l) => l.gets.length == 1);
    el.remove();
    const log = await until(e.log, (l) => !!l.gets[0]!.closed);
    expect(log.gets[0]!.closed).to.equal(true);
    expect(errors).to.equal(0);
  });

  it('understands a Shariff backend: extra services ignored, null means no counts', async () => {
    const e = endpoint('shariff');
    const el = await bar(html`<share-bar counts-url=${e.countsUrl} url=${e.url} loading="eager"></share-bar>`);
    await nextEvent(el, 'counts-load');
    await el.updateComplete;
    expect(shown(el)).to.deep.equal({ facebook: '1.5K', pinterest: '3' });
    const refused = await bar(
      html`<share-bar counts-url=${e.countsUrl} url=${e.url + '/refused'} loading="eager"></share-bar>`,
    );
    const loaded = await nextEvent<{ counts: object }>(refused, 'counts-load');
    expect(loaded.detail.counts).to.deep.equal({});
    expect(shown(refused)).to.deep.equal({});
  });

  it('keeps the height of the bar when counts arrive', async () => {
    for (const display of ['buttons', 'both', 'total']) {
      const e = endpoint();
      let loaded = false;
      // Wide enough for the full labels: labels="auto" would fit them in the first frame, after this measure.
      const [el] = await mount(
        `<div style="width: 1280px"><share-bar counts-url="${e.countsUrl}" url="${e.url}" loading="eager" count-display="${display}"></share-bar></div>`,
        { 'counts-load': () => (loaded = true) },
      );
      await el!.updateComplete;
      const before = el!.getBoundingClientRect().height;
      const top = buttons(el!).x!.getBoundingClientRect().top;
      await waitUntil(() => loaded);
      await el!.updateComplete;
      expect(el!.getBoundingClientRect().height, display).to.equal(before);
      expect(buttons(el!).x!.getBoundingClientRect().top, display).to.equal(top);
    }
  });
});

describe('recording shares', () => {
  async function shareOn(el: ShareBarElement, id: string) {
    const nav = catchNavigation();
    buttons(el)[id]!.click();
    nav.stop();
  }

  it('posts {url, network} as text/plain with a beacon and raises the count at once, once per network', async () => {
    const e = endpoint();
    const el = await bar(
      html`<share-bar
        counts-url=${e.countsUrl}
        url=${e.url}
        loading="eager"
        target="tab"
        count-display="both"
        labels="full"
      ></share-bar>`,
    );
    await nextEvent(el, 'counts-load');
    await shareOn(el, 'facebook');
    await shareOn(el, 'facebook');
    await el.updateComplete;
    expect(shown(el).facebook).to.equal('17');
    expect(accessibleName(buttons(el).facebook!)).to.equal('Share on Facebook, 17 shares');
    // the total follows: x 1,234 + facebook 17 + linkedin 66 (pinterest has no count)
    expect(el.shadowRoot!.querySelector('[part~=total] .visually-hidden')!.textContent).to.equal('1,317 shares');
    // the change is announced politely
    expect(el.shadowRoot!.querySelector('[role=status]')!.textContent).to.equal('Facebook, 17 shares');
    const { posts } = await until(e.log, (l) => l.posts.length > 0);
    await new Promise((r) => setTimeout(r, 200));
    expect((await e.log()).posts).to.have.length(1);
    expect(posts[0]!.type).to.equal('text/plain;charset=UTF-8');
    expect(JSON.parse(posts[0]!.body)).to.deep.equal({ url: e.url, network: 'facebook' });
    // posted to the address the counts came from, so the browser's cached answer is dropped:
    // the next page load sees the new count, not the one cached a moment ago
    const [get] = (await e.log()).gets;
    expect(posts[0]!.search).to.equal(get!.search);
    const again = await (await fetch(e.countsUrl + get!.search)).json();
    expect(again.facebook).to.equal(17);
  });

  it('asks for and records the untagged url when share links carry utm parameters', async () => {
    const e = endpoint();
    const el = await bar(
      html`<share-bar counts-url=${e.countsUrl} url=${e.url} utm="spring" loading="eager" target="tab"></share-bar>`,
    );
    await nextEvent(el, 'counts-load');
    expect(buttons(el).facebook!.href).to.include(encodeURIComponent('utm_source=facebook'));
    await shareOn(el, 'facebook');
    const log = await until(e.log, (l) => l.posts.length > 0);
    expect(log.gets.map((g) => g.url)).to.deep.equal([e.url]);
    expect(JSON.parse(log.posts[0]!.body).url).to.equal(e.url);
  });

  it("posts the bar's text as the title, cut to 300 characters", async () => {
    const e = endpoint();
    const title = 'Fish & chips 🐟 '.repeat(30);
    const el = await bar(
      html`<share-bar counts-url=${e.countsUrl} url=${e.url} text=${title} loading="eager" target="tab"></share-bar>`,
    );
    await nextEvent(el, 'counts-load');
    await shareOn(el, 'x');
    const { posts } = await until(e.log, (l) => l.posts.length > 0);
    expect(JSON.parse(posts[0]!.body)).to.deep.equal({
      url: e.url,
      network: 'x',
      title: [...title].slice(0, 300).join(''),
    });
  });

  it('records nothing when the share event is cancelled', async () => {
    const e = endpoint();
    const el = await bar(
      html`<share-bar counts-url=${e.countsUrl} url=${e.url} loading="eager" target="tab" labels="full"></share-bar>`,
    );
    await nextEvent(el, 'counts-load');
    el.addEventListener('share', (ev) => ev.preventDefault());
    await shareOn(el, 'x');
    await new Promise((r) => setTimeout(r, 200));
    await el.updateComplete;
    expect((await e.log()).posts).to.have.length(0);
    expect(shown(el).x).to.equal('1.2K');
    expect(accessibleName(buttons(el).x!)).to.equal('Post on X, 1,234 shares');
  });

  it('with track="off" raises the count but posts nothing', async () => {
    const e = endpoint();
    const el = await bar(
      html`<share-bar counts-url=${e.countsUrl} url=${e.url} loading="eager" target="tab" track="off"></share-bar>`,
    );
    await nextEvent(el, 'counts-load');
    await shareOn(el, 'linkedin');
    await new Promise((r) => setTimeout(r, 200));
    await el.updateComplete;
    expect((await e.log()).posts).to.have.length(0);
    expect(shown(el).linkedin).to.equal('67');
  });
});
