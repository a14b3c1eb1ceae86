import { resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { StoreUnavailableError, type CountStore, type Counts, type RecordResult, type Share } from './count-store.js';
import { openDatabase, type SqliteConnection } from './sqlite-db.js';
import type { WriterReply } from './sqlite-writer.js';

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
  #lastError: unknown;
  #closed = false;
  /** Shares waiting for the next batch. */
  #queue: PendingShare[] = [];
  /** The batch the writer is committing. */
  #committing: PendingShare[] | undefined;
  #writer: Worker | undefined;
  #idle: (() => void) | undefined;

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
   * Shares are written by a writer thread, in one transaction per batch (group commit): the shares
   * that arrive while one batch commits form the next, so one fsync serves all of them, and the
   * event loop keeps serving requests meanwhile. Each share is acknowledged only after its
   * transaction reached the disk.
   */
  record(share: Share): Promise<RecordResult> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ share, resolve, reject });
      if (this.#queue.length === 1 && !this.#committing) setImmediate(() => this.#flush());
    });
  }

  #flush(): void {
    if (this.#committing || this.#queue.length === 0) return;
    const batch = this.#queue;
    this.#queue = [];
    let writer: Worker;
    try {
      if (this.#closed) throw new StoreUnavailableError('store closed');
      writer = this.#startWriter();
    } catch (error) {
      for (const item of batch) item.reject(error);
      return;
    }
    this.#committing = batch;
    // Keep the process alive while a batch is out, not while the writer idles.
    writer.ref();
    writer.postMessage({ shares: batch.map((item) => item.share) });
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
    const batch = this.#committing ?? [];
    this.#committing = undefined;
    if ('error' in reply) {
      // The transaction rolled back: none of the batch was recorded, and none is acknowledged.
      this.#drop();
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
    const batch = this.#committing ?? [];
    this.#committing = undefined;
    // Whether it committed is unknown: answer 503, as for any failed write.
    const failure = new StoreUnavailableError(`sqlite: ${error.message}`, { cause: error });
    for (const item of batch) item.reject(failure);
    this.#next();
  }

  #next(): void {
    this.#flush();
    if (!this.#committing) {
      this.#writer?.unref();
      this.#idle?.();
    }
  }

  /** {@inheritDoc CountStore.salt} */
  async salt(day: string): Promise<Buffer> {
    return this.#use((connection) => connection.salt(day, randomBytes(32), Date.now()));
  }

  /** {@inheritDoc CountStore.ping} */
  async ping(): Promise<void> {
    this.#use((connection) => connection.db.prepare('SELECT 1').get());
  }

  /** {@inheritDoc CountStore.close} */
  async close(): Promise<void> {
    this.#closed = true;
    // Let the batch being written finish, so what it acknowledges is on disk.
    if (this.#committing) await new Promise<void>((resolve) => (this.#idle = resolve));
    this.#drop();
    const writer = this.#writer;
    this.#writer = undefined;
    await writer?.terminate();
  }

  #use<T>(fn: (connection: SqliteConnection) => T): T {
    if (this.#closed) throw new StoreUnavailableError('store closed');
    const connection = this.#open();
    try {
      return fn(connection);
    } catch (error) {
      // A failed write may leave the connection in a bad state (read-only file, full disk, I/O
      // error): drop it so the next request opens a fresh one instead of failing forever.
      this.#drop();
      this.#lastError = error;
      throw new StoreUnavailableError(`sqlite: ${(error as Error).message}`, { cause: error });
    }
  }

  #open(): SqliteConnection {
    if (this.#connection) return this.#connection;
    if (Date.now() < this.#retryAt) {
      throw new StoreUnavailableError(`sqlite: ${(this.#lastError as Error | undefined)?.message ?? 'unavailable'}`);
    }
    try {
      this.#connection = openDatabase(this.path);
      return this.#connection;
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
    this.#connection = undefined;
    try {
      connection?.db.close();
    } catch {
      // Closing a broken connection may throw too; it is gone either way.
    }
  }
}
