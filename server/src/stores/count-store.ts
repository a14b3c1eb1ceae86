// The store contract: what the service asks of any store. The stores implement it; the factory
// that picks one is `open-store.ts`, so this file imports none of them.
import type { Counts } from '../protocol.js';

/** Share counts keyed by lower-case network id (the wire contract's type). */
export type { Counts };

/** What `CountStore.record` reports. */
export interface RecordResult {
  /** Whether this share raised the count (false: the visitor was already counted). */
  counted: boolean;
  /** The count for (url, network) after this share. */
  count: number;
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
  /** The files the store keeps its data in (a database and its journals), which `--static` never serves. */
  readonly files?: readonly string[];
  /** Counts of `url` for `networks`, or for every network that has one when `networks` is omitted. */
  get(url: string, networks?: readonly string[]): Promise<Counts>;
  /** Records one share atomically: dedupe check, dedupe mark and increment happen together. */
  record(share: Share): Promise<RecordResult>;
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
