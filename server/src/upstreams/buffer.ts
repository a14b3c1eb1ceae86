import { count, endpoint, field, parseJson, type Upstream } from './types.js';

/** Buffer's undocumented (and unconfirmed) link share count. */
export const buffer: Upstream = {
  id: 'buffer',
  base: 'https://api.bufferapp.com',
  budget: { requests: 20, seconds: 3600 },
  request(url, { base }) {
    return endpoint(base, '/1/links/shares.json', { url });
  },
  parse(body) {
    return count(field(parseJson(body), 'shares'));
  },
};
