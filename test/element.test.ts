import { expect, html } from '@open-wc/testing';
import { resetMouse, sendKeys, sendMouse } from '@web/test-runner-commands';
import { defaults, type ShareBarElement, type ShareDetail } from '../src/index.js';
import {
  accessibleName,
  bar,
  buttons,
  catchNavigation,
  center,
  shownCount,
  warnings,
  withRefusedClipboard,
} from './helpers.js';

const root = (el: ShareBarElement) => el.shadowRoot!;
const part = (el: ShareBarElement, name: string) => root(el).querySelector<HTMLElement>(`[part~=${name}]`);
const names = (el: ShareBarElement) => Object.values(buttons(el)).map(accessibleName);

describe('<share-bar>', () => {
  afterEach(async () => {
    await resetMouse();
    for (const key of Object.keys(defaults)) Reflect.deleteProperty(defaults, key);
  });

  describe('rendering', () => {
    it('shows the heading and the default networks in order', async () => {
      const el = await bar(html`<share-bar url="https://example.com/"></share-bar>`);
      expect(part(el, 'heading')!.textContent).to.equal('The more we share, the more we have...');
      expect(Object.keys(buttons(el))).to.deep.equal(['x', 'facebook', 'linkedin', 'pinterest']);
      expect(names(el)).to.deep.equal(['Post on X', 'Share on Facebook', 'Share on LinkedIn', 'Pin on Pinterest']);
      expect([...root(el).querySelectorAll('[part~=label]')].map((l) => l.textContent)).to.deep.equal(names(el));
    });

    it('hides the heading when it is empty and takes a slotted one', async () => {
      const empty = await bar(html`<share-bar heading="" url="https://example.com/"></share-bar>`);
      expect(part(empty, 'heading')).to.equal(null);
      expect(part(empty, 'base')!.getAttribute('aria-label')).to.equal('Share');
      const custom = await bar(html`<share-bar heading="Spread the word"></share-bar>`);
      expect(part(custom, 'heading')!.textContent).to.equal('Spread the word');
      const slotted = await bar(html`<share-bar><h3 slot="heading">Mine</h3></share-bar>`);
      const slot = root(slotted).querySelector<HTMLSlotElement>('slot[name=heading]')!;
      expect(slot.assignedElements()[0]!.textContent).to.equal('Mine');
    });

    it('accepts ids separated by commas and spaces, in any case, with the twitter alias, once each', async () => {
      const el = await bar(html`<share-bar networks=" Twitter,facebook ,, REDDIT x"></share-bar>`);
      expect(Object.keys(buttons(el))).to.deep.equal(['x', 'facebook', 'reddit']);
    });

    it('warns once per dead or unknown id and renders the rest', async () => {
      const seen = await warnings(async () => {
        await bar(html`<share-bar networks="pocket x googleplus xing nosuchnet"></share-bar>`);
        const again = await bar(html`<share-bar networks="pocket nosuchnet XING facebook"></share-bar>`);
        expect(Object.keys(buttons(again))).to.deep.equal(['facebook']);
      });
      expect(seen).to.have.length(4);
      expect(seen.join('\n'))
        .to.include('"pocket" is retired')
        .and.include('"googleplus" is retired')
        .and.include('"xing" is retired')
        .and.include('"nosuchnet" is unknown');
    });

    it('does not render the native share button where the Web Share API is missing', async () => {
      const el = await bar(html`<share-bar networks="native x"></share-bar>`);
      expect(Object.keys(buttons(el))).to.deep.equal('share' in navigator ? ['native', 'x'] : ['x']);
    });

    it('renders copy as a button, links as links, icons hidden from assistive technology', async () => {
      const el = await bar(html`<share-bar networks="x copy email"></share-bar>`);
      const b = buttons(el);
      expect(b.copy!.tagName).to.equal('BUTTON');
      expect(b.copy!.type).to.equal('button');
      expect(b.x!.target).to.equal('_blank');
      // mailto: opens the mail program, never an empty tab
      expect(b.email!.hasAttribute('target')).to.equal(false);
      for (const icon of root(el).querySelectorAll('[part~=icon]'))
        expect(icon.getAttribute('aria-hidden')).to.equal('true');
    });

    it('shows short labels or icons only, keeping the full accessible name', async () => {
      const short = await bar(html`<share-bar labels="short" counts='{"facebook":2}'></share-bar>`);
      expect([...root(short).querySelectorAll('[part~=label]')].map((l) => l.textContent)).to.deep.equal([
        'X',
        'Facebook',
        'LinkedIn',
        'Pinterest',
      ]);
      expect(names(short)[1]).to.equal('Facebook, 2 shares');
      const none = await bar(html`<share-bar labels="none" counts='{"facebook":2}'></share-bar>`);
      expect(root(none).querySelectorAll('[part~=label]')).to.have.length(0);
      expect(names(none)[0]).to.equal('Post on X');
      expect(names(none)[1]).to.equal('Share on Facebook, 2 shares');
    });

    it('renders a full bar without a single console warning (Lit dev mode included)', async () => {
      const seen = await warnings(async () => {
        const el = await bar(
          html`<share-bar
            networks="x facebook linkedin pinterest reddit whatsapp telegram email mastodon bluesky threads hackernews tumblr flipboard vk ok line weibo copy native"
            counts='{"facebook":16,"x":1234}'
            count-display="both"
            layout="vertical"
            variant="outline"
            size="large"
          ></share-bar>`,
        );
        el.text = 'changed';
        el.counts = { facebook: 17 };
        await el.updateComplete;
      });
      expect(seen).to.deep.equal([]);
    });

    it('hides the light-DOM fallback links once it renders', async () => {
      const el = await bar(
        html`<share-bar><a href="https://www.facebook.com/sharer/sharer.php?u=x">Facebook</a></share-bar>`,
      );
      expect(el.querySelector('a')!.getBoundingClientRect().height).to.equal(0);
    });

    it("shows a button's count as the ::after of its count part, from data-count", async () => {
      const el = await bar(html`<share-bar networks="facebook" counts='{"facebook":16}'></share-bar>`);
      const count = buttons(el).facebook!.querySelector('[part=count]')!;
      expect(getComputedStyle(count, '::after').content).to.be.oneOf(['"16"', 'attr(data-count)']);
      expect(getComputedStyle(count).backgroundColor).to.equal('rgb(255, 255, 255)');
    });

    it('reflects layout, variant and size, for page CSS to select on', async () => {
      const el = await bar(html`<share-bar></share-bar>`);
      el.layout = 'vertical';
      el.variant = 'outline';
      el.size = 'large';
      await el.updateComplete;
      expect([el.getAttribute('layout'), el.getAttribute('variant'), el.getAttribute('size')]).to.deep.equal([
        'vertical',
        'outline',
        'large',
      ]);
      expect(part(el, 'base')!.className).to.equal('bar vertical outline large labels-full');
    });
  });

  describe('as a LitElement', () => {
    it("is one: updateComplete and controllers are Lit's", async () => {
      const { LitElement } = await import('lit');
      const el = await bar(html`<share-bar networks="x"></share-bar>`);
      expect(el).to.be.instanceOf(LitElement);
      const seen: string[] = [];
      el.addController({ hostUpdated: () => seen.push(Object.keys(buttons(el)).join()) });
      el.networks = 'facebook reddit';
      expect(await el.updateComplete).to.equal(true);
      expect(seen).to.deep.equal(['facebook,reddit']);
    });

    it('lets a property set before the element is defined win over the attribute', async () => {
      const { define } = await import('../src/share-bar.js');
      const early = document.createElement('early-share-bar') as ShareBarElement;
      early.setAttribute('networks', 'x');
      early.setAttribute('url', 'https://example.com/');
      // A framework sets the property before the element's code has loaded.
      early.networks = 'reddit telegram';
      document.body.append(early);
      define('early-share-bar');
      await early.updateComplete;
      expect(Object.keys(buttons(early))).to.deep.equal(['reddit', 'telegram']);
      early.remove();
    });

    it('keeps every inherited attribute in a subclass that adds a property', async () => {
      const { ShareBarElement } = await import('../src/index.js');
      class TaggedBar extends ShareBarElement {
        static override properties = { tag: {} };
        declare tag?: string;
      }
      customElements.define('tagged-share-bar', TaggedBar);
      const el = await bar(
        html`<tagged-share-bar networks="linkedin" url="https://example.com/" tag="news"></tagged-share-bar>` as never,
      );
      expect((el as TaggedBar).tag).to.equal('news');
      expect(Object.keys(buttons(el))).to.deep.equal(['linkedin']);
      el.setAttribute('count-display', 'none');
      el.setAttribute('counts', '{"linkedin":5}');
      await el.updateComplete;
      expect(el.countDisplay).to.equal('none');
      expect(el.counts).to.equal('{"linkedin":5}');
    });
  });

  describe('page defaults', () => {
    const added: Element[] = [];
    const head = (markup: string) => {
      const t = document.createElement('template');
      t.innerHTML = markup;
      for (const n of [...t.content.children]) added.push(document.head.appendChild(n));
    };
    afterEach(() => added.splice(0).forEach((n) => n.remove()));

    it('shares the address without its #hash when the page says nothing', async () => {
      const el = await bar(html`<share-bar networks="linkedin"></share-bar>`);
      expect(new URL(buttons(el).linkedin!.href).searchParams.get('url')).to.equal(location.href.replace(/#.*/, ''));
    });

    it('reads canonical, og:title, description and og:image from the page', async () => {
      head(`<link rel="canonical" href="/canonical/page"><meta property="og:url" content="https://og.example/x">
        <meta property="og:title" content="OG title"><meta name="description" content="Meta description">
        <meta property="og:image" content="/img/cover.jpg">`);
      const el = await bar(html`<share-bar networks="pinterest reddit"></share-bar>`);
      const pin = new URL(buttons(el).pinterest!.href).searchParams;
      expect(pin.get('url')).to.equal(new URL('/canonical/page', document.baseURI).href);
      expect(pin.get('media')).to.equal(new URL('/img/cover.jpg', document.baseURI).href);
      expect(pin.get('description')).to.equal('Meta description');
      expect(new URL(buttons(el).reddit!.href).searchParams.get('title')).to.equal('OG title');
    });

    it('falls back to og:url, then to the document title', async () => {
      head(`<meta property="og:url" content="https://og.example/x">`);
      document.title = 'Document title';
      const el = await bar(html`<share-bar networks="reddit"></share-bar>`);
      const params = new URL(buttons(el).reddit!.href).searchParams;
      expect(params.get('url')).to.equal('https://og.example/x');
      expect(params.get('title')).to.equal('Document title');
    });

    it('resolves a relative url attribute against the document', async () => {
      const el = await bar(html`<share-bar networks="linkedin" url="../other?a=1"></share-bar>`);
      expect(new URL(buttons(el).linkedin!.href).searchParams.get('url')).to.equal(
        new URL('../other?a=1', document.baseURI).href,
      );
    });

    it('takes page-wide defaults, which an attribute overrides', async () => {
      defaults.networks = 'reddit telegram';
      defaults.text = 'Default text';
      const el = await bar(html`<share-bar url="https://example.com/"></share-bar>`);
      expect(Object.keys(buttons(el))).to.deep.equal(['reddit', 'telegram']);
      const own = await bar(html`<share-bar networks="x" text="Own" url="https://example.com/"></share-bar>`);
      expect(new URL(buttons(own).x!.href).searchParams.get('text')).to.equal('Own');
    });
  });

  describe('hostile values', () => {
    it('refuses a javascript: url, warns once and shares the page instead', async () => {
      const seen = await warnings(async () => {
        const el = await bar(
          html`<share-bar networks="x facebook" url="javascript:alert(document.domain)"></share-bar>`,
        );
        for (const a of Object.values(buttons(el))) {
          expect(a.protocol).to.equal('https:');
          expect(decodeURIComponent(a.href)).not.to.include('javascript:');
        }
        expect(new URL(buttons(el).facebook!.href).searchParams.get('u')).to.equal(location.href.replace(/#.*/, ''));
      });
      expect(seen.filter((w) => w.includes('url="javascript:'))).to.have.length(1);
    });

    it('refuses data:, relative-looking javascript and over-long urls and images', async () => {
      for (const url of [
        'data:text/html,<script>alert(1)</script>',
        ' javascript:alert(1)',
        'https://example.com/' + 'a'.repeat(3000),
      ]) {
        const el = await bar(html`<share-bar networks="pinterest" url=${url} image=${url}></share-bar>`);
        const params = new URL(buttons(el).pinterest!.href).searchParams;
        expect(params.get('url')).to.equal(location.href.replace(/#.*/, ''));
        expect(params.get('media')).to.equal(null);
      }
    });

    it('never shares the user name and password of a url', async () => {
      const seen = await warnings(async () => {
        const el = await bar(
          html`<share-bar
            networks="x linkedin pinterest"
            url="https://user:secret@example.com/post"
            image="https://user:secret@example.com/img.png"
          ></share-bar>`,
        );
        for (const a of Object.values(buttons(el))) expect(decodeURIComponent(a.href)).not.to.include('secret');
        expect(new URL(buttons(el).linkedin!.href).searchParams.get('url')).to.equal('https://example.com/post');
      });
      expect(seen.join('\n')).to.include('user name and password').and.not.include('secret');
    });

    it('takes only a host name, with an optional port, as the Mastodon instance', async () => {
      const seen = await warnings(async () => {
        for (const instance of ['..', 'a..b', '-a.example', 'a-.example', 'a.example:', 'a_b.example', '.a.example']) {
          const el = await bar(html`<share-bar networks="mastodon" mastodon-instance=${instance}></share-bar>`);
          expect(buttons(el).mastodon!.href, instance).to.match(/^https:\/\/share\.joinmastodon\.org\/\?/);
        }
        const ok = await bar(
          html`<share-bar networks="mastodon" mastodon-instance="my-server.example:8443"></share-bar>`,
        );
        expect(buttons(ok).mastodon!.href).to.match(/^https:\/\/my-server\.example:8443\/share\?/);
      });
      expect(seen.filter((w) => w.includes('mastodon-instance'))).to.have.length(7);
    });

    it('warns plainly about ids that are names of object members', async () => {
      const seen = await warnings(async () => {
        const el = await bar(html`<share-bar networks="constructor __proto__ toString x"></share-bar>`);
        expect(Object.keys(buttons(el))).to.deep.equal(['x']);
      });
      expect(seen).to.deep.equal([
        'share-bar: network "constructor" is unknown; left out.',
        'share-bar: network "__proto__" is unknown; left out.',
        'share-bar: network "tostring" is unknown; left out.',
      ]);
    });

    it('renders markup in text as text', async () => {
      const el = await bar(
        html`<share-bar heading=${'<img src=x onerror=alert(1)>'} text=${'<script>alert(1)</script>'}></share-bar>`,
      );
      expect(root(el).querySelector('img, script')).to.equal(null);
      expect(part(el, 'heading')!.textContent).to.equal('<img src=x onerror=alert(1)>');
    });

    it('cuts over-long text at 1000 characters without splitting an emoji', async () => {
      const seen = await warnings(async () => {
        const el = await bar(
          html`<share-bar networks="reddit" url="https://example.com/" text=${'🎉'.repeat(1500)}></share-bar>`,
        );
        const title = new URL(buttons(el).reddit!.href).searchParams.get('title')!;
        expect([...title]).to.have.length(1000);
        expect(title).to.equal('🎉'.repeat(1000));
      });
      expect(seen.filter((w) => w.includes('cut to 1000'))).to.have.length(1);
    });

    it('warns once about malformed enumerations, counts and thresholds, and still renders', async () => {
      const seen = await warnings(async () => {
        for (let i = 0; i < 2; i++) {
          const el = await bar(
            html`<share-bar
              layout="diagonal"
              labels="loud"
              counts="{oops"
              min-count="lots"
              target="window"
            ></share-bar>`,
          );
          expect(Object.keys(buttons(el))).to.have.length(4);
          expect(part(el, 'base')!.className).to.include('horizontal');
        }
      });
      expect(seen).to.have.length(5);
      expect(seen.join('\n'))
        .to.include('layout="diagonal"')
        .and.include('labels="loud"')
        .and.include('counts="{oops"')
        .and.include('min-count="lots"')
        .and.include('target="window"');
    });
  });

  describe('counts', () => {
    it('shows static counts next to the buttons, compact, with the exact count in the name', async () => {
      const el = await bar(
        html`<share-bar counts='{"facebook":16,"x":1234,"linkedin":"66","pinterest":1}'></share-bar>`,
      );
      expect(Object.values(buttons(el)).map(shownCount)).to.deep.equal(['1.2K', '16', '66', '1']);
      expect(names(el)).to.deep.equal([
        'Post on X, 1,234 shares',
        'Share on Facebook, 16 shares',
        'Share on LinkedIn, 66 shares',
        'Pin on Pinterest, 1 share',
      ]);
    });

    it('accepts counts as an object property and ignores invalid entries', async () => {
      const el = await bar(
        html`<share-bar .counts=${{ facebook: 5, x: -1, linkedin: 1.5, pinterest: 'many' }}></share-bar>`,
      );
      expect(
        Object.entries(buttons(el))
          .filter(([, b]) => shownCount(b))
          .map(([id]) => id),
      ).to.deep.equal(['facebook']);
    });

    it('shows a total, both, or nothing as count-display says', async () => {
      const counts = '{"facebook":1000,"x":500,"reddit":7}';
      const total = await bar(html`<share-bar counts=${counts} count-display="total"></share-bar>`);
      expect(root(total).querySelectorAll('[data-count]')).to.have.length(0);
      expect(part(total, 'total')!.textContent).to.equal('1.5K shares1,500 shares');
      const both = await bar(html`<share-bar counts=${counts} count-display="both"></share-bar>`);
      expect(root(both).querySelectorAll('[data-count]')).to.have.length(2);
      expect(part(both, 'total')).to.exist;
      const none = await bar(html`<share-bar counts=${counts} count-display="none"></share-bar>`);
      expect(root(none).querySelectorAll('[data-count], [part~=total]')).to.have.length(0);
      expect(names(none)[0]).to.equal('Post on X');
    });

    it('hides counts below min-count', async () => {
      const el = await bar(html`<share-bar counts='{"facebook":9,"x":10}' min-count="10"></share-bar>`);
      expect(Object.values(buttons(el)).map(shownCount)).to.deep.equal(['10', undefined, undefined, undefined]);
      expect(names(el)[1]).to.equal('Share on Facebook');
    });

    it('shows a count of -0 as 0, from the attribute and from the property', async () => {
      for (const el of [
        await bar(html`<share-bar networks="facebook" counts='{"facebook":-0}'></share-bar>`),
        await bar(html`<share-bar networks="facebook" .counts=${{ facebook: -0 }}></share-bar>`),
      ]) {
        expect(shownCount(buttons(el).facebook!)).to.equal('0');
        expect(accessibleName(buttons(el).facebook!)).to.equal('Share on Facebook, 0 shares');
      }
    });

    it('formats counts in the language of the page', async () => {
      const wrapper = await bar(
        html`<div lang="de"><share-bar counts='{"facebook":1234567}' networks="facebook"></share-bar></div>` as never,
      );
      const el = (wrapper as unknown as HTMLElement).querySelector('share-bar')!;
      await el.updateComplete;
      expect(shownCount(buttons(el).facebook!)).to.equal(
        new Intl.NumberFormat('de', { notation: 'compact' }).format(1234567),
      );
      expect(names(el)[0]).to.include('1.234.567');
    });
  });

  describe('sharing', () => {
    it('fires a cancelable, composed share event; preventDefault stops the navigation and the count', async () => {
      const el = await bar(html`<share-bar networks="facebook" counts='{"facebook":16}' target="tab"></share-bar>`);
      const nav = catchNavigation();
      let detail: ShareDetail | undefined;
      const stop = (e: CustomEvent<ShareDetail>) => {
        detail = e.detail;
        expect(e.bubbles && e.composed && e.cancelable).to.equal(true);
        e.preventDefault();
      };
      document.addEventListener('share', stop);
      buttons(el).facebook!.click();
      document.removeEventListener('share', stop);
      nav.stop();
      expect(detail).to.deep.equal({
        network: 'facebook',
        url: location.href.replace(/#.*/, ''),
        shareUrl: buttons(el).facebook!.href,
        method: 'tab',
      });
      expect(nav.wouldNavigate()).to.equal(false);
      await el.updateComplete;
      expect(shownCount(buttons(el).facebook!)).to.equal('16');
    });

    it('raises the count by one after a share, once per network per page view', async () => {
      const el = await bar(html`<share-bar networks="facebook x" counts='{"facebook":16}' target="tab"></share-bar>`);
      const nav = catchNavigation();
      const methods: string[] = [];
      el.addEventListener('share', (e) => methods.push(e.detail.method));
      buttons(el).facebook!.click();
      buttons(el).facebook!.click();
      buttons(el).x!.click();
      nav.stop();
      expect(nav.wouldNavigate()).to.equal(true);
      expect(methods).to.deep.equal(['tab', 'tab', 'tab']);
      await el.updateComplete;
      expect(shownCount(buttons(el).facebook!)).to.equal('17');
      expect(names(el)[0]).to.equal('Share on Facebook, 17 shares');
      // x had no count to raise: nothing is invented
      expect(shownCount(buttons(el).x!)).to.equal(undefined);
    });

    it('counts a share afresh when the bar moves on to another page', async () => {
      const el = await bar(
        html`<share-bar
          networks="facebook"
          url="https://a.example/1"
          counts='{"facebook":16}'
          target="tab"
        ></share-bar>`,
      );
      const nav = catchNavigation();
      buttons(el).facebook!.click();
      await el.updateComplete;
      expect(accessibleName(buttons(el).facebook!)).to.equal('Share on Facebook, 17 shares');
      el.url = 'https://a.example/2';
      await el.updateComplete;
      expect(accessibleName(buttons(el).facebook!)).to.equal('Share on Facebook, 16 shares');
      buttons(el).facebook!.click();
      nav.stop();
      await el.updateComplete;
      expect(accessibleName(buttons(el).facebook!)).to.equal('Share on Facebook, 17 shares');
    });

    it('shares through a network registered with a mixed-case id', async () => {
      const { registerNetwork } = await import('../src/index.js');
      registerNetwork({
        id: 'MyWiki',
        name: 'My Wiki',
        color: '#224466',
        icon: 'M0 0h24v24H0z',
        shareUrl: (d) => `https://wiki.example/?u=${encodeURIComponent(d.url)}`,
      });
      const el = await bar(html`<share-bar networks="mywiki" target="tab"></share-bar>`);
      const seen: string[] = [];
      el.addEventListener('share', (e) => {
        seen.push(e.detail.network);
        e.preventDefault();
      });
      buttons(el).mywiki!.click();
      expect(seen).to.deep.equal(['mywiki']);
    });

    it('still shares when counts-url is not something a browser can post to', async () => {
      const el = await bar(
        html`<share-bar networks="facebook" counts-url="ftp://counts.example/" target="tab"></share-bar>`,
      );
      const nav = catchNavigation();
      const methods: string[] = [];
      el.addEventListener('share', (e) => methods.push(e.detail.method));
      buttons(el).facebook!.click();
      nav.stop();
      expect(methods).to.deep.equal(['tab']);
      expect(nav.wouldNavigate()).to.equal(true);
    });

    it('reports self for target=self and for email', async () => {
      const el = await bar(html`<share-bar networks="x email" target="self"></share-bar>`);
      const methods: string[] = [];
      el.addEventListener('share', (e) => {
        methods.push(e.detail.method);
        e.preventDefault();
      });
      expect(buttons(el).x!.hasAttribute('target')).to.equal(false);
      buttons(el).x!.click();
      buttons(el).email!.click();
      expect(methods).to.deep.equal(['self', 'self']);
    });

    it('opens a popup centred and sized for the network on a real click', async () => {
      const { registerNetwork } = await import('../src/index.js');
      registerNetwork({
        id: 'probe',
        name: 'Probe',
        color: '#333333',
        icon: 'M0 0h24v24H0z',
        popup: [420, 360],
        shareUrl: (d) => `${location.origin}/test/fixtures/popup.html?u=${encodeURIComponent(d.url)}`,
      });
      const el = await bar(html`<share-bar networks="probe" url="https://example.com/"></share-bar>`);
      const channel = new BroadcastChannel('share-bar-popup');
      const report = new Promise<{ width: number; height: number; opener: boolean; search: string }>(
        (resolve) => (channel.onmessage = (e) => resolve(e.data)),
      );
      const methods: string[] = [];
      el.addEventListener('share', (e) => methods.push(e.detail.method));
      const nav = catchNavigation();
      await sendMouse({ type: 'click', position: center(buttons(el).probe!) });
      const got = await report;
      nav.stop();
      channel.close();
      expect(methods).to.deep.equal(['popup']);
      // The popup opened, so the link's own navigation was stopped.
      expect(nav.wouldNavigate()).to.equal(false);
      expect(got.search).to.equal('?u=https%3A%2F%2Fexample.com%2F');
      expect(got.opener).to.equal(false);
      expect(got.width).to.be.within(400, 420);
      expect(got.height).to.be.within(300, 360);
    });

    it('falls back to a new tab when the popup is blocked', async () => {
      const el = await bar(html`<share-bar networks="facebook"></share-bar>`);
      const nav = catchNavigation();
      // A script's click has no user activation, so the browser blocks the popup.
      buttons(el).facebook!.click();
      nav.stop();
      expect(nav.wouldNavigate()).to.equal(true);
      expect(buttons(el).facebook!.target).to.equal('_blank');
    });

    it('works by keyboard', async () => {
      const el = await bar(html`<share-bar networks="x facebook" target="tab"></share-bar>`);
      const seen: string[] = [];
      el.addEventListener('share', (e) => {
        seen.push(e.detail.network);
        e.preventDefault();
      });
      buttons(el).x!.focus();
      await sendKeys({ press: 'Tab' });
      expect(root(el).activeElement).to.equal(buttons(el).facebook);
      await sendKeys({ press: 'Enter' });
      expect(seen).to.deep.equal(['facebook']);
    });
  });

  describe('copy link', () => {
    it('copies the url and says so, visibly and in a live region', async () => {
      const el = await bar(html`<share-bar networks="copy" url="https://example.com/copied"></share-bar>`);
      const events: string[] = [];
      el.addEventListener('share', (e) => events.push(e.detail.method));
      await sendMouse({ type: 'click', position: center(buttons(el).copy!) });
      const status = part(el, 'status')!;
      await waitFor(() => status.textContent != '');
      expect(events).to.deep.equal(['copy']);
      expect(status.getAttribute('role')).to.equal('status');
      expect(status.textContent).to.equal('Link copied');
      expect(status.getBoundingClientRect().height).to.be.greaterThan(0);
    });

    it('tells the reader the link when the clipboard is refused', async () => {
      const el = await bar(html`<share-bar networks="copy" url="https://example.com/refused"></share-bar>`);
      // The browser's refusal, as a reader who denied the permission would meet it.
      await withRefusedClipboard(async () => {
        buttons(el).copy!.click();
        await waitFor(() => part(el, 'status')!.textContent != '');
      });
      expect(part(el, 'status')!.textContent).to.equal('Copy link: https://example.com/refused');
    });
  });

  describe('accessibility', () => {
    it('has no axe violations, with counts, in every variant and label mode', async () => {
      for (const variant of ['solid', 'outline', 'plain']) {
        for (const labels of ['full', 'short', 'none']) {
          const el = await bar(
            html`<share-bar
              networks="x facebook linkedin pinterest reddit whatsapp telegram email mastodon bluesky threads hackernews tumblr flipboard vk ok line weibo copy"
              variant=${variant}
              labels=${labels}
              counts='{"facebook":16,"x":1234}'
              count-display="both"
            ></share-bar>`,
          );
          await expect(el).to.be.accessible();
        }
      }
    });

    it('gives every button a name that includes the network', async () => {
      const el = await bar(
        html`<share-bar
          networks="x facebook linkedin pinterest reddit whatsapp telegram email mastodon bluesky threads hackernews tumblr flipboard vk ok line weibo copy"
          labels="none"
        ></share-bar>`,
      );
      const { getNetwork } = await import('../src/index.js');
      for (const [id, b] of Object.entries(buttons(el))) {
        expect(accessibleName(b), id).to.include(getNetwork(id)!.name.replace('Email', 'email'));
      }
    });
  });
});

async function waitFor(condition: () => boolean, ms = 3000): Promise<void> {
  const end = performance.now() + ms;
  while (!condition()) {
    if (performance.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}
