import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { SQLITE_SCHEMA_VERSION } from 'share-bar-server/sqlite-store';
import { getCounts, postShare, spawnCli, tempDir } from './helpers.js';

/** Written by the release before the statistics (schema 1): see test/fixtures/README.md. */
const FIXTURE = fileURLToPath(new URL('../../test/fixtures/share-bar-v1.db', import.meta.url));
/** Written by the release with the statistics (schema 2): see test/fixtures/README.md. */
const FIXTURE_V2 = fileURLToPath(new URL('../../test/fixtures/share-bar-v2.db', import.meta.url));

/** The counts the fixture was made with. */
const V1_COUNTS: [string, Record<string, number>][] = [
  ['https://example.com/', { x: 3, facebook: 2 }],
  ['https://example.com/post/a', { linkedin: 1, x: 1 }],
  ['https://example.org/%C3%BCber?q=1', { pinterest: 4 }],
  ['https://example.com/post/b', { whatsapp: 1 }],
];

describe('upgrading a database of the previous release (schema 1)', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  before(async () => ({ dir, cleanup } = await tempDir()));
  after(() => cleanup());

  /**
   * The fixture, copied: a WAL database gets -wal and -shm files beside it as soon as anything
   * opens it, even read-only, and the fixture's folder must stay as committed.
   */
  const copied = async (name: string, fixture = FIXTURE) => {
    const file = join(dir, name);
    await copyFile(fixture, file);
    return file;
  };

  test('the fixture is a schema 1 file with its counts', async () => {
    const db = new Database(await copied('look.db'), { readonly: true, fileMustExist: true });
    try {
      assert.equal(db.pragma('user_version', { simple: true }), 1);
      assert.equal((db.prepare('SELECT SUM(count) AS n FROM counts').get() as { n: number }).n, 12);
    } finally {
      db.close();
    }
  });

  test('keeps every count and every dedupe mark, and history starts at the upgrade', async () => {
    const file = await copied('upgraded.db');
    const v1 = new Database(await copied('v1.db'), { readonly: true, fileMustExist: true });
    const marks = v1.prepare('SELECT visitor, expires FROM seen ORDER BY visitor').all() as {
      visitor: string;
      expires: number;
    }[];
    v1.close();

    const cli = await spawnCli(['--store', `sqlite:${file}`, '--trust-proxy', '--rate-limit', '0']);
    try {
      for (const [url, counts] of V1_COUNTS) {
        const networks = Object.keys(counts).join(',');
        const { status, body } = await getCounts(cli.base, `url=${encodeURIComponent(url)}&networks=${networks}`);
        assert.equal(status, 200);
        assert.deepEqual(body, counts, url);
      }
      // A share after the upgrade adds to the old count and starts the page's history.
      const res = await postShare(
        cli.base,
        { url: 'https://example.com/', network: 'x', title: 'Home' },
        { from: '192.0.2.1' },
      );
      assert.deepEqual(await res.json(), { url: 'https://example.com/', network: 'x', counted: true, count: 4 });
    } finally {
      cli.child.kill('SIGTERM');
      assert.equal((await cli.exited).code, 0);
    }

    const db = new Database(file, { readonly: true });
    try {
      assert.equal(db.pragma('user_version', { simple: true }), SQLITE_SCHEMA_VERSION);
      assert.equal(SQLITE_SCHEMA_VERSION, 3);
      const counts = db.prepare('SELECT url, network, count FROM counts ORDER BY url, network').all();
      assert.equal(counts.length, 6);
      assert.equal((db.prepare('SELECT SUM(count) AS n FROM counts').get() as { n: number }).n, 13);
      // Each mark kept, under the shorter key schema 2 introduced.
      const kept = db.prepare('SELECT visitor, expires FROM marks').all() as { visitor: Buffer; expires: number }[];
      const byKey = new Map(kept.map((mark) => [mark.visitor.toString('hex'), mark.expires]));
      assert.equal(marks.length, 12);
      for (const mark of marks) {
        const key = Buffer.from(mark.visitor, 'base64url').subarray(0, 16).toString('hex');
        assert.equal(byKey.get(key), mark.expires);
      }
      // Only the share made after the upgrade is in the history.
      const history = db.prepare('SELECT network, shares FROM history').all();
      assert.deepEqual(history, [{ network: 'x', shares: 1 }]);
      assert.deepEqual(db.prepare('SELECT url, title FROM pages').all(), [
        { url: 'https://example.com/', title: 'Home' },
      ]);
      assert.deepEqual(db.prepare("SELECT name FROM sqlite_master WHERE name LIKE 'seen%'").all(), []);
    } finally {
      db.close();
    }
  });

  test('a schema 2 file keeps its counts, history, titles and dedupe marks, in write order', async () => {
    const file = await copied('v2.db', FIXTURE_V2);
    const read = (path: string, sql: string) => {
      const db = new Database(path, { readonly: true, fileMustExist: true });
      try {
        return db.prepare(sql).all();
      } finally {
        db.close();
      }
    };
    const v2 = await copied('v2-look.db', FIXTURE_V2);
    assert.deepEqual(read(v2, 'PRAGMA user_version'), [{ user_version: 2 }]);
    const [counts, history, pages] = ['counts ORDER BY url, network', 'history ORDER BY page, network', 'pages'].map(
      (table) => read(v2, `SELECT * FROM ${table}`),
    );
    const marks = read(v2, 'SELECT visitor, expires FROM seen ORDER BY expires, visitor') as {
      visitor: Buffer;
      expires: number;
    }[];
    assert.equal(marks.length, 8);

    // The service upgrades the file when it opens it, and answers its counts.
    const cli = await spawnCli(['--store', `sqlite:${file}`]);
    try {
      const { status, body } = await getCounts(cli.base, `url=${encodeURIComponent('https://example.com/post/a')}`);
      assert.deepEqual([status, body], [200, { linkedin: 1, x: 3 }]);
    } finally {
      cli.child.kill('SIGTERM');
      assert.equal((await cli.exited).code, 0);
    }
    assert.deepEqual(read(file, 'PRAGMA user_version'), [{ user_version: 3 }]);
    assert.deepEqual(read(file, 'SELECT * FROM counts ORDER BY url, network'), counts);
    assert.deepEqual(read(file, 'SELECT * FROM history ORDER BY page, network'), history);
    assert.deepEqual(read(file, 'SELECT * FROM pages'), pages);
    assert.deepEqual(read(file, 'SELECT visitor, expires FROM marks ORDER BY id'), marks);
    assert.deepEqual(read(file, "SELECT name FROM sqlite_master WHERE name LIKE 'seen%'"), []);
  });

  test('a file of a newer schema is refused and left as it is', async () => {
    const file = await copied('newer.db');
    const db = new Database(file);
    db.pragma('user_version = 99');
    db.close();
    // The service does not start on it, and says why.
    await assert.rejects(
      spawnCli(['--store', `sqlite:${file}`]),
      /exited with 1 before listening.*database schema 99 is newer than this release understands/s,
    );
    const again = new Database(file, { readonly: true });
    assert.equal(again.pragma('user_version', { simple: true }), 99);
    again.close();
    // Only copies were opened: the committed fixture has nothing beside it.
    assert.deepEqual([existsSync(`${FIXTURE}-wal`), existsSync(`${FIXTURE}-shm`)], [false, false]);
  });
});
