import { jsonFieldUpstream } from './types.js';

/** Buffer's undocumented (and unconfirmed) link share count, `{"shares":N}`. */
export const buffer = jsonFieldUpstream('buffer', 'https://api.bufferapp.com', '/1/links/shares.json', 'shares');
