/**
 * The wire contract between `<share-bar>` and a count service (docs/protocol.md): the network ids,
 * their aliases and retired ids, what a count answer may hold, how the GET address is built and
 * what a POST carries. Free of the DOM and of imports: the count service builds this very file too
 * (`server/src/protocol.ts` is a link to it), so the two sides cannot drift apart.
 */

/** Ids of the built-in networks, in registration order. */
export const NETWORK_IDS = [
  'x',
  'facebook',
  'linkedin',
  'pinterest',
  'reddit',
  'whatsapp',
  'telegram',
  'email',
  'mastodon',
  'bluesky',
  'threads',
  'hackernews',
  'tumblr',
  'flipboard',
  'vk',
  'ok',
  'line',
  'weibo',
  'copy',
  'native',
] as const;

/** A built-in network id. */
export type NetworkId = (typeof NETWORK_IDS)[number];

/** Old names that still arrive from pages, with the id each stands for. */
export const NETWORK_ALIASES: Readonly<Record<string, NetworkId>> = { twitter: 'x' };

/**
 * Services that shut down, or whose share link stopped working (XING, 2026): accepted in
 * `networks`, rendered as nothing, never counted.
 */
export const RETIRED_NETWORKS: readonly string[] = ['googleplus', 'pocket', 'skype', 'stumbleupon', 'flattr', 'xing'];

/** `id` in lower case with an alias resolved (`Twitter` → `x`); other ids are returned as they are. */
export function resolveAlias(id: string): string {
  const lower = id.trim().toLowerCase();
  // Own properties only: `constructor` or `__proto__` are ids like any other, not aliases.
  return Object.hasOwn(NETWORK_ALIASES, lower) ? NETWORK_ALIASES[lower]! : lower;
}

/** The built-in id `id` stands for (case-insensitive, aliases resolved), or `undefined`. */
export function builtInNetwork(id: string): NetworkId | undefined {
  const resolved = resolveAlias(id) as NetworkId;
  return NETWORK_IDS.includes(resolved) ? resolved : undefined;
}

/** Share counts keyed by lower-case network id. */
export type Counts = Record<string, number>;

/** Longest page url either side builds links from, sends or counts. */
export const MAX_URL_LENGTH = 2048;

/** Longest page title a POST may carry for the statistics. */
export const MAX_TITLE_LENGTH = 300;

/** The body of `POST {counts-url}`: one share to record. */
export interface ShareRecord {
  /** The page shared. */
  url: string;
  /** The network id it was shared to. */
  network: string;
  /** The page's title, for the service's statistics (optional, at most `MAX_TITLE_LENGTH`). */
  title?: string;
}

/**
 * Keeps only the entries a count answer may give: finite integers ≥ 0, also as digit strings,
 * under lower-case ids. Accepts an object or its JSON text; anything else gives `undefined`.
 */
export function toCounts(value: unknown): Counts | undefined {
  if (typeof value == 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  if (!value || typeof value != 'object' || Array.isArray(value)) return undefined;
  const counts: Counts = {};
  for (const [id, raw] of Object.entries(value)) {
    const n = typeof raw == 'string' && /^\d+$/.test(raw) ? Number(raw) : raw;
    // `+ 0` turns -0 into 0.
    if (typeof n == 'number' && Number.isSafeInteger(n) && n >= 0) counts[id.toLowerCase()] = n + 0;
  }
  return counts;
}

/** `base` with `name=value` appended, `value` already encoded. */
const appendParameter = (base: string, name: string, value: string) =>
  base + (base.includes('?') ? '&' : '?') + name + '=' + value;

/**
 * The GET address of the counts of `url`: the page url filled into `{url}` or appended as
 * `url=`, then `networks=` with the ids comma separated.
 */
export const countsRequestUrl = (endpoint: string, url: string, networks: readonly string[]): string =>
  appendParameter(
    endpoint.includes('{url}')
      ? endpoint.replace('{url}', encodeURIComponent(url))
      : appendParameter(endpoint, 'url', encodeURIComponent(url)),
    'networks',
    networks.join(','),
  );
