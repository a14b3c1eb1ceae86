/** The network registry: every network a bar can show is an entry here, built-in or not. */
import { resolveAlias } from './protocol.js';

/** What a share link is built from: the resolved attributes of one bar. */
export interface ShareData {
  /** Absolute http(s) URL of the page to share. */
  url: string;
  /** Title or share text. */
  text: string;
  /** Longer description (email body, Pinterest). */
  description: string;
  /** Absolute http(s) image URL, or empty. */
  image: string;
  /** X account without `@`, or empty. */
  via: string;
  /** Hashtags without `#`. */
  hashtags: string[];
  /** Mastodon host name (with an optional port), or empty for the official instance picker. */
  mastodonInstance: string;
}

/** What an action network (copy, native) is handed when activated. */
export interface ActionContext {
  /** The bar's share data. */
  data: ShareData;
  /** The activating element. */
  host: HTMLElement;
}

/** One network of the registry. Give either `shareUrl` (a link) or `action` (a button). */
export interface Network {
  /** Lower-case id used in `networks`, `counts` and the count protocol. */
  id: string;
  /** Brand name, e.g. "Facebook". */
  name: string;
  /** Brand colour as `#rrggbb`. */
  color: string;
  /** SVG path data in a 24×24 viewBox. */
  icon: string;
  /** Full label ("Pin on Pinterest"); defaults to the localised "Share on {name}". */
  label?: string;
  /** Builds the share link. Only `http:`, `https:` and `mailto:` results are ever rendered. */
  shareUrl?: (data: ShareData) => string;
  /**
   * Runs instead of a link; rendered as a `<button>`. Resolves to feedback for the reader: a key of
   * the strings table (`copied`, `copyFailed`) or a message of its own; `{url}` is filled in.
   */
  action?: (context: ActionContext) => Promise<string | undefined>;
  /** Whether an action can run in this browser; the button is not rendered otherwise. */
  supported?: () => boolean;
  /** Popup size `[width, height]`; `false` opens a tab instead. Default 600×460. */
  popup?: readonly [number, number] | false;
}

const registry = new Map<string, Network>();
const listeners = new Set<(network: Network) => void>();

/** Adds or replaces a network; bars on the page re-render with it. */
export function registerNetwork(network: Network): void {
  // Ids are lower case everywhere (attributes, counts, the count protocol).
  const entry = { ...network, id: network.id.toLowerCase() };
  registry.set(entry.id, entry);
  listeners.forEach((listener) => listener(entry));
}

/** The registered network with this id (aliases resolved), if any. */
export const getNetwork = (id: string): Network | undefined => registry.get(resolveAlias(id));

/** Ids of every registered network, in registration order. */
export const networkIds = (): string[] => [...registry.keys()];

/**
 * Calls `listener` with every network registered from now on (and, with `replay`, with those
 * already registered); returns the unsubscribe function.
 */
export function onRegister(listener: (network: Network) => void, replay = false): () => void {
  if (replay) registry.forEach(listener);
  listeners.add(listener);
  return () => listeners.delete(listener);
}
