import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { MemoryStore, type CountStore } from 'share-bar-server';
import { RedisStore } from 'share-bar-server/redis-store';
import { SqliteStore } from 'share-bar-server/sqlite-store';
import { redisFixture, visitorShare as share } from './helpers.js';

const home = 'https://example.com/';
const post = 'https://example.com/post';
let visitor = 0;

/** The same history in every store: the one each store answers must be the same. */
async function fill(store: CountStore): Promise<void> {
  const shares = [
    share(home, 'x', '2026-03-01', 'Home'),
    share(home, 'x', '2026-03-01'),
    share(home, 'facebook', '2026-03-03'),
    share(post, 'x', '2026-03-02', 'A post'),
    share(post, 'linkedin', '2026-03-02'),
    share(post, 'linkedin', '2026-03-31'),
    share(post, 'x', '2026-04-01', 'A post, renamed'),
    share('https://example.com/other', 'email', '2026-02-28', 'Outside'),
  ];
  for (const one of shares) assert.equal((await store.record(one)).counted, true);
  // A visitor seen again is not counted and adds no history; the title still becomes the latest.
  const again = { ...shares[2]!, title: 'Home page' };
  assert.equal((await store.record(again)).counted, false);
}

const march = { from: '2026-03-01', to: '2026-03-31' };

describe('history in every store', () => {
  const fixture = redisFixture();

  const stores: [string, () => CountStore][] = [
    ['memory', () => new MemoryStore()],
    ['sqlite', () => new SqliteStore(join(fixture.dir, `history-${++visitor}.db`))],
    ['redis', () => new RedisStore(fixture.redis.url)],
  ];
  for (const [name, open] of stores) {
    test(`${name}: days, pages sorted by total with their latest titles, one page, rows`, async () => {
      const store = open();
      try {
        await fill(store);
        const all = await store.history!({ ...march, limit: 10 });
        assert.deepEqual(all.days, [
          { day: '2026-03-01', networks: { x: 2 } },
          { day: '2026-03-02', networks: { x: 1, linkedin: 1 } },
          { day: '2026-03-03', networks: { facebook: 1 } },
          { day: '2026-03-31', networks: { linkedin: 1 } },
        ]);
        // Tied at 3: by url.
        assert.deepEqual(all.pages, [
          { url: home, title: 'Home page', total: 3, networks: { x: 2, facebook: 1 } },
          { url: post, title: 'A post, renamed', total: 3, networks: { x: 1, linkedin: 2 } },
        ]);
        assert.deepEqual(
          (await store.history!({ ...march, limit: 1 })).pages.map((page) => page.url),
          [home],
        );
        const one = await store.history!({ from: '2026-03-02', to: '2026-04-30', url: post, limit: 10 });
        assert.deepEqual(one.days, [
          { day: '2026-03-02', networks: { x: 1, linkedin: 1 } },
          { day: '2026-03-31', networks: { linkedin: 1 } },
          { day: '2026-04-01', networks: { x: 1 } },
        ]);
        assert.deepEqual(one.pages, [
          { url: post, title: 'A post, renamed', total: 4, networks: { x: 2, linkedin: 2 } },
        ]);
        assert.deepEqual(await store.history!({ ...march, url: 'https://example.com/never', limit: 10 }), {
          days: [],
          pages: [],
        });
        assert.deepEqual(await store.historyRows!({ from: '2026-03-02', to: '2026-03-31' }), [
          { day: '2026-03-02', url: post, title: 'A post, renamed', network: 'linkedin', shares: 1 },
          { day: '2026-03-02', url: post, title: 'A post, renamed', network: 'x', shares: 1 },
          { day: '2026-03-03', url: home, title: 'Home page', network: 'facebook', shares: 1 },
          { day: '2026-03-31', url: post, title: 'A post, renamed', network: 'linkedin', shares: 1 },
        ]);
        assert.deepEqual(await store.historyRows!({ ...march, url: home }), [
          { day: '2026-03-01', url: home, title: 'Home page', network: 'x', shares: 2 },
          { day: '2026-03-03', url: home, title: 'Home page', network: 'facebook', shares: 1 },
        ]);
        // The counts themselves are untouched by the history.
        assert.deepEqual(await store.get(home, ['x', 'facebook']), { x: 2, facebook: 1 });
        // A share without visitor keys (a store's caller may have none) counts, every time.
        const anonymous = { ...share(home, 'x', '2026-05-01'), visitorKeys: [] };
        assert.deepEqual(await store.record(anonymous), { counted: true, count: 3, newPage: false });
        assert.deepEqual(await store.record(anonymous), { counted: true, count: 4, newPage: false });
      } finally {
        await store.close();
      }
    });
  }

  test('redis: every key of the statistics carries one hash tag, every key of a url its own', async () => {
    const { createClient } = await import('@redis/client');
    const client = createClient({ url: fixture.redis.url });
    await client.connect();
    await client.flushDb();
    // Opened on the empty Redis, the store writes its marker (share-bar:{marker}) there first.
    const store = new RedisStore(fixture.redis.url);
    try {
      await fill(store);
      const keys = await client.keys('*');
      const tags = new Set(keys.map((key) => /\{([^}]*)\}/.exec(key)?.[1]));
      assert.ok(!tags.has(undefined), `a key without a hash tag: ${keys.join(' ')}`);
      const statistics = keys.filter((key) => key.includes('{stats}'));
      assert.deepEqual(statistics.map((key) => key.replace(/page:[\w-]+$/, 'page:<digest>')).sort(), [
        'share-bar:{stats}:day:2026-02-28',
        'share-bar:{stats}:day:2026-02-28:pages',
        'share-bar:{stats}:day:2026-03-01',
        'share-bar:{stats}:day:2026-03-01:pages',
        'share-bar:{stats}:day:2026-03-02',
        'share-bar:{stats}:day:2026-03-02:pages',
        'share-bar:{stats}:day:2026-03-03',
        'share-bar:{stats}:day:2026-03-03:pages',
        'share-bar:{stats}:day:2026-03-31',
        'share-bar:{stats}:day:2026-03-31:pages',
        'share-bar:{stats}:day:2026-04-01',
        'share-bar:{stats}:day:2026-04-01:pages',
        'share-bar:{stats}:last-page-id',
        'share-bar:{stats}:page-ids',
        'share-bar:{stats}:page:<digest>',
        'share-bar:{stats}:page:<digest>',
        'share-bar:{stats}:page:<digest>',
        'share-bar:{stats}:pages',
        'share-bar:{stats}:titles',
      ]);
      // The counts of the three urls live under three other tags (their slots spread).
      assert.deepEqual([tags.size, keys.includes('share-bar:{marker}')], [5, true]);
    } finally {
      await client.close();
      await store.close();
    }
  });
});
