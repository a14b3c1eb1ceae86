// Adding up history in JavaScript, for the stores that cannot ask a query language to (memory,
// Redis): shares are added by (day, page, network), and the tally answers like `CountStore.history`.
import type { Counts, DayShares, PageShares } from './count-store.js';

/**
 * Shares added up per day and per page over a range; pages are keyed by whatever the store uses.
 * A year of Redis history is hundreds of thousands of additions: pages can be added up by their
 * totals alone (`addPageTotal`), their networks asked afterwards for the few that make the list.
 */
export class HistoryTally<Page> {
  readonly #days = new Map<string, Map<string, number>>();
  readonly #totals = new Map<Page, number>();
  readonly #networks = new Map<Page, Map<string, number>>();

  /** Adds `shares` of `network` on `day` (all pages). */
  addDay(day: string, network: string, shares: number): void {
    let networks = this.#days.get(day);
    if (networks === undefined) this.#days.set(day, (networks = new Map()));
    networks.set(network, (networks.get(network) ?? 0) + shares);
  }

  /** Adds `shares` of `network` to `page` (all days). */
  addPage(page: Page, network: string, shares: number): void {
    this.addPageTotal(page, shares);
    let networks = this.#networks.get(page);
    if (networks === undefined) this.#networks.set(page, (networks = new Map()));
    networks.set(network, (networks.get(network) ?? 0) + shares);
  }

  /** Adds `shares` to the total of `page`, whose networks `topPages` then asks for. */
  addPageTotal(page: Page, shares: number): void {
    this.#totals.set(page, (this.#totals.get(page) ?? 0) + shares);
  }

  /** The days with shares, earliest first. */
  days(): DayShares[] {
    return [...this.#days]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([day, networks]) => ({ day, networks: Object.fromEntries(networks) }));
  }

  /**
   * The `limit` pages with the most shares, then by url. `describe` gives the url and title of
   * the candidates, and `networksOf` the networks of those added by total alone: only for the pages
   * that can make the list, so a store keyed by ids looks few up.
   */
  async topPages(
    limit: number,
    describe: (pages: Page[]) => Promise<{ url: string; title: string | null }[]>,
    networksOf: (pages: Page[]) => Map<Page, Counts> = () => new Map(),
  ): Promise<PageShares[]> {
    if (limit <= 0 || this.#totals.size === 0) return [];
    const totals = [...this.#totals].sort(([, a], [, b]) => b - a);
    // Pages tied with the last one that makes the list are ordered by url: they all need one.
    const last = totals[Math.min(limit, totals.length) - 1]![1];
    let end = Math.min(limit, totals.length);
    while (end < totals.length && totals[end]![1] === last) end++;
    const candidates = totals.slice(0, end).map(([page]) => page);
    const described = await describe(candidates);
    const asked = networksOf(candidates.filter((page) => !this.#networks.has(page)));
    return candidates
      .map((page, i): PageShares => {
        const known = this.#networks.get(page);
        const networks = known ? Object.fromEntries(known) : (asked.get(page) ?? {});
        return { ...described[i]!, total: this.#totals.get(page)!, networks };
      })
      .sort((a, b) => b.total - a.total || (a.url < b.url ? -1 : a.url > b.url ? 1 : 0))
      .slice(0, limit);
  }
}
