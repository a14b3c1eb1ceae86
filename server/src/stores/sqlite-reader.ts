// The statistics reader of SqliteStore: adds up history on a connection of its own, in a thread of
// its own, so a year of it never holds up the service's event loop or the writer's commits.
import { parentPort, workerData } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { assertShmWritable, openFile, prepareHistory, ShmUnwritableError, type SqliteHistory } from './sqlite-db.js';
import type { HistoryQuery } from './count-store.js';

/** A question from the store. */
export interface ReaderRequest {
  /** Matches the reply to its question. */
  id: number;
  /** The `SqliteHistory` method to call. */
  method: keyof SqliteHistory;
  /** Its argument. */
  query: HistoryQuery;
}

/** The answer to one question: the method's result, or why there is none. */
export type ReaderReply = { id: number; result: unknown } | { id: number; error: string };

const path = (workerData as { path: string }).path;
let db: Database.Database | undefined;
let history: SqliteHistory | undefined;

parentPort!.on('message', ({ id, method, query }: ReaderRequest) => {
  let reply: ReaderReply;
  try {
    assertShmWritable(path);
    db ??= openFile(path);
    history ??= prepareHistory(db);
    reply = { id, result: history[method](query) };
  } catch (error) {
    // Open afresh next time: the file may have been replaced or become readable again. A
    // connection that was not used (its -shm cannot be written) is kept: closing it would write.
    if (!(error instanceof ShmUnwritableError)) {
      try {
        db?.close();
      } catch {
        // Closing a broken connection may throw too; it is gone either way.
      }
      db = undefined;
      history = undefined;
    }
    reply = { id, error: (error as Error).message };
  }
  parentPort!.postMessage(reply);
});
