/** Building share links: the query strings every network's share URL is made of. */
import type { ShareData } from './registry.js';

/** encodeURIComponent that also encodes the sub-delimiters it leaves alone (`!'()*`). */
export function encodeQueryValue(value: string): string {
  const encoded = encodeURIComponent(value);
  // Tested first: most values (urls) have none, and a replace with a callback is slow.
  return /[!'()*]/.test(encoded)
    ? encoded.replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase())
    : encoded;
}

/** `base?name=value&…` with every value encoded; empty values are left out. */
export function shareLink(base: string, parameters: Record<string, string | undefined>): string {
  let link = base;
  for (const name in parameters) {
    const value = parameters[name];
    if (value) link += (link == base ? '?' : '&') + name + '=' + encodeQueryValue(value);
  }
  return link;
}

/** The share text followed by the page url, for networks that take a single text. */
export const textWithUrl = (data: ShareData): string => (data.text ? data.text + ' ' : '') + data.url;
