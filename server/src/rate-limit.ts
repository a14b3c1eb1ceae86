/** How many clients a limiter tracks at most; past that, all are forgotten at once (a fresh bucket each) rather than tracked in an LRU. */
const MAX_CLIENTS = 100_000;

/** A client's bucket: tokens left at `at` (ms). */
interface Bucket {
  tokens: number;
  at: number;
}

/**
 * A token bucket per client, held in this process only (docs/protocol.md#rate-limit): a client
 * may make `limit` requests at once, then one each time a token comes back (`limit` per window).
 * Unlike fixed windows, no moment lets through two bursts back to back. A client whose bucket is
 * full again is forgotten, so addresses stay here for at most a window after their last request.
 */
export class RateLimiter {
  readonly #limit: number;
  /** Tokens that come back per ms. */
  readonly #rate: number;
  readonly #windowMs: number;
  readonly #now: () => number;
  readonly #buckets = new Map<string, Bucket>();

  /**
   * @param limit requests allowed per client per window, and at once; 0 disables the limit.
   * @param now the clock in ms; default `Date.now`.
   */
  constructor(limit: number, windowMs = 60_000, now: () => number = Date.now) {
    this.#limit = limit;
    this.#rate = limit / windowMs;
    this.#windowMs = windowMs;
    this.#now = now;
    if (limit > 0) setInterval(() => this.#forgetFull(), windowMs).unref();
  }

  /** Counts one request from `client`; returns seconds to wait when over the limit, else 0. */
  hit(client: string): number {
    if (this.#limit <= 0) return 0;
    const now = this.#now();
    let bucket = this.#buckets.get(client);
    if (bucket === undefined) {
      if (this.#buckets.size >= MAX_CLIENTS) this.#buckets.clear();
      bucket = { tokens: this.#limit, at: now };
      this.#buckets.set(client, bucket);
    } else {
      bucket.tokens = Math.min(this.#limit, bucket.tokens + (now - bucket.at) * this.#rate);
      bucket.at = now;
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.#rate / 1000));
  }

  #forgetFull(): void {
    const now = this.#now();
    for (const [client, bucket] of this.#buckets) {
      if (now - bucket.at >= this.#windowMs) this.#buckets.delete(client);
    }
  }
}
