import { expect, html } from '@open-wc/testing';
import { getNetwork, networkIds, registerNetwork, type ShareDetail } from '../src/index.js';
import { NETWORK_IDS, RETIRED_NETWORKS, resolveAlias } from '../src/protocol.js';
import { until } from './frames.js';
import { accessibleName, bar, buttons, warnings, withRefusedClipboard } from './helpers.js';

// Text that breaks naive encoders: ampersands, hashes, quotes, plus signs, markup, emoji, RTL
// and CJK script, a newline.
const TEXT = `Tom & Jerry #1 "quoted" 'single' 1+1=2 <b>bold</b> 🎉👩‍👩‍👧 日本語 مرحبا\nline 2`;
const DESC = 'Desc & more #tags 100% 🎯';
const URL_ = 'https://example.com/path/ä?x=1&y=a b#frag';
const ENC_URL = new URL(URL_).href; // what the element hands on: the URL as the browser resolves it
const IMG = 'https://example.com/img.png?w=1&h=2';
const withUrl = TEXT + ' ' + ENC_URL;

/** Expected origin + path and every query parameter of each network's share link. */
const table: Record<string, [string, Record<string, string>]> = {
  x: ['https://x.com/intent/tweet', { text: TEXT, url: ENC_URL, hashtags: 'news,tech', via: 'someone' }],
  facebook: ['https://www.facebook.com/sharer/sharer.php', { u: ENC_URL, hashtag: '#news' }],
  linkedin: ['https://www.linkedin.com/sharing/share-offsite/', { url: ENC_URL }],
  pinterest: ['https://www.pinterest.com/pin/create/button/', { url: ENC_URL, media: IMG, description: DESC }],
  reddit: ['https://www.reddit.com/submit', { url: ENC_URL, title: TEXT }],
  whatsapp: ['https://wa.me/', { text: withUrl }],
  telegram: ['https://t.me/share/url', { url: ENC_URL, text: TEXT }],
  email: ['mailto:', { subject: TEXT, body: `${DESC}\r\n\r\n${ENC_URL}` }],
  mastodon: ['https://share.joinmastodon.org/', { text: withUrl }],
  bluesky: ['https://bsky.app/intent/compose', { text: withUrl }],
  threads: ['https://www.threads.com/intent/post', { text: TEXT, url: ENC_URL }],
  hackernews: ['https://news.ycombinator.com/submitlink', { u: ENC_URL, t: TEXT }],
  tumblr: [
    'https://www.tumblr.com/widgets/share/tool',
    { posttype: 'link', canonicalUrl: ENC_URL, title: TEXT, caption: DESC },
  ],
  flipboard: ['https://share.flipboard.com/bookmarklet/popout', { v: '2', title: TEXT, url: ENC_URL }],
  vk: ['https://vk.com/share.php', { url: ENC_URL, title: TEXT, image: IMG }],
  ok: ['https://connect.ok.ru/offer', { url: ENC_URL, title: TEXT, description: DESC, imageUrl: IMG }],
  line: ['https://social-plugins.line.me/lineit/share', { url: ENC_URL, text: TEXT }],
  weibo: ['https://service.weibo.com/share/share.php', { url: ENC_URL, title: TEXT, pic: IMG }],
};
const actions = ['copy', 'native'];

/** Popup window sizes per network (react-share's habits); false opens a tab, none means 600×460. */
const popups: Record<string, readonly [number, number] | false | undefined> = {
  x: [550, 400],
  facebook: [550, 400],
  linkedin: [750, 600],
  pinterest: [1000, 730],
  reddit: [660, 460],
  whatsapp: [550, 400],
  telegram: [550, 400],
  mastodon: false,
  bluesky: [660, 460],
  threads: [550, 600],
  tumblr: [660, 460],
  vk: [660, 460],
  ok: [588, 480],
  line: [500, 500],
  weibo: [660, 550],
};

/** Splits a share link into its base and its decoded parameters, in order. */
function parse(href: string): [string, Record<string, string>] {
  const [base, query = ''] = href.split('?') as [string, string?];
  const params: Record<string, string> = {};
  for (const pair of query.split('&').filter(Boolean)) {
    const [k, v = ''] = pair.split('=');
    // decodeURIComponent, not URLSearchParams: '+' must only ever mean a literal plus.
    params[decodeURIComponent(k!)] = decodeURIComponent(v);
  }
  return [base, params];
}

describe('network registry', () => {
  it('has a test row for every registered network', () => {
    expect([...Object.keys(table), ...actions].sort()).to.deep.equal([...networkIds()].sort());
  });

  it('registers exactly the built-in ids the count service counts (the wire contract)', () => {
    expect(networkIds()).to.deep.equal([...NETWORK_IDS]);
    for (const id of RETIRED_NETWORKS) expect(getNetwork(id), id).to.be.undefined;
  });

  it('takes ids in any case and aliases as own properties only', () => {
    expect(getNetwork('Twitter')?.id).to.equal('x');
    for (const id of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      expect(resolveAlias(id), id).to.equal(id.toLowerCase());
      expect(getNetwork(id), id).to.be.undefined;
    }
  });

  it('has a name, a brand colour and an icon for every network', () => {
    for (const id of networkIds()) {
      const n = getNetwork(id)!;
      expect(n.name, id).to.be.a('string').and.not.empty;
      expect(n.color, id).to.match(/^#[0-9a-f]{6}$/i);
      expect(n.icon, id).to.match(/^M[\d.\s,a-z-]+$/i);
    }
  });

  it('sizes each network popup as documented', () => {
    for (const id of Object.keys(table)) expect(getNetwork(id)!.popup, id).to.deep.equal(popups[id]);
  });

  it('resolves the twitter alias to x', () => {
    expect(getNetwork('twitter')).to.equal(getNetwork('x'));
  });

  for (const [id, [base, params]] of Object.entries(table)) {
    it(`builds a correct ${id} link that survives any text`, async () => {
      const el = await bar(
        html`<share-bar
          networks=${id}
          url=${URL_}
          text=${TEXT}
          description=${DESC}
          image=${IMG}
          via="@someone"
          hashtags="#news, tech"
        ></share-bar>`,
      );
      const a = buttons(el)[id]!;
      expect(a.tagName).to.equal('A');
      expect(a.rel).to.equal('noopener noreferrer nofollow');
      const href = a.getAttribute('href')!;
      // Every value is percent-encoded: no raw space, quote, angle bracket or non-ASCII survives.
      expect(href).to.match(/^[\x21-\x7e]+$/);
      expect(href).not.to.match(/["'<> +]/);
      const [gotBase, got] = parse(href);
      expect(gotBase).to.equal(base);
      expect(got).to.deep.equal(params);
    });
  }

  it('shares to a chosen Mastodon instance directly', async () => {
    const el = await bar(
      html`<share-bar networks="mastodon" url=${URL_} text="Hi" mastodon-instance="mastodon.social"></share-bar>`,
    );
    expect(parse(buttons(el).mastodon!.href)).to.deep.equal([
      'https://mastodon.social/share',
      { text: 'Hi', url: ENC_URL },
    ]);
  });

  it('ignores a Mastodon instance that is not a bare host, with a warning', async () => {
    const seen = await warnings(async () => {
      const el = await bar(
        html`<share-bar networks="mastodon" url=${URL_} text="Hi" mastodon-instance="evil.example/x?y"></share-bar>`,
      );
      expect(parse(buttons(el).mastodon!.href)[0]).to.equal('https://share.joinmastodon.org/');
    });
    expect(seen.filter((w) => w.includes('mastodon-instance'))).to.have.length(1);
  });

  it('leaves out optional parameters that are empty', async () => {
    const el = await bar(html`<share-bar networks="x facebook" url="https://example.com/" text="T"></share-bar>`);
    expect(parse(buttons(el).x!.href)[1]).to.deep.equal({ text: 'T', url: 'https://example.com/' });
    expect(parse(buttons(el).facebook!.href)[1]).to.deep.equal({ u: 'https://example.com/' });
  });

  it('adds a network registered at run time to bars already on the page', async () => {
    const el = await bar(html`<share-bar networks="x myforum" url="https://example.com/"></share-bar>`);
    expect(Object.keys(buttons(el))).to.deep.equal(['x']);
    registerNetwork({
      id: 'myforum',
      name: 'My Forum',
      color: '#123456',
      icon: 'M0 0h24v24H0z',
      shareUrl: (d) => `https://forum.example/new?link=${encodeURIComponent(d.url)}`,
    });
    await el.updateComplete;
    expect(buttons(el).myforum!.href).to.equal('https://forum.example/new?link=https%3A%2F%2Fexample.com%2F');
    expect(accessibleName(buttons(el).myforum!)).to.equal('Share on My Forum');
    // Its brand colour, from the shared sheet, with text that reads on it.
    expect(getComputedStyle(buttons(el).myforum!).backgroundColor).to.equal('rgb(18, 52, 86)');
    expect(getComputedStyle(buttons(el).myforum!).color).to.equal('rgb(255, 255, 255)');
  });

  it('never renders a link that is not http(s) or mailto, even from a registered network', async () => {
    registerNetwork({
      id: 'evil',
      name: 'Evil',
      color: '#000000',
      icon: 'M0 0h1v1z',
      shareUrl: () => 'javascript:alert(1)',
    });
    registerNetwork({
      id: 'evil2',
      name: 'Evil2',
      color: '#000000',
      icon: 'M0 0h1v1z',
      shareUrl: () => ' JavaScript:alert(1)',
    });
    registerNetwork({
      id: 'broken',
      name: 'Broken',
      color: '#000000',
      icon: 'M0 0h1v1z',
      shareUrl: () => {
        throw new Error('nope');
      },
    });
    const seen = await warnings(async () => {
      const el = await bar(html`<share-bar networks="evil evil2 broken x" url="https://example.com/"></share-bar>`);
      expect(Object.keys(buttons(el))).to.deep.equal(['x']);
      for (const a of el.shadowRoot!.querySelectorAll('a')) expect(a.protocol).to.equal('https:');
    });
    expect(seen.length).to.equal(3);
  });
});

describe('utm', () => {
  const PAGE = 'https://example.com/post?ref=a&utm_source=newsletter&UTM_MEDIUM=mail#top';

  /** The page url a share link carries, wherever the network puts it (a parameter of its own, or the end of a text). */
  function sharedPage(href: string): URL {
    const values = Object.values(parse(href)[1]);
    const found = values.map((v) => /https:\/\/example\.com\/\S*/.exec(v)?.[0]).find(Boolean);
    expect(found, href).to.be.a('string');
    return new URL(found!);
  }

  for (const id of Object.keys(table)) {
    it(`tags the ${id} link with utm_source=${id}, utm_medium=social and the campaign`, async () => {
      const el = await bar(html`<share-bar networks=${id} url=${PAGE} text="T" utm="spring sale"></share-bar>`);
      const page = sharedPage(buttons(el)[id]!.getAttribute('href')!);
      expect(page.origin + page.pathname).to.equal('https://example.com/post');
      // The page's own parameters stay; any utm_* it had is replaced, not repeated.
      expect([...page.searchParams]).to.deep.equal([
        ['ref', 'a'],
        ['utm_source', id],
        ['utm_medium', 'social'],
        ['utm_campaign', 'spring sale'],
      ]);
      expect(page.hash).to.equal('#top');
    });
  }

  it('leaves the campaign out when the attribute is empty, and tags nothing without it', async () => {
    const tagged = await bar(html`<share-bar networks="x" url="https://example.com/p" utm></share-bar>`);
    expect(sharedPage(buttons(tagged).x!.href).search).to.equal('?utm_source=x&utm_medium=social');
    const plain = await bar(html`<share-bar networks="x" url="https://example.com/p"></share-bar>`);
    expect(sharedPage(buttons(plain).x!.href).href).to.equal('https://example.com/p');
  });

  it('copies the tagged link, while the share event names the untagged page', async () => {
    const el = await bar(html`<share-bar networks="x copy" url="https://example.com/p" utm="c"></share-bar>`);
    const details: ShareDetail[] = [];
    el.addEventListener('share', (e) => {
      details.push(e.detail);
      e.preventDefault();
    });
    buttons(el).x!.click();
    expect(details[0]!.url).to.equal('https://example.com/p');
    expect(sharedPage(details[0]!.shareUrl).search).to.equal('?utm_source=x&utm_medium=social&utm_campaign=c');
    el.addEventListener('share', (e) => e.stopImmediatePropagation(), { capture: true, once: true });
    // A refused clipboard shows the link it was asked to copy.
    await withRefusedClipboard(async () => {
      buttons(el).copy!.click();
      await until(
        () => el.shadowRoot!.querySelector('[part~=status]')!.textContent,
        (text) => !!text,
      );
    });
    expect(el.shadowRoot!.querySelector('[part~=status]')!.textContent).to.equal(
      'Copy link: https://example.com/p?utm_source=copy&utm_medium=social&utm_campaign=c',
    );
  });
});
