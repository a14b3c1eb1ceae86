import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { MemoryStore, UpstreamCounts, type CountServiceOptions, type UpstreamOptions } from 'share-bar-server';
import { startFakeUpstream, type Behaviour, type FakeUpstream } from './fake-upstream.js';
import { freePort, getCounts, postShare, spawnCli, startService } from './helpers.js';

const ALL = ['facebook', 'pinterest', 'hackernews', 'vk', 'buffer', 'line'];
const HOUR = 3600_000;
const q = (url: string, networks?: string) =>
  `url=${encodeURIComponent(url)}${networks === undefined ? '' : `&networks=${networks}`}`;

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const value = await fn();
  return [value, performance.now() - start];
}

async function eventually(fn: () => boolean, ms = 5000): Promise<void> {
  const start = Date.now();
  while (!fn()) {
    if (Date.now() - start > ms) throw new Error(`not within ${ms} ms`);
    await sleep(10);
  }
}

describe('upstream counts against a fake of every network', () => {
  let fake: FakeUpstream;
  let clock: number;
  const closers: (() => Promise<void>)[] = [];

  before(async () => (fake = await startFakeUpstream()));
  after(() => fake.close());
  beforeEach(async () => {
    while (closers.length > 0) await closers.pop()!();
    fake.reset();
    clock = Date.parse('2026-01-01T00:00:00Z');
  });
  after(async () => {
    while (closers.length > 0) await closers.pop()!();
  });

  /** The service on a memory store, every upstream pointed at the fake, on the test's clock. */
  async function service(upstream: Partial<UpstreamOptions> = {}, options: CountServiceOptions = {}) {
    const running = await startService({
      store: 'memory:',
      trustProxy: true,
      rateLimit: 0,
      upstream: { networks: ALL, env: fake.env, now: () => clock, ...upstream },
      ...options,
    });
    closers.push(running.close);
    return running.base;
  }

  async function share(base: string, url: string, network: string, times = 1) {
    for (let i = 0; i < times; i++) {
      const res = await postShare(base, { url, network }, { from: `10.9.${fake.calls.length}.${i}` });
      assert.equal(res.status, 200);
    }
  }

  test('reads every format and shows the larger of upstream and first-party counts', async () => {
    const base = await service();
    const page = 'https://example.com/formats';
    fake.set('facebook', page, 1);
    fake.set('pinterest', page, 40);
    fake.set('hackernews', page, 12);
    fake.set('hackernews', 'https://example.com/another-story', 500);
    fake.set('vk', page, 7);
    fake.set('buffer', page, 3);
    fake.set('line', page, 4173);
    await share(base, page, 'facebook', 2);
    await share(base, page, 'pinterest');
    await share(base, page, 'x', 2);
    const expected = { x: 2, facebook: 2, pinterest: 40, hackernews: 12, vk: 7, buffer: 3, line: 4173 };
    assert.deepEqual((await getCounts(base, q(page, Object.keys(expected).join(',')))).body, expected);
    // Without `networks`: every network with a count, upstream ones included; answered from the cache.
    assert.deepEqual((await getCounts(base, q(page))).body, expected);
    for (const network of ALL) assert.equal(fake.count(network), 1, network);
    const graph = fake.calls.find((c) => c.network === 'facebook')!.query;
    assert.equal(graph.get('access_token'), 'test-app|test-secret');
    assert.equal(graph.get('id'), page);
    // A url Facebook never scraped counts 0; `buffer` is only answered while its upstream is on.
    assert.deepEqual((await getCounts(base, q('https://example.com/new', 'facebook'))).body, { facebook: 0 });
    const plain = await startService({ store: 'memory:' });
    closers.push(plain.close);
    assert.deepEqual((await getCounts(plain.base, q(page, 'buffer'))).body, {});
  });

  test('a fresh count is never asked again; a stale one is answered at once and refreshed behind', async () => {
    const base = await service();
    const page = 'https://example.com/cached';
    fake.set('pinterest', page, 10);
    assert.deepEqual((await getCounts(base, q(page, 'pinterest'))).body, { pinterest: 10 });
    fake.set('pinterest', page, 20);
    clock += HOUR - 1000;
    assert.deepEqual((await getCounts(base, q(page, 'pinterest'))).body, { pinterest: 10 });
    assert.equal(fake.count('pinterest'), 1);
    clock += 2000;
    fake.behave('pinterest', 'slow');
    const [stale, ms] = await timed(() => getCounts(base, q(page, 'pinterest')));
    assert.deepEqual(stale.body, { pinterest: 10 });
    assert.ok(ms < fake.slowMs, `a stale GET waited ${ms} ms`);
    await eventually(() => fake.count('pinterest') === 2);
    // The refresh lands a moment after the fake answers.
    // Until the slow answer lands, GETs keep the old count and share the one request in flight.
    for (let i = 0; ; i++) {
      const { body } = await getCounts(base, q(page, 'pinterest'));
      if ((body as { pinterest: number }).pinterest === 20) break;
      assert.deepEqual(body, { pinterest: 10 });
      assert.ok(i < 100, 'the background refresh never landed');
      await sleep(50);
    }
    assert.equal(fake.count('pinterest'), 2);
  });

  test('Facebook is asked at most 10 times per url per hour, whatever the TTL', async () => {
    const upstream = new UpstreamCounts({ networks: ALL, env: fake.env, ttlSeconds: 1, now: () => clock });
    const page = 'https://example.com/budget';
    fake.set('facebook', page, 5);
    // Two hours of a GET every 30 s, each finding the 1 s old count stale.
    for (let i = 0; i < 240; i++) {
      assert.equal((await upstream.counts([page], ['facebook', 'pinterest'])).facebook, 5);
      await upstream.settled();
      if (i === 119) {
        assert.equal(fake.count('facebook', page), 10, 'first hour');
        assert.equal(fake.count('pinterest', page), 20, 'first hour');
      }
      clock += 30_000;
    }
    assert.equal(fake.count('facebook', page), 20, 'two hours');
    // The budget is per url: another page has its own.
    await upstream.counts(['https://example.com/budget-2'], ['facebook']);
    assert.equal(fake.count('facebook'), 21);
    upstream.close();
  });

  test('GETs for ever new urls ask each network at most 60 times at once, then 1,800 times an hour', async () => {
    const base = await service({ networks: ['pinterest', 'vk'] });
    const ask = async (from: number, count: number) => {
      for (let i = from; i < from + count; i += 20) {
        const pages = Array.from({ length: 20 }, (_, j) => `https://example.com/flood/${i + j}`);
        await Promise.all(pages.map((page) => getCounts(base, q(page, 'pinterest,vk'))));
      }
    };
    await ask(0, 200);
    assert.deepEqual([fake.count('pinterest'), fake.count('vk')], [60, 60]);
    // A minute later, 30 more each (one every 2 s), however many urls are asked for.
    clock += 60_000;
    await ask(200, 200);
    assert.deepEqual([fake.count('pinterest'), fake.count('vk')], [90, 90]);
    // The bound is an option: a larger site may allow more.
    const larger = await service({ networks: ['line'], requestsPerHour: 36_000 });
    const big = (from: number) =>
      Promise.all(
        Array.from({ length: 40 }, (_, i) => getCounts(larger, q(`https://example.com/big/${from + i}`, 'line'))),
      );
    await big(0);
    await big(40);
    assert.equal(fake.count('line'), 60);
    clock += 1000;
    await big(80);
    assert.equal(fake.count('line'), 70);
  });

  for (const network of ALL) {
    test(`${network}: 500, malformed and 429 answers fall back to first-party, or keep the last good count`, async () => {
      const base = await service();
      const firstParty = network === 'buffer' ? 0 : 1;
      let n = 0;
      for (const behaviour of ['fail', 'malformed', 'limited'] satisfies Behaviour[]) {
        // Cold: nothing known yet, so the first-party count is answered.
        const cold = `https://example.com/${network}/${behaviour}/cold`;
        if (firstParty) await share(base, cold, network);
        fake.behave(network, behaviour);
        assert.deepEqual((await getCounts(base, q(cold, network))).body, { [network]: firstParty }, behaviour);
        assert.equal(fake.count(network, cold), 1);
        clock += 121_000; // past the 60 s retry delay and the 429's `Retry-After: 120`
        // Warm: a good count, then the failure; the good count stays.
        const warm = `https://example.com/${network}/${behaviour}/warm`;
        fake.behave(network, 'ok');
        fake.set(network, warm, 50);
        assert.deepEqual((await getCounts(base, q(warm, network))).body, { [network]: 50 });
        fake.behave(network, behaviour);
        clock += HOUR + 1;
        const before = fake.count(network);
        assert.deepEqual((await getCounts(base, q(warm, network))).body, { [network]: 50 }, behaviour);
        await eventually(() => fake.count(network) === before + 1);
        await sleep(50);
        assert.deepEqual((await getCounts(base, q(warm, network))).body, { [network]: 50 }, behaviour);
        if (behaviour === 'limited') {
          // A 429 pauses the whole network for `Retry-After`: another url is not asked meanwhile.
          const other = `https://example.com/${network}/other`;
          fake.behave(network, 'ok');
          fake.set(network, other, 9);
          assert.deepEqual((await getCounts(base, q(other, network))).body, { [network]: 0 });
          assert.equal(fake.count(network, other), 0);
          clock += 121_000;
          assert.deepEqual((await getCounts(base, q(other, network))).body, { [network]: 9 });
        }
        clock += 121_000;
        n++;
      }
      assert.equal(n, 3);
      const metrics = await (await fetch(`${base}/metrics`)).text();
      for (const outcome of ['ok', 'http_error', 'malformed', 'rate_limited']) {
        assert.match(
          metrics,
          new RegExp(`share_bar_upstream_requests_total\\{network="${network}",outcome="${outcome}"\\} \\d`),
        );
      }
    });
  }

  test('a slow, hanging or dead network holds a cold GET no longer than the timeout', async () => {
    const timeoutMs = 500;
    const base = await service({ timeoutMs });
    const page = 'https://example.com/slow';
    await share(base, page, 'facebook', 3);
    for (const network of ALL) fake.behave(network, network === 'pinterest' ? 'slow' : 'hang');
    const [cold, ms] = await timed(() => getCounts(base, q(page, ALL.join(','))));
    assert.equal(cold.status, 200);
    assert.deepEqual(cold.body, { facebook: 3, pinterest: 0, hackernews: 0, vk: 0, buffer: 0, line: 0 });
    assert.ok(ms >= timeoutMs - 50 && ms < timeoutMs + 1500, `took ${ms} ms`);
    assert.equal(fake.calls.length, ALL.length);
    // Within the retry delay the failed url is not asked again, so nothing waits.
    const [again, ms2] = await timed(() => getCounts(base, q(page, ALL.join(','))));
    assert.deepEqual(again.body, cold.body);
    assert.ok(ms2 < timeoutMs, `took ${ms2} ms`);
    assert.equal(fake.calls.length, ALL.length);
    assert.match(await (await fetch(`${base}/metrics`)).text(), /network="pinterest",outcome="timeout"\} 1/);

    // Nobody listening at all.
    const dead = `http://127.0.0.1:${await freePort()}`;
    const deadBase = await service({ baseUrls: Object.fromEntries(ALL.map((n) => [n, dead])) });
    const [res, ms3] = await timed(() => getCounts(deadBase, q(page, 'facebook,pinterest')));
    assert.deepEqual([res.status, res.body], [200, { facebook: 0, pinterest: 0 }]);
    assert.ok(ms3 < 1500, `took ${ms3} ms`);
  });

  test('with a warm cache a GET never waits, even on a network that hangs', async () => {
    const base = await service();
    const page = 'https://example.com/warm';
    for (const network of ALL) fake.set(network, page, 8);
    assert.equal((await getCounts(base, q(page, ALL.join(',')))).status, 200);
    for (const network of ALL) fake.behave(network, 'hang');
    clock += HOUR + 1;
    const [res, ms] = await timed(() => getCounts(base, q(page, ALL.join(','))));
    assert.deepEqual(res.body, Object.fromEntries(ALL.map((n) => [n, 8])));
    assert.ok(ms < 1000, `a warm GET took ${ms} ms`);
    await eventually(() => fake.calls.length === 2 * ALL.length);
  });

  test('the default timeout is 3 s', async () => {
    const base = await service({ networks: ['facebook'] });
    fake.behave('facebook', 'hang');
    const [res, ms] = await timed(() => getCounts(base, q('https://example.com/three', 'facebook')));
    assert.deepEqual([res.status, res.body], [200, { facebook: 0 }]);
    assert.ok(ms >= 2900 && ms < 4500, `took ${ms} ms`);
  });

  test('--recover adds the http:// and trailing-slash variants, first-party and upstream', async () => {
    const page = 'https://example.com/moved';
    const variants = [page, 'http://example.com/moved', 'https://example.com/moved/', 'http://example.com/moved/'];
    const store = new MemoryStore();
    const base = await service({ networks: ['pinterest', 'hackernews'] }, { recover: true, store });
    for (const [i, url] of variants.entries()) await share(base, url, 'x', i + 1);
    fake.set('pinterest', page, 5);
    fake.set('pinterest', 'http://example.com/moved', 7);
    fake.set('hackernews', 'http://example.com/moved/', 30);
    fake.set('hackernews', page, 4);
    fake.set('hackernews', 'https://example.com/moved-on', 100);
    const body = { x: 10, pinterest: 12, hackernews: 34 };
    assert.deepEqual((await getCounts(base, q(page, 'x,pinterest,hackernews'))).body, body);
    assert.deepEqual((await getCounts(base, q('http://example.com/moved/', 'x,pinterest,hackernews'))).body, body);
    // An exact counter is asked once per variant; a search once for all of them.
    assert.deepEqual(new Set(fake.calls.filter((c) => c.network === 'pinterest').map((c) => c.url)), new Set(variants));
    assert.equal(fake.count('pinterest'), 4);
    assert.equal(fake.count('hackernews'), 1);
    // Without --recover, only the url itself.
    const exact = await service({ networks: ['pinterest', 'hackernews'] }, { store });
    assert.deepEqual((await getCounts(exact, q(page, 'x,pinterest,hackernews'))).body, {
      x: 1,
      pinterest: 5,
      hackernews: 4,
    });
  });

  test('the CLI: --upstream facebook,pinterest against the fake; Facebook refuses to start without credentials', async () => {
    const env = { ...fake.env, SHARE_BAR_STORE: 'memory:' };
    await assert.rejects(
      spawnCli(['--upstream', 'facebook,pinterest'], { ...env, FACEBOOK_APP_SECRET: '' }),
      /exited with 2.*upstream facebook needs FACEBOOK_APP_ID and FACEBOOK_APP_SECRET.*missing: FACEBOOK_APP_SECRET/s,
    );
    await assert.rejects(spawnCli(['--upstream', 'myspace'], env), /exited with 2.*unknown upstream "myspace"/s);
    const cli = await spawnCli(['--upstream', 'facebook,pinterest', '--trust-proxy'], env);
    try {
      const page = 'https://example.com/cli';
      fake.set('facebook', page, 120);
      fake.set('pinterest', page, 1);
      for (let i = 0; i < 3; i++) {
        assert.equal(
          (await postShare(cli.base, { url: page, network: 'pinterest' }, { from: `10.7.0.${i}` })).status,
          200,
        );
      }
      for (let i = 0; i < 20; i++) {
        assert.deepEqual((await getCounts(cli.base, q(page, 'facebook,pinterest,x'))).body, {
          facebook: 120,
          pinterest: 3,
          x: 0,
        });
      }
      assert.deepEqual([fake.count('facebook'), fake.count('pinterest')], [1, 1]);
      assert.match(cli.stderr(), /anyone can make the service ask the networks/);
    } finally {
      cli.child.kill('SIGTERM');
      assert.equal((await cli.exited).code, 0);
    }
    const viaEnv = await spawnCli([], {
      ...env,
      SHARE_BAR_UPSTREAM: 'line',
      SHARE_BAR_UPSTREAM_TTL: '60',
      SHARE_BAR_RECOVER: '1',
    });
    try {
      fake.set('line', 'https://example.com/env', 4173);
      fake.set('line', 'http://example.com/env', 1);
      assert.deepEqual((await getCounts(viaEnv.base, q('https://example.com/env', 'line'))).body, { line: 4174 });
    } finally {
      viaEnv.child.kill('SIGTERM');
      await viaEnv.exited;
    }
  });
});
