/**
 * What a bar shows and shares, worked out from its options (attributes, properties and page-wide
 * defaults), the page's own defaults and the network registry. Pure: it reads no DOM and logs
 * nothing; the values it refuses come back as warnings for the element to log once per page.
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
  labels: 'full' | 'short' | 'none';
  size: 'small' | 'medium' | 'large';
  target: 'popup' | 'tab' | 'self';
  mastodonInstance: string;
  loading: 'lazy' | 'eager';
  track: string;
}

/** The values each enumerated option accepts; the first is its default. */
export const CHOICES = {
  countDisplay: ['buttons', 'total', 'both', 'none'],
  layout: ['horizontal', 'vertical', 'floating'],
  variant: ['solid', 'outline', 'plain'],
  labels: ['full', 'short', 'none'],
  size: ['medium', 'small', 'large'],
  target: ['popup', 'tab', 'self'],
  loading: ['lazy', 'eager'],
} as const;

type Choices = { [K in keyof typeof CHOICES]: (typeof CHOICES)[K][number] };

/** The networks of a bar without a `networks` option. */
export const DEFAULT_NETWORKS = 'x facebook linkedin pinterest';

/** Longest text, description, account or hashtag list put into a link; longer values are cut. */
export const MAX_TEXT_LENGTH = 1000;

/** A host name (letters, digits and hyphens between dots) with an optional port. */
const HOST_NAME = /^[a-z\d]([a-z\d-]*[a-z\d])?(\.[a-z\d]([a-z\d-]*[a-z\d])?)*(:\d{1,5})?$/i;

/** Something the page's author should hear about: a key to say it once by, and the message. */
export type Warning = [key: string, message: string];

/** A bar's options, checked and with every default filled in. */
export interface ResolvedOptions extends Choices {
  /** The networks to show, in order: known, not retired, supported here, each once. */
  networks: Network[];
  /** What the share links are built from. */
  data: ShareData;
  /** Static counts (valid entries only). */
  counts: Counts;
  /** The count endpoint, or empty for none. */
  countsUrl: string;
  /** Whether shares are recorded at the count endpoint. */
  track: boolean;
  /** Counts below this are not shown on buttons. */
  minCount: number;
}

/**
 * Resolves `options` (undefined = not set) against the page's defaults, looking networks up with
 * `lookup`. Returns the resolved options and the warnings about refused values.
 */
export function resolveOptions(
  options: Partial<ShareBarOptions>,
  page: PageDefaults,
  lookup: (id: string) => Network | undefined,
): { resolved: ResolvedOptions; warnings: Warning[] } {
  const warnings: Warning[] = [];
  const refuse = (attribute: string, value: unknown, instead: string) =>
    warnings.push([
      attribute + '=' + String(value),
      `${attribute}="${String(value).slice(0, 100)}" is invalid; ${instead}.`,
    ]);

  const choice = <K extends keyof typeof CHOICES>(key: K, attribute: string): Choices[K] => {
    const value = options[key];
    const allowed: readonly string[] = CHOICES[key];
    if (value != null && !allowed.includes(value)) refuse(attribute, value, 'use ' + allowed.join('|'));
    return (value != null && allowed.includes(value) ? value : allowed[0]) as Choices[K];
  };

  const text = (key: 'text' | 'description' | 'via' | 'hashtags') => {
    const value = String(options[key] ?? '');
    const kept = cut(value, MAX_TEXT_LENGTH);
    if (kept != value) refuse(key, value, `cut to ${MAX_TEXT_LENGTH} characters`);
    return kept;
  };

  const checked = (key: 'url' | 'image') => {
    const value = options[key];
    if (value == null || value === '') return page[key];
    const url = httpUrl(value, page.base);
    if (!url) {
      refuse(key, value, `not an http(s) URL of up to ${MAX_URL_LENGTH} characters`);
      return page[key];
    }
    if (/^\w+:\/\/[^/?#]*@/.test(value.trim())) {
      warnings.push([key + '@', `${key}: the user name and password are left out of the shared address.`]);
    }
    return url;
  };

  const networks: Network[] = [];
  const ids = String(options.networks ?? DEFAULT_NETWORKS)
    .split(/[\s,]+/)
    .filter(Boolean)
    .map(resolveAlias);
  for (const id of new Set(ids)) {
    const network = lookup(id);
    if (!network) {
      const why = RETIRED_NETWORKS.includes(id) ? 'shut down' : 'unknown';
      warnings.push([id, `network "${id}" is ${why}; left out.`]);
    } else if (network.supported?.() ?? true) {
      networks.push(network);
    }
  }

  let instance = String(options.mastodonInstance ?? '').trim();
  if (instance && !HOST_NAME.test(instance)) {
    refuse('mastodon-instance', instance, 'not a host name');
    instance = '';
  }

  const counts = toCounts(options.counts);
  if (options.counts != null && !counts) refuse('counts', options.counts, 'not a JSON object');

  let minCount = Number(options.minCount ?? 0);
  if (!(minCount >= 0)) {
    refuse('min-count', options.minCount, 'using 0');
    minCount = 0;
  }

  const resolved: ResolvedOptions = {
    networks,
    data: {
      url: checked('url'),
      text: options.text == null ? page.text : text('text'),
      description: options.description == null ? page.description : text('description'),
      image: checked('image'),
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
    minCount,
    countDisplay: choice('countDisplay', 'count-display'),
    layout: choice('layout', 'layout'),
    variant: choice('variant', 'variant'),
    labels: choice('labels', 'labels'),
    size: choice('size', 'size'),
    target: choice('target', 'target'),
    loading: choice('loading', 'loading'),
  };
  return { resolved, warnings };
}
