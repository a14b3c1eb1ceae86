import assert from 'node:assert/strict';
import { cp } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { getCounts, spawnCli, tempDir } from './helpers.js';

const BUILD = fileURLToPath(new URL('..', import.meta.url));
const PACKAGE_JSON = fileURLToPath(new URL('../../package.json', import.meta.url));

// The store drivers are optional peer dependencies: an install without them must still run the
// stores that need none, and name the package to install for the one that is missing.
describe('a copy of the package where no store driver can be found', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let cli: string;
  before(async () => {
    ({ dir, cleanup } = await tempDir());
    // Outside the repository, so no node_modules folder up the tree holds better-sqlite3 or @redis/client.
    await cp(PACKAGE_JSON, join(dir, 'package.json'));
    await cp(BUILD, join(dir, 'dist'), { recursive: true, filter: (source) => !source.includes(`${sep}test`) });
    cli = join(dir, 'dist', 'cli.js');
  });
  after(() => cleanup());

  test('runs on memory:, loading neither driver', async () => {
    const running = await spawnCli(['--store', 'memory:'], {}, cli);
    try {
      const { status, body } = await getCounts(running.base, 'url=https%3A%2F%2Fexample.com%2F&networks=x');
      assert.deepEqual([status, body], [200, { x: 0 }]);
    } finally {
      running.child.kill('SIGTERM');
      await running.exited;
    }
  });

  // The lines as docs/count-service.md#stores shows them.
  const missing = [
    {
      store: 'sqlite:',
      line: 'share-bar-server: the sqlite: store needs the better-sqlite3 package, which is not installed: run "npm install better-sqlite3"',
    },
    {
      store: 'redis://127.0.0.1:1/0',
      line: 'share-bar-server: the redis:// store needs the @redis/client package, which is not installed: run "npm install @redis/client"',
    },
  ];
  for (const { store, line } of missing) {
    test(`${store} stops at start, naming the driver to install`, async () => {
      // A file in the temp folder, should the driver be found after all.
      const spec = store === 'sqlite:' ? `sqlite:${join(dir, 'counts.db')}` : store;
      await assert.rejects(spawnCli(['--store', spec], {}, cli), (error: Error) => {
        assert.match(error.message, /exited with 2 /);
        assert.ok(error.message.includes(line), error.message);
        return true;
      });
    });
  }
});
