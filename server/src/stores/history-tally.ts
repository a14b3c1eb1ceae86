// Adding up history in JavaScript, for the stores that cannot ask a query language to (memory,
// Redis): shares are added by (day, page, network), and the tally answers like `CountStore.history`.
import type { Counts, DayShares, PageShares } from './count-store.js';

/** Shares added up per day and per page over a range; pages are keyed by whatever the store uses. */
export class HistoryTally<Page> {
  readonly #days = new Map<string, Counts>();
  readonly #pages = new Map<Page, Counts>();

  /** Adds `shares` of `network` on `day` (all pages). */
  addDay(day: string, network: string, shares: number): void {
    add(this.#days, day, network, shares);
  }

  /** Adds `shares` of `network` to `page` (all days). */
  addPage(page: Page, network: string, shares: number): void {
    add(this.#pages, page, network, shares);
  }

  /** The days with shares, earliest first. */
  days(): DayShares[] {
    return [...this.#days].sort(([a], [b]) => (a < b ? -1 : 1)).map(([day, networks]) => ({ day, networks }));
  }

  /**
   * The `limit` pages with the most shares, then by url. `describe` gives the url and title of
   * the candidates: only of the pages that can make the list, so a store keyed by ids looks few up.
   */
  async topPages(
    limit: number,
    describe: (pages: Page[]) => Promise<{ url: string; title: string | null }[]>,
  ): Promise<PageShares[]> {
    if (limit <= 0 || this.#pages.size === 0) return [];
    const totals = [...this.#pages].map(([page, networks]) => ({ page, networks, total: sum(networks) }));
    totals.sort((a, b) => b.total - a.total);
    // Pages tied with the last one that makes the list are ordered by url: they all need one.
    const last = totals[Math.min(limit, totals.length) - 1]!.total;
    let end = Math.min(limit, totals.length);
    while (end < totals.length && totals[end]!.total === last) end++;
    const candidates = totals.slice(0, end);
    const described = await describe(candidates.map((entry) => entry.page));
    return candidates
      .map(({ networks, total }, i) => ({ ...described[i]!, total, networks }))
      .sort((a, b) => b.total - a.total || (a.url < b.url ? -1 : a.url > b.url ? 1 : 0))
      .slice(0, limit);
  }
}

function add<Key>(map: Map<Key, Counts>, key: Key, network: string, shares: number): void {
  let counts = map.get(key);
  if (counts === undefined) map.set(key, (counts = {}));
  counts[network] = (counts[network] ?? 0) + shares;
}

/** The sum of a page's or day's shares over its networks. */
export function sum(counts: Counts): number {
  let total = 0;
  for (const shares of Object.values(counts)) total += shares;
  return total;
}
