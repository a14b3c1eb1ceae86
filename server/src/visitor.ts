import * as crypto from 'node:crypto';
import { DAY_MS, utcDay } from './days.js';
import type { CountStore } from './stores/count-store.js';

export { utcDay };

/**
 * Turns (address, user agent) into visitor keys: HMAC-SHA256 under the day's random salt. The salt
 * lives in the store so every process agrees, and is deleted after two days, after which no key
 * can be linked back to an address, not even by whoever holds the database.
 */
export class VisitorKeys {
  readonly #store: CountStore;
  readonly #salts = new Map<string, Promise<Buffer>>();
  /** The day number (`now / DAY_MS`) the day strings below belong to. */
  #dayNumber = NaN;
  #today = '';
  #yesterday = '';

  /** @param store where the daily salts are kept. */
  constructor(store: CountStore) {
    this.#store = store;
  }

  /**
   * Keys of one visitor sharing `url` on `network`, under today's and yesterday's salt, today's
   * first. The page and network are part of the input so that stored keys cannot even be linked
   * across pages within a day.
   */
  async keys(address: string, userAgent: string, url: string, network: string, now = Date.now()): Promise<string[]> {
    const [today, yesterday] = await this.#saltsOf(now);
    const input = `${address}\n${userAgent}\n${url}\n${network}`;
    return [today, yesterday].map((salt) => crypto.createHmac('sha256', salt).update(input).digest('base64url'));
  }

  /**
   * Keys of an address sharing `url` on `network`, whatever its user agent, under today's and
   * yesterday's salt, today's first: what bounds how many visitors one address can count as
   * (docs/protocol.md#dedupe). Like the visitor keys, they cannot be linked to the address once
   * the salt is deleted, nor across pages.
   */
  async addressKeys(address: string, url: string, network: string, now = Date.now()): Promise<string[]> {
    const [today, yesterday] = await this.#saltsOf(now);
    const input = `address\n${address}\n${url}\n${network}`;
    return [keyedHash(today, input), keyedHash(yesterday, input)];
  }

  /** Today's and yesterday's salts (the day strings worked out once per day). */
  #saltsOf(now: number): Promise<[Buffer, Buffer]> {
    const dayNumber = Math.floor(now / DAY_MS);
    if (dayNumber !== this.#dayNumber) {
      this.#dayNumber = dayNumber;
      this.#today = utcDay(now);
      this.#yesterday = utcDay(now - DAY_MS);
    }
    return Promise.all([this.#salt(this.#today), this.#salt(this.#yesterday)]);
  }

  #salt(day: string): Promise<Buffer> {
    let salt = this.#salts.get(day);
    if (!salt) {
      salt = this.#store.salt(day);
      this.#salts.set(day, salt);
      // A failed fetch must not stick: forget it so the next request asks the store again.
      salt.catch(() => this.#salts.delete(day));
      if (this.#salts.size > 3) this.#salts.delete(this.#salts.keys().next().value!);
    }
    return salt;
  }
}

/** The salts in hex, as the keyed hash takes them. */
const saltsInHex = new WeakMap<Buffer, string>();

/** Node's one-call hash (20.12 and later), a fifth of the cost of an HMAC object. */
const hashOnce = (crypto as { hash?: (algorithm: string, data: string, encoding: 'base64url') => string }).hash;

/**
 * SHA-256 of the hex salt, a newline and `text`, in base64url: a keyed hash for keys that are
 * only compared, never verified. The same on every Node version, so processes on one store agree.
 */
function keyedHash(salt: Buffer, text: string): string {
  let hex = saltsInHex.get(salt);
  if (hex === undefined) saltsInHex.set(salt, (hex = salt.toString('hex')));
  const input = `${hex}\n${text}`;
  return hashOnce
    ? hashOnce('sha256', input, 'base64url')
    : crypto.createHash('sha256').update(input).digest('base64url');
}
