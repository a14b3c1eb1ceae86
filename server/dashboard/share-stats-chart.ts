import { css, html, LitElement, unsafeCSS, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import uPlot from 'uplot';
import uPlotStyles from 'uplot/dist/uPlot.min.css';
import { formatCount, formatDay } from './format.js';
import { networkColor, networkName } from './networks.js';
import type { StatsAnswer } from './stats-api.js';
import { isDark, paintNetwork } from './styles.js';

/** A bar of the chart: one day, or one month of a long range. */
interface Bucket {
  /** The first day of the bucket (`YYYY-MM-DD`). */
  start: string;
  /** The label of the bucket in the table (`Mar 1, 2026`, `March 2026`). */
  label: string;
  /** Shares per network. */
  networks: Record<string, number>;
  /** Shares, all networks. */
  total: number;
}

/** Ranges longer than this are shown per month rather than per day. */
const MAX_DAILY_BARS = 92;

const monthLabel = new Intl.DateTimeFormat('en', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/**
 * Shares over time, stacked per network: a uPlot bar chart (per day, or per month past three
 * months), a legend, and the same numbers as a table for screen readers and keyboards.
 */
export class ShareStatsChart extends LitElement {
  static override styles = [
    unsafeCSS(uPlotStyles),
    css`
      :host {
        display: block;
      }
      .plot {
        min-height: 260px;
        /* uPlot sizes its canvas in pixels: never wider than the card. */
        overflow: hidden;
      }
      .legend {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem 1rem;
        margin: 0.5rem 0 0;
        padding: 0;
        list-style: none;
        font-size: 0.875rem;
      }
      .swatch {
        display: inline-block;
        width: 0.75rem;
        height: 0.75rem;
        margin-inline-end: 0.35rem;
        border-radius: 2px;
        vertical-align: -0.05rem;
        forced-color-adjust: none;
        background: light-dark(var(--light), var(--dark));
      }
      details {
        margin-top: 0.75rem;
      }
      summary {
        cursor: pointer;
      }
      summary:focus-visible {
        outline: 2px solid var(--focus, Highlight);
        outline-offset: 2px;
      }
      .table-scroll {
        overflow-x: auto;
      }
      table {
        border-collapse: collapse;
        font-size: 0.875rem;
        margin-top: 0.5rem;
      }
      th,
      td {
        padding: 0.2rem 0.6rem 0.2rem 0;
        text-align: end;
        white-space: nowrap;
      }
      th:first-child {
        text-align: start;
      }
    `,
  ];

  /** The statistics to draw. */
  @property({ attribute: false }) stats: StatsAnswer | undefined;

  #plot: uPlot | undefined;
  #resize = new ResizeObserver(() => this.#fit());
  #scheme = matchMedia('(prefers-color-scheme: dark)');
  #redraw = () => this.#draw();
  /** The buckets drawn, worked out from `stats` before each render. */
  #buckets: Bucket[] = [];
  /** The networks drawn, most shared first (at the bottom of each bar). */
  #networks: string[] = [];

  override connectedCallback(): void {
    super.connectedCallback();
    this.#resize.observe(this);
    this.#scheme.addEventListener('change', this.#redraw);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#resize.disconnect();
    this.#scheme.removeEventListener('change', this.#redraw);
    this.#plot?.destroy();
    this.#plot = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('stats')) {
      this.#buckets = bucketsOf(this.stats);
      this.#networks = Object.keys(this.stats?.networks ?? {});
    }
  }

  protected override render() {
    const stats = this.stats;
    if (!stats) return html`<div class="plot"></div>`;
    const perMonth = stats.days.length > MAX_DAILY_BARS;
    return html`
      <div class="plot" aria-hidden="true"></div>
      <ul class="legend" aria-label="Networks">
        ${this.#networks.map((id) => html`<li><span class="swatch" data-network=${id}></span>${networkName(id)}</li>`)}
      </ul>
      <details>
        <summary>Shares per ${perMonth ? 'month' : 'day'} as a table</summary>
        <div class="table-scroll" tabindex="0" role="region" aria-label="Shares per ${perMonth ? 'month' : 'day'}">
          <table>
            <thead>
              <tr>
                <th scope="col">${perMonth ? 'Month' : 'Day'}</th>
                <th scope="col">Total</th>
                ${this.#networks.map((id) => html`<th scope="col">${networkName(id)}</th>`)}
              </tr>
            </thead>
            <tbody>
              ${this.#buckets.map(
                (bucket) =>
                  html`<tr>
                    <th scope="row">${bucket.label}</th>
                    <td>${formatCount(bucket.total)}</td>
                    ${this.#networks.map((id) => html`<td>${formatCount(bucket.networks[id] ?? 0)}</td>`)}
                  </tr>`,
              )}
            </tbody>
          </table>
        </div>
      </details>
    `;
  }

  protected override updated(changed: PropertyValues<this>): void {
    // Swatch colours go through the CSSOM (the page's policy allows no inline style attribute).
    for (const swatch of this.renderRoot.querySelectorAll<HTMLElement>('.swatch')) paintNetwork(swatch);
    if (changed.has('stats')) this.#draw();
  }

  /** (Re)creates the plot: its colours follow the page's light or dark scheme. */
  #draw(): void {
    this.#plot?.destroy();
    this.#plot = undefined;
    const target = this.renderRoot.querySelector<HTMLElement>('.plot');
    if (!target || !this.stats || this.#buckets.length === 0) return;
    const dark = isDark(this);
    const text = getComputedStyle(this).color;
    const grid = dark ? 'rgba(255,255,255,0.12)' : 'rgba(0,0,0,0.1)';
    const perMonth = this.stats.days.length > MAX_DAILY_BARS;
    const step = perMonth ? 30 * 86400 : 86400;
    const x = this.#buckets.map((bucket) => Date.parse(`${bucket.start}T00:00:00Z`) / 1000);
    // Stacked by overdrawing: each series is the running sum up to its network, drawn tallest first.
    const sums: number[][] = [];
    let running = this.#buckets.map(() => 0);
    for (const id of this.#networks) {
      running = running.map((sum, i) => sum + (this.#buckets[i]!.networks[id] ?? 0));
      sums.push(running);
    }
    const bars = uPlot.paths.bars!({ size: [0.7, 40] });
    const series: uPlot.Series[] = this.#networks.map((id) => ({
      label: networkName(id),
      fill: networkColor(id, dark),
      stroke: networkColor(id, dark),
      width: 0,
      paths: bars,
      points: { show: false },
    }));
    const axis = { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
    this.#plot = new uPlot(
      {
        width: Math.max(200, target.clientWidth || this.clientWidth),
        height: 260,
        legend: { show: false },
        cursor: { show: false },
        tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
        scales: {
          x: { time: true, range: (_, min, max) => [min - step / 2, max + step / 2] },
          y: { range: (_, __, max) => [0, Math.max(4, Math.ceil(max * 1.1))] },
        },
        axes: [
          { ...axis, ...(perMonth ? { values: '{MMM}' } : {}) },
          {
            ...axis,
            // Wide enough for the longest label (`40,000`): uPlot does not measure them itself.
            size: 24 + 8 * formatCount(Math.max(...(sums.at(-1) ?? [0]))).length,
            values: (_, splits) => splits.map(formatCount),
            incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000, 100_000, 1_000_000],
          },
        ],
        series: [{}, ...series.reverse()],
      },
      [x, ...sums.reverse()],
      target,
    );
  }

  #fit(): void {
    const target = this.renderRoot.querySelector<HTMLElement>('.plot');
    if (this.#plot && target) this.#plot.setSize({ width: Math.max(200, target.clientWidth), height: 260 });
  }
}

/** The bars of a range: one per day, or one per month past `MAX_DAILY_BARS` days. */
function bucketsOf(stats: StatsAnswer | undefined): Bucket[] {
  if (!stats) return [];
  const perMonth = stats.days.length > MAX_DAILY_BARS;
  const buckets: Bucket[] = [];
  for (const { day, total, networks } of stats.days) {
    const last = buckets[buckets.length - 1];
    if (perMonth && last && last.start.slice(0, 7) === day.slice(0, 7)) {
      last.total += total;
      for (const [id, shares] of Object.entries(networks)) last.networks[id] = (last.networks[id] ?? 0) + shares;
      continue;
    }
    const label = perMonth ? monthLabel.format(new Date(`${day}T00:00:00Z`)) : formatDay(day);
    buckets.push({ start: day, label, total, networks: { ...networks } });
  }
  return buckets;
}
