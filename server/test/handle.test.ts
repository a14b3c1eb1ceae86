import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { createCountService, MemoryStore, type CountService, type Counts } from 'share-bar-server';
import { tempDir } from './helpers.js';

const PAGE = 'https://example.com/handle';
const get = (service: CountService, query = `url=${encodeURIComponent(PAGE)}&networks=x`, method = 'GET') =>
  service.handle(new Request(`http://service.test/counts?${query}`, { method }));
const post = (service: CountService, body: string, from = '10.1.0.1') =>
  service.handle(
    new Request('http://service.test/counts', {
      method: 'POST',
      headers: { 'content-type': 'text/plain;charset=UTF-8', 'x-forwarded-for': from },
      body,
    }),
  );

describe('the web-standard handle()', () => {
  test('answers GET, POST, HEAD and errors like the node:http adapter', async () => {
    const service = createCountService({ store: 'memory:', trustProxy: true, rateLimit: 0, log: () => {} });
    try {
      const zero = await get(service);
      assert.equal(zero.status, 200);
      assert.deepEqual(await zero.json(), { x: 0 });
      assert.equal(zero.headers.get('content-type'), 'application/json; charset=utf-8');
      assert.equal(zero.headers.get('cache-control'), 'public, max-age=60, stale-while-revalidate=600');
      assert.equal(zero.headers.get('access-control-allow-origin'), '*');

      const shared = await post(service, JSON.stringify({ url: PAGE, network: 'twitter' }));
      assert.equal(shared.status, 200);
      assert.deepEqual(await shared.json(), { url: PAGE, network: 'x', counted: true, count: 1 });
      assert.equal(shared.headers.get('cache-control'), 'no-store');
      // The answer kept for this query is dropped by the share at once.
      assert.deepEqual(await (await get(service)).json(), { x: 1 });

      const head = await get(service, `url=${encodeURIComponent(PAGE)}&networks=x`, 'HEAD');
      assert.equal(head.status, 200);
      assert.equal(await head.text(), '');
      assert.equal(head.headers.get('cache-control'), 'public, max-age=60, stale-while-revalidate=600');

      const big = await post(service, JSON.stringify({ url: PAGE, network: 'x', pad: 'a'.repeat(5000) }));
      assert.deepEqual([big.status, await big.json()], [413, { error: 'body too large' }]);
      const bad = await get(service, 'url=a&url=b');
      assert.deepEqual([bad.status, await bad.json()], [400, { error: 'repeated url' }]);
      const missing = await service.handle(new Request('http://service.test/nope'));
      assert.deepEqual([missing.status, await missing.json()], [404, { error: 'not found' }]);
    } finally {
      await service.close();
    }
  });

  test('two services on one SQLite file: the other one shows a share within about a second', async () => {
    const { dir, cleanup } = await tempDir();
    const store = `sqlite:${join(dir, 'shared.db')}`;
    const a = createCountService({ store, trustProxy: true, rateLimit: 0, log: () => {} });
    const b = createCountService({ store, trustProxy: true, rateLimit: 0, log: () => {} });
    try {
      assert.deepEqual(await (await get(a)).json(), { x: 0 });
      assert.equal((await post(b, JSON.stringify({ url: PAGE, network: 'x' }))).status, 200);
      const started = Date.now();
      let counts: unknown;
      while (Date.now() - started < 3000) {
        counts = await (await get(a)).json();
        if ((counts as { x: number }).x === 1) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      assert.deepEqual(counts, { x: 1 });
      assert.ok(Date.now() - started < 2000, `took ${Date.now() - started} ms`);
      // A share through the same service shows at once.
      assert.equal((await post(a, JSON.stringify({ url: PAGE, network: 'x' }), '10.1.0.2')).status, 200);
      assert.deepEqual(await (await get(a)).json(), { x: 2 });
    } finally {
      await a.close();
      await b.close();
      await cleanup();
    }
  });

  test('concurrent GETs of one query share a store read, but none started before a share counted', async () => {
    const memory = new MemoryStore();
    let reads = 0;
    // A store without answerTtlMs (as Redis): nothing is kept, only reads in flight are shared.
    const slow = {
      get: async (url: string, networks?: readonly string[]): Promise<Counts> => {
        reads++;
        const counts = await memory.get(url, networks);
        await new Promise((resolve) => setTimeout(resolve, 100));
        return counts;
      },
      record: memory.record.bind(memory),
      salt: memory.salt.bind(memory),
      ping: memory.ping.bind(memory),
      close: memory.close.bind(memory),
    };
    const service = createCountService({ store: slow, trustProxy: true, rateLimit: 0, log: () => {} });
    try {
      const first = await Promise.all([get(service), get(service), get(service)]);
      assert.deepEqual(await Promise.all(first.map((res) => res.json())), [{ x: 0 }, { x: 0 }, { x: 0 }]);
      assert.equal(reads, 1);
      const before = get(service);
      await new Promise((resolve) => setTimeout(resolve, 10));
      assert.equal((await post(service, JSON.stringify({ url: PAGE, network: 'x' }))).status, 200);
      const after = get(service);
      assert.deepEqual(await (await before).json(), { x: 0 });
      assert.deepEqual(await (await after).json(), { x: 1 });
      assert.equal(reads, 3);
      assert.deepEqual(await (await get(service)).json(), { x: 1 });
      assert.equal(reads, 4);
    } finally {
      await service.close();
    }
  });
});
