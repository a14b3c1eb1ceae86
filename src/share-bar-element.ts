import { html, nothing } from 'lit/html.js';
import { ElementBase } from './element-base.js';
import { recordShare, requestCounts, wantCounts } from './counts.js';
import { getNetwork, onRegistryChange, type Network, type ShareData } from './networks.js';
import { MAX_URL_LENGTH, RETIRED_NETWORKS, resolveAlias, toCounts, type Counts } from './protocol.js';
import { httpUrl, invalid, pageDefaults, warnOnce } from './page.js';
import { styles } from './share-bar.styles.js';
import { fill, type Strings } from './strings.js';
import { formats, language, rtl, stringsFor } from './locales.js';

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

/** Page-wide defaults for every bar; an attribute or property set on a bar wins. */
export const defaults: Partial<ShareBarOptions> = {};

const DEFAULT_NETWORKS = 'x facebook linkedin pinterest';
/** Longest text, description or hashtag list we put into a link; longer values are cut. */
const MAX_TEXT = 1000;

const choices = {
  countDisplay: ['buttons', 'total', 'both', 'none'],
  layout: ['horizontal', 'vertical', 'floating'],
  variant: ['solid', 'outline', 'plain'],
  labels: ['full', 'short', 'none'],
  size: ['medium', 'small', 'large'],
  target: ['popup', 'tab', 'self'],
  loading: ['lazy', 'eager'],
} as const;

type Choice = keyof typeof choices;

const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase());

/** Relative luminance of `#rrggbb` (WCAG 2). */
function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** White text where it reaches 4.5:1 on the brand colour, black otherwise. */
const textOn = (hex: string) => (1.05 / (luminance(hex) + 0.05) >= 4.5 ? '#fff' : '#000');

/**
 * A bar of share buttons with share counts.
 *
 * @customElement share-bar
 * @fires share - A reader activated a button. Bubbles, composed, cancelable: `preventDefault()`
 *   stops the navigation and the recording. `detail: {network, url, shareUrl, method}`.
 * @fires counts-load - Counts arrived from `counts-url`. `detail: {url, counts}`.
 * @fires counts-error - The count request failed; the buttons keep working. `detail: {url, error}`.
 * @slot heading - Replaces the heading.
 * @csspart base - The wrapper of everything.
 * @csspart heading - The heading.
 * @csspart list - The list of buttons.
 * @csspart item - One list item.
 * @csspart button - Every share link or action button; also `button-<id>` per network.
 * @csspart icon - The network's icon.
 * @csspart label - The network's label.
 * @csspart count - The count next to a button.
 * @csspart total - The total of all counts.
 * @csspart status - Feedback such as "Link copied".
 * @csspart toggle - The button that shows and hides a floating bar.
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
export class ShareBarElement extends ElementBase {
  static override styles = styles;

  static override properties = {
    networks: true,
    url: true,
    text: true,
    description: true,
    image: true,
    via: true,
    hashtags: true,
    heading: true,
    countsUrl: 'counts-url',
    counts: true,
    countDisplay: 'count-display',
    minCount: 'min-count',
    layout: true,
    variant: true,
    labels: true,
    size: true,
    target: true,
    mastodonInstance: 'mastodon-instance',
    loading: true,
    track: true,
    _fetched: false,
    _settled: false,
    _shared: false,
    _status: false,
  } as const;

  /** Version of this build, to tell two copies on one page apart. */
  static readonly version = '0.1.0';

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

  /** Counts from `counts-url`. */
  declare protected _fetched: Counts;

  /** Whether the count request for the current endpoint and url has ended. */
  declare protected _settled: boolean;

  /** `<url> <network>` of the shares made from this bar in this page view. */
  declare protected _shared: Set<string>;

  /** Feedback for the reader, e.g. "Link copied". */
  declare protected _status: string;

  private _unsubscribe?: () => void;
  private _withdraw?: () => void;
  private _observer?: IntersectionObserver;
  /** Endpoint and url the shown counts belong to; empty without counts-url. */
  private _countsKey = '';
  /** The locale and share data of the last update. */
  private _locale = 'en';
  private _data!: ShareData;

  constructor() {
    super();
    // Reactive state is set here, not as class fields, which would shadow the reactive accessors.
    this._fetched = {};
    this._settled = false;
    this._shared = new Set();
    this._status = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this._unsubscribe = onRegistryChange(() => this.requestUpdate());
    // Back in the document after a move: ask for counts again (see updated()).
    if (this.hasUpdated) this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._unsubscribe?.();
    this._status = '';
    this._stopCounts();
    this._countsKey = '';
  }

  protected override updated(): void {
    const endpoint = this._option('countsUrl');
    const url = this._data.url;
    const key = endpoint ? endpoint + '\n' + url : '';
    if (key == this._countsKey) return;
    this._stopCounts();
    this._countsKey = key;
    if (!endpoint) return;
    wantCounts(
      endpoint,
      url,
      this._resolvedNetworks.map((n) => n.id),
    );
    const load = () => {
      this._withdraw = requestCounts(endpoint, url, (result) => {
        this._withdraw = undefined;
        this._settled = true;
        if ('counts' in result) {
          this._fetched = result.counts;
          this.dispatchEvent(new CustomEvent('counts-load', { detail: { url, counts: result.counts } }));
        } else {
          warnOnce(key, `counts from ${endpoint} failed: ${result.error}`);
          this.dispatchEvent(new CustomEvent('counts-error', { detail: { url, error: result.error } }));
        }
      });
    };
    if (this._choice('loading') == 'eager') return load();
    // Lazy: only once the bar comes near the viewport.
    this._observer = new IntersectionObserver(
      (entries) => {
        if (!entries.some((entry) => entry.isIntersecting)) return;
        this._observer?.disconnect();
        load();
      },
      { rootMargin: '300px' },
    );
    // The rendered bar, not the host: a floating bar is fixed to the viewport wherever its host is.
    this._observer.observe(this.shadowRoot!.firstElementChild!);
  }

  /** Drops the counts of the previous endpoint or url and withdraws from a pending request. */
  private _stopCounts(): void {
    this._observer?.disconnect();
    this._withdraw?.();
    this._withdraw = undefined;
    this._settled = false;
    if (Object.keys(this._fetched).length) this._fetched = {};
  }

  /** An option as set on the bar, else from the page-wide defaults. */
  protected _option<K extends keyof ShareBarOptions>(key: K): ShareBarOptions[K] | undefined {
    return (this[key as keyof this] as ShareBarOptions[K] | undefined) ?? defaults[key];
  }

  /** An enumerated option, warning once and falling back to its default when it is invalid. */
  protected _choice<K extends Choice>(key: K): (typeof choices)[K][number] {
    const value = this._option(key);
    const allowed: readonly string[] = choices[key];
    if (value == null || allowed.includes(value)) return (value ?? allowed[0]) as (typeof choices)[K][number];
    invalid(kebab(key), value, 'use ' + allowed.join('|'));
    return allowed[0] as (typeof choices)[K][number];
  }

  /** The locale: the nearest `lang` attribute, else English. */
  get locale(): string {
    // The nearest lang, also across the shadow roots of components the bar sits in.
    let lang = this.closest('[lang]')?.getAttribute('lang');
    for (
      let root = this.getRootNode() as ShadowRoot;
      !lang && root.host;
      root = root.host.getRootNode() as ShadowRoot
    ) {
      lang = root.host.closest('[lang]')?.getAttribute('lang');
    }
    lang ||= 'en';
    try {
      return Intl.getCanonicalLocales(lang)[0]!;
    } catch {
      return 'en';
    }
  }

  /** The strings for this bar's locale. */
  protected get strings(): Strings {
    return stringsFor(this._locale);
  }

  /** The networks to render, in order; unknown and dead ids are warned about once and skipped. */
  get _resolvedNetworks(): Network[] {
    const ids = String(this._option('networks') ?? DEFAULT_NETWORKS)
      .toLowerCase()
      .split(/[\s,]+/)
      .filter(Boolean);
    const list: Network[] = [];
    for (const id of new Set(ids.map(resolveAlias))) {
      const network = getNetwork(id);
      if (!network) {
        warnOnce(id, `network "${id}" is ${RETIRED_NETWORKS.includes(id) ? 'shut down' : 'unknown'}; left out.`);
      } else if (network.supported?.() ?? true) {
        list.push(network);
      }
    }
    return list;
  }

  /** What the share links are built from, with the page's defaults filled in. */
  get _shareData(): ShareData {
    const text = (key: 'text' | 'description' | 'via' | 'hashtags') => {
      const value = String(this._option(key) ?? '');
      if (value.length <= MAX_TEXT) return value;
      invalid(key, value, `cut to ${MAX_TEXT} characters`);
      // Cut by code points so no emoji is split in half.
      return [...value].slice(0, MAX_TEXT).join('');
    };
    const page = pageDefaults();
    const checked = (key: 'url' | 'image') => {
      const value = this._option(key);
      if (value == null || value === '') return page[key];
      const url = httpUrl(value);
      if (url) return url;
      invalid(key, value, `not an http(s) URL of up to ${MAX_URL_LENGTH} characters`);
      return page[key];
    };
    let instance = String(this._option('mastodonInstance') ?? '').trim();
    if (instance && !/^[a-z0-9.-]+(:\d+)?$/i.test(instance)) {
      invalid('mastodon-instance', instance, 'not a bare host');
      instance = '';
    }
    return {
      url: checked('url'),
      text: this._option('text') == null ? page.text : text('text'),
      description: this._option('description') == null ? page.description : text('description'),
      image: checked('image'),
      via: text('via').trim().replace(/^@/, ''),
      hashtags: text('hashtags')
        .split(',')
        .map((tag) => tag.trim().replace(/^#/, ''))
        .filter(Boolean),
      mastodonInstance: instance,
    };
  }

  /** Counts as shown: static ones, fetched ones over them, plus this page view's own shares. */
  get _shownCounts(): Counts {
    const own = this._option('counts');
    const valid = toCounts(own);
    if (own != null && !valid) {
      invalid('counts', own, 'not a JSON object');
    }
    const counts: Counts = { ...valid, ...this._fetched };
    for (const id in counts) if (this._shared.has(this._data.url + ' ' + id)) counts[id]!++;
    return counts;
  }

  /** "16 shares" in the bar's language, with the exact number, or the compact one ("1.2K"). */
  protected _phrase(n: number, short = false): string {
    const shares = this.strings.shares;
    const { plural, exact, compact } = formats(this._locale);
    return fill(shares[plural.select(n)] ?? shares.other, { n: (short ? compact : exact).format(n) });
  }

  /** The `min-count` threshold, 0 when invalid. */
  protected _minimum(): number {
    const raw = this._option('minCount') ?? 0;
    const n = Number(raw);
    if (Number.isFinite(n) && n >= 0) return n;
    invalid('min-count', raw, 'using 0');
    return 0;
  }

  override render() {
    // Worked out once per update; updated() and clicks use them too.
    this._locale = this.locale;
    const data = (this._data = this._shareData);
    const s = this.strings;
    const locale = this._locale;
    const counts = this._shownCounts;
    const display = this._choice('countDisplay');
    const labels = this._choice('labels');
    const min = this._minimum();
    const { compact } = formats(locale);
    const endpoint = this._option('countsUrl');
    const onButtons = display == 'buttons' || display == 'both';
    const networks = this._resolvedNetworks;
    const heading = this._option('heading') ?? s.heading;
    const slotted = !!this.querySelector(':scope > [slot=heading]');
    let total: number | undefined;
    for (const { id } of networks) if (id in counts) total = (total ?? 0) + counts[id]!;

    const button = (network: Network) => {
      const label = network.label ?? s.cta[network.id] ?? fill(s.shareOn, { name: network.name });
      const count = counts[network.id];
      const showCount = onButtons && count != null && count >= min;
      // With a count endpoint every button keeps a slot for its count from the first render until
      // the answer, so counts arriving neither widen the buttons nor re-wrap the bar. Buttons the
      // answer has no count for (or all, when it fails) give their slot back.
      const slot = showCount || (onButtons && endpoint && !this._settled);
      // Set through the style property (CSSOM), which a strict CSP allows, unlike a style attribute.
      const colors = `--_c:${network.color};--_t:${textOn(network.color)}`;
      // The accessible name comes from the content: the label (hidden only visually with labels=none)
      // and the exact count, while the compact count is what the eye sees. One flat template per
      // button, and one click listener for the whole list: a page may hold hundreds of bars.
      const content = html`<svg part="icon" viewBox="0 0 24 24" aria-hidden="true"><path d=${network.icon}></path></svg
        ><span part="label" class=${labels == 'none' ? 'sr' : ''}
          >${labels == 'short' && !network.action ? network.name : label}</span
        >${
          slot
            ? html`<span part="count" class="c"
                >${
                  showCount
                    ? html`<span aria-hidden="true">${compact.format(count)}</span
                        ><span class="sr">, ${this._phrase(count)}</span>`
                    : nothing
                }</span
              >`
            : nothing
        }`;
      const parts = `button button-${network.id}`;
      if (network.action) {
        return html`<li part="item">
          <button part=${parts} class="b" type="button" .style=${colors} data-id=${network.id}>${content}</button>
        </li>`;
      }
      const href = this._safeHref(network, data);
      if (!href) return nothing;
      const newWindow = this._choice('target') != 'self' && !href.startsWith('mailto:');
      return html`<li part="item">
        <a
          part=${parts}
          class="b"
          href=${href}
          target=${newWindow ? '_blank' : nothing}
          rel="noopener noreferrer nofollow"
          .style=${colors}
          data-id=${network.id}
          >${content}</a
        >
      </li>`;
    };

    // Rendered while counts are on their way too, so their arrival moves nothing below.
    const showTotal = (total != null || !!endpoint) && (display == 'total' || display == 'both');
    const totalText =
      total == null
        ? nothing
        : html`<span aria-hidden="true">${this._phrase(total, true)}</span
            ><span class="sr">${this._phrase(total)}</span>`;
    // The links and buttons inside are what readers click and key; a click (keyboard ones too)
    // bubbles up to this one listener.
    // eslint-disable-next-line lit-a11y/click-events-have-key-events
    const list = html`<ul part="list" role="list" @click=${this._onClick}>
      ${networks.map(button)}
    </ul>`;
    const layout = this._choice('layout');
    return html`<div
      part="base"
      class="bar ${layout} ${this._choice('variant')} ${this._choice('size')} labels-${labels}"
      role="group"
      dir=${rtl.includes(language(locale)) ? 'rtl' : nothing}
      aria-label=${heading && !slotted ? nothing : s.share}
      aria-labelledby=${heading && !slotted ? 'heading' : nothing}
    >
      <slot name="heading"
        >${heading ? html`<div part="heading" class="h" id="heading">${heading}</div>` : nothing}</slot
      >
      ${
        layout == 'floating'
          ? // Collapsible, and collapsed at first on narrow screens, so it never covers the page.
            html`<details ?open=${matchMedia('(min-width: 40em)').matches}>
              <summary part="toggle" class="b">${s.share}</summary>
              ${list}
            </details>`
          : list
      }
      ${showTotal ? html`<div part="total" class="t">${totalText}</div>` : nothing}
      <div part="status" class="s" role="status">${this._status}</div>
    </div>`;
  }

  /** The network's share link, or nothing when it would not be a web or mail link. */
  protected _safeHref(network: Network, data: ShareData): string | undefined {
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

  /** Finds the share link or action button a click in the list was on. */
  private _onClick = (event: MouseEvent) => {
    const target = (event.target as Element).closest<HTMLElement>('[data-id]');
    const network = target && getNetwork(target.dataset.id!);
    if (network) void this._activate(event, network, target.getAttribute('href') ?? '');
  };

  /** Handles a click on a share link or action button. */
  protected async _activate(event: Event, network: Network, shareUrl: string): Promise<void> {
    const mouse = event as MouseEvent;
    const ownTab = mouse.ctrlKey || mouse.metaKey || mouse.shiftKey;
    const target = this._choice('target');
    const method: ShareMethod = network.action
      ? network.id
      : ownTab
        ? 'tab'
        : shareUrl.startsWith('mailto:') || target == 'self'
          ? 'self'
          : target == 'popup' && network.popup !== false
            ? 'popup'
            : 'tab';
    const url = this._data.url;
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
    this._recordShare(network, url);
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
      const message = await network.action({ data: this._data, host: this }).catch((error: unknown) => {
        warnOnce('action:' + network.id, `${network.id} failed: ${String(error)}`);
      });
      const strings = this.strings as unknown as Record<string, unknown>;
      const known = typeof strings[message || ''] == 'string' ? (strings[message!] as string) : message;
      this._status = known ? fill(known, { url }) : '';
    }
  }

  /**
   * Counts a share made from this bar, once per network per page view: its button goes up by one
   * at once (announced politely), and the count endpoint records it unless `track="off"`.
   */
  protected _recordShare(network: Network, url: string): void {
    // Keyed by page too: a bar whose url changes (a single-page app) counts the new page afresh.
    const key = url + ' ' + network.id;
    if (this._shared.has(key)) return;
    this._shared = new Set(this._shared).add(key);
    const endpoint = this._option('countsUrl');
    if (endpoint && this._option('track') != 'off') recordShare(endpoint, url, network.id);
    const count = this._shownCounts[network.id];
    // The feedback stays until the next share: taking it away later would shift the page.
    if (count != null) this._status = `${network.name}, ${this._phrase(count)}`;
  }
}
