import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { createCountService, VisitorKeys, type CountService } from 'share-bar-server';
import { SqliteStore } from 'share-bar-server/sqlite-store';
import { tempDir } from './helpers.js';

const PAGE = 'https://example.com/marks';

/** A share of PAGE on x by (address, user agent). */
const share = (service: CountService, from: string, userAgent: string) =>
  service.handle(
    new Request('http://service.test/counts', {
      method: 'POST',
      headers: { 'content-type': 'text/plain;charset=UTF-8', 'x-forwarded-for': from, 'user-agent': userAgent },
      body: JSON.stringify({ url: PAGE, network: 'x' }),
    }),
  );

/** Whether a share of PAGE on x by (address, user agent) counted. */
const counted = async (service: CountService, from: string, userAgent: string) => {
  const res = await share(service, from, userAgent);
  assert.equal(res.status, 200);
  return ((await res.json()) as { counted: boolean }).counted;
};

const service = (file: string) =>
  createCountService({ store: `sqlite:${file}`, trustProxy: true, rateLimit: 0, log: () => {} });

describe('dedupe marks of the SQLite store (kept in the writer’s memory, appended to the file)', () => {
  test('two services on one file: a reader counted by one is not counted by the other, and the bound per address spans both', async () => {
    const { dir, cleanup } = await tempDir();
    const file = join(dir, 'shared.db');
    const a = service(file);
    const b = service(file);
    try {
      assert.equal(await counted(a, '10.2.0.1', 'reader'), true);
      assert.equal(await counted(b, '10.2.0.1', 'reader'), false);
      assert.equal(await counted(a, '10.2.0.1', 'reader'), false);
      // Twenty agents behind one address, alternating between the services: 20 count, then none.
      const results: boolean[] = [];
      for (let i = 1; i <= 21; i++) results.push(await counted(i % 2 ? b : a, '10.2.0.1', `agent ${i}`));
      assert.deepEqual(results, [...Array<boolean>(19).fill(true), false, false]);
      assert.equal(await counted(b, '10.2.0.2', 'reader'), true);
    } finally {
      await a.close();
      await b.close();
      await cleanup();
    }
  });

  test('marks survive a restart, and a share that was not committed leaves no mark behind', async () => {
    const { dir, cleanup } = await tempDir();
    const file = join(dir, 'restart.db');
    const first = service(file);
    try {
      assert.equal(await counted(first, '10.3.0.1', 'reader'), true);
    } finally {
      await first.close();
    }
    const second = service(file);
    try {
      assert.equal(await counted(second, '10.3.0.1', 'reader'), false);
      assert.equal(await counted(second, '10.3.0.2', 'reader'), true);
      // A transaction that fails after its mark was written rolls the mark back with it: make the
      // file refuse the count's update, the last write of a share.
      const blocker = new Database(file);
      blocker.exec(`CREATE TRIGGER refuse BEFORE UPDATE ON counts BEGIN SELECT RAISE(ABORT, 'refused'); END`);
      assert.equal((await share(second, '10.3.0.3', 'reader')).status, 503);
      blocker.exec('DROP TRIGGER refuse');
      blocker.close();
      assert.equal(await counted(second, '10.3.0.3', 'reader'), true);
      assert.equal(await counted(second, '10.3.0.3', 'reader'), false);
    } finally {
      await second.close();
      await cleanup();
    }
  });

  test('expired marks are deleted from the file, and a reader counts again after the window', async () => {
    const { dir, cleanup } = await tempDir();
    const file = join(dir, 'sweep.db');
    const store = new SqliteStore(file);
    try {
      const visitors = new VisitorKeys(store);
      const record = async (i: number, dedupeSeconds: number) =>
        store.record({
          url: PAGE,
          network: 'x',
          visitorKeys: await visitors.keys(`10.4.${i >> 8}.${i & 255}`, 'reader', PAGE, 'x'),
          dedupeSeconds,
        });
      const first = await Promise.all([0, 1, 2].map((i) => record(i, 1)));
      assert.deepEqual(
        first.map((result) => result.counted),
        [true, true, true],
      );
      assert.equal((await record(0, 1)).counted, false);
      await sleep(1100);
      // The writer deletes expired rows every 1,000 shares it records.
      const more = await Promise.all(Array.from({ length: 1000 }, (_, i) => record(i + 3, 3600)));
      assert.ok(more.every((result) => result.counted));
      assert.equal((await record(0, 3600)).counted, true);
      const db = new Database(file, { readonly: true });
      try {
        const rows = db.prepare('SELECT count(*) AS n, min(expires) AS oldest FROM marks').get() as {
          n: number;
          oldest: number;
        };
        assert.equal(rows.n, 1001);
        assert.ok(rows.oldest > Date.now(), 'no expired mark is left');
      } finally {
        db.close();
      }
    } finally {
      await store.close();
      await cleanup();
    }
  });
});
