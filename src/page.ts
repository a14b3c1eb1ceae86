/** Reading the host page: share defaults, URL checks and one-time warnings. */
import { MAX_URL_LENGTH } from './protocol.js';

const warned = new Set<string>();

/** Logs `message` once per page for each `key`. */
export function warnOnce(key: string, message: string): void {
  if (warned.has(key)) return;
  warned.add(key);
  console.warn('share-bar: ' + message);
}

/** Warns once that `attribute="value"` was refused, and what is done instead. */
export const invalid = (attribute: string, value: unknown, instead: string): void =>
  warnOnce(attribute + '=' + value, `${attribute}="${String(value).slice(0, 100)}" is invalid; ${instead}.`);

/** `value` resolved against the document as an absolute http(s) URL, or `undefined`. */
export function httpUrl(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value.trim(), document.baseURI);
    if (/^https?:$/.test(url.protocol) && url.href.length <= MAX_URL_LENGTH) return url.href;
  } catch {
    // Not a URL at all: treated like any other refused value.
  }
  return undefined;
}

const meta = (selector: string) => document.querySelector<HTMLMetaElement>(`meta[${selector}]`)?.content;

/** What a bar shares when its attributes say nothing, read from the page's head. */
export interface PageDefaults {
  /** Canonical link, then og:url, then the address without its #hash. */
  url: string;
  /** og:title, then the document title. */
  text: string;
  /** Meta description, then og:description. */
  description: string;
  /** og:image, if it is an http(s) URL. */
  image: string;
}

let memo: PageDefaults | undefined;

/**
 * The page's share defaults. Read once for all the bars that render together (then forgotten
 * at the next microtask checkpoint, so later changes to the head are seen).
 */
export function pageDefaults(): PageDefaults {
  if (!memo) {
    queueMicrotask(() => (memo = undefined));
    memo = {
      url:
        httpUrl(document.querySelector<HTMLLinkElement>('link[rel=canonical]')?.getAttribute('href')) ??
        httpUrl(meta('property="og:url"')) ??
        location.href.replace(/#.*/, ''),
      text: meta('property="og:title"') || document.title,
      description: meta('name=description') || meta('property="og:description"') || '',
      image: httpUrl(meta('property="og:image"')) ?? '',
    };
  }
  return memo;
}
