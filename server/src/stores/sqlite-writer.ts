// The writer thread of SqliteStore: records batches of shares in one transaction each, so the
// commit's fsync waits here instead of on the service's event loop.
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase, type SqliteConnection } from './sqlite-db.js';
import type { Share } from './count-store.js';

/** A batch from the store. */
export interface WriterRequest {
  /** The shares to record in one transaction. */
  shares: readonly Share[];
}

/** The answer to one batch: the results in order, or why none of them was recorded. */
export type WriterReply = { results: { counted: boolean; count: number }[] } | { error: string };

const SWEEP_EVERY = 1000;
const path = (workerData as { path: string }).path;
let connection: SqliteConnection | undefined;
let records = 0;

parentPort!.on('message', ({ shares }: WriterRequest) => {
  let reply: WriterReply;
  try {
    connection ??= openDatabase(path);
    const now = Date.now();
    // Committed (and synced) before the reply goes out: only then is any share acknowledged.
    reply = { results: connection.record(shares, now) };
    records += shares.length;
    if (records >= SWEEP_EVERY) {
      records = 0;
      connection.db.prepare('DELETE FROM seen WHERE expires <= ?').run(now);
    }
  } catch (error) {
    // A failed write may leave the connection in a bad state (read-only file, full disk, I/O
    // error): drop it so the next batch opens a fresh one instead of failing forever.
    try {
      connection?.db.close();
    } catch {
      // Closing a broken connection may throw too; it is gone either way.
    }
    connection = undefined;
    reply = { error: (error as Error).message };
  }
  parentPort!.postMessage(reply);
});
