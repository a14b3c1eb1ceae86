import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { SALT_TTL_SECONDS, type RecordResult, type Share } from './count-store.js';

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

/** An open database file and its prepared statements. */
export interface SqliteConnection {
  /** The better-sqlite3 handle. */
  db: Database.Database;
  /** Every (network, count) of a url. */
  counts: Database.Statement<[string], { network: string; count: number }>;
  /** Records shares in one `IMMEDIATE` transaction, dedupe included; one result per share, in order. */
  record: (shares: readonly Share[], now: number) => RecordResult[];
  /** The salt of `day`, stored as `candidate` when the day has none yet (whoever asks first wins). */
  salt: (day: string, candidate: Buffer, now: number) => Buffer;
}

/**
 * Opens the database file in WAL mode with `synchronous=FULL`, migrates it and prepares the
 * statements. Used by the store's connection and by its writer thread.
 */
export function openDatabase(path: string): SqliteConnection {
  mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path, { timeout: 500 });
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

function prepare(db: Database.Database): SqliteConnection {
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
    record: (shares, now) => record.immediate(shares, now),
    salt: (day, candidate, now) => salt.immediate(day, candidate, now),
  };
}
