/**
 * What a bar shows and shares, worked out from its options (attributes, properties and page-wide
 * defaults), the page's own defaults and the network registry. Pure: it reads no DOM and keeps no
 * state; the values it refuses are handed to `warn` (the element logs each once per page).
 */
import { httpUrl } from './http-url.js';
import type { PageDefaults } from './page.js';
import { MAX_URL_LENGTH, RETIRED_NETWORKS, resolveAlias, toCounts, type Counts } from './protocol.js';
import type { Network, ShareData } from './registry.js';
import { cut } from './strings.js';

/** Options of a bar, by property name: what `ShareBar.defaults` may hold for every bar of a page. */
export interface ShareBarOptions {
  networks: string;
  url: string;
  text: string;
  description: string;
  image: string;
  via: string;
  hashtags: string;
  heading: string;
  countsUrl: string;
  counts: Counts | string;
  countDisplay: 'buttons' | 'total' | 'both' | 'none';
  minCount: number | string;
  layout: 'horizontal' | 'vertical' | 'floating';
  variant: 'solid' | 'outline' | 'plain';
  labels: 'auto' | 'full' | 'short' | 'none';
  size: 'small' | 'medium' | 'large';
  target: 'popup' | 'tab' | 'self';
  mastodonInstance: string;
  loading: 'lazy' | 'eager';
  track: string;
  utm: string;
}

/** The values each enumerated option accepts (by attribute name); the first is its default. */
const CHOICES = {
  'count-display': ['buttons', 'total', 'both', 'none'],
  layout: ['horizontal', 'vertical', 'floating'],
  variant: ['solid', 'outline', 'plain'],
  labels: ['auto', 'full', 'short', 'none'],
  size: ['medium', 'small', 'large'],
  target: ['popup', 'tab', 'self'],
  loading: ['lazy', 'eager'],
} as const;

/** The networks of a bar without a `networks` option. */
export const DEFAULT_NETWORKS = 'x facebook linkedin pinterest';

/** Longest text, description, account or hashtag list put into a link; longer values are cut. */
export const MAX_TEXT_LENGTH = 1000;

/** A host name (letters, digits and hyphens between dots) with an optional port. */
const HOST_NAME = /^([a-z\d]([a-z\d-]*[a-z\d])?\.)*[a-z\d]([a-z\d-]*[a-z\d])?(:\d{1,5})?$/i;

/** A bar's options, checked and with every default filled in (the url apart: see resolveUrl). */
export interface ResolvedOptions {
  /** The networks to show, in order: known, not retired, supported here, each once. */
  networks: Network[];
  /** What the share links are built from, but the url. */
  data: Omit<ShareData, 'url'>;
  /** Static counts (valid entries only). */
  counts: Counts;
  /** The count endpoint, or empty for none. */
  countsUrl: string;
  /** Whether shares are recorded at the count endpoint. */
  track: boolean;
  /** The `utm_campaign` of tagged share links (empty: none); undefined when links are not tagged. */
  utm?: string;
  /** Counts below this are not shown on buttons. */
  minCount: number;
  countDisplay: ShareBarOptions['countDisplay'];
  layout: ShareBarOptions['layout'];
  variant: ShareBarOptions['variant'];
  labels: ShareBarOptions['labels'];
  size: ShareBarOptions['size'];
  target: ShareBarOptions['target'];
  loading: ShareBarOptions['loading'];
}

/** Warns once that `attribute="value"` was refused, and what is done instead. */
const refuse = (warn: Warn, attribute: string, value: unknown, instead: string) =>
  warn(attribute + '=' + value, `${attribute}="${String(value).slice(0, 100)}" is invalid; ${instead}.`);

/** Hears about each refused value, with a key to say it once by. */
export type Warn = (key: string, message: string) => void;

/**
 * The `url` or `image` option as an absolute http(s) URL without credentials, resolved against
 * the page; the page's own when it is not set or refused.
 */
export function resolveUrl(key: 'url' | 'image', value: string | undefined, page: PageDefaults, warn: Warn): string {
  if (!value) return page[key];
  const url = httpUrl(value, page.base);
  if (!url) refuse(warn, key, value, `not an http(s) URL of up to ${MAX_URL_LENGTH} characters`);
  else if (/^\w+:\/\/[^/?#]*@/.test(value.trim())) {
    warn(key + '@', `${key}: the user name and password are left out of the shared address.`);
  }
  return url ?? page[key];
}

/**
 * Resolves `options` (undefined: not set) against the page's defaults, looking networks up with
 * `lookup`; the `url` option is left to resolveUrl(). Each refused value is handed to `warn`.
 */
export function resolveOptions(
  options: Partial<ShareBarOptions>,
  page: PageDefaults,
  lookup: (id: string) => Network | undefined,
  warn: Warn,
): ResolvedOptions {
  const choice = <A extends keyof typeof CHOICES>(attribute: A, value?: string): (typeof CHOICES)[A][number] => {
    const allowed: readonly string[] = CHOICES[attribute];
    if (value == null || allowed.includes(value)) return (value ?? allowed[0]) as (typeof CHOICES)[A][number];
    refuse(warn, attribute, value, 'use ' + allowed.join('|'));
    return allowed[0] as (typeof CHOICES)[A][number];
  };

  const text = (key: 'text' | 'description' | 'via' | 'hashtags') => {
    const value = String(options[key] ?? '');
    const kept = cut(value, MAX_TEXT_LENGTH);
    if (kept != value) refuse(warn, key, value, `cut to ${MAX_TEXT_LENGTH} characters`);
    return kept;
  };

  const networks: Network[] = [];
  for (const id of new Set(
    String(options.networks ?? DEFAULT_NETWORKS)
      .split(/[\s,]+/)
      .filter(Boolean)
      .map(resolveAlias),
  )) {
    const network = lookup(id);
    if (!network) warn(id, `network "${id}" is ${RETIRED_NETWORKS.includes(id) ? 'retired' : 'unknown'}; left out.`);
    else if (network.supported?.() ?? true) networks.push(network);
  }

  let instance = String(options.mastodonInstance ?? '').trim();
  if (instance && !HOST_NAME.test(instance)) {
    refuse(warn, 'mastodon-instance', instance, 'not a host name');
    instance = '';
  }

  const counts = toCounts(options.counts);
  if (options.counts != null && !counts) refuse(warn, 'counts', options.counts, 'not a JSON object');

  let minCount = Number(options.minCount ?? 0);
  if (!(minCount >= 0)) {
    refuse(warn, 'min-count', options.minCount, 'using 0');
    minCount = 0;
  }

  return {
    networks,
    data: {
      text: options.text == null ? page.text : text('text'),
      description: options.description == null ? page.description : text('description'),
      image: resolveUrl('image', options.image, page, warn),
      via: text('via').trim().replace(/^@/, ''),
      hashtags: text('hashtags')
        .split(',')
        .map((tag) => tag.trim().replace(/^#/, ''))
        .filter(Boolean),
      mastodonInstance: instance,
    },
    counts: counts ?? {},
    countsUrl: String(options.countsUrl ?? ''),
    track: options.track != 'off',
    utm: options.utm == null ? undefined : String(options.utm).trim(),
    minCount,
    countDisplay: choice('count-display', options.countDisplay),
    layout: choice('layout', options.layout),
    variant: choice('variant', options.variant),
    labels: choice('labels', options.labels),
    size: choice('size', options.size),
    target: choice('target', options.target),
    loading: choice('loading', options.loading),
  };
}
