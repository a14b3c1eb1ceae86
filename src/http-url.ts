import { MAX_URL_LENGTH } from './protocol.js';

/**
 * `value` as an absolute http(s) URL resolved against `base`, without a user name or password
 * (they are never shared), or `undefined` when it is something else or longer than
 * `MAX_URL_LENGTH`. Without `base` only absolute URLs are accepted.
 */
export function httpUrl(value: string | null | undefined, base?: string): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value.trim(), base);
    url.username = url.password = '';
    if (/^https?:$/.test(url.protocol) && url.href.length <= MAX_URL_LENGTH) return url.href;
  } catch {
    // Not a URL at all: refused like any other value that is not http(s).
  }
  return undefined;
}
