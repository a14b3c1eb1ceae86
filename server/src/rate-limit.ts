/** How many clients a limiter tracks at most; past that the longest-tracked is forgotten. */
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
  readonly #buckets = new Map<string, Bucket>();

  /** @param limit requests allowed per client per window; 0 disables the limit. */
  constructor(limit: number, windowMs = 60_000) {
    this.#limit = limit;
    this.#rate = limit / windowMs;
    this.#windowMs = windowMs;
    if (limit > 0) setInterval(() => this.#forgetFull(Date.now()), windowMs).unref();
  }

  /** Counts one request from `client`; returns seconds to wait when over the limit, else 0. */
  hit(client: string, now = Date.now()): number {
    if (this.#limit <= 0) return 0;
    let bucket = this.#buckets.get(client);
    if (bucket === undefined) {
      if (this.#buckets.size >= MAX_CLIENTS) this.#buckets.delete(this.#buckets.keys().next().value!);
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

  #forgetFull(now: number): void {
    for (const [client, bucket] of this.#buckets) {
      if (now - bucket.at >= this.#windowMs) this.#buckets.delete(client);
    }
  }
}
