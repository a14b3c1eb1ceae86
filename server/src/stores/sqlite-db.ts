import { accessSync, chmodSync, constants, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { DAY_MS, dayNumber, dayString } from '../days.js';
import { SqliteMarks } from './sqlite-marks.js';
import {
  SALT_TTL_SECONDS,
  type DayShares,
  type HistoryQuery,
  type HistoryRow,
  type HistoryTotals,
  type PageShares,
  type RecordResult,
  type Share,
} from './count-store.js';

/** Schema version in `PRAGMA user_version`; bump it and add a step to MIGRATIONS to change the schema. */
export const SQLITE_SCHEMA_VERSION = 3;

/** One step of the schema: SQL, or a function for what SQL alone cannot do. */
type Migration = string | ((db: Database.Database) => void);

const MIGRATIONS: readonly Migration[] = [
  // 0 → 1
  `CREATE TABLE counts (
     url TEXT NOT NULL, network TEXT NOT NULL, count INTEGER NOT NULL,
     PRIMARY KEY (url, network)) WITHOUT ROWID;
   CREATE TABLE seen (
     url TEXT NOT NULL, network TEXT NOT NULL, visitor TEXT NOT NULL, expires INTEGER NOT NULL,
     PRIMARY KEY (url, network, visitor)) WITHOUT ROWID;
   CREATE INDEX seen_expires ON seen (expires);
   CREATE TABLE salts (day TEXT PRIMARY KEY, salt BLOB NOT NULL, expires INTEGER NOT NULL);`,
  // 1 → 2: the daily history of the statistics, and a dedupe table a third of the size. A visitor
  // key is an HMAC of the url and network too, so it is unique on its own; its first 16 bytes
  // make a key as good, and every share writes fewer bytes before its commit's fsync.
  (db) => {
    db.exec(`
      CREATE TABLE pages (id INTEGER PRIMARY KEY, url TEXT NOT NULL UNIQUE, title TEXT);
      CREATE TABLE history (
        day INTEGER NOT NULL, page INTEGER NOT NULL, network TEXT NOT NULL, shares INTEGER NOT NULL,
        PRIMARY KEY (day, page, network)) WITHOUT ROWID;
      CREATE INDEX history_page ON history (page, day);
      CREATE TABLE daily (
        day INTEGER NOT NULL, network TEXT NOT NULL, shares INTEGER NOT NULL,
        PRIMARY KEY (day, network)) WITHOUT ROWID;
      ALTER TABLE seen RENAME TO seen_v1;
      DROP INDEX seen_expires;
      CREATE TABLE seen (visitor BLOB PRIMARY KEY, expires INTEGER NOT NULL) WITHOUT ROWID;
      CREATE INDEX seen_expires ON seen (expires);`);
    const keep = db.prepare<[string, number]>('INSERT OR REPLACE INTO seen (visitor, expires) VALUES (unhex(?), ?)');
    const marks = db.prepare<[], { visitor: string; expires: number }>('SELECT visitor, expires FROM seen_v1');
    for (const mark of marks.all()) keep.run(visitorId(mark.visitor), mark.expires);
    db.exec('DROP TABLE seen_v1');
  },
  // 2 → 3: the dedupe marks in the order they were written, looked up in the writer's memory (see
  // SqliteMarks). AUTOINCREMENT: an id is never used twice, even once every row is swept away, so
  // another process reading "the marks after id n" never misses one.
  `CREATE TABLE marks (id INTEGER PRIMARY KEY AUTOINCREMENT, visitor BLOB NOT NULL, expires INTEGER NOT NULL);
   INSERT INTO marks (visitor, expires) SELECT visitor, expires FROM seen ORDER BY expires;
   DROP TABLE seen;`,
];

/**
 * The stored form of a visitor key (base64url of an HMAC-SHA256): its first 16 bytes, in hex, as
 * the marks are looked up (and stored through `unhex`).
 */
function visitorId(key: string): string {
  return Buffer.from(key, 'base64url').toString('hex', 0, 16);
}

/**
 * The stored form of a visitor key when the address's key is known: 8 bytes of the address key,
 * then 8 of the visitor key, in hex. The marks of one address for (url, network) on one day then
 * share their first 8 bytes, so they can be counted without writing anything else for them.
 */
function addressedId(addressKey: string, visitorKey: string): string {
  return (
    Buffer.from(addressKey, 'base64url').toString('hex', 0, 8) +
    Buffer.from(visitorKey, 'base64url').toString('hex', 0, 8)
  );
}

/** An open database file and its prepared statements. */
export interface SqliteConnection {
  /** The better-sqlite3 handle. */
  db: Database.Database;
  /** Every (network, count) of a url. */
  counts: Database.Statement<[string], { network: string; count: number }>;
  /**
   * Records shares in one `IMMEDIATE` transaction, dedupe and history included; one result per
   * share, in order.
   */
  record: (shares: readonly Share[], now: number) => RecordResult[];
  /** Deletes the dedupe marks expired at `now` from the file. */
  sweep: (now: number) => void;
  /** The salt of `day`, stored as `candidate` when the day has none yet (whoever asks first wins). */
  salt: (day: string, candidate: Buffer, now: number) => Buffer;
}

/** The statistics read from a database (docs/statistics.md). */
export interface SqliteHistory {
  /** {@inheritDoc CountStore.history} */
  history(query: HistoryQuery): HistoryTotals;
  /** {@inheritDoc CountStore.historyRows} */
  historyRows(query: Omit<HistoryQuery, 'limit'>): HistoryRow[];
}

/** Why a connection to a database is not used now (see `assertShmWritable`); it is kept, not closed. */
export class ShmUnwritableError extends Error {
  /** @param path the `-shm` file. */
  constructor(path: string, options?: { cause?: unknown }) {
    super(`${path} cannot be written`, options);
    this.name = 'ShmUnwritableError';
  }
}

/**
 * Throws `ShmUnwritableError` while the database's shared-memory index (`-shm`) is immutable (or
 * on a file system remounted read-only): SQLite writes it through a memory mapping even to read,
 * and a write through a mapping of such a file is a SIGBUS that kills the process, which no error
 * handling can catch. So every use of a connection asks first; closing one would write it too.
 * Mere permissions (`EACCES`) are no danger: mappings made before a `chmod` stay writable, and
 * SQLite maps a `-shm` it cannot open for writing read-only.
 */
export function assertShmWritable(path: string): void {
  try {
    accessSync(`${path}-shm`, constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EPERM' || code === 'EROFS') throw new ShmUnwritableError(`${path}-shm`, { cause: error });
  }
}

/**
 * Gives a `-wal` or `-shm` the database's own mode when the database can be written and they
 * cannot: SQLite creates them with the database's mode, so a start on a read-only database leaves
 * read-only ones behind, which would keep every later write failing.
 */
function repairJournalModes(path: string): void {
  let mode: number;
  try {
    accessSync(path, constants.W_OK);
    mode = statSync(path).mode & 0o777;
  } catch {
    return;
  }
  for (const journal of [`${path}-wal`, `${path}-shm`]) {
    try {
      accessSync(journal, constants.W_OK);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EACCES') {
        try {
          chmodSync(journal, mode);
        } catch {
          // Not ours to change: opening reports the file.
        }
      }
    }
  }
}

/**
 * Opens the database file in WAL mode with `synchronous=FULL` and migrates it. Used by the
 * store's connection, its writer thread and its statistics reader.
 */
export function openFile(path: string): Database.Database {
  mkdirSync(dirname(path), { recursive: true });
  repairJournalModes(path);
  assertShmWritable(path);
  const db = new Database(path, { timeout: 500 });
  try {
    db.pragma('journal_mode = WAL');
    // FULL syncs the WAL on every commit: an acknowledged share survives kill -9 and power loss.
    db.pragma('synchronous = FULL');
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Opens the database file (see `openFile`) and prepares the statements of the counts. */
export function openDatabase(path: string): SqliteConnection {
  const db = openFile(path);
  try {
    return prepare(db);
  } catch (error) {
    db.close();
    throw error;
  }
}

function migrate(db: Database.Database): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version === SQLITE_SCHEMA_VERSION) return;
  if (version > SQLITE_SCHEMA_VERSION) {
    throw new Error(`database schema ${version} is newer than this release understands (${SQLITE_SCHEMA_VERSION})`);
  }
  // One transaction: a migration that fails half-way leaves the file as it was.
  db.transaction(() => {
    // Another process may have migrated the file while this one waited for the lock.
    const current = db.pragma('user_version', { simple: true }) as number;
    for (let v = current; v < SQLITE_SCHEMA_VERSION; v++) {
      const step = MIGRATIONS[v]!;
      if (typeof step === 'string') db.exec(step);
      else step(db);
    }
    db.pragma(`user_version = ${SQLITE_SCHEMA_VERSION}`);
  }).immediate();
}

/** Page ids kept by url in a writer; past this many, all are dropped rather than tracked in an LRU. */
const MAX_KEPT_PAGE_IDS = 10_000;

function prepare(db: Database.Database): SqliteConnection {
  const counts = db.prepare<[string], { network: string; count: number }>(
    'SELECT network, count FROM counts WHERE url = ?',
  );
  const increment = db.prepare<[string, string], { count: number }>(
    `INSERT INTO counts (url, network, count) VALUES (?, ?, 1)
     ON CONFLICT (url, network) DO UPDATE SET count = count + 1 RETURNING count`,
  );
  const current = db.prepare<[string, string], { count: number }>(
    'SELECT count FROM counts WHERE url = ? AND network = ?',
  );
  const findPage = db.prepare<[string], { id: number }>('SELECT id FROM pages WHERE url = ?');
  const addPage = db.prepare<[string, string | null], { id: number }>(
    'INSERT INTO pages (url, title) VALUES (?, ?) RETURNING id',
  );
  const retitle = db.prepare<[string, number, string]>('UPDATE pages SET title = ? WHERE id = ? AND title IS NOT ?');
  const addHistory = db.prepare<[number, number, string]>(
    `INSERT INTO history (day, page, network, shares) VALUES (?, ?, ?, 1)
     ON CONFLICT (day, page, network) DO UPDATE SET shares = shares + 1`,
  );
  const addDaily = db.prepare<[number, string]>(
    `INSERT INTO daily (day, network, shares) VALUES (?, ?, 1)
     ON CONFLICT (day, network) DO UPDATE SET shares = shares + 1`,
  );
  const getSalt = db.prepare<[string], { salt: Buffer }>('SELECT salt FROM salts WHERE day = ?');
  const putSalt = db.prepare<[string, Buffer, number]>(
    'INSERT INTO salts (day, salt, expires) VALUES (?, ?, ?) ON CONFLICT (day) DO NOTHING',
  );
  const dropSalts = db.prepare<[number]>('DELETE FROM salts WHERE expires <= ?');
  const pageIds = new Map<string, number>();
  /** The id of the page of `url`, added (with `title`) when new; a title given replaces the page's. */
  // Marks that were in the file when this connection opened may be of the release before the
  // bound per address (or of a process of it still running), stored without the address: they are
  // looked for too until they have expired, a day later at most.
  const opened = Date.now();
  const plainMarksUntil = db.prepare('SELECT 1 FROM marks WHERE expires > ? LIMIT 1').get(opened) ? opened + DAY_MS : 0;
  const marks = new SqliteMarks(db);
  /** Pages added by this connection: a share that adds one is a new page (`RecordResult.newPage`). */
  let pagesAdded = 0;
  const pageOf = (url: string, title: string | undefined): number => {
    const id = pageIds.get(url) ?? findPage.get(url)?.id;
    if (id === undefined) {
      pagesAdded++;
      return remember(url, addPage.get(url, title ?? null)!.id);
    }
    if (title !== undefined) retitle.run(title, id, title);
    return pageIds.has(url) ? id : remember(url, id);
  };
  const remember = (url: string, id: number): number => {
    if (pageIds.size >= MAX_KEPT_PAGE_IDS) pageIds.clear();
    pageIds.set(url, id);
    return id;
  };
  const uncounted = (share: Share): RecordResult => {
    if (share.title !== undefined) pageOf(share.url, share.title);
    return { counted: false, count: current.get(share.url, share.network)?.count ?? 0 };
  };
  const recordOne = (share: Share, now: number): RecordResult => {
    const addressKeys = share.addressKeys ?? [];
    const addressed = share.visitorKeys.flatMap((key, i) =>
      addressKeys[i] === undefined ? [] : [addressedId(addressKeys[i], key)],
    );
    const plain = addressed.length === 0 || now < plainMarksUntil ? share.visitorKeys.map(visitorId) : [];
    const visitors = [...addressed, ...plain];
    if (visitors.some((visitor) => marks.has(visitor, now))) return uncounted(share);
    if (share.perAddress !== undefined && addressed[0] !== undefined) {
      if (marks.underAddress(addressed[0]) >= share.perAddress) return uncounted(share);
    }
    const [first] = visitors;
    if (first !== undefined) marks.add(first, now + share.dedupeSeconds * 1000);
    // Today's number straight from the clock: formatting and parsing a date cost about 3 µs a share.
    const day = (share.day === undefined ? undefined : dayNumber(share.day)) ?? Math.floor(now / DAY_MS);
    const added = pagesAdded;
    addHistory.run(day, pageOf(share.url, share.title), share.network);
    addDaily.run(day, share.network);
    return { counted: true, count: increment.get(share.url, share.network)!.count, newPage: pagesAdded > added };
  };
  const record = db.transaction((shares: readonly Share[], now: number) => {
    marks.catchUp(now);
    return shares.map((share) => recordOne(share, now));
  });
  const salt = db.transaction((day: string, candidate: Buffer, now: number): Buffer => {
    const existing = getSalt.get(day);
    if (existing) return existing.salt;
    dropSalts.run(now);
    putSalt.run(day, candidate, now + SALT_TTL_SECONDS * 1000);
    return candidate;
  });
  // Page ids cached and marks added by a transaction that rolled back may not exist: forget them all.
  const recordOrForget = (shares: readonly Share[], now: number) => {
    try {
      return record.immediate(shares, now);
    } catch (error) {
      pageIds.clear();
      marks.reset();
      throw error;
    }
  };
  return {
    db,
    counts,
    record: recordOrForget,
    sweep: (now) => marks.sweep(now),
    salt: (day, candidate, now) => salt.immediate(day, candidate, now),
  };
}

/** One (day, network, shares) row. */
interface DayRow {
  day: number;
  network: string;
  shares: number;
}

/** Prepares the statistics' queries on an open database (see `openFile`). */
export function prepareHistory(db: Database.Database): SqliteHistory {
  const daily = db.prepare<[number, number], DayRow>(
    'SELECT day, network, shares FROM daily WHERE day BETWEEN ? AND ? ORDER BY day',
  );
  const page = db.prepare<[string], { id: number; title: string | null }>('SELECT id, title FROM pages WHERE url = ?');
  const pageDays = db.prepare<[number, number, number], DayRow>(
    'SELECT day, network, shares FROM history WHERE page = ? AND day BETWEEN ? AND ? ORDER BY day',
  );
  // Totals per page first, the url joined only to each page's total, not to every row.
  const top = db.prepare<[number, number, number], { id: number; url: string; title: string | null; total: number }>(
    `SELECT t.page AS id, p.url, p.title, t.total
     FROM (SELECT page, SUM(shares) AS total FROM history WHERE day BETWEEN ? AND ? GROUP BY page) t
     JOIN pages p ON p.id = t.page
     ORDER BY t.total DESC, p.url
     LIMIT ?`,
  );
  const pageNetworks = db.prepare<[string, number, number], { page: number; network: string; shares: number }>(
    `SELECT page, network, SUM(shares) AS shares FROM history
     WHERE page IN (SELECT value FROM json_each(?)) AND day BETWEEN ? AND ?
     GROUP BY page, network`,
  );
  type Row = { day: number; url: string; title: string | null; network: string; shares: number };
  const rows = db.prepare<[number, number], Row>(
    `SELECT h.day, p.url, p.title, h.network, h.shares FROM history h JOIN pages p ON p.id = h.page
     WHERE h.day BETWEEN ? AND ? ORDER BY h.day, p.url, h.network`,
  );
  const pageRows = db.prepare<[string, number, number], Row>(
    `SELECT h.day, p.url, p.title, h.network, h.shares FROM history h JOIN pages p ON p.id = h.page
     WHERE p.url = ? AND h.day BETWEEN ? AND ? ORDER BY h.day, h.network`,
  );
  const range = (query: Omit<HistoryQuery, 'limit'>): [number, number] => [
    dayNumber(query.from) ?? NaN,
    dayNumber(query.to) ?? NaN,
  ];
  return {
    history(query) {
      const [from, to] = range(query);
      if (query.url === undefined) {
        // Adding up every page is the cost of a query: skipped when no page is asked for.
        const pages = query.limit > 0 ? top.all(from, to, query.limit) : [];
        const byId = new Map<number, PageShares>();
        for (const { id, url, title, total } of pages) byId.set(id, { url, title, total, networks: {} });
        if (byId.size > 0) {
          for (const row of pageNetworks.all(JSON.stringify([...byId.keys()]), from, to)) {
            byId.get(row.page)!.networks[row.network] = row.shares;
          }
        }
        return { days: byDay(daily.all(from, to)), pages: [...byId.values()] };
      }
      const found = page.get(query.url);
      if (!found) return { days: [], pages: [] };
      const days = byDay(pageDays.all(found.id, from, to));
      const networks: Record<string, number> = {};
      let total = 0;
      for (const { networks: counts } of days) {
        for (const [network, shares] of Object.entries(counts)) {
          networks[network] = (networks[network] ?? 0) + shares;
          total += shares;
        }
      }
      const pages = total > 0 && query.limit > 0 ? [{ url: query.url, title: found.title, total, networks }] : [];
      return { days, pages };
    },
    historyRows(query) {
      const [from, to] = range(query);
      const found = query.url === undefined ? rows.all(from, to) : pageRows.all(query.url, from, to);
      return found.map((row) => ({ ...row, day: dayString(row.day) }));
    },
  };
}

/** Day rows (ordered by day) as one entry per day. */
function byDay(rows: readonly DayRow[]): DayShares[] {
  const days: DayShares[] = [];
  let last: DayShares | undefined;
  let lastDay = NaN;
  for (const { day, network, shares } of rows) {
    if (day !== lastDay) days.push((last = { day: dayString(day), networks: {} }));
    lastDay = day;
    last!.networks[network] = shares;
  }
  return days;
}
