import { css, html, LitElement, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { formatChange, formatCount, formatDay } from './format.js';
import { networkName } from './networks.js';
import { isDay, lastDays, PRESET_DAYS, previousRange, rangeDays, type Preset } from './ranges.js';
import { csvAddress, fetchStats, logOut, NeedsTokenError, type StatsAnswer, type StatsView } from './stats-api.js';
import { formStyles, paintNetwork, themeStyles, visuallyHidden } from './styles.js';

/** How many pages the list shows. */
const PAGES_SHOWN = 20;

const PRESETS: [Preset, string][] = [
  ['7d', '7 days'],
  ['30d', '30 days'],
  ['12m', '12 months'],
  ['custom', 'Custom'],
];

/** What the address of the page holds: the view, so a reload or the Back button keeps it. */
interface PageState {
  preset: Preset;
  from: string;
  to: string;
  url: string | undefined;
}

/**
 * The statistics dashboard: range picker, total and its change against the range before, shares
 * over time per network, the per-network breakdown, the most shared pages (a click narrows
 * everything to one), and the CSV of what is shown. Every url and title is shown as text.
 */
export class ShareStatsDashboard extends LitElement {
  static override styles = [
    themeStyles,
    formStyles,
    visuallyHidden,
    css`
      :host {
        display: block;
        background: var(--page);
        min-height: 100vh;
      }
      main {
        max-width: 72rem;
        margin: 0 auto;
        padding: 1rem;
        display: grid;
        gap: 1rem;
      }
      header {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        justify-content: space-between;
        gap: 0.5rem;
      }
      h1 {
        font-size: 1.5rem;
        margin: 0;
      }
      h2 {
        font-size: 1.125rem;
        margin: 0 0 0.75rem;
      }
      section,
      .card {
        background: var(--card);
        border: 1px solid var(--line);
        border-radius: 8px;
        padding: 1rem;
        min-width: 0;
      }
      .controls {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        align-items: end;
      }
      .presets {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem;
      }
      .custom {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        align-items: end;
      }
      .custom label {
        display: grid;
        font-size: 0.875rem;
      }
      .narrowed {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 1rem;
        align-items: center;
        justify-content: space-between;
      }
      .narrowed p {
        margin: 0;
        min-width: 0;
        overflow-wrap: anywhere;
      }
      .summary {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr));
        gap: 1rem;
      }
      .big {
        font-size: 2.25rem;
        font-weight: 700;
        line-height: 1.2;
        margin: 0;
      }
      .label {
        color: var(--muted);
        margin: 0;
      }
      .change-up {
        color: var(--up);
      }
      .change-down {
        color: var(--down);
      }
      .columns {
        display: grid;
        grid-template-columns: minmax(0, 1fr);
        gap: 1rem;
      }
      @media (min-width: 60rem) {
        .columns {
          grid-template-columns: minmax(0, 1fr) minmax(0, 2fr);
        }
      }
      table {
        width: 100%;
        border-collapse: collapse;
      }
      th,
      td {
        text-align: start;
        padding: 0.35rem 0.5rem 0.35rem 0;
        border-top: 1px solid var(--line);
        vertical-align: top;
      }
      thead th {
        border-top: 0;
        color: var(--muted);
        font-weight: 600;
        font-size: 0.875rem;
      }
      .number {
        text-align: end;
        white-space: nowrap;
        font-variant-numeric: tabular-nums;
      }
      .bar {
        height: 0.5rem;
        border-radius: 4px;
        background: var(--line);
        overflow: hidden;
        display: flex;
        margin-top: 0.3rem;
        forced-color-adjust: none;
      }
      .bar span {
        display: block;
        height: 100%;
        background: light-dark(var(--light), var(--dark));
      }
      h1:focus,
      h2:focus {
        outline: none;
      }
      ol.pages {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      ol.pages li {
        border-top: 1px solid var(--line);
        padding: 0.6rem 0;
        display: grid;
        grid-template-columns: minmax(0, 1fr) auto;
        gap: 0.25rem 0.75rem;
      }
      ol.pages li:first-child {
        border-top: 0;
      }
      button.page {
        all: unset;
        cursor: pointer;
        font-weight: 600;
        color: var(--accent);
        overflow-wrap: anywhere;
        border-radius: 4px;
      }
      button.page:hover {
        text-decoration: underline;
      }
      button.page:focus-visible {
        outline: 3px solid var(--focus);
        outline-offset: 2px;
      }
      .url {
        color: var(--muted);
        font-size: 0.875rem;
        overflow-wrap: anywhere;
      }
      .split {
        grid-column: 1 / -1;
        font-size: 0.875rem;
        color: var(--muted);
      }
      .error {
        color: var(--error);
        margin: 0;
      }
      .empty {
        color: var(--muted);
        margin: 0;
      }
    `,
  ];

  @state() private auth: 'checking' | 'login' | 'ready' = 'checking';
  @state() private view: PageState = { preset: '30d', ...lastDays(30), url: undefined };
  @state() private stats: StatsAnswer | undefined;
  @state() private previous: StatsAnswer | undefined;
  @state() private error = '';
  @state() private loading = false;
  #loads: AbortController | undefined;
  #onPopState = () => {
    this.view = readState(location.search);
    void this.#load();
  };

  override connectedCallback(): void {
    super.connectedCallback();
    this.view = readState(location.search);
    addEventListener('popstate', this.#onPopState);
    void this.#load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('popstate', this.#onPopState);
    this.#loads?.abort();
  }

  protected override render() {
    return html`
      <main aria-busy=${this.loading ? 'true' : 'false'}>
        <header>
          <h1 tabindex="-1">Share statistics</h1>
          ${this.auth === 'ready' ? html`<button type="button" @click=${this.#logOut}>Log out</button>` : nothing}
        </header>
        ${
          this.auth === 'login'
            ? html`<section aria-labelledby="login-heading">
                <h2 id="login-heading">Sign in</h2>
                <share-stats-login @share-stats-login=${this.#loggedIn}></share-stats-login>
              </section>`
            : nothing
        }
        ${this.error ? html`<p class="error card" role="alert">${this.error}</p>` : nothing}
        ${this.auth === 'ready' ? this.#renderStats() : nothing}
      </main>
    `;
  }

  #renderStats() {
    const view = this.view;
    const stats = this.stats;
    return html`
      <section aria-labelledby="range-heading">
        <h2 id="range-heading">Range</h2>
        <div class="controls">
          <div class="presets" role="group" aria-label="Range">
            ${PRESETS.map(
              ([preset, label]) =>
                html`<button
                  type="button"
                  aria-pressed=${view.preset === preset ? 'true' : 'false'}
                  @click=${() => this.#choose(preset)}
                >
                  ${label}
                </button>`,
            )}
          </div>
          ${
            view.preset === 'custom'
              ? html`<form class="custom" @submit=${this.#applyCustom}>
                  <label>From <input name="from" type="date" .value=${view.from} required /></label>
                  <label>To <input name="to" type="date" .value=${view.to} required /></label>
                  <button type="submit">Show</button>
                </form>`
              : nothing
          }
          <a class="button" href=${csvAddress(view)} download>Download CSV</a>
        </div>
        <p class="help">
          ${formatDay(view.from)} to ${formatDay(view.to)} (UTC), ${formatCount(rangeDays(view.from, view.to))} days.
        </p>
      </section>
      ${view.url !== undefined ? this.#renderNarrowed(view.url) : nothing}
      ${stats ? this.#renderSummary(stats) : nothing}
      ${
        stats
          ? html`<section aria-labelledby="time-heading">
              <h2 id="time-heading">Shares over time</h2>
              <share-stats-chart .stats=${stats}></share-stats-chart>
            </section>`
          : nothing
      }
      ${stats ? html`<div class="columns">${this.#renderNetworks(stats)} ${this.#renderPages(stats)}</div>` : nothing}
    `;
  }

  #renderNarrowed(url: string) {
    const title = this.stats?.pages[0]?.title;
    return html`<div class="card narrowed">
      <p>
        Showing one page: <strong>${title ?? url}</strong>
        ${title ? html`<br /><span class="url">${url}</span>` : nothing}
      </p>
      <button type="button" id="all-pages" @click=${() => this.#narrow(undefined)}>Show all pages</button>
    </div>`;
  }

  #renderSummary(stats: StatsAnswer) {
    const before = this.previous?.total;
    const change = before === undefined ? undefined : formatChange(stats.total, before);
    const days = rangeDays(stats.from, stats.to);
    const [top] = Object.entries(stats.networks);
    return html`<div class="summary">
      <div class="card">
        <p class="label" id="total-label">Total shares</p>
        <p class="big" aria-describedby="total-label" data-total>${formatCount(stats.total)}</p>
        ${
          change === undefined
            ? nothing
            : html`<p class=${stats.total >= (before ?? 0) ? 'change-up' : 'change-down'} data-change>
                ${change} against the ${formatCount(days)} days before (${formatCount(before ?? 0)})
              </p>`
        }
      </div>
      <div class="card">
        <p class="label">Most shared on</p>
        <p class="big">${top ? networkName(top[0]) : '—'}</p>
        ${top ? html`<p>${formatCount(top[1])} shares</p>` : nothing}
      </div>
    </div>`;
  }

  #renderNetworks(stats: StatsAnswer) {
    const entries = Object.entries(stats.networks);
    return html`<section aria-labelledby="networks-heading">
      <h2 id="networks-heading">Per network</h2>
      ${
        entries.length === 0
          ? html`<p class="empty">No shares in this range.</p>`
          : html`<table>
              <thead>
                <tr>
                  <th scope="col">Network</th>
                  <th scope="col" class="number">Shares</th>
                  <th scope="col" class="number">Share</th>
                </tr>
              </thead>
              <tbody>
                ${entries.map(
                  ([id, shares]) =>
                    html`<tr>
                      <th scope="row">
                        ${networkName(id)}
                        <div class="bar" aria-hidden="true">
                          <span data-network=${id} data-part=${shares / stats.total}></span>
                        </div>
                      </th>
                      <td class="number">${formatCount(shares)}</td>
                      <td class="number">${Math.round((100 * shares) / stats.total)}%</td>
                    </tr>`,
                )}
              </tbody>
            </table>`
      }
    </section>`;
  }

  #renderPages(stats: StatsAnswer) {
    const narrowed = this.view.url !== undefined;
    return html`<section aria-labelledby="pages-heading">
      <h2 id="pages-heading" tabindex="-1">${narrowed ? 'This page' : 'Most shared pages'}</h2>
      ${
        stats.pages.length === 0
          ? html`<p class="empty">No page was shared in this range.</p>`
          : html`<ol class="pages">
              ${stats.pages.map(
                (page) =>
                  html`<li>
                    <div>
                      ${
                        narrowed
                          ? html`<strong class="title">${page.title ?? page.url}</strong>`
                          : html`<button
                              type="button"
                              class="page title"
                              aria-describedby="pages-hint"
                              @click=${() => this.#narrow(page.url)}
                            >
                              ${page.title ?? page.url}
                            </button>`
                      }
                      <div class="url">${page.url}</div>
                    </div>
                    <div class="number"><strong>${formatCount(page.total)}</strong></div>
                    <div class="split">
                      <div class="bar" aria-hidden="true">
                        ${Object.entries(page.networks).map(
                          ([id, shares]) => html`<span data-network=${id} data-part=${shares / page.total}></span>`,
                        )}
                      </div>
                      ${Object.entries(page.networks)
                        .map(([id, shares]) => `${networkName(id)} ${formatCount(shares)}`)
                        .join(' · ')}
                    </div>
                  </li>`,
              )}
            </ol>`
      }
      <p id="pages-hint" class="visually-hidden">Shows the statistics of this page only.</p>
    </section>`;
  }

  protected override updated(): void {
    // Bar widths and colours through the CSSOM: the page's policy allows no inline style attribute.
    for (const part of this.renderRoot.querySelectorAll<HTMLElement>('[data-part]')) {
      part.style.width = `${Math.max(0, Math.min(1, Number(part.dataset.part))) * 100}%`;
      paintNetwork(part);
    }
  }

  async #load(): Promise<void> {
    this.#loads?.abort();
    const loads = (this.#loads = new AbortController());
    const view: StatsView = { from: this.view.from, to: this.view.to, url: this.view.url };
    this.loading = true;
    try {
      const [stats, previous] = await Promise.all([
        fetchStats(view, PAGES_SHOWN, loads.signal),
        fetchStats({ ...previousRange(view.from, view.to), url: view.url }, 0, loads.signal),
      ]);
      this.stats = stats;
      this.previous = previous;
      this.error = '';
      this.auth = 'ready';
    } catch (error) {
      if (loads.signal.aborted) return;
      if (error instanceof NeedsTokenError) {
        this.auth = 'login';
        this.stats = undefined;
        await this.updateComplete;
        this.renderRoot.querySelector<HTMLElement>('share-stats-login')?.focus();
      } else {
        this.error = `The statistics could not be loaded: ${(error as Error).message}`;
      }
    } finally {
      if (this.#loads === loads) this.loading = false;
    }
  }

  async #loggedIn(): Promise<void> {
    await this.#load();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('h1')?.focus();
  }

  async #logOut(): Promise<void> {
    await logOut();
    this.stats = undefined;
    this.previous = undefined;
    this.auth = 'login';
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('share-stats-login')?.focus();
  }

  #choose(preset: Preset): void {
    const range = preset === 'custom' ? { from: this.view.from, to: this.view.to } : lastDays(PRESET_DAYS[preset]);
    void this.#show({ ...this.view, preset, ...range });
  }

  #applyCustom(event: SubmitEvent): void {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const from = String(form.get('from'));
    const to = String(form.get('to'));
    if (!isDay(from) || !isDay(to)) {
      this.error = 'Enter both days.';
      return;
    }
    void this.#show({ ...this.view, preset: 'custom', from, to });
  }

  async #narrow(url: string | undefined): Promise<void> {
    const back = this.view.url;
    await this.#show({ ...this.view, url });
    // Keep the keyboard where the reader is: on the way back, or on the way out again.
    const target =
      url === undefined
        ? [...this.renderRoot.querySelectorAll<HTMLElement>('button.page')].find(
            (button) => button.closest('li')?.querySelector('.url')?.textContent === back,
          )
        : this.renderRoot.querySelector<HTMLElement>('#all-pages');
    (target ?? this.renderRoot.querySelector<HTMLElement>('#pages-heading'))?.focus();
  }

  /** Shows a view: in the address (so Back returns to the last one) and on the page. */
  async #show(view: PageState): Promise<void> {
    this.view = view;
    const params = new URLSearchParams({ range: view.preset });
    if (view.preset === 'custom') {
      params.set('from', view.from);
      params.set('to', view.to);
    }
    if (view.url !== undefined) params.set('url', view.url);
    history.pushState(null, '', `?${params}`);
    await this.#load();
    await this.updateComplete;
  }
}

/** The view in the page's address, or the last 30 days of every page. */
function readState(search: string): PageState {
  const params = new URLSearchParams(search);
  const range = params.get('range');
  const url = params.get('url') ?? undefined;
  if (range === 'custom') {
    const from = params.get('from') ?? '';
    const to = params.get('to') ?? '';
    if (isDay(from) && isDay(to)) return { preset: 'custom', from, to, url };
  }
  const preset: Exclude<Preset, 'custom'> = range === '7d' || range === '12m' ? range : '30d';
  return { preset, ...lastDays(PRESET_DAYS[preset]), url };
}
