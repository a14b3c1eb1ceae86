/** Every network id the service counts; keep in step with the element's registry (SPEC §1). */
export const NETWORKS = [
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
  'xing',
  'line',
  'weibo',
  'copy',
  'native',
] as const;

/** A canonical network id. */
export type NetworkId = (typeof NETWORKS)[number];

/** Old names that still arrive from pages and map to a canonical id. */
export const NETWORK_ALIASES: Readonly<Record<string, NetworkId>> = { twitter: 'x' };

const known = new Set<string>(NETWORKS);

/** The canonical id for `id` (case-insensitive, aliases resolved), or `undefined` if unknown. */
export function canonicalNetwork(id: string): NetworkId | undefined {
  const lower = id.trim().toLowerCase();
  if (known.has(lower)) return lower as NetworkId;
  return Object.hasOwn(NETWORK_ALIASES, lower) ? NETWORK_ALIASES[lower] : undefined;
}
