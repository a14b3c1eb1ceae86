import { isServer, LitElement, type PropertyDeclarations } from 'lit';
import { barTemplate, type ButtonView } from './bar-template.js';
import { brandStyles } from './brand-styles.js';
import { recordShare } from './counts.js';
import { CountsController } from './counts-controller.js';
import { FloatingController } from './floating-controller.js';
import { LabelFitController } from './label-fit-controller.js';
import { formats, language, onLanguage, rtl, stringsFor } from './locales.js';
import { resolveOptions, resolveUrl, type ResolvedOptions, type ShareBarOptions } from './options.js';
import { pageDefaults, warnOnce, type PageDefaults } from './page.js';
import type { Counts } from './protocol.js';
import { getNetwork, onRegister, type Network, type ShareData } from './registry.js';
import { styles } from './share-bar.styles.js';
import { taggedUrl } from './share-link.js';
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

// `lang` values as written, to their canonical form ("EN-us" → "en-US"); most pages have one.
const canonicalLocales = new Map<string, string>();

// Full labels by language strings and network ("Share on Facebook"), made once each.
const fullLabels = new WeakMap<Strings, WeakMap<Network, string>>();

/** A network's full label in a language: its own, a call to action of the language, or "Share on {name}". */
function fullLabel(network: Network, s: Strings): string {
  let labels = fullLabels.get(s);
  if (!labels) fullLabels.set(s, (labels = new WeakMap()));
  let label = labels.get(network);
  if (label == null) {
    const { id, name } = network;
    label = network.label ?? (Object.hasOwn(s.cta, id) ? s.cta[id]! : replacePlaceholders(s.shareOn, { name }));
    labels.set(network, label);
  }
  return label;
}

// The bars on the page, rendered again when a network is registered (with options resolved
// afresh), when a language is registered late (its module imported after the bars rendered) or
// when a `lang` changes on the page. One observer watches every `lang` of the document.
const connected = new Set<ShareBarElement>();
const renderAll = () => connected.forEach((bar) => bar.requestUpdate());
onRegister(() => {
  resolved.clear();
  renderAll();
});
onLanguage(renderAll);
let langObserver: MutationObserver | undefined;

// Bars that render together mostly have the same options but the url: each set of options is
// resolved once per read of the page's head (so once per batch of bars).
const resolved = new Map<string, ResolvedOptions>();
let resolvedFor: PageDefaults | undefined;

/** The options resolved; `key` is their JSON. */
function resolve(options: Partial<ShareBarOptions>, key: string, page: PageDefaults): ResolvedOptions {
  if (page != resolvedFor) {
    resolved.clear();
    resolvedFor = page;
  }
  let result = resolved.get(key);
  if (!result) resolved.set(key, (result = resolveOptions(options, page, getNetwork, warnOnce)));
  return result;
}

/**
 * A bar of share buttons with share counts.
 *
 * @customElement share-bar
 * @fires share - A reader activated a button. Bubbles, composed, cancelable: `preventDefault()`
 *   stops the navigation and the recording. `detail: {network, url, shareUrl, method}`.
 * @fires counts-load - Counts arrived from `counts-url`. `detail: {url, counts}`.
 * @fires counts-error - The count request failed; the buttons keep working. `detail: {url, error}`.
 * @slot heading - Replaces the heading.
 * @csspart base - The wrapper of everything: heading, list, total and status, one under the other.
 * @csspart heading - The heading.
 * @csspart list - What holds the buttons (a flex container), in every layout.
 * @csspart item - Every button, as one item of the list (the same element as `button`).
 * @csspart button - Every share link or action button; also `button-<id>` per network.
 * @csspart icon - The network's icon.
 * @csspart label - The network's label.
 * @csspart count - A button's count; its text is its `::after` (from `data-count`).
 * @csspart total - The total of all counts.
 * @csspart status - Feedback such as "Link copied", announced, shown for a while over what is below the bar.
 * @csspart toggle - The button that shows and hides a floating bar.
 * @cssprop --share-bar-margin - Space above and below the bar (default 1em; none when floating).
 * @cssprop --share-bar-gap - Space between buttons.
 * @cssprop --share-bar-radius - Corner radius of buttons.
 * @cssprop --share-bar-font-size - Font size of buttons, total and feedback (the heading takes the page's).
 * @cssprop --share-bar-button-height - Height of buttons.
 * @cssprop --share-bar-fg - Text colour of buttons (default: white or black, whichever reads on the brand colour).
 * @cssprop --share-bar-bg - Background of the bar.
 * @cssprop --share-bar-brand - One colour for every button instead of each network's own.
 * @cssprop --share-bar-count-bg - Background of counts.
 * @cssprop --share-bar-count-fg - Text colour of counts.
 * @cssprop --share-bar-focus-ring - Colour of the keyboard focus ring.
 * @cssprop --share-bar-float - `side` or `bottom`: where a floating bar goes, instead of where the page leaves room.
 */
export class ShareBarElement extends LitElement {
  static override styles = [styles, brandStyles];

  static override properties: PropertyDeclarations = {
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
    utm: {},
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

  /** `auto` (the fullest labels whose row fits in the bar's width), `full`, `short` or `none` (icons only). */
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

  /**
   * Present (even empty): share links carry `utm_source=<network id>&utm_medium=social`, and
   * `utm_campaign=<value>` when it is not empty. Counts stay keyed by the untagged url.
   */
  declare utm?: string;

  /** Feedback for the reader, e.g. "Link copied"; undefined until there is some. */
  private __status?: string;
  /** Takes the feedback away. */
  private __statusTimer?: ReturnType<typeof setTimeout>;

  /** Fits the labels to the bar's width; made when the bar first has `labels="auto"`. */
  private __fit?: LabelFitController;
  /** The counts lifecycle; made when the bar first has a count endpoint. */
  private __counts?: CountsController;
  /** Places a floating bar; made when the bar first floats. */
  private __floating?: FloatingController;
  /** The options of the last update, resolved (shared with the bars that have the same). */
  private __options!: ResolvedOptions;
  /** The page this bar shares, resolved. */
  private __url = '';
  /** The locale of the last update. */
  private __locale = 'en';
  /** Whether the page put a heading of its own in the heading slot. */
  private __slotted = false;
  /** `<url> <network>` of the shares made from this bar in this page view. */
  private __shared?: Set<string>;

  constructor() {
    super();
    // One listener on the host for every button: clicks (keyboard ones too) bubble out of the
    // shadow root to it. A page may hold hundreds of bars.
    if (!isServer) this.addEventListener('click', this.__onClick);
  }

  /** Also `lang`, which the bar reads from itself or an ancestor. */
  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'lang'];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name == 'lang') this.requestUpdate();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    connected.add(this);
    if (!langObserver && !isServer) {
      // Rare: every bar renders again, which changes nothing where the language stayed.
      langObserver = new MutationObserver(renderAll);
      langObserver.observe(document.documentElement, { attributeFilter: ['lang'], subtree: true });
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    connected.delete(this);
    // Feedback belongs to the page view it was given in.
    this.__status = undefined;
    this.requestUpdate();
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
    // Every option but the url (resolved per bar below) as set here, else page-wide; only those
    // set at all, so the object stays small (most bars set two or three of 20).
    const options: Record<string, unknown> = {};
    for (const key in ShareBarElement.properties) {
      const value = this[key as keyof this] ?? defaults[key as keyof ShareBarOptions];
      if (key != 'url' && value != null) options[key] = value;
    }
    const page = pageDefaults();
    const key = JSON.stringify(options);
    const resolved = (this.__options = resolve(options, key, page));
    const url = (this.__url = resolveUrl('url', this.url ?? defaults.url, page, warnOnce));
    const locale = this.locale;
    if (resolved.labels == 'auto' && resolved.layout != 'floating') {
      this.__fit ??= new LabelFitController(this, () => this.__fitTarget());
      // Other options or another language: the row needs another width.
      this.__fit.watch(language(locale) + locale + key);
    }
    this.__locale = locale;
    // A heading of the page's own in the slot: the bar cannot name itself after it.
    this.__slotted = !isServer && !!this.querySelector(':scope > [slot=heading]');
    if (resolved.countsUrl) this.__counts ??= new CountsController(this, () => this.renderRoot.firstElementChild);
    this.__counts?.watch(resolved.countsUrl, url, resolved.networks, resolved.loading == 'lazy');
    if (resolved.layout == 'floating' && !isServer) {
      this.__floating ??= new FloatingController(this, () => this.renderRoot.firstElementChild);
    }
  }

  protected override render() {
    const { networks, countsUrl, countDisplay, minCount, layout } = this.__options;
    const fitted = this.__options.labels == 'auto';
    // A floating bar shows icons: it must leave the page's text free.
    const labels = fitted ? (layout == 'floating' ? 'none' : (this.__fit?.fit ?? 'full')) : this.__options.labels;
    const locale = this.__locale;
    const s = this.strings;
    const counts = this.shownCounts();
    const onButtons = countDisplay == 'buttons' || countDisplay == 'both';
    const hasCounts = !!countsUrl || Object.keys(this.__options.counts).length > 0;
    // With a count endpoint every button keeps room for its count from the first render until
    // the answer, so counts arriving neither widen the buttons nor re-wrap the bar. Buttons the
    // answer has no count for (or all, when it fails) give the room back.
    const waiting = onButtons && countsUrl && !this.__counts?.settled ? '' : undefined;
    const buttons: ButtonView[] = [];
    let total: number | undefined;
    for (const network of networks) {
      const href = network.action ? undefined : this.shareLinkFor(network, this.shareDataFor(network));
      if (!network.action && !href) continue;
      const count = Object.hasOwn(counts, network.id) ? counts[network.id] : undefined;
      if (count != null) total = (total ?? 0) + count;
      const shown = onButtons && count != null && count >= minCount;
      const full = fullLabel(network, s);
      const label = labels == 'none' ? undefined : labels == 'short' && !network.action ? network.name : full;
      const accessible = (label ?? full) + (shown ? ', ' + this.countPhrase(count) : '');
      buttons.push({
        network,
        href,
        label,
        name: accessible == label ? undefined : accessible,
        count: shown ? formats(locale).compact.format(count) : waiting,
      });
    }
    const heading = this.heading ?? defaults.heading ?? s.heading;
    return barTemplate({
      classes: `bar ${layout} ${this.__options.variant} ${this.__options.size} labels-${labels}`,
      rtl: rtl.includes(language(locale)),
      name: heading && !this.__slotted ? heading : s.share,
      heading,
      // Open at first; the reader can fold it away. Where it goes is the FloatingController's call.
      floating: layout == 'floating' ? [s.share, true] : undefined,
      buttons,
      newWindow: this.__options.target != 'self',
      counted: onButtons && hasCounts,
      // Shown while counts are on their way too, so their arrival moves nothing below.
      total:
        (total != null || countsUrl) && (countDisplay == 'total' || countDisplay == 'both')
          ? total == null
            ? ['', '']
            : [this.countPhrase(total, true), this.countPhrase(total)]
          : undefined,
      // Rendered where there can be feedback: after a copy, or a count going up after a share.
      status:
        networks.some((network) => network.action) || (hasCounts && countDisplay != 'none')
          ? (this.__status ?? '')
          : undefined,
    });
  }

  /** What the labels are fitted to: the bar's width, at its heading's slot, and its buttons. */
  private __fitTarget() {
    const base = this.renderRoot.querySelector('[part~=base]');
    const edge = base?.firstElementChild;
    const list = base?.querySelector('.list');
    return edge && list ? { edge, list, column: this.__options.layout == 'vertical' } : undefined;
  }

  /** Counts as shown: static ones, fetched ones over them, plus this page view's own shares. */
  protected shownCounts(): Counts {
    const fetched = this.__counts?.counts;
    if (!fetched && !this.__shared) return this.__options.counts;
    const counts: Counts = { ...this.__options.counts, ...fetched };
    if (this.__shared) for (const id in counts) if (this.__shared.has(this.__url + ' ' + id)) counts[id]!++;
    return counts;
  }

  /** "16 shares" in the bar's language, with the exact number, or the compact one ("1.2K"). */
  protected countPhrase(n: number, short = false): string {
    const shares = this.strings.shares;
    const { plural, exact, compact } = formats(this.__locale);
    return replacePlaceholders(shares[plural.select(n)] ?? shares.other, { n: (short ? compact : exact).format(n) });
  }

  /** What a share to `network` is made of: the bar's data, with the url tagged when `utm` is set. */
  protected shareDataFor(network: Network): ShareData {
    const { data, utm } = this.__options;
    return { ...data, url: utm == null ? this.__url : taggedUrl(this.__url, network.id, utm) };
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
    const { target } = this.__options;
    const data = this.shareDataFor(network);
    const method: ShareMethod = network.action
      ? network.id
      : ownTab
        ? 'tab'
        : shareUrl.startsWith('mailto:') || target == 'self'
          ? 'self'
          : target == 'popup' && network.popup !== false
            ? 'popup'
            : 'tab';
    // The event and the count are about the page, not the tagged link.
    const url = this.__url;
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
      this.__announce(text ? replacePlaceholders(text, { url: data.url }) : '');
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
    if (count != null) this.__announce(`${network.name}, ${this.countPhrase(count)}`);
    else this.requestUpdate();
  }

  /** Shows and announces feedback for a while: it lies over the page below the bar. */
  private __announce(text: string): void {
    this.__status = text;
    this.requestUpdate();
    clearTimeout(this.__statusTimer);
    this.__statusTimer = setTimeout(() => {
      this.__status = '';
      this.requestUpdate();
    }, 5000);
  }
}
