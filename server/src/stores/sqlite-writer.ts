// The writer thread of SqliteStore: records the shares waiting for it in one transaction (group
// commit), so the commit's fsync waits here instead of on the service's event loop, and every share
// that arrived during one commit is recorded by the next.
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { assertShmWritable, openDatabase, ShmUnwritableError, type SqliteConnection } from './sqlite-db.js';
import type { RecordResult, Share } from './count-store.js';

/** Shares from the store, in the order they came. */
export interface WriterRequest {
  /** The shares to record. */
  shares: readonly Share[];
}

/**
 * The answer to one transaction: how many of the oldest shares not yet answered it recorded, and
 * their results in order, or why none of them was recorded.
 */
export type WriterReply = { shares: number } & ({ results: RecordResult[] } | { error: string });

const SWEEP_EVERY = 1000;
const path = (workerData as { path: string }).path;
let connection: SqliteConnection | undefined;
let records = 0;

parentPort!.on('message', (first: WriterRequest) => {
  // Everything the store sent since the last transaction goes into this one.
  const shares = [...first.shares];
  for (let more = receiveMessageOnPort(parentPort!); more; more = receiveMessageOnPort(parentPort!)) {
    shares.push(...(more.message as WriterRequest).shares);
  }
  let reply: WriterReply;
  try {
    assertShmWritable(path);
    connection ??= openDatabase(path);
    const now = Date.now();
    // Committed (and synced) before the reply goes out: only then is any share acknowledged.
    reply = { shares: shares.length, results: connection.record(shares, now) };
    records += shares.length;
    if (records >= SWEEP_EVERY) {
      records = 0;
      connection.sweep(now);
    }
  } catch (error) {
    // A failed write may leave the connection in a bad state (read-only file, full disk, I/O
    // error): drop it so the next batch opens a fresh one instead of failing forever. One that
    // was not used (its -shm cannot be written) is kept: closing it would write there too.
    if (!(error instanceof ShmUnwritableError)) {
      try {
        connection?.db.close();
      } catch {
        // Closing a broken connection may throw too; it is gone either way.
      }
      connection = undefined;
    }
    reply = { shares: shares.length, error: (error as Error).message };
  }
  parentPort!.postMessage(reply);
});
