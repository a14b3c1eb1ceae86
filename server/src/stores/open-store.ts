import type { CountStore } from './count-store.js';

/** The SQLite file of `sqlite:` without a path. */
const DEFAULT_SQLITE_FILE = './share-bar.db';

/** The store used when none is named: one SQLite file in the working folder. */
export const DEFAULT_STORE = `sqlite:${DEFAULT_SQLITE_FILE}`;

/**
 * Parses a `--store` value and opens the store it names. Each store's module, and the driver it
 * needs, is loaded only when that store is chosen: the drivers are optional peer dependencies.
 */
export async function openStore(spec: string): Promise<CountStore> {
  if (spec === 'memory:' || spec === 'memory') {
    const { MemoryStore } = await import('./memory-store.js');
    return new MemoryStore();
  }
  if (spec.startsWith('sqlite:')) {
    const { SqliteStore } = await withDriver('sqlite:', 'better-sqlite3', () => import('./sqlite-store.js'));
    return new SqliteStore(spec.slice('sqlite:'.length) || DEFAULT_SQLITE_FILE);
  }
  if (spec.startsWith('redis://') || spec.startsWith('rediss://')) {
    const { RedisStore } = await withDriver('redis://', '@redis/client', () => import('./redis-store.js'));
    return new RedisStore(spec);
  }
  throw new Error(`unknown store "${spec}": use sqlite:<path>, redis://host:port/db or memory:`);
}

/** Loads a store's module, turning a missing driver package into a message that names it. */
async function withDriver<T>(store: string, driver: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    const { code, message } = error as { code?: unknown; message?: unknown };
    if (code === 'ERR_MODULE_NOT_FOUND' && typeof message === 'string' && message.includes(`'${driver}'`)) {
      throw new Error(
        `the ${store} store needs the ${driver} package, which is not installed: run "npm install ${driver}"`,
        { cause: error },
      );
    }
    throw error;
  }
}
