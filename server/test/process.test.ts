import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { CLI, getCounts, postShare, spawnCli, tempDir } from './helpers.js';

const url = 'https://example.com/durable';
const query = `url=${encodeURIComponent(url)}&networks=x,facebook`;

describe('the share-bar-server process', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  before(async () => ({ dir, cleanup } = await tempDir()));
  after(() => cleanup());

  test('creates the SQLite file and its folders, and counts survive a restart', async () => {
    const db = join(dir, 'nested', 'folder', 'restart.db');
    const first = await spawnCli(['--store', `sqlite:${db}`, '--trust-proxy', '--rate-limit', '0']);
    assert.match(first.stderr(), /no --allow-host given/);
    for (let i = 0; i < 5; i++) {
      assert.equal((await postShare(first.base, { url, network: 'x' }, { from: `10.0.0.${i}` })).status, 200);
    }
    first.child.kill('SIGTERM');
    assert.deepEqual(await first.exited, { code: 0, signal: null });
    assert.ok(existsSync(db));
    const second = await spawnCli(['--store', `sqlite:${db}`]);
    assert.deepEqual((await getCounts(second.base, query)).body, { x: 5, facebook: 0 });
    second.child.kill('SIGTERM');
    assert.equal((await second.exited).code, 0);
  });

  test('acknowledged POSTs survive kill -9 right after the answers', async () => {
    const db = join(dir, 'kill.db');
    const cli = await spawnCli(['--store', `sqlite:${db}`, '--trust-proxy', '--rate-limit', '0']);
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        postShare(cli.base, { url, network: i % 2 ? 'x' : 'facebook' }, { from: `10.1.${i >> 8}.${i & 255}` }),
      ),
    );
    cli.child.kill('SIGKILL');
    assert.ok(answers.every((r) => r.status === 200));
    assert.equal((await cli.exited).signal, 'SIGKILL');
    const again = await spawnCli(['--store', `sqlite:${db}`]);
    assert.deepEqual((await getCounts(again.base, query)).body, { x: 100, facebook: 100 });
    again.child.kill('SIGTERM');
    assert.equal((await again.exited).code, 0);
  });

  test('SIGTERM stops accepting, finishes the request in flight, closes the store and exits 0', async () => {
    const db = join(dir, 'term.db');
    const cli = await spawnCli(['--store', `sqlite:${db}`]);
    const body = JSON.stringify({ url, network: 'facebook' });
    // With `Expect: 100-continue` the server says when it has taken the request; then send half
    // the body, so the request is surely in flight when SIGTERM arrives.
    const req = request(`${cli.base}/counts`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', 'content-length': Buffer.byteLength(body), expect: '100-continue' },
    });
    const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
      req.on('response', (res) => {
        let data = '';
        res.setEncoding('utf8').on('data', (c: string) => (data += c));
        res.on('end', () => resolve({ status: res.statusCode!, body: data }));
      });
      req.on('error', reject);
    });
    await new Promise((resolve) => req.once('continue', resolve));
    req.write(body.slice(0, 10));
    cli.child.kill('SIGTERM');
    // New connections are refused once the signal is handled, while the process waits for us.
    for (let i = 0; ; i++) {
      const refused = await fetch(`${cli.base}/healthz`).then(
        () => false,
        () => true,
      );
      if (refused) break;
      assert.ok(i < 100, 'still accepting connections 10 s after SIGTERM');
      await sleep(100);
    }
    await sleep(200);
    assert.equal(cli.child.exitCode, null);
    req.end(body.slice(10));
    const { status, body: text } = await answer;
    assert.equal(status, 200);
    assert.equal((JSON.parse(text) as { count: number }).count, 1);
    assert.deepEqual(await cli.exited, { code: 0, signal: null });
    // Closing the last connection checkpoints the WAL into the database and removes it.
    assert.equal(existsSync(`${db}-wal`), false);
    const again = await spawnCli(['--store', `sqlite:${db}`]);
    assert.deepEqual((await getCounts(again.base, query)).body, { x: 0, facebook: 1 });
    again.child.kill('SIGTERM');
    await again.exited;
  });

  test('with 256 open files, 400 slow connections stop neither other clients nor the store', async () => {
    const db = join(dir, 'files.db');
    const cli = await spawnCli(['--store', `sqlite:${db}`, '--rate-limit', '0'], {}, CLI, [
      'prlimit',
      '--nofile=256:256',
    ]);
    const port = Number(new URL(cli.base).port);
    // Slowloris: each sends part of its headers and then nothing.
    const slow: Socket[] = [];
    await Promise.all(
      Array.from(
        { length: 400 },
        () =>
          new Promise<void>((resolve) => {
            const socket = connect(port, '127.0.0.1', () => {
              socket.write('GET /counts?url=x HTTP/1.1\r\nHost: x\r\n');
              resolve();
            });
            socket.on('error', () => resolve());
            slow.push(socket);
          }),
      ),
    );
    /** One request on a connection of its own; a reset or no answer within 5 s is an outcome too. */
    const attempt = (method: string, path: string, body?: string, agent: Agent | false = false) =>
      new Promise<number | string>((resolve) => {
        const headers = body === undefined ? {} : { 'content-type': 'text/plain' };
        const req = request(`${cli.base}${path}`, { method, agent, headers, timeout: 5000 }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode!));
        });
        req.on('timeout', () => req.destroy(new Error('no answer within 5 s')));
        req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
        req.end(body);
      });
    try {
      const outcomes: (number | string)[] = [];
      for (let i = 0; i < 20; i++) outcomes.push(await attempt('GET', `/counts?${query}`));
      outcomes.push(await attempt('POST', '/counts', JSON.stringify({ url, network: 'x' })));
      assert.deepEqual(
        outcomes,
        Array.from({ length: 21 }, () => 200),
      );
      // Keep-alive still works for a normal client.
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      const reused: boolean[] = [];
      for (let i = 0; i < 3; i++) {
        await new Promise<void>((resolve, reject) => {
          const req = request(`${cli.base}/healthz`, { agent }, (res) => {
            reused.push(req.reusedSocket);
            res.resume();
            res.on('end', () => resolve());
          });
          req.on('error', reject);
          req.end();
        });
      }
      agent.destroy();
      assert.equal(reused.filter(Boolean).length, 2);
    } finally {
      for (const socket of slow) socket.destroy();
      cli.child.kill('SIGTERM');
      assert.equal((await cli.exited).code, 0);
    }
  });

  test('bad flags exit 2 with usage; env vars configure the service', async () => {
    await assert.rejects(spawnCli(['--no-such-flag']), /exited with 2.*unknown option/is);
    await assert.rejects(spawnCli(['--rate-limit', 'lots']), /exited with 2/);
    await assert.rejects(spawnCli(['--store', 'mongodb://x']), /unknown store/);
    await assert.rejects(spawnCli(['--static', join(dir, 'no-such-folder')]), /is not a folder/);
    const cli = await spawnCli([], {
      SHARE_BAR_STORE: 'memory:',
      SHARE_BAR_ALLOW_HOSTS: 'example.com',
      SHARE_BAR_CORS_ORIGINS: 'https://example.com',
      SHARE_BAR_TRUST_PROXY: '1',
      SHARE_BAR_RATE_LIMIT: '1',
    });
    assert.doesNotMatch(cli.stderr(), /no --allow-host/);
    assert.equal((await getCounts(cli.base, `url=${encodeURIComponent('https://other.com/')}`)).status, 403);
    assert.equal((await postShare(cli.base, { url, network: 'x' }, { from: '10.2.0.1' })).status, 200);
    assert.equal((await postShare(cli.base, { url, network: 'x' }, { from: '10.2.0.1' })).status, 429);
    assert.equal((await postShare(cli.base, { url, network: 'x' }, { from: '10.2.0.2' })).status, 200);
    const cors = await fetch(`${cli.base}/healthz`, { headers: { origin: 'https://example.com' } });
    assert.equal(cors.headers.get('access-control-allow-origin'), 'https://example.com');
    cli.child.kill('SIGTERM');
    assert.equal((await cli.exited).code, 0);
  });

  test('--new-page-limit (SHARE_BAR_NEW_PAGE_LIMIT): new pages per address per day, then 429', async () => {
    for (const [args, env] of [
      [['--new-page-limit', '1'], {}],
      [[], { SHARE_BAR_NEW_PAGE_LIMIT: '1' }],
    ] as const) {
      const cli = await spawnCli(['--store', 'memory:', '--trust-proxy', '--rate-limit', '0', ...args], env);
      try {
        const post = (page: string, from: string) => postShare(cli.base, { url: page, network: 'x' }, { from });
        assert.equal((await post(`${url}/1`, '10.3.0.1')).status, 200);
        const second = await post(`${url}/2`, '10.3.0.1');
        assert.deepEqual([second.status, await second.json()], [429, { error: 'too many new pages' }]);
        assert.equal((await post(`${url}/1`, '10.3.0.1')).status, 200);
        assert.equal((await post(`${url}/2`, '10.3.0.2')).status, 200);
      } finally {
        cli.child.kill('SIGTERM');
        assert.equal((await cli.exited).code, 0);
      }
    }
  });
});
