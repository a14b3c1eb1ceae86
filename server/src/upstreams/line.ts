import { jsonFieldUpstream } from './types.js';

/** LINE's documented social plugin metrics; the count arrives as a string of digits, `{"share":"N"}`. */
export const line = jsonFieldUpstream('line', 'https://api.line.me', '/social-plugin/metrics', 'share');
