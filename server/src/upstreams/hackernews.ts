import { normalizePageUrl } from '../url.js';
import { count, endpoint, field, parseJson, UpstreamFormatError, type Upstream } from './types.js';

function sameAs(urls: ReadonlySet<string>, raw: unknown): boolean {
  try {
    return urls.has(normalizePageUrl(raw));
  } catch {
    return false;
  }
}

/** Points of Hacker News stories linking the url, through the Algolia search API. */
export const hackernews: Upstream = {
  id: 'hackernews',
  base: 'https://hn.algolia.com',
  budget: { requests: 20, seconds: 3600 },
  searchesVariants: true,
  request(url, { base }) {
    return endpoint(base, '/api/v1/search', { query: url, restrictSearchableAttributes: 'url', tags: 'story' });
  },
  parse(body, urls) {
    const hits = field(parseJson(body), 'hits');
    if (!Array.isArray(hits)) throw new UpstreamFormatError('no hits');
    // The search is a full-text match: `https://example.com/` also finds every other page of the
    // site. Only stories whose url is the page (or a variant asked for) count.
    const wanted = new Set(urls);
    let points = 0;
    for (const hit of hits) {
      if (!sameAs(wanted, field(hit, 'url'))) continue;
      const p = field(hit, 'points');
      points += p === null || p === undefined ? 0 : count(p);
    }
    return points;
  },
};
