import { DAY_MS } from './days.js';

/** How many clients are tracked at most; past that, all are forgotten at once rather than tracked in an LRU. */
const MAX_CLIENTS = 100_000;

/**
 * How many new pages (urls with no count yet) each client may add to the store per UTC day, held
 * in this process only (docs/protocol.md#new-pages): without it, every path and query under an
 * allowed host would be a new row, without end. Only the clients that added a page today are
 * held, until the end of the day. Shares sent at the very same moment are all let through, so a
 * client may pass the limit by the shares it has in flight when it reaches it.
 */
export class NewPageBudget {
  readonly #limit: number;
  /** The next midnight, when `#added` starts again. */
  #dayEnds = 0;
  /** New pages added today, by client. */
  readonly #added = new Map<string, number>();

  /** @param limit new pages per client per day; 0 disables the bound. */
  constructor(limit: number) {
    this.#limit = limit;
  }

  /** Whether `client` may add a page today. */
  allows(client: string, now = Date.now()): boolean {
    if (this.#limit <= 0) return true;
    if (now >= this.#dayEnds) {
      this.#dayEnds = (Math.floor(now / DAY_MS) + 1) * DAY_MS;
      this.#added.clear();
    }
    return (this.#added.get(client) ?? 0) < this.#limit;
  }

  /** `client` added a page. */
  added(client: string): void {
    if (this.#limit <= 0) return;
    if (this.#added.size >= MAX_CLIENTS) this.#added.clear();
    this.#added.set(client, (this.#added.get(client) ?? 0) + 1);
  }

  /** Seconds until the budgets renew (the next UTC midnight). */
  secondsToRenewal(now = Date.now()): number {
    return Math.max(1, Math.ceil((DAY_MS - (now % DAY_MS)) / 1000));
  }
}
