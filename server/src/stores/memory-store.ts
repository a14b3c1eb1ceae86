import { randomBytes } from 'node:crypto';
import { daysBetween, utcDay } from '../days.js';
import type {
  CountStore,
  Counts,
  HistoryQuery,
  HistoryRow,
  HistoryTotals,
  RecordResult,
  Share,
} from './count-store.js';
import { HistoryTally } from './history-tally.js';

/** A store in process memory: for tests and throwaway demos; everything is lost on exit. */
export class MemoryStore implements CountStore {
  /** {@inheritDoc CountStore.answerTtlMs} */
  readonly answerTtlMs = 1000;
  readonly #counts = new Map<string, Map<string, number>>();
  readonly #seen = new Map<string, number>();
  readonly #salts = new Map<string, Buffer>();
  /** Shares by day, then url, then network. */
  readonly #history = new Map<string, Map<string, Counts>>();
  readonly #titles = new Map<string, string>();
  #records = 0;

  /** {@inheritDoc CountStore.get} */
  async get(url: string, networks?: readonly string[]): Promise<Counts> {
    const byNetwork = this.#counts.get(url);
    const out: Counts = {};
    if (networks) for (const network of networks) out[network] = byNetwork?.get(network) ?? 0;
    else if (byNetwork) for (const [network, count] of byNetwork) out[network] = count;
    return out;
  }

  /** {@inheritDoc CountStore.record} */
  async record(share: Share): Promise<RecordResult> {
    const now = Date.now();
    if (++this.#records % 1000 === 0) this.#sweep(now);
    const seenKey = (visitor: string) => `${share.url}\n${share.network}\n${visitor}`;
    if (share.title !== undefined) this.#titles.set(share.url, share.title);
    let byNetwork = this.#counts.get(share.url);
    const current = byNetwork?.get(share.network) ?? 0;
    for (const visitor of share.visitorKeys) {
      const expires = this.#seen.get(seenKey(visitor));
      if (expires !== undefined && expires > now) return { counted: false, count: current };
    }
    const expires = now + share.dedupeSeconds * 1000;
    const [address] = share.addressKeys ?? [];
    if (address !== undefined && share.perAddress !== undefined) {
      // One mark per counted share of the address, in slots 0, 1, …: all taken means capped.
      let slot = 0;
      while (slot < share.perAddress && (this.#seen.get(seenKey(`${address}#${slot}`)) ?? 0) > now) slot++;
      if (slot === share.perAddress) return { counted: false, count: current };
      this.#seen.set(seenKey(`${address}#${slot}`), expires);
    }
    const [first] = share.visitorKeys;
    if (first !== undefined) this.#seen.set(seenKey(first), expires);
    const newPage = !byNetwork;
    if (!byNetwork) this.#counts.set(share.url, (byNetwork = new Map()));
    byNetwork.set(share.network, current + 1);
    const day = share.day ?? utcDay(now);
    let pages = this.#history.get(day);
    if (!pages) this.#history.set(day, (pages = new Map()));
    const shares = pages.get(share.url) ?? {};
    shares[share.network] = (shares[share.network] ?? 0) + 1;
    pages.set(share.url, shares);
    return { counted: true, count: current + 1, newPage };
  }

  /** {@inheritDoc CountStore.history} */
  async history(query: HistoryQuery): Promise<HistoryTotals> {
    const tally = new HistoryTally<string>();
    for (const row of await this.historyRows(query)) {
      tally.addDay(row.day, row.network, row.shares);
      tally.addPage(row.url, row.network, row.shares);
    }
    const pages = await tally.topPages(query.limit, async (urls) =>
      urls.map((url) => ({ url, title: this.#titles.get(url) ?? null })),
    );
    return { days: tally.days(), pages };
  }

  /** {@inheritDoc CountStore.historyRows} */
  async historyRows(query: Omit<HistoryQuery, 'limit'>): Promise<HistoryRow[]> {
    const rows: HistoryRow[] = [];
    for (const day of daysBetween(query.from, query.to)) {
      const pages = this.#history.get(day);
      if (!pages) continue;
      const urls = query.url === undefined ? [...pages.keys()].sort() : pages.has(query.url) ? [query.url] : [];
      for (const url of urls) {
        const title = this.#titles.get(url) ?? null;
        for (const [network, shares] of Object.entries(pages.get(url)!).sort(([a], [b]) => (a < b ? -1 : 1))) {
          rows.push({ day, url, title, network, shares });
        }
      }
    }
    return rows;
  }

  /** {@inheritDoc CountStore.salt} */
  async salt(day: string): Promise<Buffer> {
    let salt = this.#salts.get(day);
    if (!salt) {
      this.#salts.set(day, (salt = randomBytes(32)));
      // Only today's and yesterday's are ever asked for.
      if (this.#salts.size > 3) this.#salts.delete(this.#salts.keys().next().value!);
    }
    return salt;
  }

  /** {@inheritDoc CountStore.ping} */
  async ping(): Promise<void> {}

  /** {@inheritDoc CountStore.close} */
  async close(): Promise<void> {}

  #sweep(now: number): void {
    for (const [key, expires] of this.#seen) if (expires <= now) this.#seen.delete(key);
  }
}
