import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdir, mkdtemp, open, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { CLI, getCounts, postShare, spawnCli, startService, tempDir, type Cli } from './helpers.js';

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

/** Fills the file system of `file` until it has no byte left. */
async function fillDisk(file: string): Promise<void> {
  const handle = await open(file, 'w');
  try {
    const block = Buffer.alloc(64 * 1024, 1);
    for (;;) await handle.write(block);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    await handle.close().catch(() => {});
  }
}

describe('SQLite store faults', () => {
  test('a full disk stops shares (503), not reads: GET and /healthz answer, also after a restart on it', async () => {
    const { dir, cleanup } = await tempDir();
    const disk = join(dir, 'disk');
    await mkdir(disk);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', disk]);
    const db = join(disk, 'full.db');
    const filler = join(disk, 'filler.bin');
    let close = async () => {};
    try {
      let running = await startService({ store: `sqlite:${db}`, trustProxy: true, rateLimit: 0 });
      close = running.close;
      assert.equal((await postShare(running.base, { url, network: 'x' }, { from: '10.0.0.1' })).status, 200);
      await fillDisk(filler);
      const refused = await postShare(running.base, { url, network: 'x' }, { from: '10.0.0.2' });
      assert.deepEqual([refused.status, await refused.json()], [503, { error: 'store unavailable' }]);
      const check = async (base: string) => {
        for (let i = 0; i < 3; i++) {
          const read = await getCounts(base, query);
          assert.deepEqual([read.status, read.body], [200, { x: 1 }]);
          assert.equal((await fetch(`${base}/healthz`)).status, 200);
        }
      };
      await check(running.base);
      // A restart on the full disk still serves the counts it has.
      await close();
      running = await startService({ store: `sqlite:${db}`, trustProxy: true, rateLimit: 0 });
      close = running.close;
      await check(running.base);
      assert.equal((await postShare(running.base, { url, network: 'x' }, { from: '10.0.0.3' })).status, 503);
      // Room again: shares are taken again, without a restart.
      await rm(filler);
      await eventually(
        async () => (await postShare(running.base, { url, network: 'x' }, { from: '10.0.0.4' })).status === 200,
        5000,
      );
      assert.deepEqual((await getCounts(running.base, query)).body, { x: 2 });
    } finally {
      await close();
      execFileSync('umount', ['-l', disk]);
      await cleanup();
    }
  });

  test('an immutable -shm (chattr +i) makes shares 503 and never kills the process; it heals by itself', async () => {
    const { dir, cleanup } = await tempDir();
    const db = join(dir, 'shm.db');
    const cli = await spawnCli(['--store', `sqlite:${db}`, '--trust-proxy', '--rate-limit', '0']);
    try {
      assert.equal((await postShare(cli.base, { url, network: 'x' }, { from: '10.0.0.1' })).status, 200);
      // Writing through a mapping of an immutable file is a SIGBUS, which no JavaScript can catch.
      execFileSync('chattr', ['+i', `${db}-shm`]);
      for (let i = 0; i < 3; i++) {
        const post = await postShare(cli.base, { url, network: 'x' }, { from: `10.0.1.${i}` });
        assert.equal(post.status, 503);
        const read = await getCounts(cli.base, query);
        if (read.status === 200) assert.deepEqual(read.body, { x: 1 });
        else assert.deepEqual([read.status, read.body], [503, { error: 'store unavailable' }]);
      }
      assert.equal(cli.child.exitCode, null, cli.stderr());
      execFileSync('chattr', ['-i', `${db}-shm`]);
      await eventually(
        async () => (await postShare(cli.base, { url, network: 'x' }, { from: '10.0.2.1' })).status === 200,
        5000,
      );
      assert.deepEqual((await getCounts(cli.base, query)).body, { x: 2 });
      cli.child.kill('SIGTERM');
      assert.deepEqual(await cli.exited, { code: 0, signal: null });
    } finally {
      // The -shm is gone once the last connection closed.
      if (existsSync(`${db}-shm`)) execFileSync('chattr', ['-i', `${db}-shm`]);
      cli.child.kill('SIGKILL');
      await cleanup();
    }
  });

  test('a read-only database: counts answer, shares 503; writable again, shares heal without a restart', async () => {
    const { dir, cleanup } = await tempDir();
    // Permissions only bind a user other than root: the service runs as `nobody`, as services do.
    const nobody = ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'];
    await chown(dir, 65534, 65534);
    // `nobody` must reach the code, which may lie in a folder only root may enter (CI clones into
    // one): the checkout is also mounted on a folder anyone may search, outside the test's own.
    const checkout = resolve(dirname(CLI), '../..');
    const view = await mkdtemp(join(tmpdir(), 'share-bar-checkout-'));
    await chmod(view, 0o755);
    execFileSync('mount', ['--bind', checkout, view]);
    const db = join(dir, 'readonly.db');
    const args = ['--store', `sqlite:${db}`, '--trust-proxy', '--rate-limit', '0'];
    const started: Cli[] = [];
    const start = async () => {
      started.push(await spawnCli(args, {}, join(view, relative(checkout, CLI)), nobody));
      return started.at(-1)!;
    };
    try {
      let cli = await start();
      assert.equal((await postShare(cli.base, { url, network: 'x' }, { from: '10.0.0.1' })).status, 200);
      cli.child.kill('SIGTERM');
      assert.equal((await cli.exited).code, 0);
      await chmod(db, 0o444);
      cli = await start();
      for (let i = 0; i < 3; i++) {
        const read = await getCounts(cli.base, query);
        assert.deepEqual([read.status, read.body], [200, { x: 1 }]);
        assert.equal((await postShare(cli.base, { url, network: 'x' }, { from: `10.0.1.${i}` })).status, 503);
      }
      await chmod(db, 0o644);
      await eventually(
        async () => (await postShare(cli.base, { url, network: 'x' }, { from: '10.0.2.1' })).status === 200,
        5000,
      );
      assert.deepEqual((await getCounts(cli.base, query)).body, { x: 2 });
      // Nothing read-only is left behind for the next start either.
      for (const file of [db, `${db}-wal`, `${db}-shm`]) {
        const mode = await stat(file).then(
          (info) => info.mode & 0o777,
          () => undefined,
        );
        if (mode !== undefined) assert.equal(mode & 0o200, 0o200, `${file} is ${mode.toString(8)}`);
      }
      cli.child.kill('SIGTERM');
      assert.equal((await cli.exited).code, 0);
    } finally {
      for (const { child, exited } of started) {
        child.kill('SIGKILL');
        await exited;
      }
      execFileSync('umount', [view]);
      await rmdir(view);
      await cleanup();
    }
  });

  test('a corrupt database file: /healthz and count requests answer 503, and the log says it is corrupt', async () => {
    const { dir, cleanup } = await tempDir();
    const db = join(dir, 'corrupt.db');
    const first = await startService({ store: `sqlite:${db}`, trustProxy: true, rateLimit: 0 });
    for (let i = 0; i < 50; i++) {
      const res = await postShare(first.base, { url: `${url}/${i}`, network: 'x' }, { from: `10.0.0.${i}` });
      assert.equal(res.status, 200);
    }
    await first.close();
    // Every page but the first (the header and the schema) overwritten, as a bad disk or a bad copy does.
    const file = await open(db, 'r+');
    const { size } = await file.stat();
    await file.write(Buffer.alloc(size - 4096, 0xab), 0, size - 4096, 4096);
    await file.close();
    const logged: string[] = [];
    const { base, close } = await startService({
      store: `sqlite:${db}`,
      trustProxy: true,
      log: (line) => logged.push(line),
    });
    try {
      for (let i = 0; i < 2; i++) {
        const health = await fetch(`${base}/healthz`);
        assert.deepEqual([health.status, await health.json()], [503, { error: 'store unavailable' }]);
        const read = await getCounts(base, query);
        assert.deepEqual([read.status, read.body], [503, { error: 'store unavailable' }]);
      }
      assert.match(logged.join('\n'), /corrupt|malformed/);
    } finally {
      await close();
      await cleanup();
    }
  });

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
