import { count, endpoint, field, parseJson, type Upstream } from './types.js';

/** LINE's documented social plugin metrics; the count arrives as a string of digits. */
export const line: Upstream = {
  id: 'line',
  base: 'https://api.line.me',
  budget: { requests: 20, seconds: 3600 },
  request(url, { base }) {
    return endpoint(base, '/social-plugin/metrics', { url });
  },
  parse(body) {
    return count(field(parseJson(body), 'share'));
  },
};
