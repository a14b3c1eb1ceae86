import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { StoreUnavailableError } from './errors.js';
import { SALT_TTL_SECONDS, type CountStore, type Counts, type RecordResult, type Share } from './store.js';

/** Schema version in `PRAGMA user_version`; bump it and add a step to MIGRATIONS to change the schema. */
export const SQLITE_SCHEMA_VERSION = 1;

const MIGRATIONS: readonly string[] = [
  // 0 → 1
  `CREATE TABLE counts (
     url TEXT NOT NULL, network TEXT NOT NULL, count INTEGER NOT NULL,
     PRIMARY KEY (url, network)) WITHOUT ROWID;
   CREATE TABLE seen (
     url TEXT NOT NULL, network TEXT NOT NULL, visitor TEXT NOT NULL, expires INTEGER NOT NULL,
     PRIMARY KEY (url, network, visitor)) WITHOUT ROWID;
   CREATE INDEX seen_expires ON seen (expires);
   CREATE TABLE salts (day TEXT PRIMARY KEY, salt BLOB NOT NULL, expires INTEGER NOT NULL);`,
];

const RETRY_OPEN_MS = 500;
const SWEEP_EVERY = 1000;

interface Statements {
  db: Database.Database;
  counts: Database.Statement<[string], { network: string; count: number }>;
  seen: Database.Statement<[string, string, string, number], unknown>;
  mark: Database.Statement<[string, string, string, number]>;
  increment: Database.Statement<[string, string], { count: number }>;
  current: Database.Statement<[string, string], { count: number }>;
  record: (shares: readonly Share[], now: number) => RecordResult[];
  salt: (day: string, candidate: Buffer, now: number) => Buffer;
}

/**
 * The default store: one SQLite file in WAL mode with `synchronous=FULL`, so a POST is only
 * acknowledged after its transaction reached the disk. The connection is opened lazily and
 * reopened after I/O failures, so an unwritable file turns into 503 answers and heals by itself.
 */
export class SqliteStore implements CountStore {
  readonly path: string;
  /** Other processes may share the file: their shares show in this one's GETs within 1 s. */
  readonly answerTtlMs = 1000;
  #conn: Statements | undefined;
  #retryAt = 0;
  #lastError: unknown;
  #records = 0;
  #closed = false;
  #queue: { share: Share; resolve: (result: RecordResult) => void; reject: (error: unknown) => void }[] = [];

  /** @param path the database file; its parent folders are created on first open. */
  constructor(path: string) {
    this.path = resolve(path);
  }

  /** {@inheritDoc CountStore.get} */
  async get(url: string, networks?: readonly string[]): Promise<Counts> {
    return this.#use((c) => {
      const out: Counts = {};
      if (networks) for (const network of networks) out[network] = 0;
      for (const row of c.counts.all(url)) {
        if (!networks || Object.hasOwn(out, row.network)) out[row.network] = row.count;
      }
      return out;
    });
  }

  /**
   * {@inheritDoc CountStore.record}
   * Shares arriving in the same event-loop turn are written in one transaction (group commit): one
   * fsync for all of them instead of one each, and each is acknowledged only after it.
   */
  record(share: Share): Promise<RecordResult> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ share, resolve, reject });
      if (this.#queue.length === 1) setImmediate(() => this.#flush());
    });
  }

  #flush(): void {
    const batch = this.#queue;
    this.#queue = [];
    let results: RecordResult[];
    try {
      results = this.#use((c) => {
        const now = Date.now();
        const out = c.record(
          batch.map((item) => item.share),
          now,
        );
        this.#records += batch.length;
        if (this.#records >= SWEEP_EVERY) {
          this.#records = 0;
          c.db.prepare('DELETE FROM seen WHERE expires <= ?').run(now);
        }
        return out;
      });
    } catch (error) {
      // The transaction rolled back: none of the batch was recorded, and none is acknowledged.
      for (const item of batch) item.reject(error);
      return;
    }
    batch.forEach((item, i) => item.resolve(results[i]!));
  }

  /** {@inheritDoc CountStore.salt} */
  async salt(day: string): Promise<Buffer> {
    return this.#use((c) => c.salt(day, randomBytes(32), Date.now()));
  }

  /** {@inheritDoc CountStore.ping} */
  async ping(): Promise<void> {
    this.#use((c) => c.db.prepare('SELECT 1').get());
  }

  /** {@inheritDoc CountStore.close} */
  async close(): Promise<void> {
    this.#closed = true;
    this.#drop();
  }

  #use<T>(fn: (c: Statements) => T): T {
    if (this.#closed) throw new StoreUnavailableError('store closed');
    const conn = this.#connection();
    try {
      return fn(conn);
    } catch (error) {
      // A failed write may leave the connection in a bad state (read-only file, full disk, I/O
      // error): drop it so the next request opens a fresh one instead of failing forever.
      this.#drop();
      this.#lastError = error;
      throw new StoreUnavailableError(`sqlite: ${(error as Error).message}`, { cause: error });
    }
  }

  #connection(): Statements {
    if (this.#conn) return this.#conn;
    if (Date.now() < this.#retryAt) {
      throw new StoreUnavailableError(`sqlite: ${(this.#lastError as Error | undefined)?.message ?? 'unavailable'}`);
    }
    try {
      this.#conn = this.#open();
      return this.#conn;
    } catch (error) {
      this.#retryAt = Date.now() + RETRY_OPEN_MS;
      this.#lastError = error;
      throw new StoreUnavailableError(`sqlite: cannot open ${this.path}: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }

  #drop(): void {
    const conn = this.#conn;
    this.#conn = undefined;
    try {
      conn?.db.close();
    } catch {
      // Closing a broken connection may throw too; it is gone either way.
    }
  }

  #open(): Statements {
    mkdirSync(dirname(this.path), { recursive: true });
    const db = new Database(this.path, { timeout: 500 });
    try {
      db.pragma('journal_mode = WAL');
      // FULL syncs the WAL on every commit: an acknowledged share survives kill -9 and power loss.
      db.pragma('synchronous = FULL');
      migrate(db);
      return prepare(db);
    } catch (error) {
      db.close();
      throw error;
    }
  }
}

function migrate(db: Database.Database): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SQLITE_SCHEMA_VERSION) {
    throw new Error(`database schema ${version} is newer than this release understands (${SQLITE_SCHEMA_VERSION})`);
  }
  db.transaction(() => {
    for (let v = version; v < SQLITE_SCHEMA_VERSION; v++) db.exec(MIGRATIONS[v]!);
    db.pragma(`user_version = ${SQLITE_SCHEMA_VERSION}`);
  }).immediate();
}

function prepare(db: Database.Database): Statements {
  const counts = db.prepare<[string], { network: string; count: number }>(
    'SELECT network, count FROM counts WHERE url = ?',
  );
  const seen = db.prepare<[string, string, string, number], unknown>(
    'SELECT 1 FROM seen WHERE url = ? AND network = ? AND visitor = ? AND expires > ?',
  );
  const mark = db.prepare<[string, string, string, number]>(
    `INSERT INTO seen (url, network, visitor, expires) VALUES (?, ?, ?, ?)
     ON CONFLICT (url, network, visitor) DO UPDATE SET expires = excluded.expires`,
  );
  const increment = db.prepare<[string, string], { count: number }>(
    `INSERT INTO counts (url, network, count) VALUES (?, ?, 1)
     ON CONFLICT (url, network) DO UPDATE SET count = count + 1 RETURNING count`,
  );
  const current = db.prepare<[string, string], { count: number }>(
    'SELECT count FROM counts WHERE url = ? AND network = ?',
  );
  const getSalt = db.prepare<[string], { salt: Buffer }>('SELECT salt FROM salts WHERE day = ?');
  const putSalt = db.prepare<[string, Buffer, number]>(
    'INSERT INTO salts (day, salt, expires) VALUES (?, ?, ?) ON CONFLICT (day) DO NOTHING',
  );
  const dropSalts = db.prepare<[number]>('DELETE FROM salts WHERE expires <= ?');
  // IMMEDIATE takes the write lock up front, so processes sharing the file cannot interleave.
  const recordOne = (share: Share, now: number): RecordResult => {
    for (const visitor of share.visitorKeys) {
      if (seen.get(share.url, share.network, visitor, now) !== undefined) {
        return { counted: false, count: current.get(share.url, share.network)?.count ?? 0 };
      }
    }
    const [first] = share.visitorKeys;
    if (first !== undefined) mark.run(share.url, share.network, first, now + share.dedupeSeconds * 1000);
    return { counted: true, count: increment.get(share.url, share.network)!.count };
  };
  const record = db.transaction((shares: readonly Share[], now: number) => shares.map((s) => recordOne(s, now)));
  const salt = db.transaction((day: string, candidate: Buffer, now: number): Buffer => {
    const existing = getSalt.get(day);
    if (existing) return existing.salt;
    dropSalts.run(now);
    putSalt.run(day, candidate, now + SALT_TTL_SECONDS * 1000);
    return candidate;
  });
  return {
    db,
    counts,
    seen,
    mark,
    increment,
    current,
    record: (shares, now) => record.immediate(shares, now),
    salt: (day, candidate, now) => salt.immediate(day, candidate, now),
  };
}
