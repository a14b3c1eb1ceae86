/** Building share links: the query strings every network's share URL is made of. */
import type { ShareData } from './registry.js';

/** encodeURIComponent that also encodes the sub-delimiters it leaves alone (`!'()*`). */
export const encodeQueryValue = (value: string): string =>
  encodeURIComponent(value).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());

/** `base?name=value&…` with every value encoded; empty values are left out. */
export const shareLink = (base: string, parameters: Record<string, string | undefined>): string =>
  base +
  '?' +
  Object.entries(parameters)
    .filter(([, value]) => value)
    .map(([name, value]) => name + '=' + encodeQueryValue(value!))
    .join('&');

/** The share text followed by the page url, for networks that take a single text. */
export const textWithUrl = (data: ShareData): string => (data.text ? data.text + ' ' : '') + data.url;
