/**
 * A fixed one-minute window per client address, held in this process only. Addresses live here
 * for at most two minutes and never reach the store.
 */
export class RateLimiter {
  readonly #limit: number;
  readonly #windowMs: number;
  #windowStart = 0;
  #hits = new Map<string, number>();

  /** @param limit requests allowed per address per window; 0 disables the limit. */
  constructor(limit: number, windowMs = 60_000) {
    this.#limit = limit;
    this.#windowMs = windowMs;
    // Forget last window's addresses even when no request comes to trigger it.
    if (limit > 0) setInterval(() => this.#startWindowIfOver(Date.now()), windowMs).unref();
  }

  /** Counts one request from `address`; returns seconds to wait when over the limit, else 0. */
  hit(address: string, now = Date.now()): number {
    if (this.#limit <= 0) return 0;
    this.#startWindowIfOver(now);
    const hits = (this.#hits.get(address) ?? 0) + 1;
    this.#hits.set(address, hits);
    if (hits <= this.#limit) return 0;
    return Math.max(1, Math.ceil((this.#windowStart + this.#windowMs - now) / 1000));
  }

  #startWindowIfOver(now: number): void {
    if (now - this.#windowStart >= this.#windowMs) {
      this.#windowStart = now;
      this.#hits = new Map();
    }
  }
}
