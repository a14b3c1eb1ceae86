import { icons } from './icons.js';
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
  /** Bare Mastodon host, or empty for the official instance picker. */
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

/** encodeURIComponent that also encodes the sub-delimiters it leaves alone (`!'()*`). */
const enc = (value: string) =>
  encodeURIComponent(value).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());

/** `base?k=v&…` with every value encoded; empty values are left out. */
export const query = (base: string, params: Record<string, string | undefined>): string =>
  base +
  '?' +
  Object.entries(params)
    .filter(([, v]) => v)
    .map(([k, v]) => k + '=' + enc(v!))
    .join('&');

const withUrl = (d: ShareData) => (d.text ? d.text + ' ' : '') + d.url;

// mailto: wants %20 for spaces and CRLF line breaks (RFC 6068), which encodeURIComponent gives
// once newlines are CRLF; URLSearchParams would write `+`.
const mail = (d: ShareData) =>
  query('mailto:', {
    subject: d.text,
    body: [d.description, d.url].filter(Boolean).join('\n\n').replace(/\r?\n/g, '\r\n'),
  });

type Builtin = [id: string, name: string, color: string, build: Network['shareUrl'], popup?: Network['popup']];

const builtins: Builtin[] = [
  [
    'x',
    'X',
    '#000000',
    (d) =>
      query('https://x.com/intent/tweet', { text: d.text, url: d.url, hashtags: d.hashtags.join(','), via: d.via }),
    [550, 400],
  ],
  [
    'facebook',
    'Facebook',
    '#0866FF',
    (d) =>
      query('https://www.facebook.com/sharer/sharer.php', { u: d.url, hashtag: d.hashtags[0] && '#' + d.hashtags[0] }),
    [550, 400],
  ],
  [
    'linkedin',
    'LinkedIn',
    '#0A66C2',
    (d) => query('https://www.linkedin.com/sharing/share-offsite/', { url: d.url }),
    [750, 600],
  ],
  [
    'pinterest',
    'Pinterest',
    '#BD081C',
    (d) =>
      query('https://www.pinterest.com/pin/create/button/', {
        url: d.url,
        media: d.image,
        description: d.description || d.text,
      }),
    [1000, 730],
  ],
  [
    'reddit',
    'Reddit',
    '#FF4500',
    (d) => query('https://www.reddit.com/submit', { url: d.url, title: d.text }),
    [660, 460],
  ],
  ['whatsapp', 'WhatsApp', '#25D366', (d) => query('https://api.whatsapp.com/send', { text: withUrl(d) }), [550, 400]],
  ['telegram', 'Telegram', '#26A5E4', (d) => query('https://t.me/share/url', { url: d.url, text: d.text }), [550, 400]],
  ['email', 'Email', '#555555', mail],
  [
    'mastodon',
    'Mastodon',
    '#6364FF',
    (d) =>
      d.mastodonInstance
        ? query(`https://${d.mastodonInstance}/share`, { text: d.text, url: d.url })
        : query('https://share.joinmastodon.org/', { text: withUrl(d) }),
    false,
  ],
  ['bluesky', 'Bluesky', '#1185FE', (d) => query('https://bsky.app/intent/compose', { text: withUrl(d) }), [660, 460]],
  [
    'threads',
    'Threads',
    '#000000',
    (d) => query('https://www.threads.com/intent/post', { text: d.text, url: d.url }),
    [550, 600],
  ],
  [
    'hackernews',
    'Hacker News',
    '#FF6600',
    (d) => query('https://news.ycombinator.com/submitlink', { u: d.url, t: d.text }),
  ],
  [
    'tumblr',
    'Tumblr',
    '#36465D',
    (d) =>
      query('https://www.tumblr.com/widgets/share/tool', {
        posttype: 'link',
        canonicalUrl: d.url,
        title: d.text,
        caption: d.description,
      }),
    [660, 460],
  ],
  [
    'flipboard',
    'Flipboard',
    '#E12828',
    (d) => query('https://share.flipboard.com/bookmarklet/popout', { v: '2', title: d.text, url: d.url }),
  ],
  [
    'vk',
    'VK',
    '#0077FF',
    (d) => query('https://vk.com/share.php', { url: d.url, title: d.text, image: d.image }),
    [660, 460],
  ],
  [
    'ok',
    'OK',
    '#EE8208',
    (d) =>
      query('https://connect.ok.ru/offer', {
        url: d.url,
        title: d.text,
        description: d.description,
        imageUrl: d.image,
      }),
    [588, 480],
  ],
  ['xing', 'XING', '#006567', (d) => query('https://www.xing.com/spi/shares/new', { url: d.url })],
  [
    'line',
    'LINE',
    '#06C755',
    (d) => query('https://social-plugins.line.me/lineit/share', { url: d.url, text: d.text }),
    [500, 500],
  ],
  [
    'weibo',
    'Weibo',
    '#E6162D',
    (d) => query('https://service.weibo.com/share/share.php', { url: d.url, title: d.text, pic: d.image }),
    [660, 550],
  ],
];

const registry = new Map<string, Network>();
const listeners = new Set<() => void>();

/** Adds or replaces a network; bars on the page re-render with it. */
export function registerNetwork(network: Network): void {
  // Ids are lower case everywhere (attributes, counts, the count protocol).
  const id = network.id.toLowerCase();
  registry.set(id, { ...network, id });
  listeners.forEach((listener) => listener());
}

/** The registered network with this id (aliases resolved), if any. */
export const getNetwork = (id: string): Network | undefined => registry.get(resolveAlias(id));

/** Ids of every registered network, in registration order. */
export const networkIds = (): string[] => [...registry.keys()];

/** Calls `listener` whenever the registry changes; returns the unsubscribe function. */
export function onRegistryChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

for (const [id, name, color, shareUrl, popup] of builtins) {
  registerNetwork({ id, name, color, icon: icons[id]!, shareUrl, popup });
}

registerNetwork({
  id: 'copy',
  name: 'Copy link',
  color: '#555555',
  icon: icons.copy!,
  action: ({ data }) =>
    // Also without a clipboard API (http: pages) the reader gets the link to copy by hand.
    Promise.resolve()
      .then(() => navigator.clipboard.writeText(data.url))
      .then(
        () => 'copied',
        () => 'copyFailed',
      ),
});

registerNetwork({
  id: 'native',
  name: 'Share',
  color: '#555555',
  icon: icons.native!,
  supported: () => typeof navigator.share == 'function',
  action: ({ data }) =>
    navigator.share({ title: data.text, text: data.description || data.text, url: data.url }).then(
      () => undefined,
      (error: Error) => {
        // The reader closing the share sheet is not an error worth showing.
        if (error.name != 'AbortError') throw error;
        return undefined;
      },
    ),
});
