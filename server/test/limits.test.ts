import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { stat } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { getCounts, postShare, startService, tempDir } from './helpers.js';

const url = 'https://example.com/limits';

/** POSTs `count` shares one after another over one keep-alive connection. */
async function overOneConnection(base: string, count: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const body = JSON.stringify({ url, network: 'x' });
  const answers: { status: number; connection: string | undefined; reused: boolean }[] = [];
  try {
    for (let i = 0; i < count; i++) {
      answers.push(
        await new Promise((resolve, reject) => {
          const req = request(`${base}/counts`, { method: 'POST', agent, headers: { 'content-type': 'text/plain' } });
          req.on('response', (res) => {
            res.resume();
            res.on('end', () =>
              resolve({ status: res.statusCode!, connection: res.headers.connection, reused: req.reusedSocket }),
            );
          });
          req.on('error', reject);
          req.end(body);
        }),
      );
    }
  } finally {
    agent.destroy();
  }
  return answers;
}

describe('limits per client address', () => {
  test('a rate-limited client keeps its connection: 429 answers do not close it', async () => {
    const { base, close } = await startService({ store: 'memory:', rateLimit: 1 });
    try {
      const answers = await overOneConnection(base, 4);
      assert.deepEqual(
        answers.map((a) => a.status),
        [200, 429, 429, 429],
      );
      for (const [i, answer] of answers.entries()) {
        assert.notEqual(answer.connection, 'close', `answer ${i}`);
        assert.equal(answer.reused, i > 0, `answer ${i}`);
      }
    } finally {
      await close();
    }
  });

  test('the rate limit is a token bucket: after a burst, one POST per refill, never a second burst', async () => {
    const { base, close } = await startService({ store: 'memory:', trustProxy: true, rateLimit: 60 });
    try {
      const from = '10.20.0.1';
      for (let i = 0; i < 60; i++) {
        const res = await postShare(base, { url, network: 'x' }, { from });
        assert.equal(res.status, 200, `share ${i}`);
      }
      const limited = await postShare(base, { url, network: 'x' }, { from });
      assert.equal(limited.status, 429);
      // 60 a minute refill one a second: the wait is a second, not what is left of a minute.
      assert.equal(limited.headers.get('retry-after'), '1');
      await sleep(1100);
      assert.equal((await postShare(base, { url, network: 'x' }, { from })).status, 200);
      assert.equal((await postShare(base, { url, network: 'facebook' }, { from })).status, 429);
    } finally {
      await close();
    }
  });

  test('--trust-proxy takes only valid IP addresses from X-Forwarded-For; an IPv6 /64 is one client', async () => {
    const { base, close } = await startService({ store: 'memory:', trustProxy: true, rateLimit: 1 });
    try {
      const status = async (from: string) => (await postShare(base, { url, network: 'x' }, { from })).status;
      // Values that are not addresses fall back to the peer's address (the proxy's): one client.
      assert.equal(await status('not-an-address'), 200);
      for (const forged of ['junk-2', 'x'.repeat(8000), '999.1.1.1', '10.0.0.1.5', '1.2.3.4/8', '', ' , ']) {
        assert.equal(await status(forged), 429, forged.slice(0, 20));
      }
      // An IPv6 reader is one client per /64 network, whatever the host part.
      assert.equal(await status('2001:db8:1:2::1'), 200);
      assert.equal(await status('2001:db8:1:2:ffff:0:0:9'), 429);
      assert.equal(await status('2001:db8:1:3::1'), 200);
      // An IPv4 address is the same client written as IPv4-mapped IPv6.
      assert.equal(await status('10.30.0.7'), 200);
      assert.equal(await status('::ffff:10.30.0.7'), 429);
    } finally {
      await close();
    }
  });

  test('without --trust-proxy, POSTs carrying X-Forwarded-For are logged as a warning and counted in /metrics', async () => {
    const logged: string[] = [];
    const { base, close } = await startService({ store: 'memory:', rateLimit: 0, log: (line) => logged.push(line) });
    try {
      for (let i = 0; i < 20; i++) {
        assert.equal((await postShare(base, { url, network: 'x' }, { from: `10.40.0.${i}` })).status, 200);
      }
      const warnings = logged.filter((line) => /X-Forwarded-For/.test(line) && /--trust-proxy/.test(line));
      assert.equal(warnings.length, 1, logged.join('\n'));
      const metrics = await (await fetch(`${base}/metrics`)).text();
      assert.match(metrics, /^share_bar_untrusted_forwarded_requests_total 20$/m);
    } finally {
      await close();
    }
  });
});

describe('what one address can add to the counts and the store', () => {
  for (const kind of ['sqlite', 'memory']) {
    test(`${kind}: one address counts at most 20 times per (url, network) a day, whatever its user agent`, async () => {
      const { dir, cleanup } = await tempDir();
      const store = kind === 'sqlite' ? `sqlite:${join(dir, 'agents.db')}` : 'memory:';
      const { base, close } = await startService({ store, trustProxy: true, rateLimit: 0 });
      try {
        const counted: boolean[] = [];
        for (let i = 0; i < 25; i++) {
          const res = await postShare(base, { url, network: 'x' }, { from: '10.50.0.1', userAgent: `agent ${i}` });
          counted.push(((await res.json()) as { counted: boolean }).counted);
        }
        assert.deepEqual(counted, [...Array<boolean>(20).fill(true), ...Array<boolean>(5).fill(false)]);
        // Twenty colleagues behind one NAT address all count; the same agent twice never does.
        const again = await postShare(base, { url, network: 'x' }, { from: '10.50.0.2', userAgent: 'agent 0' });
        const twice = await postShare(base, { url, network: 'x' }, { from: '10.50.0.2', userAgent: 'agent 0' });
        assert.deepEqual(
          [
            ((await again.json()) as { counted: boolean }).counted,
            ((await twice.json()) as { counted: boolean }).counted,
          ],
          [true, false],
        );
        // The cap is per (url, network): the same address still counts elsewhere.
        const other = await postShare(base, { url, network: 'facebook' }, { from: '10.50.0.1', userAgent: 'agent 99' });
        assert.equal(((await other.json()) as { counted: boolean }).counted, true);
        assert.deepEqual((await getCounts(base, `url=${encodeURIComponent(url)}&networks=x,facebook`)).body, {
          x: 21,
          facebook: 1,
        });
      } finally {
        await close();
        await cleanup();
      }
    });
  }

  test('one address adds at most 200 new pages a day (429 past that), about 2 MB of SQLite for 2,000-character urls', async () => {
    const { dir, cleanup } = await tempDir();
    const db = join(dir, 'pages.db');
    const { base, close } = await startService({ store: `sqlite:${db}`, trustProxy: true, rateLimit: 0 });
    /** The database's size once the WAL is checkpointed into it (the WAL is a fixed-size journal). */
    const size = async () => {
      const connection = new Database(db);
      connection.pragma('wal_checkpoint(TRUNCATE)');
      connection.close();
      return (await stat(db)).size;
    };
    try {
      const page = (i: number) => `https://example.com/${String(i).padStart(4, '0')}/${'p'.repeat(1980)}`;
      assert.equal((await postShare(base, { url, network: 'x' }, { from: '10.60.0.9' })).status, 200);
      const before = await size();
      for (let i = 0; i < 200; i++) {
        const res = await postShare(base, { url: page(i), network: 'x' }, { from: '10.60.0.1' });
        assert.equal(res.status, 200, `page ${i}`);
      }
      const grown = (await size()) - before;
      assert.ok(grown < 2.5 * 2 ** 20, `the store grew by ${grown} bytes`);
      const refused = await postShare(base, { url: page(200), network: 'x' }, { from: '10.60.0.1' });
      assert.deepEqual([refused.status, await refused.json()], [429, { error: 'too many new pages' }]);
      assert.ok(Number(refused.headers.get('retry-after')) > 0);
      // Pages that already have a count, and other addresses, are not limited by this.
      for (const known of [url, page(0)]) {
        const res = await postShare(base, { url: known, network: 'facebook' }, { from: '10.60.0.1' });
        assert.equal(res.status, 200, known);
      }
      assert.equal((await postShare(base, { url: page(200), network: 'x' }, { from: '10.60.0.2' })).status, 200);
    } finally {
      await close();
      await cleanup();
    }
  });
});

describe('memory held for hostile queries', () => {
  test('3,000 GETs padded to 15 KB each keep at most a few MB of answers in memory', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const { base, close } = await startService({ store: 'memory:' });
    const agent = new Agent({ keepAlive: true, maxSockets: 16 });
    const get = (i: number) =>
      new Promise<number>((resolve, reject) => {
        const pad = `${i}-${'p'.repeat(15_000)}`;
        const path = `/counts?url=${encodeURIComponent(url)}&networks=x&pad=${pad}`;
        request(`${base}${path}`, { agent }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode!));
        })
          .on('error', reject)
          .end();
      });
    try {
      assert.equal(await get(-1), 200);
      gc();
      const before = process.memoryUsage().heapUsed;
      for (let i = 0; i < 3000; i += 16) {
        const statuses = await Promise.all(Array.from({ length: 16 }, (_, j) => get(i + j)));
        assert.deepEqual(new Set(statuses), new Set([200]));
      }
      gc();
      const grown = (process.memoryUsage().heapUsed - before) / 2 ** 20;
      // 3,000 queries of 15 KB are 45 MB; the answers kept for them must stay far below that.
      assert.ok(grown < 20, `heap grew by ${grown.toFixed(1)} MB`);
    } finally {
      agent.destroy();
      await close();
    }
  });
});
