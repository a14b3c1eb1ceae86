import { count, endpoint, field, parseJson, UpstreamFormatError, type Upstream } from './types.js';

/** Pinterest's undocumented count endpoint, which answers JSONP only. */
export const pinterest: Upstream = {
  id: 'pinterest',
  base: 'https://api.pinterest.com',
  budget: { requests: 20, seconds: 3600 },
  request(url, { base }) {
    return endpoint(base, '/v1/urls/count.json', { callback: 'x', url });
  },
  parse(body) {
    const match = /^\s*x\(([\s\S]*)\)\s*;?\s*$/.exec(body);
    if (!match) throw new UpstreamFormatError('not JSONP');
    return count(field(parseJson(match[1]!), 'count'));
  },
};
