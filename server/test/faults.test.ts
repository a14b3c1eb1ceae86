import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { getCounts, postShare, startService, tempDir } from './helpers.js';

const url = 'https://example.com/faults';
const query = `url=${encodeURIComponent(url)}&networks=x`;

async function within<T>(ms: number, fn: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const value = await fn();
  const took = performance.now() - start;
  assert.ok(took < ms, `took ${took} ms`);
  return value;
}

async function eventually(fn: () => Promise<boolean>, ms: number): Promise<void> {
  const start = Date.now();
  while (!(await fn())) {
    if (Date.now() - start > ms) throw new Error(`not within ${ms} ms`);
    await sleep(100);
  }
}

describe('SQLite store faults', () => {
  test('file made unwritable: POST answers 503 fast, GET never a wrong number; writable again: heals', async () => {
    const { dir, cleanup } = await tempDir();
    const db = join(dir, 'faults.db');
    const files = [db, `${db}-wal`];
    const { base, close } = await startService({ store: `sqlite:${db}`, trustProxy: true, rateLimit: 0 });
    try {
      assert.equal((await postShare(base, { url, network: 'x' }, { from: '10.0.0.1' })).status, 200);
      // The immutable flag makes writes through already open descriptors fail too (EPERM).
      execFileSync('chattr', ['+i', ...files]);
      const refused = await within(1000, () => postShare(base, { url, network: 'x' }, { from: '10.0.0.2' }));
      assert.deepEqual([refused.status, await refused.json()], [503, { error: 'store unavailable' }]);
      const read = await within(1000, () => getCounts(base, query));
      if (read.status === 200) assert.deepEqual(read.body, { x: 1 });
      else assert.deepEqual([read.status, read.body], [503, { error: 'store unavailable' }]);
      execFileSync('chattr', ['-i', ...files]);
      await eventually(
        async () => (await postShare(base, { url, network: 'x' }, { from: '10.0.0.3' })).status === 200,
        5000,
      );
      // The refused share was rolled back, not half-written.
      assert.deepEqual((await getCounts(base, query)).body, { x: 2 });
    } finally {
      execFileSync('chattr', ['-i', ...files]);
      await close();
      await cleanup();
    }
  });

  test('database path unusable at start: 503 on every store route, then heals without a restart', async () => {
    const { dir, cleanup } = await tempDir();
    const blocker = join(dir, 'blocked');
    await writeFile(blocker, 'a file where the folder should be');
    const { base, close } = await startService({ store: `sqlite:${join(blocker, 'counts.db')}`, trustProxy: true });
    try {
      for (const call of [
        () => fetch(`${base}/counts?${query}`),
        () => postShare(base, { url, network: 'x' }, { from: '10.0.0.1' }),
        () => fetch(`${base}/healthz`),
      ]) {
        const res = await within(1000, call);
        assert.deepEqual([res.status, await res.json()], [503, { error: 'store unavailable' }]);
      }
      await rm(blocker);
      await eventually(async () => (await fetch(`${base}/healthz`)).status === 200, 5000);
      const res = await postShare(base, { url, network: 'x' }, { from: '10.0.0.1' });
      assert.equal(((await res.json()) as { count: number }).count, 1);
    } finally {
      await close();
      await cleanup();
    }
  });
});
