import { HttpError } from './http.js';
import { MAX_URL_LENGTH } from './protocol.js';

const TRACKING_PARAMS = new Set(['fbclid', 'gclid', 'mc_cid', 'mc_eid']);

function isTrackingParam(name: string): boolean {
  const lower = name.toLowerCase();
  return lower.startsWith('utm_') || TRACKING_PARAMS.has(lower);
}

/** A host name: labels of letters, digits, `_` and inner hyphens, each at most 63 characters. */
const HOST_NAME = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)*$/;

/** Whether `hostname` (lower case, no trailing dot) names a host: an IP address or a host name. */
function isHostName(hostname: string): boolean {
  if (hostname.startsWith('[')) return true; // IPv6, already checked by the parser
  return hostname.length <= 253 && HOST_NAME.test(hostname);
}

/** The name of a `name=value` pair as a form decodes it, or the raw name if it is not valid UTF-8. */
function paramName(pair: string): string {
  const name = pair.split('=', 1)[0]!.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

/**
 * One spelling per escape (RFC 3986 §6.2.2): escaped letters, digits and `-._~` decoded, other
 * escapes in upper case, so `%41` and `A` are one page.
 */
function normalizeEscapes(text: string): string {
  if (!text.includes('%')) return text;
  return text.replace(/%[0-9a-f]{2}/gi, (escape) => {
    const char = String.fromCharCode(parseInt(escape.slice(1), 16));
    return /[A-Za-z0-9\-._~]/.test(char) ? char : escape.toUpperCase();
  });
}

/**
 * The form a page url is counted under: lower-case scheme and host (the WHATWG parser does that,
 * and drops default ports), no fragment, no tracking parameters, no empty query, one spelling per
 * escape (docs/protocol.md#normalisation). Throws a 400 HttpError for anything that is not an
 * absolute http(s) url of a real host, of at most 2048 characters.
 */
export function normalizePageUrl(raw: unknown): string {
  if (typeof raw !== 'string' || raw.trim() === '') throw new HttpError(400, 'missing url');
  if (raw.length > MAX_URL_LENGTH) throw new HttpError(400, 'url too long');
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new HttpError(400, 'invalid url');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new HttpError(400, 'url must be http or https');
  }
  // Credentials in a shared url are a leak waiting to happen; never count them.
  if (url.username !== '' || url.password !== '') throw new HttpError(400, 'url must not carry credentials');
  if (url.hostname.endsWith('.')) url.hostname = url.hostname.replace(/\.+$/, '');
  if (url.hostname === '') throw new HttpError(400, 'invalid url');
  if (!isHostName(url.hostname)) throw new HttpError(400, 'invalid host');
  // The pairs are kept as written: re-encoding them would make one page several urls.
  const pairs =
    url.search === ''
      ? []
      : url.search
          .slice(1)
          .split('&')
          .filter((pair) => pair !== '' && !isTrackingParam(paramName(pair)));
  const query = pairs.length === 0 ? '' : `?${pairs.join('&')}`;
  const normalized = `${url.protocol}//${url.host}${normalizeEscapes(url.pathname)}${normalizeEscapes(query)}`;
  if (normalized.length > MAX_URL_LENGTH) throw new HttpError(400, 'url too long');
  return normalized;
}

/** Matches a host against an allow-list of exact hosts and `*.example.org` subdomain wildcards. */
export class HostAllowList {
  readonly #exact = new Set<string>();
  readonly #suffixes: string[] = [];

  /** @param patterns e.g. `['example.com', '*.example.org']`; empty allows every host. */
  constructor(patterns: readonly string[]) {
    for (const pattern of patterns) {
      const p = pattern.trim().toLowerCase().replace(/\.+$/, '');
      if (p === '') continue;
      if (p.startsWith('*.')) this.#suffixes.push(p.slice(1));
      else this.#exact.add(p);
    }
  }

  /** True when no pattern was given, so every host is allowed. */
  get allowsAll(): boolean {
    return this.#exact.size === 0 && this.#suffixes.length === 0;
  }

  /** Whether `hostname` (already lower-case) may be counted. */
  allows(hostname: string): boolean {
    if (this.allowsAll || this.#exact.has(hostname)) return true;
    return this.#suffixes.some((suffix) => hostname.endsWith(suffix) && hostname.length > suffix.length);
  }
}

/**
 * The forms a page was likely shared under before a move to https or a change of trailing slash,
 * `url` first: `http://` and `https://`, with and without the path's trailing slash (never for the
 * bare `/`). Urls with an explicit port keep their scheme: the port belongs to it.
 */
export function urlVariants(url: string): string[] {
  const base = new URL(url);
  const schemes = base.port === '' ? [base.protocol, base.protocol === 'https:' ? 'http:' : 'https:'] : [base.protocol];
  const paths = [base.pathname];
  if (base.pathname !== '/') {
    paths.push(base.pathname.endsWith('/') ? base.pathname.replace(/\/+$/, '') || '/' : `${base.pathname}/`);
  }
  const variants: string[] = [];
  for (const scheme of schemes) {
    for (const path of paths) {
      const variant = new URL(url);
      variant.protocol = scheme;
      variant.pathname = path;
      if (!variants.includes(variant.href)) variants.push(variant.href);
    }
  }
  return variants;
}
