import { expect } from '@open-wc/testing';
import { httpUrl } from '../src/http-url.js';
import { resolveOptions, resolveUrl, type ShareBarOptions } from '../src/options.js';
import type { PageDefaults } from '../src/page.js';
import { getNetwork } from '../src/registry.js';
import '../src/networks/all.js';

// Option resolution is a pure module: these tests call it directly, with a page and a registry
// lookup of their own, and collect what it would warn about.

const page: PageDefaults = {
  url: 'https://page.example/post',
  text: 'Page title',
  description: 'Page description',
  image: 'https://page.example/cover.png',
  base: 'https://page.example/blog/',
};

function resolve(options: Partial<ShareBarOptions>) {
  const warnings: string[] = [];
  const resolved = resolveOptions(options, page, getNetwork, (_key, message) => warnings.push(message));
  return { resolved, warnings };
}

describe('option resolution', () => {
  it('fills in every default from the page and the element', () => {
    const { resolved, warnings } = resolve({});
    expect(warnings).to.deep.equal([]);
    expect(resolved.networks.map((n) => n.id)).to.deep.equal(['x', 'facebook', 'linkedin', 'pinterest']);
    expect(resolved.data).to.deep.equal({
      text: 'Page title',
      description: 'Page description',
      image: 'https://page.example/cover.png',
      via: '',
      hashtags: [],
      mastodonInstance: '',
    });
    expect(resolved).to.include({
      countsUrl: '',
      track: true,
      minCount: 0,
      countDisplay: 'buttons',
      layout: 'horizontal',
      variant: 'solid',
      labels: 'auto',
      size: 'medium',
      target: 'popup',
      loading: 'lazy',
    });
  });

  it('keeps valid values and refuses the others, saying what it does instead', () => {
    const { resolved, warnings } = resolve({
      layout: 'vertical',
      variant: 'loud' as never,
      minCount: '-1',
      counts: '{"x": 3, "facebook": -0, "reddit": "7", "bad": 1.5}',
      via: '@someone',
      hashtags: '#news, tech,,',
      track: 'off',
    });
    expect(resolved.layout).to.equal('vertical');
    expect(resolved.variant).to.equal('solid');
    expect(resolved.minCount).to.equal(0);
    expect(resolved.counts).to.deep.equal({ x: 3, facebook: 0, reddit: 7 });
    expect(Object.is(resolved.counts.facebook, 0)).to.equal(true);
    expect(resolved.data.via).to.equal('someone');
    expect(resolved.data.hashtags).to.deep.equal(['news', 'tech']);
    expect(resolved.track).to.equal(false);
    expect(warnings.sort()).to.deep.equal([
      'min-count="-1" is invalid; using 0.',
      'variant="loud" is invalid; use solid|outline|plain.',
    ]);
  });

  it('resolves network ids: aliases, case, order, duplicates, retired and unknown ones', () => {
    const { resolved, warnings } = resolve({ networks: 'Twitter, REDDIT pocket x nope xing constructor' });
    expect(resolved.networks.map((n) => n.id)).to.deep.equal(['x', 'reddit']);
    expect(warnings).to.deep.equal([
      'network "pocket" is retired; left out.',
      'network "nope" is unknown; left out.',
      'network "xing" is retired; left out.',
      'network "constructor" is unknown; left out.',
    ]);
  });

  it('tags links only when utm is present, with the campaign trimmed', () => {
    expect(resolve({}).resolved.utm).to.equal(undefined);
    expect(resolve({ utm: '' }).resolved.utm).to.equal('');
    expect(resolve({ utm: ' spring ' }).resolved.utm).to.equal('spring');
  });

  it('takes a host name with an optional port as the Mastodon instance, nothing else', () => {
    for (const good of ['mastodon.social', 'my-server.example:8443', 'localhost']) {
      expect(resolve({ mastodonInstance: good }).resolved.data.mastodonInstance, good).to.equal(good);
    }
    for (const bad of ['..', 'a..b', '.a', 'a.', '-a', 'a-', 'a_b', 'a/b', 'a?b', 'a:', 'a:123456', 'user@a']) {
      const { resolved, warnings } = resolve({ mastodonInstance: bad });
      expect(resolved.data.mastodonInstance, bad).to.equal('');
      expect(warnings, bad).to.have.length(1);
    }
  });

  it('cuts text by code points and says so', () => {
    const { resolved, warnings } = resolve({ text: '🐟'.repeat(1001) });
    expect([...resolved.data.text]).to.have.length(1000);
    expect(warnings).to.have.length(1);
  });

  it('resolves the url against the page, without credentials, and falls back to the page', () => {
    const warnings: string[] = [];
    const warn = (_key: string, message: string) => warnings.push(message);
    expect(resolveUrl('url', undefined, page, warn)).to.equal('https://page.example/post');
    expect(resolveUrl('url', '../other?a=1', page, warn)).to.equal('https://page.example/other?a=1');
    expect(resolveUrl('url', 'https://me:secret@page.example/x', page, warn)).to.equal('https://page.example/x');
    expect(resolveUrl('url', 'javascript:alert(1)', page, warn)).to.equal('https://page.example/post');
    expect(warnings).to.have.length(2);
    expect(warnings.join()).not.to.include('secret');
    // On a server there is no page to resolve against: only absolute urls are taken.
    expect(resolveUrl('url', '/relative', { ...page, base: undefined, url: '' }, warn)).to.equal('');
  });
});

describe('httpUrl', () => {
  it('gives what new URL() gives, also for urls it takes without parsing', () => {
    const samples = [
      'https://example.com/',
      'https://example.com',
      'http://EXAMPLE.com/a',
      'https://example.com/a/../b',
      'https://example.com/./a',
      'https://example.com/a/..?x',
      'https://example.com/.well-known/x',
      'https://example.com:443/',
      'https://example.com:8080/x',
      'https://user:pw@example.com/',
      'https://0x7f.1/',
      'https://1.2.3.4/',
      'https://example.com/a b',
      "https://example.com/?q='x'",
      'https://example.com/#a b',
      'https://example.com/%7e?a=%7E#x',
      'https://example.com/ä',
      'https://bücher.example/',
      'https://example.com/path?x=1&y=2#frag',
      'https://example.com/a//b',
      'https://example.com/\\a',
      'https://a.b.example/x~y!$&()*+,;=:@',
      'https://example.com/a?b/../c',
      'https://example.com/[x]',
      'https://example.com./',
      'https://example.com/a/...',
      ' https://example.com/trimmed ',
    ];
    for (const sample of samples) {
      let expected: string | undefined;
      try {
        const url = new URL(sample.trim());
        url.username = url.password = '';
        expected = url.href;
      } catch {
        expected = undefined;
      }
      expect(httpUrl(sample), sample).to.equal(expected);
    }
    expect(httpUrl('https://example.com/' + 'a'.repeat(2100))).to.equal(undefined);
    expect(httpUrl('ftp://example.com/')).to.equal(undefined);
  });
});
