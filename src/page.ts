/**
 * Reading the host page: the share defaults in its head and its address, and one-time warnings.
 * Nothing here touches the page in server rendering, where a bar works from its attributes alone.
 */
import { isServer } from 'lit';
import { httpUrl } from './http-url.js';

const warned = new Set<string>();

/** Logs `message` once per page for each `key`. */
export function warnOnce(key: string, message: string): void {
  if (warned.has(key)) return;
  warned.add(key);
  console.warn('share-bar: ' + message);
}

/** What a bar shares when its attributes say nothing, read from the page's head. */
export interface PageDefaults {
  /** Canonical link, then og:url, then the address without its #hash; empty on a server. */
  url: string;
  /** og:title, then the document title. */
  text: string;
  /** Meta description, then og:description. */
  description: string;
  /** og:image, if it is an http(s) URL. */
  image: string;
  /** What relative urls resolve against; undefined on a server, where only absolute urls work. */
  base?: string;
}

let memo: PageDefaults | undefined;

/**
 * The page's share defaults. Read once for all the bars that render together (then forgotten at
 * the next microtask checkpoint, so later changes to the head are seen); empty on a server.
 */
export function pageDefaults(): PageDefaults {
  if (isServer) return { url: '', text: '', description: '', image: '' };
  if (!memo) {
    queueMicrotask(() => (memo = undefined));
    const meta = (selector: string) => document.querySelector<HTMLMetaElement>(`meta[${selector}]`)?.content;
    const base = document.baseURI;
    const address = location.href.replace(/#.*/, '');
    memo = {
      url:
        httpUrl(document.querySelector('link[rel=canonical]')?.getAttribute('href'), base) ??
        httpUrl(meta('property="og:url"'), base) ??
        httpUrl(address) ??
        address,
      text: meta('property="og:title"') || document.title,
      description: meta('name=description') || meta('property="og:description"') || '',
      image: httpUrl(meta('property="og:image"'), base) ?? '',
      base,
    };
  }
  return memo;
}
