import { resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import {
  StoreUnavailableError,
  type CountStore,
  type Counts,
  type HistoryQuery,
  type HistoryRow,
  type HistoryTotals,
  type RecordResult,
  type Share,
} from './count-store.js';
import { assertShmWritable, openDatabase, type SqliteConnection } from './sqlite-db.js';
import type { ReaderReply, ReaderRequest } from './sqlite-reader.js';
import type { WriterReply, WriterRequest } from './sqlite-writer.js';

export { SQLITE_SCHEMA_VERSION } from './sqlite-db.js';

const RETRY_OPEN_MS = 500;

/** A share waiting for its batch to commit. */
interface PendingShare {
  share: Share;
  /** Acknowledges the share, once its batch is on disk. */
  resolve: (result: RecordResult) => void;
  /** Fails the share: its batch was not recorded, or may not have been. */
  reject: (error: unknown) => void;
}

/**
 * The default store: one SQLite file in WAL mode with `synchronous=FULL`, so a POST is only
 * acknowledged after its transaction reached the disk. The connection is opened lazily and
 * reopened after I/O failures, so an unwritable file turns into 503 answers and heals by itself.
 */
export class SqliteStore implements CountStore {
  /** The database file, as an absolute path. */
  readonly path: string;
  /** Other processes may share the file: their shares show in this one's GETs within 1 s. */
  readonly answerTtlMs = 1000;
  /** {@inheritDoc CountStore.files} */
  readonly files: readonly string[];
  #connection: SqliteConnection | undefined;
  #retryAt = 0;
  /** Whether the next connection opened checks the file's integrity first. */
  #checkIntegrity = true;
  #lastError: unknown;
  #closed = false;
  /** Shares not handed to the writer yet: they go in its next transaction. */
  #unsent: PendingShare[] = [];
  /** Shares of the transaction the writer is recording, oldest first (it answers in order). */
  #sent: PendingShare[] = [];
  #writer: Worker | undefined;
  #idle: (() => void) | undefined;
  /** The thread that reads the statistics, started by the first query. */
  #reader: Worker | undefined;
  readonly #questions = new Map<number, { resolve: (result: unknown) => void; reject: (error: unknown) => void }>();
  #lastQuestion = 0;

  /** @param path the database file; its parent folders are created on first open. */
  constructor(path: string) {
    this.path = resolve(path);
    this.files = ['', '-wal', '-shm', '-journal'].map((suffix) => `${this.path}${suffix}`);
  }

  /** {@inheritDoc CountStore.get} */
  async get(url: string, networks?: readonly string[]): Promise<Counts> {
    return this.#use((connection) => {
      const out: Counts = {};
      if (networks) for (const network of networks) out[network] = 0;
      for (const row of connection.counts.all(url)) {
        if (!networks || Object.hasOwn(out, row.network)) out[row.network] = row.count;
      }
      return out;
    });
  }

  /**
   * {@inheritDoc CountStore.record}
   * Shares are written by a writer thread (group commit), one transaction at a time: the shares that
   * come while it records one wait, and all of them are handed to it in one message as soon as it
   * answers, so one fsync serves them all, the next commit starts as soon as one ends, and the event
   * loop keeps serving requests meanwhile. Each share is acknowledged only after its transaction
   * reached the disk.
   */
  record(share: Share): Promise<RecordResult> {
    return new Promise((resolve, reject) => {
      this.#unsent.push({ share, resolve, reject });
      // An idle writer gets the shares of this turn of the event loop at its end.
      if (this.#unsent.length === 1 && this.#sent.length === 0) setImmediate(() => this.#send());
    });
  }

  #send(): void {
    const shares = this.#unsent;
    if (shares.length === 0 || this.#sent.length > 0) return;
    this.#unsent = [];
    let writer: Worker;
    try {
      if (this.#closed) throw new StoreUnavailableError('store closed');
      writer = this.#startWriter();
    } catch (error) {
      for (const item of shares) item.reject(error);
      return;
    }
    this.#sent.push(...shares);
    // Keep the process alive while shares are out, not while the writer idles.
    writer.ref();
    writer.postMessage({ shares: shares.map((item) => item.share) } satisfies WriterRequest);
  }

  #startWriter(): Worker {
    if (this.#writer) return this.#writer;
    const writer = new Worker(new URL('./sqlite-writer.js', import.meta.url), { workerData: { path: this.path } });
    writer.on('message', (reply: WriterReply) => this.#settle(reply));
    writer.on('error', (error) => this.#writerGone(writer, error));
    writer.on('exit', (code) => this.#writerGone(writer, new Error(`writer exited with code ${code}`)));
    this.#writer = writer;
    return writer;
  }

  #settle(reply: WriterReply): void {
    // The writer answers in the order it was sent the shares, one reply per transaction.
    const batch = this.#sent.splice(0, reply.shares);
    if ('error' in reply) {
      // The transaction rolled back: none of the batch was recorded, and none is acknowledged.
      // The reading connection is not the writer's: it keeps answering counts (a full disk).
      this.#lastError = new Error(reply.error);
      const error = new StoreUnavailableError(`sqlite: ${reply.error}`);
      for (const item of batch) item.reject(error);
    } else {
      // The file works again: no need to wait before reopening the reading connection.
      this.#retryAt = 0;
      batch.forEach((item, i) => item.resolve(reply.results[i]!));
    }
    this.#next();
  }

  #writerGone(writer: Worker, error: Error): void {
    if (this.#writer !== writer) return;
    this.#writer = undefined;
    const lost = this.#sent;
    this.#sent = [];
    // Whether they committed is unknown: answer 503, as for any failed write.
    const failure = new StoreUnavailableError(`sqlite: ${error.message}`, { cause: error });
    for (const item of lost) item.reject(failure);
    this.#next();
  }

  #next(): void {
    this.#send();
    if (this.#sent.length === 0) {
      this.#writer?.unref();
      this.#idle?.();
    }
  }

  /** {@inheritDoc CountStore.history} */
  history(query: HistoryQuery): Promise<HistoryTotals> {
    return this.#ask('history', query) as Promise<HistoryTotals>;
  }

  /** {@inheritDoc CountStore.historyRows} */
  historyRows(query: Omit<HistoryQuery, 'limit'>): Promise<HistoryRow[]> {
    return this.#ask('historyRows', { limit: 0, ...query }) as Promise<HistoryRow[]>;
  }

  /** Asks the reader thread, which adds up history off the event loop. */
  #ask(method: ReaderRequest['method'], query: HistoryQuery): Promise<unknown> {
    if (this.#closed) return Promise.reject(new StoreUnavailableError('store closed'));
    const reader = this.#startReader();
    const id = ++this.#lastQuestion;
    return new Promise((resolve, reject) => {
      this.#questions.set(id, { resolve, reject });
      reader.ref();
      reader.postMessage({ id, method, query } satisfies ReaderRequest);
    });
  }

  #startReader(): Worker {
    if (this.#reader) return this.#reader;
    const reader = new Worker(new URL('./sqlite-reader.js', import.meta.url), { workerData: { path: this.path } });
    reader.on('message', (reply: ReaderReply) => {
      const question = this.#questions.get(reply.id);
      this.#questions.delete(reply.id);
      if (this.#questions.size === 0) reader.unref();
      if ('error' in reply) question?.reject(new StoreUnavailableError(`sqlite: ${reply.error}`));
      else question?.resolve(reply.result);
    });
    const gone = (error: Error) => {
      if (this.#reader !== reader) return;
      this.#reader = undefined;
      const failure = new StoreUnavailableError(`sqlite: ${error.message}`, { cause: error });
      for (const question of this.#questions.values()) question.reject(failure);
      this.#questions.clear();
    };
    reader.on('error', gone);
    reader.on('exit', (code) => gone(new Error(`reader exited with code ${code}`)));
    this.#reader = reader;
    return reader;
  }

  /** {@inheritDoc CountStore.salt} */
  async salt(day: string): Promise<Buffer> {
    return this.#use((connection) => connection.salt(day, randomBytes(32), Date.now()));
  }

  /** {@inheritDoc CountStore.ping} Reads the counts table, so a file that cannot be read fails it. */
  async ping(): Promise<void> {
    this.#use((connection) => connection.db.prepare('SELECT 1 FROM counts LIMIT 1').get());
  }

  /** {@inheritDoc CountStore.close} */
  async close(): Promise<void> {
    this.#closed = true;
    // Let the batch being written finish, so what it acknowledges is on disk.
    if (this.#sent.length > 0) await new Promise<void>((resolve) => (this.#idle = resolve));
    this.#drop();
    const writer = this.#writer;
    const reader = this.#reader;
    this.#writer = undefined;
    this.#reader = undefined;
    for (const question of this.#questions.values()) question.reject(new StoreUnavailableError('store closed'));
    this.#questions.clear();
    await Promise.all([writer?.terminate(), reader?.terminate()]);
  }

  #use<T>(fn: (connection: SqliteConnection) => T): T {
    if (this.#closed) throw new StoreUnavailableError('store closed');
    try {
      assertShmWritable(this.path);
    } catch (error) {
      throw new StoreUnavailableError(`sqlite: ${(error as Error).message}`, { cause: error });
    }
    const connection = this.#open();
    try {
      return fn(connection);
    } catch (error) {
      // A failed write may leave the connection in a bad state (read-only file, full disk, I/O
      // error): drop it so the next request opens a fresh one instead of failing forever. A
      // corrupt file is checked again before it is used.
      this.#drop();
      this.#lastError = error;
      if (isCorruption(error)) this.#checkIntegrity = true;
      throw new StoreUnavailableError(`sqlite: ${(error as Error).message}`, { cause: error });
    }
  }

  #open(): SqliteConnection {
    if (this.#connection) return this.#connection;
    if (Date.now() < this.#retryAt) {
      throw new StoreUnavailableError(`sqlite: ${(this.#lastError as Error | undefined)?.message ?? 'unavailable'}`);
    }
    try {
      const connection = openDatabase(this.path);
      if (this.#checkIntegrity) {
        // Once per process and after a corruption error: a corrupt page elsewhere in the file
        // must not pass for a healthy store (about 0.1 s per 100 MB).
        const problems = connection.db.pragma('quick_check(3)', { simple: false }) as { quick_check: string }[];
        if (problems[0]?.quick_check !== 'ok') {
          connection.db.close();
          throw new Error(`the database is corrupt: ${problems.map((row) => row.quick_check).join('; ')}`);
        }
        this.#checkIntegrity = false;
      }
      this.#connection = connection;
      return connection;
    } catch (error) {
      this.#retryAt = Date.now() + RETRY_OPEN_MS;
      this.#lastError = error;
      throw new StoreUnavailableError(`sqlite: cannot open ${this.path}: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }

  #drop(): void {
    const connection = this.#connection;
    if (connection === undefined) return;
    // Closing writes to the -shm: a connection whose -shm cannot be written is kept, unused.
    try {
      assertShmWritable(this.path);
    } catch {
      return;
    }
    this.#connection = undefined;
    try {
      connection?.db.close();
    } catch {
      // Closing a broken connection may throw too; it is gone either way.
    }
  }
}

/** Whether `error` is SQLite's word that the file is damaged (`SQLITE_CORRUPT*`, `SQLITE_NOTADB`). */
function isCorruption(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB');
}
