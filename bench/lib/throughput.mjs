// Table 4: count-service throughput with autocannon (loopback, 50 connections, bounded in seconds),
// each case against the floor (bench/floor.mjs) measured in the same run; cases interleaved over rounds.
import autocannon from 'autocannon';
import { join } from 'node:path';
import { median, startProcess, startRedis, startService, tmp, sleep } from './util.mjs';

const PAGE = 'https://example.com/post/bench';
const NETWORKS = 'x,facebook,linkedin,pinterest';

function cannon(opts) {
  return new Promise((resolve, reject) => {
    const inst = autocannon({ connections: 50, pipelining: 1, timeout: 10, ...opts }, (err, res) =>
      err ? reject(err) : resolve(res),
    );
    autocannon.track; // no progress bar
    void inst;
  });
}

let visitor = 0;
const nextAddress = () => {
  const v = ++visitor;
  return `10.${(v >> 16) & 255}.${(v >> 8) & 255}.${v & 255}`;
};

function caseOptions(kind, base) {
  if (kind === 'get') {
    return { url: `${base}/counts?url=${encodeURIComponent(PAGE)}&networks=${NETWORKS}` };
  }
  if (kind === 'post') {
    const body = JSON.stringify({ url: PAGE, network: 'facebook' });
    return {
      url: `${base}/counts`,
      requests: [
        {
          method: 'POST',
          path: '/counts',
          body,
          setupRequest: (req) => ({
            ...req,
            headers: { ...req.headers, 'content-type': 'text/plain;charset=UTF-8', 'x-forwarded-for': nextAddress() },
          }),
        },
      ],
    };
  }
  // The floor, GET and POST alike.
  return { url: `${base}/counts?url=${encodeURIComponent(PAGE)}` };
}

const summary = (r) => ({
  rps: r.requests.average,
  p50: r.latency.p50,
  p99: r.latency.p99,
  total: r.requests.total,
  non2xx: r.non2xx,
  errors: r.errors,
  timeouts: r.timeouts,
});

export async function runThroughput(root, { seconds = 5, rounds = 3, log = () => {} } = {}) {
  const t = tmp();
  const targets = [];
  const stops = [];
  let redis = null;
  let redisNote = '';
  try {
    const floor = await startProcess([join(root, 'bench/floor.mjs')], { ready: /listening on (http:\/\/\S+)/ });
    stops.push(floor.stop);
    targets.push({
      id: 'floor',
      label: 'floor: bare node:http, constant JSON',
      base: floor.match[1],
      kinds: ['get', 'post'],
    });
    const sqlite = await startService(root, `sqlite:${join(t.dir, 'b.db')}`, ['--trust-proxy']);
    stops.push(sqlite.stop);
    targets.push({ id: 'sqlite', label: 'share-bar-server, SQLite', base: sqlite.url, kinds: ['get', 'post'] });
    redis = await startRedis();
    if (!redis) redisNote = 'redis-server is not installed: no Redis rows.';
    else {
      try {
        const svc = await startService(root, redis.url, ['--trust-proxy']);
        stops.push(svc.stop);
        targets.push({
          id: 'redis',
          label: `share-bar-server, Redis ${redis.version}`,
          base: svc.url,
          kinds: ['get', 'post'],
        });
      } catch (e) {
        redisNote = `the service did not start on ${redis.url}: ${String(e.message).split('\n')[0]}`;
      }
    }
    // Prime: one share so the GET answers a real count; a short warm-up of every case (JIT, page cache).
    for (const tg of targets) {
      if (tg.id !== 'floor') {
        await fetch(`${tg.base}/counts`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': '10.200.0.1' },
          body: JSON.stringify({ url: PAGE, network: 'facebook' }),
        });
      }
      for (const kind of tg.kinds) await cannon({ ...caseOptions(kind, tg.base), duration: 1 });
    }
    // Each case runs right after the floor for the same request kind, and its ratio is taken to that
    // floor run: the machine's load (other jobs on 2 cores) drifts less within a pair than across the run.
    const raw = {};
    const floorTarget = targets[0];
    for (let round = 0; round < rounds; round++) {
      for (const tg of targets.slice(1)) {
        for (const kind of tg.kinds) {
          const f = summary(await cannon({ ...caseOptions(kind, floorTarget.base), duration: seconds }));
          await sleep(200);
          const r = summary(await cannon({ ...caseOptions(kind, tg.base), duration: seconds }));
          await sleep(200);
          r.ratio = r.rps / f.rps;
          (raw[`floor:${kind}`] ??= []).push(f);
          (raw[`${tg.id}:${kind}`] ??= []).push(r);
        }
      }
      log(`  throughput: round ${round + 1}/${rounds} done`);
    }
    const cells = {};
    for (const [key, list] of Object.entries(raw)) {
      cells[key] = {
        rps: median(list.map((r) => r.rps)),
        ratio: key.startsWith('floor:') ? 1 : median(list.map((r) => r.ratio)),
        p50: median(list.map((r) => r.p50)),
        p99: median(list.map((r) => r.p99)),
        total: list.reduce((a, r) => a + r.total, 0),
        non2xx: list.reduce((a, r) => a + r.non2xx, 0),
        errors: list.reduce((a, r) => a + r.errors + r.timeouts, 0),
        rounds: list.map((r) => Math.round(r.rps)),
        ratios: list.map((r) => r.ratio),
      };
    }
    return {
      seconds,
      rounds,
      connections: 50,
      targets: targets.map(({ id, label }) => ({ id, label })),
      cells,
      redisNote,
    };
  } finally {
    for (const stop of stops.reverse()) await stop().catch(() => {});
    await redis?.stop();
    t.remove();
  }
}
