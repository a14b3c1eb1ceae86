import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createClient } from '@redis/client';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  freePort,
  getCounts,
  postShare,
  spawnCli,
  startService,
  tempDir,
  testRedis,
  type Cli,
  type TestRedis,
} from './helpers.js';

const url = 'https://example.com/many';
interface Recorded {
  counted: boolean;
  count: number;
}
const recorded = async (res: Promise<Response>) => (await (await res).json()) as Recorded;
const query = (networks = 'x,facebook') => `url=${encodeURIComponent(url)}&networks=${networks}`;

/** Polls `fn` until it returns true, for at most `ms`. */
async function eventually(fn: () => Promise<boolean>, ms: number): Promise<number> {
  const start = Date.now();
  while (!(await fn().catch(() => false))) {
    if (Date.now() - start > ms) throw new Error(`not within ${ms} ms`);
    await sleep(100);
  }
  return Date.now() - start;
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const value = await fn();
  return [value, performance.now() - start];
}

describe('redis store', () => {
  let cleanup: () => Promise<void>;
  let redis: TestRedis;
  const clis: Cli[] = [];
  const stopAll = async () => {
    for (const cli of clis.splice(0)) {
      cli.child.kill('SIGTERM');
      assert.equal((await cli.exited).code, 0);
    }
  };

  before(async () => {
    let dir: string;
    ({ dir, cleanup } = await tempDir());
    // Append-only: Redis writes each change to its file before it replies, so a kill -9 of Redis
    // loses nothing acknowledged. (Production adds `appendfsync always` against power loss; here
    // fsync stalls on a busy CI disk would only make the test slow and flaky.)
    redis = await testRedis(dir, ['--appendonly', 'yes', '--appendfsync', 'no']);
  });
  after(async () => {
    await stopAll();
    await redis.signal('SIGKILL').catch(() => {});
    await cleanup();
  });

  test('two processes on one Redis count 2 × 300 concurrent shares as exactly 600', async () => {
    const args = ['--store', redis.url, '--trust-proxy', '--rate-limit', '0'];
    const [a, b] = await Promise.all([spawnCli(args), spawnCli(args)]);
    clis.push(a!, b!);
    const answers = await Promise.all(
      Array.from({ length: 600 }, (_, i) =>
        postShare(i % 2 ? a!.base : b!.base, { url, network: 'x' }, { from: `10.9.${i >> 8}.${i & 255}` }).then(
          (r) => r.status,
        ),
      ),
    );
    assert.deepEqual(new Set(answers), new Set([200]), `${a!.stderr()}\n${b!.stderr()}`);
    assert.deepEqual((await getCounts(a!.base, query())).body, { x: 600, facebook: 0 });
    assert.deepEqual((await getCounts(b!.base, query())).body, { x: 600, facebook: 0 });
    // Dedupe holds across processes: they share the daily salt and the dedupe keys.
    const first = await recorded(postShare(a!.base, { url, network: 'facebook' }, { from: '10.10.0.1' }));
    const second = await recorded(postShare(b!.base, { url, network: 'facebook' }, { from: '10.10.0.1' }));
    assert.deepEqual([first.counted, second.counted, second.count], [true, false, 1]);

    // Redis itself expires the dedupe keys (24 h) and salts (2 days); a url's keys share one hash tag.
    const client = createClient({ url: redis.url });
    await client.connect();
    try {
      const keys = await client.keys('share-bar:*');
      const seen = keys.filter((key) => key.includes(':seen:'));
      assert.equal(seen.length, 601);
      const urlKeys = keys.filter(
        (key) => !key.includes(':salt:') && !key.startsWith('share-bar:{stats}:') && key !== 'share-bar:{marker}',
      );
      const tags = new Set(urlKeys.map((key) => /\{[^}]+\}/.exec(key)?.[0]));
      assert.equal(tags.size, 1);
      // The history is exact across processes too: the day's totals hold every counted share.
      const days = keys.filter((key) => /^share-bar:\{stats\}:day:[\d-]+$/.test(key));
      const totals: Record<string, number> = {};
      for (const day of days) {
        for (const [network, shares] of Object.entries(await client.hGetAll(day))) {
          totals[network] = (totals[network] ?? 0) + Number(shares);
        }
      }
      assert.deepEqual(totals, { x: 600, facebook: 1 });
      for (const key of seen.slice(0, 20)) {
        const ttl = await client.ttl(key);
        assert.ok(ttl > 86_000 && ttl <= 86_400, `${key} ttl ${ttl}`);
      }
      const salts = keys.filter((key) => key.includes(':salt:'));
      assert.equal(salts.length, 2);
      for (const key of salts) {
        const ttl = await client.ttl(key);
        assert.ok(ttl > 86_400 && ttl <= 2 * 86_400, `${key} ttl ${ttl}`);
      }
    } finally {
      client.destroy();
    }
  });

  test('one address counts at most 20 times per (url, network) whatever its user agent, and adds at most its new pages', async () => {
    const { base, close } = await startService({ store: redis.url, trustProxy: true, rateLimit: 0, newPageLimit: 3 });
    try {
      const page = 'https://example.com/agents';
      const counted: boolean[] = [];
      for (let i = 0; i < 22; i++) {
        counted.push(
          (await recorded(postShare(base, { url: page, network: 'x' }, { from: '10.12.0.1', userAgent: `ua ${i}` })))
            .counted,
        );
      }
      assert.deepEqual(counted, [...Array<boolean>(20).fill(true), false, false]);
      assert.equal((await recorded(postShare(base, { url: page, network: 'x' }, { from: '10.12.0.2' }))).count, 21);
      // Three new pages a day for this address (the option); then only pages that have a count.
      for (let i = 0; i < 2; i++) {
        assert.equal((await postShare(base, { url: `${page}/${i}`, network: 'x' }, { from: '10.12.0.1' })).status, 200);
      }
      const refused = await postShare(base, { url: `${page}/2`, network: 'x' }, { from: '10.12.0.1' });
      assert.deepEqual([refused.status, await refused.json()], [429, { error: 'too many new pages' }]);
      assert.equal((await postShare(base, { url: page, network: 'facebook' }, { from: '10.12.0.1' })).status, 200);
    } finally {
      await close();
    }
  });

  test('Redis frozen or gone: 503 within 1 s, no crash; back: heals by itself, nothing acknowledged lost', async () => {
    const [cli] = clis;
    assert.ok(cli, 'processes from the previous test');
    const before = await recorded(postShare(cli.base, { url, network: 'facebook' }, { from: '10.11.0.1' }));
    assert.deepEqual([before.counted, before.count], [true, 2]);

    // Frozen (SIGSTOP): connections stay open but nothing answers.
    await redis.signal('SIGSTOP');
    const frozen = await Promise.all(
      [
        () => fetch(`${cli.base}/counts?${query()}`),
        () => postShare(cli.base, { url, network: 'x' }, { from: '10.11.0.2' }),
        () => fetch(`${cli.base}/healthz`),
      ].map((call) => timed(call)),
    );
    for (const [res, ms] of frozen) {
      assert.deepEqual([res.status, await res.json()], [503, { error: 'store unavailable' }]);
      assert.ok(ms < 1000, `answered in ${ms} ms`);
    }
    await redis.signal('SIGCONT');
    await eventually(async () => (await getCounts(cli.base, query())).status === 200, 5000);

    // Gone (kill -9): refused connections, then a restart on the same port and files.
    await redis.signal('SIGKILL');
    const [down, ms] = await timed(() => getCounts(cli.base, query()));
    assert.deepEqual([down.status, down.body], [503, { error: 'store unavailable' }]);
    assert.ok(ms < 1000, `answered in ${ms} ms`);
    const post = await postShare(cli.base, { url, network: 'x' }, { from: '10.11.0.3' });
    assert.equal(post.status, 503);
    await sleep(300);
    await redis.start();
    const healed = await eventually(async () => (await fetch(`${cli.base}/healthz`)).status === 200, 5000);
    assert.ok(healed < 5000);
    // The 600 + the share acknowledged before the outage (the frozen-time POST may or may not
    // have landed once Redis thawed: its answer was 503, so either is correct).
    const { status, body } = await getCounts(cli.base, query());
    assert.equal(status, 200);
    const counts = body as { x: number; facebook: number };
    assert.equal(counts.facebook, 2);
    assert.ok(counts.x === 600 || counts.x === 601, JSON.stringify(counts));
    for (const other of clis) assert.equal(other.child.exitCode, null);
    await stopAll();
  });

  test('POSTs answered 503 while Redis is frozen are not counted when it resumes: 503 means not counted', async () => {
    const { base, close } = await startService({ store: redis.url, trustProxy: true, rateLimit: 0 });
    try {
      const page = 'https://example.com/frozen';
      assert.equal((await recorded(postShare(base, { url: page, network: 'x' }, { from: '10.13.0.1' }))).count, 1);
      await redis.signal('SIGSTOP');
      let answers: number[];
      try {
        answers = await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            postShare(base, { url: page, network: 'x' }, { from: `10.13.1.${i}` }).then((res) => res.status),
          ),
        );
      } finally {
        await redis.signal('SIGCONT');
      }
      assert.deepEqual(new Set(answers), new Set([503]));
      await eventually(
        async () => (await getCounts(base, `url=${encodeURIComponent(page)}&networks=x`)).status === 200,
        5000,
      );
      assert.deepEqual((await getCounts(base, `url=${encodeURIComponent(page)}&networks=x`)).body, { x: 1 });
      // Shares are taken again.
      assert.equal((await recorded(postShare(base, { url: page, network: 'x' }, { from: '10.13.2.1' }))).count, 2);
    } finally {
      await close();
    }
  });
});

describe('a Redis that cannot keep the counts', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  before(async () => ({ dir, cleanup } = await tempDir()));
  after(() => cleanup());

  test('warns at start when Redis persists nothing, and says loudly in the log, /healthz and /metrics when it lost its data', async () => {
    // The helper's Redis saves nothing: no snapshots, no append-only file.
    const bare = await testRedis(dir);
    const cli = await spawnCli(['--store', bare.url, '--trust-proxy', '--rate-limit', '0']);
    try {
      assert.match(cli.stderr(), /warning: .*persists nothing/);
      assert.equal((await postShare(cli.base, { url, network: 'x' }, { from: '10.14.0.1' })).status, 200);
      assert.deepEqual([(await fetch(`${cli.base}/healthz`)).status], [200]);
      assert.match(await (await fetch(`${cli.base}/metrics`)).text(), /^share_bar_store_data_lost 0$/m);
      // Redis restarts empty.
      await bare.signal('SIGKILL');
      await bare.start();
      // Unavailable while the client reconnects, then: lost.
      const lost = async () => {
        const health = await fetch(`${cli.base}/healthz`);
        return health.status === 503 && ((await health.json()) as { error: string }).error === 'store lost its data';
      };
      await eventually(lost, 5000);
      assert.match(await (await fetch(`${cli.base}/metrics`)).text(), /^share_bar_store_data_lost 1$/m);
      assert.match(cli.stderr(), /redis lost its data/);
      // A process started after the loss (an operator's restart) knows nothing to miss.
      const fresh = await spawnCli(['--store', bare.url]);
      assert.equal((await fetch(`${fresh.base}/healthz`)).status, 200);
      fresh.child.kill('SIGTERM');
      assert.equal((await fresh.exited).code, 0);
      cli.child.kill('SIGTERM');
      assert.equal((await cli.exited).code, 0);
    } finally {
      cli.child.kill('SIGKILL');
      await bare.signal('SIGKILL');
    }
  });

  test('a Redis with CONFIG disabled is used all the same', async () => {
    const locked = await testRedis(dir, ['--appendonly', 'yes', '--rename-command', 'CONFIG', '""']);
    const cli = await spawnCli(['--store', locked.url, '--trust-proxy']);
    try {
      assert.equal((await postShare(cli.base, { url, network: 'x' }, { from: '10.15.0.1' })).status, 200);
      assert.equal((await fetch(`${cli.base}/healthz`)).status, 200);
      cli.child.kill('SIGTERM');
      assert.equal((await cli.exited).code, 0);
    } finally {
      cli.child.kill('SIGKILL');
      await locked.signal('SIGKILL');
    }
  });

  test('a wrong Redis address, password or database number stops the CLI at start with the reason', async () => {
    const guarded = await testRedis(dir, ['--requirepass', 'secret']);
    const port = guarded.port;
    try {
      const cases: [string, RegExp][] = [
        [`redis://:wrong@127.0.0.1:${port}/0`, /WRONGPASS/],
        [`redis://127.0.0.1:${port}/0`, /NOAUTH/],
        [`redis://:secret@127.0.0.1:${port}/99`, /DB index/],
        [`redis://127.0.0.1:${await freePort()}/0`, /ECONNREFUSED/],
      ];
      for (const [store, reason] of cases) {
        const error = await spawnCli(['--store', store]).then(
          (cli) => {
            cli.child.kill('SIGKILL');
            return new Error(`started on ${store}`);
          },
          (error: Error) => error,
        );
        assert.match(error.message, /exited with 1 before listening/, store);
        assert.match(error.message, /cannot reach the store/, store);
        assert.match(error.message, reason, store);
        assert.doesNotMatch(error.message, /secret/, 'the password is never printed');
      }
      // The right one starts.
      const cli = await spawnCli(['--store', `redis://:secret@127.0.0.1:${port}/0`]);
      cli.child.kill('SIGTERM');
      assert.equal((await cli.exited).code, 0);
    } finally {
      await guarded.signal('SIGKILL');
    }
  });
});
