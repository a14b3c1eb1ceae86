import { randomBytes } from 'node:crypto';
import type { CountStore, Counts, RecordResult, Share } from './count-store.js';

/** A store in process memory: for tests and throwaway demos; everything is lost on exit. */
export class MemoryStore implements CountStore {
  /** {@inheritDoc CountStore.answerTtlMs} */
  readonly answerTtlMs = 1000;
  readonly #counts = new Map<string, Map<string, number>>();
  readonly #seen = new Map<string, number>();
  readonly #salts = new Map<string, Buffer>();
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
    let byNetwork = this.#counts.get(share.url);
    const current = byNetwork?.get(share.network) ?? 0;
    for (const visitor of share.visitorKeys) {
      const expires = this.#seen.get(seenKey(visitor));
      if (expires !== undefined && expires > now) return { counted: false, count: current };
    }
    const [first] = share.visitorKeys;
    if (first !== undefined) this.#seen.set(seenKey(first), now + share.dedupeSeconds * 1000);
    if (!byNetwork) this.#counts.set(share.url, (byNetwork = new Map()));
    byNetwork.set(share.network, current + 1);
    return { counted: true, count: current + 1 };
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
