// The dedupe marks of the SQLite store: appended to a table on disk, looked up in memory.
import type Database from 'better-sqlite3';

/** How often every mark is checked for expiry, not only the oldest ones. */
const FULL_SWEEP_MS = 60_000;

/** The address part of a mark in hex: its first 8 bytes. */
const addressPart = (key: string) => key.slice(0, 16);

/**
 * The dedupe marks of one SQLite file, as its writer sees them. The file keeps them in `marks`, a
 * table that is only appended to (and cut at its expired start), so a commit writes one or two of
 * its pages however many marks it adds; the table of schema 2, keyed by the random visitor keys,
 * wrote about one page per share, and that write was most of a commit (docs/count-service.md#stores).
 * They are looked up in memory instead: at the start of each transaction, under the file's write
 * lock, the marks appended since the last one (by this process or any other on the same file) are
 * read, so none is missed. Memory: about 160 B per mark of the last `dedupeSeconds`.
 */
export class SqliteMarks {
  readonly #since: Database.Statement<[number]>;
  readonly #insert: Database.Statement<[string, number]>;
  readonly #firstLive: Database.Statement<[number], { id: number }>;
  readonly #cut: Database.Statement<[number]>;
  /** When each mark in memory expires, by stored key (its bytes in hex), oldest first. */
  #expires = new Map<string, number>();
  /** How many marks in memory start with each address part (their first 8 bytes). */
  #underAddress = new Map<string, number>();
  /** The id of the last row read or written; 0 before the first transaction. */
  #lastId = 0;
  #fullSweepAt = 0;

  /** @param db a database of schema 3 or later. */
  constructor(db: Database.Database) {
    // In hex: better-sqlite3 makes a Buffer of a blob several times slower than a string.
    this.#since = db
      .prepare<[number]>('SELECT id, lower(hex(visitor)), expires FROM marks WHERE id > ? ORDER BY id LIMIT 10000')
      .raw();
    this.#insert = db.prepare<[string, number]>('INSERT INTO marks (visitor, expires) VALUES (unhex(?), ?)');
    this.#firstLive = db.prepare<[number], { id: number }>(
      'SELECT id FROM marks WHERE expires > ? ORDER BY id LIMIT 1',
    );
    this.#cut = db.prepare<[number]>('DELETE FROM marks WHERE id < ?');
  }

  /**
   * Reads the marks written since the last call, by any process, and forgets the expired ones.
   * Call it inside a write transaction, before looking anything up.
   */
  catchUp(now: number): void {
    for (let rows = this.#read(); rows.length > 0; rows = this.#read()) {
      for (const [id, visitor, expires] of rows) {
        this.#lastId = id;
        if (expires > now) this.#remember(visitor, expires);
      }
    }
    this.#forgetExpired(now);
  }

  #read(): [number, string, number][] {
    return this.#since.all(this.#lastId) as [number, string, number][];
  }

  /** Whether the mark `key` (its stored bytes in hex) is live. */
  has(key: string, now: number): boolean {
    return (this.#expires.get(key) ?? 0) > now;
  }

  /**
   * How many live marks share the address part (first 8 bytes) of `key`. A mark that expired out
   * of order (written with a shorter `dedupeSeconds` than the one before it) may be counted for up
   * to a minute longer.
   */
  underAddress(key: string): number {
    return this.#underAddress.get(addressPart(key)) ?? 0;
  }

  /** Writes the mark `key` (in hex), live until `expires`; inside the transaction that counts its share. */
  add(key: string, expires: number): void {
    this.#lastId = Number(this.#insert.run(key, expires).lastInsertRowid);
    this.#remember(key, expires);
  }

  /** Deletes the expired rows at the start of the table (rows are in the order they expire). */
  sweep(now: number): void {
    this.#cut.run(this.#firstLive.get(now)?.id ?? this.#lastId + 1);
  }

  /** Forgets everything: the next `catchUp` reads every mark again (after a rollback). */
  reset(): void {
    this.#expires.clear();
    this.#underAddress.clear();
    this.#lastId = 0;
  }

  #remember(key: string, expires: number): void {
    // A mark written again moves to the end, where the marks expiring last are.
    if (this.#expires.has(key)) this.#forget(key);
    this.#expires.set(key, expires);
    const address = addressPart(key);
    this.#underAddress.set(address, (this.#underAddress.get(address) ?? 0) + 1);
  }

  #forget(key: string): void {
    this.#expires.delete(key);
    const address = addressPart(key);
    const left = this.#underAddress.get(address)! - 1;
    if (left > 0) this.#underAddress.set(address, left);
    else this.#underAddress.delete(address);
  }

  /** Forgets the oldest marks while they are expired, and every expired one once a minute. */
  #forgetExpired(now: number): void {
    const full = now >= this.#fullSweepAt;
    if (full) this.#fullSweepAt = now + FULL_SWEEP_MS;
    for (const [key, expires] of this.#expires) {
      if (expires <= now) this.#forget(key);
      else if (!full) break;
    }
  }
}
