import { MAX_URL_LENGTH } from './protocol.js';

/**
 * An absolute http(s) URL already in the form `new URL()` gives, with nothing for it to change:
 * a lower-case host name ending in a letter (not an IP address to rewrite), no port, no user
 * name, a path starting with `/` without `.` or `..` segments, and only characters that no part
 * of the URL percent-encodes. Most pages write their urls this way; parsing them would only cost.
 */
const CANONICAL = /^https?:\/\/([a-z\d-]+\.)*[a-z][a-z\d-]*\/(?!(.*\/)?\.\.?(\/|[?#]|$))[\w\-.~!$&()*+,;=:@%/?#]*$/;

/**
 * `value` as an absolute http(s) URL resolved against `base`, without a user name or password
 * (they are never shared), or `undefined` when it is something else or longer than
 * `MAX_URL_LENGTH`. Without `base` only absolute URLs are accepted.
 */
export function httpUrl(value: string | null | undefined, base?: string): string | undefined {
  if (!value) return undefined;
  if (value.length <= MAX_URL_LENGTH && CANONICAL.test(value)) return value;
  try {
    const url = new URL(value.trim(), base);
    url.username = url.password = '';
    if (/^https?:$/.test(url.protocol) && url.href.length <= MAX_URL_LENGTH) return url.href;
  } catch {
    // Not a URL at all: refused like any other value that is not http(s).
  }
  return undefined;
}
