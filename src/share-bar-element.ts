import { isServer, LitElement } from 'lit';
import { barTemplate, type BarView, type ButtonView } from './bar-template.js';
import { brandStyles } from './brand-styles.js';
import { recordShare } from './counts.js';
import { CountsController } from './counts-controller.js';
import { formats, language, rtl, stringsFor } from './locales.js';
import { resolveOptions, type ResolvedOptions, type ShareBarOptions } from './options.js';
import { pageDefaults, warnOnce } from './page.js';
import type { Counts } from './protocol.js';
import { getNetwork, onRegister, type Network, type ShareData } from './registry.js';
import { styles } from './share-bar.styles.js';
import { replacePlaceholders, type Strings } from './strings.js';
import { VERSION } from './version.js';

export type { ShareBarOptions } from './options.js';

/** How a share was carried out, as reported by the `share` event. */
export type ShareMethod = 'popup' | 'tab' | 'self' | 'native' | 'copy' | (string & {});

/** `detail` of the `share` event. */
export interface ShareDetail {
  /** Network id. */
  network: string;
  /** The page being shared. */
  url: string;
  /** The network's share link (empty for actions). */
  shareUrl: string;
  /** How the share is carried out. */
  method: ShareMethod;
}

/** Page-wide defaults for every bar; an attribute or property set on a bar wins. */
export const defaults: Partial<ShareBarOptions> = {};

/** The options a bar takes, by property name. */
const OPTIONS: (keyof ShareBarOptions)[] = [
  'networks',
  'url',
  'text',
  'description',
  'image',
  'via',
  'hashtags',
  'heading',
  'countsUrl',
  'counts',
  'countDisplay',
  'minCount',
  'layout',
  'variant',
  'labels',
  'size',
  'target',
  'mastodonInstance',
  'loading',
  'track',
];

// `lang` values as written, to their canonical form ("EN-us" → "en-US"); most pages have one.
const canonicalLocales = new Map<string, string>();

/**
 * A bar of share buttons with share counts.
 *
 * @customElement share-bar
 * @fires share - A reader activated a button. Bubbles, composed, cancelable: `preventDefault()`
 *   stops the navigation and the recording. `detail: {network, url, shareUrl, method}`.
 * @fires counts-load - Counts arrived from `counts-url`. `detail: {url, counts}`.
 * @fires counts-error - The count request failed; the buttons keep working. `detail: {url, error}`.
 * @slot heading - Replaces the heading.
 * @csspart base - The wrapper of everything; the buttons are its flex items.
 * @csspart heading - The heading.
 * @csspart button - Every share link or action button; also `button-<id>` per network. Its
 *   `::after` is the count.
 * @csspart icon - The network's icon.
 * @csspart label - The network's label.
 * @csspart total - The total of all counts.
 * @csspart status - Feedback such as "Link copied".
 * @csspart toggle - The button that shows and hides a floating bar.
 * @csspart list - The buttons of a floating bar.
 * @cssprop --share-bar-gap - Space between buttons.
 * @cssprop --share-bar-radius - Corner radius of buttons.
 * @cssprop --share-bar-font-size - Font size of buttons.
 * @cssprop --share-bar-button-height - Height of buttons.
 * @cssprop --share-bar-fg - Text colour of buttons (default: white or black, whichever reads on the brand colour).
 * @cssprop --share-bar-bg - Background of the bar.
 * @cssprop --share-bar-brand - One colour for every button instead of each network's own.
 * @cssprop --share-bar-count-bg - Background of counts.
 * @cssprop --share-bar-count-fg - Text colour of counts.
 * @cssprop --share-bar-focus-ring - Colour of the keyboard focus ring.
 */
export class ShareBarElement extends LitElement {
  static override styles = [styles, brandStyles];

  static override properties = {
    networks: {},
    url: {},
    text: {},
    description: {},
    image: {},
    via: {},
    hashtags: {},
    heading: {},
    countsUrl: { attribute: 'counts-url' },
    counts: {},
    countDisplay: { attribute: 'count-display' },
    minCount: { attribute: 'min-count' },
    layout: { reflect: true },
    variant: { reflect: true },
    labels: {},
    size: { reflect: true },
    target: {},
    mastodonInstance: { attribute: 'mastodon-instance' },
    loading: {},
    track: {},
    __status: { state: true },
  };

  /** Version of this build, to tell two copies on one page apart. */
  static readonly version: string = VERSION;

  /** Network ids in display order, space or comma separated. */
  declare networks?: string;

  /** The page to share; defaults to the canonical URL of the page. */
  declare url?: string;

  /** Share text or title; defaults to og:title or the document title. */
  declare text?: string;

  /** Longer description; defaults to the meta description. */
  declare description?: string;

  /** Image for Pinterest and others; defaults to og:image. */
  declare image?: string;

  /** X account to mention, without `@`. */
  declare via?: string;

  /** Hashtags, comma separated, without `#`. */
  declare hashtags?: string;

  /** Heading above the buttons; an empty string hides it. */
  declare heading?: string;

  /** Count endpoint speaking the count protocol; without it no request is made. */
  declare countsUrl?: string;

  /** Static counts, as JSON text or an object; fetched counts win over them. */
  declare counts?: Counts | string;

  /** Where counts show: `buttons`, `total`, `both` or `none`. */
  declare countDisplay?: ShareBarOptions['countDisplay'];

  /** Counts below this are not shown on buttons. */
  declare minCount?: number | string;

  /** `horizontal`, `vertical` or `floating`. */
  declare layout?: ShareBarOptions['layout'];

  /** `solid`, `outline` or `plain`. */
  declare variant?: ShareBarOptions['variant'];

  /** `full`, `short` or `none` (icons only). */
  declare labels?: ShareBarOptions['labels'];

  /** `small`, `medium` or `large`. */
  declare size?: ShareBarOptions['size'];

  /** `popup`, `tab` or `self`. */
  declare target?: ShareBarOptions['target'];

  /** Mastodon host to share to, e.g. `mastodon.social`; without it the official picker is used. */
  declare mastodonInstance?: string;

  /** `lazy` fetches counts when the bar nears the viewport, `eager` at once. */
  declare loading?: ShareBarOptions['loading'];

  /** `off` stops recording shares at the count endpoint. */
  declare track?: string;

  /** Feedback for the reader, e.g. "Link copied". */
  declare private __status: string;

  private readonly __counts = new CountsController(this, () => this.renderRoot.firstElementChild);
  /** The options of the last update, resolved. */
  private __options!: ResolvedOptions;
  /** The locale of the last update. */
  private __locale = 'en';
  /** What the last update renders. */
  private __view!: BarView;
  /** `<url> <network>` of the shares made from this bar in this page view. */
  private __shared?: Set<string>;
  private __unsubscribe?: () => void;

  constructor() {
    super();
    this.__status = '';
    // One listener on the host for every button: clicks (keyboard ones too) bubble out of the
    // shadow root to it. A page may hold hundreds of bars.
    if (!isServer) this.addEventListener('click', this.__onClick);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.__unsubscribe = onRegister(() => this.requestUpdate());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.__unsubscribe?.();
    this.__status = '';
  }

  /** The locale: the nearest `lang` attribute (across shadow roots), else English. */
  get locale(): string {
    // On a server only the bar's own lang attribute is known.
    let lang = isServer ? this.getAttribute('lang') : this.closest('[lang]')?.getAttribute('lang');
    for (
      let root = isServer ? undefined : (this.getRootNode() as ShadowRoot);
      !lang && root?.host;
      root = root.host.getRootNode() as ShadowRoot
    ) {
      lang = root.host.closest('[lang]')?.getAttribute('lang');
    }
    lang ||= 'en';
    let locale = canonicalLocales.get(lang);
    if (!locale) {
      try {
        locale = Intl.getCanonicalLocales(lang)[0]!;
      } catch {
        locale = 'en';
      }
      canonicalLocales.set(lang, locale);
    }
    return locale;
  }

  /** The strings for this bar's locale. */
  protected get strings(): Strings {
    return stringsFor(this.__locale);
  }

  protected override willUpdate(): void {
    const options: Partial<ShareBarOptions> = {};
    for (const key of OPTIONS) (options as Record<string, unknown>)[key] = this[key] ?? defaults[key];
    const { resolved, warnings } = resolveOptions(options, pageDefaults(), getNetwork);
    for (const [key, message] of warnings) warnOnce(key, message);
    this.__options = resolved;
    this.__locale = this.locale;
    const { networks, data, countsUrl, countDisplay, labels, target, minCount } = resolved;
    this.__counts.watch({
      endpoint: countsUrl,
      url: data.url,
      networks: networks.map((network) => network.id),
      lazy: resolved.loading == 'lazy',
    });

    const s = this.strings;
    const counts = this.shownCounts();
    const onButtons = countDisplay == 'buttons' || countDisplay == 'both';
    // With a count endpoint every button keeps room for its count from the first render until
    // the answer, so counts arriving neither widen the buttons nor re-wrap the bar. Buttons the
    // answer has no count for (or all, when it fails) give the room back.
    const waiting = onButtons && !!countsUrl && !this.__counts.settled;
    const hasCounts = !!countsUrl || Object.keys(resolved.counts).length > 0;
    const counted = onButtons && hasCounts;
    const buttons: ButtonView[] = [];
    let total: number | undefined;
    for (const network of networks) {
      const { id } = network;
      const href = network.action ? undefined : this.shareLinkFor(network, data);
      if (!network.action && !href) continue;
      const count = Object.hasOwn(counts, id) ? counts[id] : undefined;
      if (count != null) total = (total ?? 0) + count;
      const shown = onButtons && count != null && count >= minCount;
      const full =
        network.label ??
        (Object.hasOwn(s.cta, id) ? s.cta[id]! : replacePlaceholders(s.shareOn, { name: network.name }));
      const label = labels == 'none' ? undefined : labels == 'short' && !network.action ? network.name : full;
      const name = (label ?? full) + (shown ? ', ' + this.countPhrase(count) : '');
      buttons.push({
        network,
        href,
        newWindow: target != 'self' && !!href && !href.startsWith('mailto:'),
        label,
        name: name == label ? undefined : name,
        count: shown ? formats(this.__locale).compact.format(count) : waiting ? '' : undefined,
        counted,
      });
    }

    const heading = this.heading ?? defaults.heading ?? s.heading;
    // A heading of the page's own in the slot: the bar cannot name itself after it.
    const slotted = !isServer && !!this.querySelector(':scope > [slot=heading]');
    const floating = resolved.layout == 'floating';
    // Shown while counts are on their way too, so their arrival moves nothing below.
    const showTotal = (total != null || !!countsUrl) && (countDisplay == 'total' || countDisplay == 'both');
    this.__view = {
      classes: `bar ${resolved.layout} ${resolved.variant} ${resolved.size} labels-${labels}`,
      rtl: rtl.includes(language(this.__locale)),
      name: heading && !slotted ? heading : s.share,
      heading: heading || undefined,
      floating: floating
        ? // Collapsible, and collapsed at first on narrow screens, so it never covers the page.
          { toggle: s.share, open: !isServer && matchMedia('(min-width: 40em)').matches }
        : undefined,
      buttons,
      total: showTotal
        ? total == null
          ? { short: '', exact: '' }
          : { short: this.countPhrase(total, true), exact: this.countPhrase(total) }
        : undefined,
      // Rendered where there can be feedback: after a copy, or a count going up after a share.
      status:
        networks.some((network) => network.action) || (hasCounts && countDisplay != 'none') ? this.__status : undefined,
    };
  }

  protected override render() {
    return barTemplate(this.__view);
  }

  /** Counts as shown: static ones, fetched ones over them, plus this page view's own shares. */
  protected shownCounts(): Counts {
    const counts: Counts = { ...this.__options.counts, ...this.__counts.counts };
    const url = this.__options.data.url;
    if (this.__shared) for (const id in counts) if (this.__shared.has(url + ' ' + id)) counts[id]!++;
    return counts;
  }

  /** "16 shares" in the bar's language, with the exact number, or the compact one ("1.2K"). */
  protected countPhrase(n: number, short = false): string {
    const shares = this.strings.shares;
    const { plural, exact, compact } = formats(this.__locale);
    return replacePlaceholders(shares[plural.select(n)] ?? shares.other, { n: (short ? compact : exact).format(n) });
  }

  /** The network's share link, or nothing when it would not be a web or mail link. */
  protected shareLinkFor(network: Network, data: ShareData): string | undefined {
    let href: string | undefined;
    try {
      href = network.shareUrl!(data);
    } catch {
      // Reported below like any other link that cannot be used.
    }
    if (href && /^(https?|mailto):/i.test(href)) return href;
    warnOnce(network.id + ':', `network "${network.id}" gave no http(s) or mailto: link; left out.`);
    return undefined;
  }

  /** Finds the share link or action button a click on the bar was on (`this` is the bar). */
  private __onClick(event: Event): void {
    // Only the bar's own buttons: light-DOM children (the no-JS fallback) are not shown.
    const button = event
      .composedPath()
      .find(
        (node): node is HTMLElement =>
          node instanceof HTMLElement && this.renderRoot.contains(node) && !!node.dataset.network,
      );
    const network = button && getNetwork(button.dataset.network!);
    if (network) void this.activate(event, network, button.getAttribute('href') ?? '');
  }

  /** Handles a click on a share link or action button. */
  protected async activate(event: Event, network: Network, shareUrl: string): Promise<void> {
    const mouse = event as MouseEvent;
    const ownTab = mouse.ctrlKey || mouse.metaKey || mouse.shiftKey;
    const { target, data } = this.__options;
    const method: ShareMethod = network.action
      ? network.id
      : ownTab
        ? 'tab'
        : shareUrl.startsWith('mailto:') || target == 'self'
          ? 'self'
          : target == 'popup' && network.popup !== false
            ? 'popup'
            : 'tab';
    const { url } = data;
    const share = new CustomEvent<ShareDetail>('share', {
      bubbles: true,
      composed: true,
      cancelable: true,
      detail: { network: network.id, url, shareUrl, method },
    });
    if (!this.dispatchEvent(share)) {
      event.preventDefault();
      return;
    }
    this.recordShare(network, url);
    if (method == 'popup') {
      const [width, height] = network.popup || [600, 460];
      // Fractions are fine: window.open reads the integer part.
      const left = screenX + (outerWidth - width) / 2;
      const top = screenY + (outerHeight - height) / 2;
      // Without `noopener` here, so a blocked popup (null) can be told from an opened one; the
      // opener link is cut right after. When blocked, the link's own target="_blank" takes over.
      const popup = open(shareUrl, '_blank', `popup,width=${width},height=${height},left=${left},top=${top}`);
      if (popup) {
        popup.opener = null;
        event.preventDefault();
      }
    }
    if (network.action) {
      const message = await network.action({ data, host: this }).catch((error: unknown) => {
        warnOnce('action:' + network.id, `${network.id} failed: ${String(error)}`);
      });
      const strings = this.strings as unknown as Record<string, unknown>;
      const known = message && Object.hasOwn(strings, message) && typeof strings[message] == 'string';
      const text = known ? (strings[message] as string) : message;
      this.__status = text ? replacePlaceholders(text, { url }) : '';
    }
  }

  /**
   * Counts a share made from this bar, once per network per page view: its button goes up by one
   * at once (announced politely), and the count endpoint records it unless `track="off"`.
   */
  protected recordShare(network: Network, url: string): void {
    // Keyed by page too: a bar whose url changes (a single-page app) counts the new page afresh.
    const key = url + ' ' + network.id;
    this.__shared ??= new Set();
    if (this.__shared.has(key)) return;
    this.__shared.add(key);
    const { countsUrl, track, data } = this.__options;
    if (countsUrl && track) recordShare(countsUrl, url, network.id, data.text);
    const count = this.shownCounts()[network.id];
    // The feedback stays until the next share: taking it away later would shift the page.
    if (count != null) this.__status = `${network.name}, ${this.countPhrase(count)}`;
    this.requestUpdate();
  }
}
