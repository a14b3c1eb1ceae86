import { count, endpoint, UpstreamFormatError, type Upstream } from './types.js';

/** VK's undocumented share counter, which answers a script call `VK.Share.count(1, N);`. */
export const vk: Upstream = {
  id: 'vk',
  base: 'https://vk.com',
  budget: { requests: 20, seconds: 3600 },
  request(url, { base }) {
    return endpoint(base, '/share.php', { act: 'count', index: '1', url });
  },
  parse(body) {
    const match = /^\s*VK\.Share\.count\(\s*\d+\s*,\s*(\d+)\s*\)\s*;?\s*$/.exec(body);
    if (!match) throw new UpstreamFormatError('not a VK.Share.count call');
    return count(Number(match[1]));
  },
};
