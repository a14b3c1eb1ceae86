// The store contract: what the service asks of any store. The stores implement it; the factory
// that picks one is `open-store.ts`, so this file imports none of them.
import type { Counts } from '../protocol.js';
import type { DayShares, PageShares } from '../stats-answer.js';

/** Share counts keyed by lower-case network id (the wire contract's type). */
export type { Counts, DayShares, PageShares };

/** What `CountStore.record` reports. */
export interface RecordResult {
  /** Whether this share raised the count (false: the visitor, or its address's share, was already counted). */
  counted: boolean;
  /** The count for (url, network) after this share. */
  count: number;
  /** Whether this share gave the url its first count of any network (a new page in the store). */
  newPage?: boolean;
}

/** One share to record. */
export interface Share {
  /** The normalised page url. */
  url: string;
  /** The canonical network id. */
  network: string;
  /**
   * Visitor keys, current first. The share counts unless one of them was seen for (url, network)
   * within `dedupeSeconds`; only the first is then remembered. The second is the key under the
   * previous day's salt, so a rotation at midnight does not reopen the 24 h window.
   */
  visitorKeys: readonly string[];
  /** How long the visitor stays deduplicated, in seconds. */
  dedupeSeconds: number;
  /**
   * Keys of the visitor's address for (url, network), whatever its user agent, under today's and
   * yesterday's salt like `visitorKeys`. With `perAddress`, the share counts only while fewer than
   * that many shares under today's key were counted today; absent: no such bound.
   */
  addressKeys?: readonly string[] | undefined;
  /** How many shares one address key may count (docs/protocol.md#dedupe). */
  perAddress?: number | undefined;
  /** The UTC day (`YYYY-MM-DD`) whose history a counted share goes into; default today. */
  day?: string | undefined;
  /** The page's title as the share names it: the latest one given wins; absent keeps the one known. */
  title?: string | undefined;
}

/** What a statistics query asks for (docs/statistics.md). */
export interface HistoryQuery {
  /** First day of the range, `YYYY-MM-DD` (UTC), included. */
  from: string;
  /** Last day of the range, included. */
  to: string;
  /** Narrows everything to this normalised page url. */
  url?: string | undefined;
  /** How many pages to list, most shared first. */
  limit: number;
}

/** What a store knows of a range: the days that had shares, in order, and the most shared pages. */
export interface HistoryTotals {
  /** The days of the range with at least one share, earliest first. */
  days: DayShares[];
  /** At most `limit` pages, by total (most first), then by url. */
  pages: PageShares[];
}

/** One (day, url, network) bucket of the history. */
export interface HistoryRow {
  /** The UTC day, `YYYY-MM-DD`. */
  day: string;
  /** The normalised page url. */
  url: string;
  /** The page's latest title, or `null`. */
  title: string | null;
  /** The network id. */
  network: string;
  /** Shares that day (at least 1). */
  shares: number;
}

/**
 * Where counts, dedupe marks and daily salts live. Every method may reject with
 * `StoreUnavailableError`, which the service answers with 503.
 */
export interface CountStore {
  /**
   * How long the service may answer a `GET /counts` from memory instead of asking again, in ms;
   * absent or 0: never. Shares counted through the same service drop the kept answer at once, so
   * this bounds only how late changes made by other processes show. Stores whose outage must
   * show at once (Redis) leave it out.
   */
  readonly answerTtlMs?: number;
  /**
   * Why the store's counts cannot be trusted since it was opened (a Redis that came back empty),
   * or `undefined`: `/healthz` then answers 503 and `/metrics` says `share_bar_store_data_lost 1`.
   */
  readonly dataLost?: string | undefined;
  /** The files the store keeps its data in (a database and its journals), which `--static` never serves. */
  readonly files?: readonly string[];
  /** Counts of `url` for `networks`, or for every network that has one when `networks` is omitted. */
  get(url: string, networks?: readonly string[]): Promise<Counts>;
  /**
   * Records one share atomically: dedupe check, dedupe mark and increment happen together; a
   * counted share also goes into the history of its day, and a title given replaces the page's.
   */
  record(share: Share): Promise<RecordResult>;
  /** Per-day totals and the most shared pages of a range (docs/statistics.md); a store without history leaves it out. */
  history?(query: HistoryQuery): Promise<HistoryTotals>;
  /** Every bucket of a range with shares, by day, then url, then network (the CSV export). */
  historyRows?(query: Omit<HistoryQuery, 'limit'>): Promise<HistoryRow[]>;
  /** The random salt of `day` (`YYYY-MM-DD`, UTC), created by whichever process asks first. */
  salt(day: string): Promise<Buffer>;
  /** Resolves when the store can serve; rejects with `StoreUnavailableError` otherwise. */
  ping(): Promise<void>;
  /** Releases connections and files. */
  close(): Promise<void>;
}

/** Salts are kept this long: a day's salt is needed until the end of the next day, at most 48 h. */
export const SALT_TTL_SECONDS = 2 * 24 * 3600;

/** Thrown by a store that cannot answer right now (connection lost, file unwritable); maps to 503. */
export class StoreUnavailableError extends Error {
  /** @param options.cause the driver's own error. */
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreUnavailableError';
  }
}
