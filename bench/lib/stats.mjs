// Table 5: the statistics (GET /stats, /stats.csv) on a year of history over 100,000 urls, SQLite
// and Redis. The history is written through each store's own write path (no dedupe keys, so it
// goes fast), then the real service answers over loopback HTTP.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { median, startRedis, startService, tmp } from './util.mjs';

const URLS = 100_000;
const DAYS = 365;
const NETWORKS = ['x', 'facebook', 'linkedin', 'whatsapp', 'email', 'bluesky'];
const TOKEN = randomBytes(18).toString('base64url');

/**
 * The made-up history, the same every run: page `r` (1 = most shared) gets 2 + 10000 / r^0.85
 * shares a year (a long tail: most pages a few, the top one thousands), on days and networks
 * drawn by a seeded generator. Yields batches of shares.
 */
function* history(batchSize) {
  let seed = 8;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const today = Math.floor(Date.now() / 86_400_000);
  let batch = [];
  for (let rank = 1; rank <= URLS; rank++) {
    const url = `https://blog.example/posts/${rank}-${rank % 7 ? 'a-post' : 'another-post-with-a-longer-slug'}`;
    const title = `Post number ${rank}`;
    const shares = 2 + Math.floor(10_000 / rank ** 0.85);
    for (let i = 0; i < shares; i++) {
      const day = new Date((today - Math.floor(next() * DAYS)) * 86_400_000).toISOString().slice(0, 10);
      const network = NETWORKS[Math.floor(next() ** 1.5 * NETWORKS.length)];
      batch.push({ url, network, day, title, visitorKeys: [], dedupeSeconds: 86_400 });
      if (batch.length === batchSize) {
        yield batch;
        batch = [];
      }
    }
  }
  if (batch.length) yield batch;
}

async function fillSqlite(root, file) {
  const { openDatabase } = await import(pathToFileURL(join(root, 'server/dist/stores/sqlite-db.js')).href);
  const connection = openDatabase(file);
  let shares = 0;
  for (const batch of history(20_000)) {
    connection.record(batch, Date.now());
    shares += batch.length;
  }
  connection.db.close();
  return shares;
}

async function fillRedis(root, url) {
  const { RedisStore } = await import(pathToFileURL(join(root, 'server/dist/stores/redis-store.js')).href);
  const store = new RedisStore(url);
  let shares = 0;
  for (const batch of history(2_000)) {
    await Promise.all(batch.map((share) => store.record(share)));
    shares += batch.length;
  }
  await store.close();
  return shares;
}

/** Milliseconds per call of `path` (median of `runs`, after one warm-up call). */
async function timed(base, path, runs) {
  const times = [];
  let bytes = 0;
  for (let i = 0; i <= runs; i++) {
    const start = performance.now();
    const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${TOKEN}` } });
    const body = await res.arrayBuffer();
    if (!res.ok) throw new Error(`${path}: ${res.status} ${Buffer.from(body).toString().slice(0, 200)}`);
    if (i > 0) times.push(performance.now() - start);
    bytes = body.byteLength;
  }
  return { ms: median(times), runs: times.map((t) => Math.round(t)), bytes };
}

function day(offset) {
  return new Date(Date.now() - offset * 86_400_000).toISOString().slice(0, 10);
}

const CASES = [
  ['30 days, top 100 pages', () => `/stats?from=${day(29)}&to=${day(0)}`],
  ['365 days, top 100 pages', () => `/stats?from=${day(364)}&to=${day(0)}`],
  ['365 days, totals only (limit=0)', () => `/stats?from=${day(364)}&to=${day(0)}&limit=0`],
  [
    '365 days, one page',
    () => `/stats?from=${day(364)}&to=${day(0)}&url=${encodeURIComponent('https://blog.example/posts/1-a-post')}`,
  ],
  ['30 days, CSV of every page', () => `/stats.csv?from=${day(29)}&to=${day(0)}`],
];

export async function runStats(root, { runs = 5, log = () => {} } = {}) {
  const t = tmp();
  const rows = [];
  let redis = null;
  try {
    const file = join(t.dir, 'stats.db');
    let start = performance.now();
    const shares = await fillSqlite(root, file);
    const fill = { sqlite: Math.round((performance.now() - start) / 1000) };
    log(`  stats: ${shares.toLocaleString('en-US')} shares written to SQLite in ${fill.sqlite} s`);
    const targets = [['sqlite', 'SQLite', `sqlite:${file}`]];
    redis = await startRedis();
    if (redis) {
      start = performance.now();
      await fillRedis(root, redis.url);
      fill.redis = Math.round((performance.now() - start) / 1000);
      log(`  stats: the same written to Redis in ${fill.redis} s`);
      targets.push(['redis', `Redis ${redis.version}`, redis.url]);
    }
    for (const [id, label, store] of targets) {
      const svc = await startService(root, store, ['--admin-token', TOKEN]);
      try {
        for (const [name, path] of CASES) {
          const result = await timed(svc.url, path(), runs);
          rows.push({ store: id, label, case: name, ...result });
          log(`  stats: ${label}, ${name}: ${result.ms.toFixed(1)} ms`);
        }
      } finally {
        await svc.stop();
      }
    }
    return { urls: URLS, days: DAYS, shares, fill, runs, rows };
  } finally {
    await redis?.stop();
    t.remove();
  }
}
