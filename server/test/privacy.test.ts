import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { VisitorKeys } from 'share-bar-server';
import { SqliteStore } from 'share-bar-server/sqlite-store';
import { getCounts, postShare, startService, tempDir } from './helpers.js';

const url = 'https://example.com/private';

describe('privacy and dedupe window', () => {
  test('neither the address nor the user agent reaches the database file', async () => {
    const { dir, cleanup } = await tempDir();
    const db = join(dir, 'private.db');
    const { base, close } = await startService({ store: `sqlite:${db}`, trustProxy: true });
    try {
      const agent = 'Mozilla/5.0 (X11; Linux) UniqueAgent/42';
      for (const network of ['x', 'facebook']) {
        assert.equal((await postShare(base, { url, network }, { from: '203.0.113.77', userAgent: agent })).status, 200);
      }
      const bytes = Buffer.concat([await readFile(db), await readFile(`${db}-wal`).catch(() => Buffer.alloc(0))]);
      assert.ok(bytes.includes(url), 'the page url is stored');
      assert.equal(bytes.includes('203.0.113.77'), false);
      assert.equal(bytes.includes('UniqueAgent'), false);
    } finally {
      await close();
      await cleanup();
    }
  });

  test('a visitor counts again once the dedupe window is over', async () => {
    const { dir, cleanup } = await tempDir();
    const { base, close } = await startService({ store: `sqlite:${join(dir, 'w.db')}`, dedupeSeconds: 1 });
    try {
      const counted = async () =>
        ((await (await postShare(base, { url, network: 'x' })).json()) as { counted: boolean }).counted;
      assert.deepEqual([await counted(), await counted()], [true, false]);
      await sleep(1100);
      assert.equal(await counted(), true);
      assert.deepEqual((await getCounts(base, `url=${encodeURIComponent(url)}&networks=x`)).body, { x: 2 });
    } finally {
      await close();
      await cleanup();
    }
  });

  test('a visitor marked by the release before the bound per address is still counted once', async () => {
    const { dir, cleanup } = await tempDir();
    const db = join(dir, 'before.db');
    // The release before stored the visitor's key alone, with no address key.
    const store = new SqliteStore(db);
    const keys = await new VisitorKeys(store).keys('203.0.113.9', 'an agent', url, 'x');
    assert.equal((await store.record({ url, network: 'x', visitorKeys: keys, dedupeSeconds: 86400 })).counted, true);
    await store.close();
    const { base, close } = await startService({ store: `sqlite:${db}`, trustProxy: true });
    try {
      const counted = async (userAgent: string) =>
        (
          (await (await postShare(base, { url, network: 'x' }, { from: '203.0.113.9', userAgent })).json()) as {
            counted: boolean;
          }
        ).counted;
      assert.deepEqual([await counted('an agent'), await counted('another agent')], [false, true]);
    } finally {
      await close();
      await cleanup();
    }
  });

  test('the salt rotates at midnight UTC without reopening the 24 h window', async () => {
    const { dir, cleanup } = await tempDir();
    const store = new SqliteStore(join(dir, 'salt.db'));
    try {
      const visitors = new VisitorKeys(store);
      const before = Date.UTC(2026, 0, 1, 23, 59);
      const after = Date.UTC(2026, 0, 2, 0, 1);
      const [today] = await visitors.keys('198.51.100.1', 'ua', url, 'x', before);
      const [tomorrow, yesterday] = await visitors.keys('198.51.100.1', 'ua', url, 'x', after);
      assert.notEqual(tomorrow, today);
      assert.equal(yesterday, today);
      const share = { url, network: 'x', dedupeSeconds: 86400 };
      assert.equal((await store.record({ ...share, visitorKeys: [today!] })).counted, true);
      assert.equal((await store.record({ ...share, visitorKeys: [tomorrow!, yesterday!] })).counted, false);
      // Another page or network gives unrelated keys, so stored keys cannot be joined across pages.
      const [otherPage] = await visitors.keys('198.51.100.1', 'ua', `${url}/2`, 'x', before);
      assert.notEqual(otherPage, today);
      // A second connection (as another process would open) agrees on the salt.
      const other = new SqliteStore(join(dir, 'salt.db'));
      const [again] = await new VisitorKeys(other).keys('198.51.100.1', 'ua', url, 'x', before);
      await other.close();
      assert.equal(again, today);
    } finally {
      await store.close();
      await cleanup();
    }
  });
});
