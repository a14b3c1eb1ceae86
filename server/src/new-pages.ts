import { createHmac, randomBytes } from 'node:crypto';

const DAY_MS = 24 * 3600 * 1000;
/** How many clients are tracked at most; past that, the longest-tracked is forgotten. */
const MAX_CLIENTS = 100_000;

/**
 * How many new pages (urls with no count yet) each client may add to the store per UTC day, held
 * in this process only (docs/protocol.md#limits-per-address): without it, every path and query
 * under an allowed host would be a new row, without end. Clients are held under an HMAC whose key
 * is random and changes every day, never as addresses.
 */
export class NewPageBudget {
  readonly #limit: number;
  #dayNumber = NaN;
  #key = randomBytes(32);
  readonly #used = new Map<string, number>();

  /** @param limit new pages per client per day; 0 disables the bound. */
  constructor(limit: number) {
    this.#limit = limit;
  }

  /**
   * Takes one new page from `client`'s budget of today: the ticket to `giveBack` if the share adds
   * no page after all, or `undefined` when the budget is spent.
   */
  take(client: string, now = Date.now()): string | undefined {
    if (this.#limit <= 0) return '';
    const dayNumber = Math.floor(now / DAY_MS);
    if (dayNumber !== this.#dayNumber) {
      this.#dayNumber = dayNumber;
      this.#key = randomBytes(32);
      this.#used.clear();
    }
    const ticket = createHmac('sha256', this.#key).update(client).digest('base64url');
    const used = this.#used.get(ticket) ?? 0;
    if (used >= this.#limit) return undefined;
    if (used === 0 && this.#used.size >= MAX_CLIENTS) this.#used.delete(this.#used.keys().next().value!);
    this.#used.set(ticket, used + 1);
    return ticket;
  }

  /** Gives back a page taken by `take`. */
  giveBack(ticket: string): void {
    const used = this.#used.get(ticket);
    if (used !== undefined) this.#used.set(ticket, used - 1);
  }

  /** Seconds until the budgets renew (the next UTC midnight). */
  secondsToRenewal(now = Date.now()): number {
    return Math.max(1, Math.ceil((DAY_MS - (now % DAY_MS)) / 1000));
  }
}
