import assert from 'node:assert/strict';
import { mkdir, symlink, truncate, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { NETWORK_IDS } from 'share-bar-server';
import { getCounts, postShare, startService, tempDir } from './helpers.js';

const PAGE = 'https://example.com/post';
const q = (url: string, networks?: string) =>
  `url=${encodeURIComponent(url)}${networks === undefined ? '' : `&networks=${encodeURIComponent(networks)}`}`;

/** A raw request, for paths and bodies fetch would normalise or refuse. */
function raw(base: string, method: string, path: string, headers: Record<string, string> = {}, body?: Buffer) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
    const req = request(`${base}${path}`, { method, headers }, (res) => {
      let data = '';
      res.setEncoding('utf8').on('data', (c: string) => (data += c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: data }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('count service over HTTP on a SQLite file', () => {
  let base: string;
  let close: () => Promise<void>;
  let cleanup: () => Promise<void>;
  let staticDir: string;

  before(async () => {
    const tmp = await tempDir();
    cleanup = tmp.cleanup;
    staticDir = join(tmp.dir, 'site');
    await mkdir(join(staticDir, 'sub'), { recursive: true });
    await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>demo</title>');
    await writeFile(join(staticDir, 'share-bar.bundle.js'), 'export {};');
    await writeFile(join(staticDir, '.env'), 'SECRET=1');
    await writeFile(join(tmp.dir, 'secret.txt'), 'outside');
    await symlink(join(tmp.dir, 'secret.txt'), join(staticDir, 'link.txt'));
    // A folder named like a host: `//evil.com` must not become a redirect to it.
    await mkdir(join(staticDir, 'evil.com'));
    // 3 GiB, sparse: more than the process could ever read into memory at once.
    await writeFile(join(staticDir, 'big.bin'), '');
    await truncate(join(staticDir, 'big.bin'), 3 * 2 ** 30);
    ({ base, close } = await startService({
      store: `sqlite:${join(tmp.dir, 'data', 'counts.db')}`,
      trustProxy: true,
      rateLimit: 0,
      staticDir,
    }));
  });
  after(async () => {
    await close();
    await cleanup();
  });

  test('GET /counts answers zeros for requested ids never shared, with cache headers and CORS', async () => {
    const { status, body, res } = await getCounts(base, q(PAGE, 'x,facebook linkedin'));
    assert.equal(status, 200);
    assert.deepEqual(body, { x: 0, facebook: 0, linkedin: 0 });
    assert.equal(res.headers.get('content-type'), 'application/json; charset=utf-8');
    assert.equal(res.headers.get('cache-control'), 'public, max-age=60, stale-while-revalidate=600');
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
  });

  test('POST records a share (text/plain and JSON), GET reflects it, every network id is accepted', async () => {
    const page = 'https://example.com/every-network';
    for (const network of NETWORK_IDS) {
      const res = await postShare(base, { url: page, network }, { from: '10.0.0.1' });
      assert.equal(res.status, 200, network);
      assert.deepEqual(await res.json(), { url: page, network, counted: true, count: 1 });
    }
    const json = await postShare(
      base,
      { url: page, network: 'x' },
      { from: '10.0.0.2', contentType: 'application/json' },
    );
    assert.equal(json.status, 200);
    assert.equal(((await json.json()) as { count: number }).count, 2);
    const all = await getCounts(base, q(page));
    assert.deepEqual(all.body, { ...Object.fromEntries(NETWORK_IDS.map((n) => [n, 1])), x: 2 });
    // `twitter` is an alias of x: counted under x, answered under the id asked for.
    const alias = await postShare(base, { url: page, network: 'twitter' }, { from: '10.0.0.3' });
    assert.equal(((await alias.json()) as { network: string }).network, 'x');
    assert.deepEqual((await getCounts(base, q(page, 'twitter,x'))).body, { twitter: 3, x: 3 });
  });

  test('without networks, only ids that have a count are answered', async () => {
    const page = 'https://example.com/only-shared';
    await postShare(base, { url: page, network: 'reddit' }, { from: '10.1.0.1' });
    assert.deepEqual((await getCounts(base, q(page))).body, { reddit: 1 });
    assert.deepEqual((await getCounts(base, q('https://example.com/never'))).body, {});
  });

  test('urls are normalised before counting', async () => {
    const variants = [
      'HTTPS://Example.COM:443/norm?id=1&utm_source=news&utm_medium=mail#top',
      'https://example.com/norm?fbclid=abc&id=1&gclid=z',
      'https://example.com./norm?id=1&mc_cid=1&mc_eid=2&UTM_Campaign=x',
    ];
    for (const [i, url] of variants.entries()) {
      const res = await postShare(base, { url, network: 'facebook' }, { from: `10.2.0.${i}` });
      assert.deepEqual(await res.json(), {
        url: 'https://example.com/norm?id=1',
        network: 'facebook',
        counted: true,
        count: i + 1,
      });
    }
    assert.deepEqual((await getCounts(base, q('https://example.com/norm?id=1#x', 'facebook'))).body, { facebook: 3 });
    // Default http port dropped; a non-default port is a different page.
    await postShare(base, { url: 'http://example.com:80/p', network: 'x' }, { from: '10.2.1.1' });
    assert.deepEqual((await getCounts(base, q('http://example.com/p', 'x'))).body, { x: 1 });
    assert.deepEqual((await getCounts(base, q('http://example.com:8080/p', 'x'))).body, { x: 0 });
  });

  test('one page is one url: tracking parameters go without re-encoding the rest, nor leave an empty ?', async () => {
    const forms: Record<string, string[]> = {
      'https://example.com/one': [
        'https://example.com/one?',
        'https://example.com/one?utm_source=x',
        'https://example.com/one?&utm_medium=y&',
        'https://example.com/one?#top',
      ],
      'https://example.com/one?a=A': [
        'https://example.com/one?a=%41',
        'https://example.com/one?a=%41&utm_source=x',
        'https://example.com/one?utm_source=x&a=A',
      ],
      'https://example.com/one?q=a%2Fb+c&z=1': ['https://example.com/one?q=a%2fb+c&fbclid=1&z=1'],
      'https://example.com/~user/page': ['https://example.com/%7Euser/p%61ge', 'https://example.com/%7euser/page?'],
    };
    let i = 0;
    for (const [normalised, variants] of Object.entries(forms)) {
      for (const url of [normalised, ...variants]) {
        const res = await postShare(base, { url, network: 'x' }, { from: `10.2.2.${i++}` });
        assert.equal(((await res.json()) as { url: string }).url, normalised, url);
      }
      const { body } = await getCounts(base, q(normalised, 'x'));
      assert.deepEqual(body, { x: variants.length + 1 }, normalised);
    }
  });

  test('one count per visitor per (url, network); another address or user agent counts again', async () => {
    const share = { url: 'https://example.com/dedupe', network: 'linkedin' };
    const first = (await (await postShare(base, share, { from: '10.3.0.1' })).json()) as Record<string, unknown>;
    const again = (await (await postShare(base, share, { from: '10.3.0.1' })).json()) as Record<string, unknown>;
    assert.deepEqual([first.counted, first.count, again.counted, again.count], [true, 1, false, 1]);
    const otherAddress = (await (await postShare(base, share, { from: '10.3.0.2' })).json()) as Record<string, unknown>;
    const otherAgent = await postShare(base, share, { from: '10.3.0.1', userAgent: 'another browser' });
    assert.equal(otherAddress.count, 2);
    assert.equal(((await otherAgent.json()) as { count: number }).count, 3);
    // The same visitor on another network or another page is a new share.
    const otherNetwork = await postShare(base, { ...share, network: 'x' }, { from: '10.3.0.1' });
    assert.equal(((await otherNetwork.json()) as { counted: boolean }).counted, true);
    // With a trusted proxy, the rightmost X-Forwarded-For entry is the client; left ones are client-written.
    const spoofed = await postShare(base, share, { from: '1.2.3.4, 10.3.0.1' });
    assert.equal(((await spoofed.json()) as { counted: boolean }).counted, false);
  });

  test('500 concurrent POSTs from distinct visitors are counted exactly; 100 from one visitor once', async () => {
    const url = 'https://example.com/concurrent';
    const answers = await Promise.all(
      Array.from({ length: 500 }, (_, i) =>
        postShare(base, { url, network: 'x' }, { from: `10.4.${i >> 8}.${i & 255}` }).then((r) => r.status),
      ),
    );
    assert.deepEqual(new Set(answers), new Set([200]));
    const same = await Promise.all(
      Array.from({ length: 100 }, () =>
        postShare(base, { url, network: 'facebook' }, { from: '10.5.0.1' }).then(
          async (r) => ((await r.json()) as { counted: boolean }).counted,
        ),
      ),
    );
    assert.equal(same.filter(Boolean).length, 1);
    assert.deepEqual((await getCounts(base, q(url, 'x,facebook'))).body, { x: 500, facebook: 1 });
  });

  test('bad, missing, repeated, non-http(s) and overlong urls answer 400 with a JSON error; unknown ids are skipped', async () => {
    const cases = [
      '',
      'networks=x',
      `url=${encodeURIComponent(PAGE)}&url=${encodeURIComponent(PAGE)}`,
      'url=not%20a%20url',
      'url=%2Fpath-only',
      `url=${encodeURIComponent('javascript:alert(1)')}`,
      `url=${encodeURIComponent('ftp://example.com/file')}`,
      `url=${encodeURIComponent('https://user:pw@example.com/')}`,
      `url=${encodeURIComponent(`https://example.com/${'a'.repeat(2030)}`)}`,
    ];
    for (const query of cases) {
      const { status, body, res } = await getCounts(base, query);
      assert.equal(status, 400, query);
      assert.equal(typeof (body as { error: unknown }).error, 'string', query);
      assert.equal(res.headers.get('content-type'), 'application/json; charset=utf-8');
      assert.equal(res.headers.get('access-control-allow-origin'), '*');
    }
    // Ids the service does not count are left out of a GET's answer, not an error for the others.
    assert.deepEqual((await getCounts(base, q(PAGE, 'x,myspace'))).body, { x: 0 });
    const dead = await getCounts(base, q(PAGE, 'googleplus'));
    assert.equal(dead.status, 200);
    assert.deepEqual(dead.body, {});
    // Exactly 2048 characters is still fine.
    const longest = `https://example.com/${'a'.repeat(2048 - 'https://example.com/'.length)}`;
    assert.equal((await getCounts(base, q(longest, 'x'))).status, 200);
  });

  test('bad POST bodies: 400 for JSON and fields, 413 over 4 KiB, 415 for other content types', async () => {
    const bad = [
      'not json',
      '[1,2]',
      'null',
      JSON.stringify({ network: 'x' }),
      JSON.stringify({ url: PAGE }),
      JSON.stringify({ url: PAGE, network: 'friendster' }),
      JSON.stringify({ url: 42, network: 'x' }),
      JSON.stringify({ url: 'mailto:a@b.c', network: 'email' }),
    ];
    for (const body of bad) {
      const res = await postShare(base, body, { from: '10.6.0.1' });
      assert.equal(res.status, 400, body);
      assert.ok(((await res.json()) as { error: string }).error, body);
    }
    const big = JSON.stringify({ url: PAGE, network: 'x', pad: 'x'.repeat(4100) });
    const tooBig = await postShare(base, big, { from: '10.6.0.1' });
    assert.equal(tooBig.status, 413);
    assert.deepEqual(await tooBig.json(), { error: 'body too large' });
    // Without Content-Length (chunked), the limit holds while reading.
    const chunked = await raw(
      base,
      'POST',
      '/counts',
      { 'content-type': 'text/plain', 'transfer-encoding': 'chunked' },
      Buffer.from(big),
    );
    assert.equal(chunked.status, 413);
    for (const type of [
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'text/plain; charset=latin1',
    ]) {
      const res = await postShare(base, { url: PAGE, network: 'x' }, { contentType: type, from: '10.6.0.1' });
      assert.equal(res.status, 415, type);
      assert.equal(res.headers.get('content-type'), 'application/json; charset=utf-8');
    }
    // The service is still up and counting.
    assert.equal((await postShare(base, { url: PAGE, network: 'vk' }, { from: '10.6.0.2' })).status, 200);
  });

  test('OPTIONS preflight, /healthz, /metrics, 404 and 405', async () => {
    const pre = await fetch(`${base}/counts`, {
      method: 'OPTIONS',
      headers: { origin: 'https://blog.example', 'access-control-request-method': 'POST' },
    });
    assert.equal(pre.status, 204);
    assert.equal(pre.headers.get('access-control-allow-origin'), '*');
    assert.match(pre.headers.get('access-control-allow-methods')!, /POST/);
    const health = await fetch(`${base}/healthz`);
    assert.deepEqual([health.status, await health.json()], [200, { status: 'ok' }]);
    const metrics = await fetch(`${base}/metrics`);
    assert.match(metrics.headers.get('content-type')!, /^text\/plain; version=0\.0\.4/);
    const text = await metrics.text();
    assert.match(text, /^share_bar_http_requests_total\{route="\/counts",status="200"\} \d+$/m);
    assert.match(text, /^share_bar_http_requests_total\{route="\/counts",status="413"\} 2$/m);
    assert.match(text, /^share_bar_shares_recorded_total [1-9]\d*$/m);
    assert.match(text, /^share_bar_store_duration_seconds_count\{op="record"\} [1-9]\d*$/m);
    const del = await fetch(`${base}/counts`, { method: 'DELETE' });
    assert.equal(del.status, 405);
    assert.match(del.headers.get('allow')!, /POST/);
    const missing = await fetch(`${base}/nope.html`);
    assert.deepEqual([missing.status, await missing.json()], [404, { error: 'not found' }]);
  });

  test('malformed requests get 4xx answers and the service keeps running', async () => {
    const { connect } = await import('node:net');
    const send = (bytes: string | Buffer) =>
      new Promise<string>((resolve) => {
        const socket = connect(Number(new URL(base).port), '127.0.0.1');
        let data = '';
        socket.on('data', (chunk) => (data += chunk.toString('latin1')));
        socket.on('close', () => resolve(data));
        socket.on('error', () => resolve(data));
        socket.write(bytes);
      });
    assert.match(await send('\x00\x01 garbage\r\n\r\n'), /^HTTP\/1\.1 400/);
    assert.match(
      await send('GET /counts?url=%zz%%&networks=%ff HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'),
      /^HTTP\/1\.1 400/,
    );
    // Absolute-form targets are routed by their path; the Host header plays no part.
    assert.match(
      await send('GET http://evil/counts HTTP/1.1\r\nHost: \r\nConnection: close\r\n\r\n'),
      /^HTTP\/1\.1 400[^]*missing url/,
    );
    const invalidUtf8 = Buffer.concat([
      Buffer.from('{"url":"https://example.com/\xff'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('","network":"x"}'),
    ]);
    const bad = await raw(base, 'POST', '/counts', { 'content-type': 'text/plain' }, invalidUtf8);
    assert.deepEqual([bad.status, JSON.parse(bad.body)], [400, { error: 'body must be JSON' }]);
    const head = await fetch(`${base}/counts?${q(PAGE, 'x')}`, { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(head.headers.get('cache-control'), 'public, max-age=60, stale-while-revalidate=600');
    assert.equal((await fetch(`${base}/healthz`)).status, 200);
  });

  test('--static serves files with content types and never anything outside its folder', async () => {
    const index = await fetch(`${base}/`);
    assert.equal(index.status, 200);
    assert.equal(index.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.match(await index.text(), /<title>demo<\/title>/);
    const bundle = await fetch(`${base}/share-bar.bundle.js`);
    assert.equal(bundle.headers.get('content-type'), 'text/javascript; charset=utf-8');
    assert.equal((await fetch(`${base}/sub`, { redirect: 'manual' })).status, 301);
    const attempts = [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2E%2E%2Fsecret.txt',
      '/..%2fsecret.txt',
      '/..%5csecret.txt',
      '/sub/..%2f..%2fsecret.txt',
      '/%2fetc%2fpasswd',
      '//etc/passwd',
      '/etc/passwd',
      '/.env',
      '/link.txt',
      '/%00',
      '/%E0%A4%A',
    ];
    for (const path of attempts) {
      const res = await raw(base, 'GET', path);
      assert.ok([400, 403, 404].includes(res.status), `${path} → ${res.status}`);
      assert.doesNotMatch(res.body, /outside|SECRET|root:/, path);
    }
  });

  test('--static redirects a folder only to a path on this host (no open redirect)', async () => {
    for (const path of ['//evil.com', '/\\evil.com', '///evil.com']) {
      const res = await raw(base, 'GET', path);
      assert.equal(res.status, 301, path);
      assert.equal(res.headers.location, '/evil.com/', path);
    }
  });

  test('--static streams files: a 3 GiB file is served, HEAD answers its length without a body', async () => {
    const head = await raw(base, 'HEAD', '/big.bin');
    assert.deepEqual([head.status, head.headers['content-length'], head.body], [200, String(3 * 2 ** 30), '']);
    const first = await new Promise<{ status: number; bytes: number }>((resolve, reject) => {
      const req = request(`${base}/big.bin`, (res) => {
        res.once('data', (chunk: Buffer) => {
          resolve({ status: res.statusCode!, bytes: chunk.byteLength });
          // Hang up mid-file, as a reader closing the tab does.
          req.destroy();
        });
      });
      req.on('error', () => {});
      req.once('error', reject);
      req.end();
    });
    assert.equal(first.status, 200);
    assert.ok(first.bytes > 0);
    assert.equal((await fetch(`${base}/healthz`)).status, 200);
  });

  test('--static answers carry a Content-Security-Policy, frame-ancestors and nosniff; /metrics has no CORS', async () => {
    for (const path of ['/', '/share-bar.bundle.js']) {
      const res = await fetch(`${base}${path}`);
      assert.equal(res.status, 200, path);
      const policy = res.headers.get('content-security-policy') ?? '';
      assert.match(policy, /default-src 'self'/, path);
      assert.match(policy, /frame-ancestors 'self'/, path);
      assert.match(policy, /object-src 'none'/, path);
      assert.equal(res.headers.get('x-frame-options'), 'SAMEORIGIN', path);
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff', path);
    }
    const metrics = await fetch(`${base}/metrics`, { headers: { origin: 'https://evil.example' } });
    assert.equal(metrics.status, 200);
    assert.equal(metrics.headers.get('access-control-allow-origin'), null);
    // The counts themselves stay readable from any page.
    const counts = await fetch(`${base}/counts?${q(PAGE, 'x')}`, { headers: { origin: 'https://evil.example' } });
    assert.equal(counts.headers.get('access-control-allow-origin'), '*');
  });
});

describe('--static on the folder that holds the store', () => {
  test("never serves the store's files (*.db, -wal, -shm, -journal, the store file by any name) nor .git", async () => {
    const { dir, cleanup } = await tempDir();
    // `--static .` with the default store: the database sits in the folder being served.
    await writeFile(join(dir, 'index.html'), '<!doctype html><title>site</title>');
    await mkdir(join(dir, '.git'));
    await writeFile(join(dir, '.git', 'config'), '[core]');
    await writeFile(join(dir, 'old-backup.db'), 'SQLite format 3');
    await writeFile(join(dir, 'other.sqlite-journal'), 'journal');
    try {
      for (const name of ['share-bar.db', 'counts.data']) {
        const { base, close } = await startService({ store: `sqlite:${join(dir, name)}`, staticDir: dir });
        try {
          assert.equal((await postShare(base, { url: PAGE, network: 'x' })).status, 200);
          assert.equal((await fetch(`${base}/index.html`)).status, 200);
          const paths = [
            name,
            `${name}-wal`,
            `${name}-shm`,
            `${name}-journal`,
            'old-backup.db',
            'other.sqlite-journal',
          ];
          for (const path of [...paths.map((p) => `/${p}`), '/.git/config', '/.git/']) {
            const res = await raw(base, 'GET', path);
            assert.equal(res.status, 404, `${path} → ${res.status}`);
            assert.doesNotMatch(res.body, /SQLite|journal|core/, path);
          }
        } finally {
          await close();
        }
      }
    } finally {
      await cleanup();
    }
  });
});

describe('configured limits', () => {
  let base: string;
  let close: () => Promise<void>;
  let cleanup: () => Promise<void>;

  before(async () => {
    const tmp = await tempDir();
    cleanup = tmp.cleanup;
    ({ base, close } = await startService({
      store: `sqlite:${join(tmp.dir, 'counts.db')}`,
      trustProxy: true,
      rateLimit: 3,
      allowHosts: ['example.com', '*.example.org'],
      corsOrigins: ['https://example.com'],
    }));
  });
  after(async () => {
    await close();
    await cleanup();
  });

  test('rate limit per client address answers 429 with Retry-After', async () => {
    const share = { url: 'https://example.com/limited', network: 'x' };
    for (let i = 0; i < 3; i++) assert.equal((await postShare(base, share, { from: '10.7.0.1' })).status, 200);
    const limited = await postShare(base, share, { from: '10.7.0.1' });
    assert.equal(limited.status, 429);
    const retryAfter = Number(limited.headers.get('retry-after'));
    assert.ok(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60, String(retryAfter));
    assert.deepEqual(await limited.json(), { error: 'too many requests' });
    // Other addresses are unaffected; GETs are never limited.
    assert.equal((await postShare(base, share, { from: '10.7.0.2' })).status, 200);
    assert.equal((await getCounts(base, `url=${encodeURIComponent(share.url)}`)).status, 200);
  });

  test('host allow-list with *. wildcards answers 403 for other hosts', async () => {
    const allowed = ['https://example.com/a', 'https://blog.example.org/a', 'https://a.b.example.org/'];
    for (const url of allowed) assert.equal((await getCounts(base, `url=${encodeURIComponent(url)}`)).status, 200, url);
    const denied = [
      'https://evil.com/a',
      'https://example.org/a',
      'https://notexample.org/',
      'https://sub.example.com/',
    ];
    for (const url of denied) {
      const { status, body } = await getCounts(base, `url=${encodeURIComponent(url)}`);
      assert.deepEqual([status, body], [403, { error: 'host not allowed' }], url);
    }
    const post = await postShare(base, { url: 'https://evil.com/', network: 'x' }, { from: '10.8.0.1' });
    assert.equal(post.status, 403);
  });

  test('hosts that are not host names answer 400, also under an allowed wildcard', async () => {
    const junk = [
      'https://*.example.org/',
      'https://..example.org/',
      'https://a..example.org/',
      'https://-a.example.org/',
      'https://a-.example.org/',
      `https://${'a'.repeat(64)}.example.org/`,
      'https://a*b.example.org/',
    ];
    for (const [i, url] of junk.entries()) {
      const { status, body } = await getCounts(base, `url=${encodeURIComponent(url)}`);
      assert.deepEqual([status, body], [400, { error: 'invalid host' }], url);
      const post = await postShare(base, { url, network: 'x' }, { from: `10.8.1.${i}` });
      assert.equal(post.status, 400, url);
    }
    // Real names still count: digits, hyphens inside, underscores, punycode, 63-character labels.
    const fine = ['https://a-1.example.org/', 'https://my_blog.example.org/', 'https://xn--bcher-kva.example.org/'];
    for (const url of [...fine, `https://${'a'.repeat(63)}.example.org/`]) {
      assert.equal((await getCounts(base, `url=${encodeURIComponent(url)}`)).status, 200, url);
    }
  });

  test('with a list of origins, a POST from another origin answers 403 and is not counted', async () => {
    const url = 'https://example.com/cross-origin';
    const count = async () => (await getCounts(base, `url=${encodeURIComponent(url)}&networks=x`)).body;
    for (const [i, origin] of ['https://evil.com', 'null', 'https://example.com.evil.com'].entries()) {
      const res = await postShare(base, { url, network: 'x' }, { from: `10.9.0.${i}`, origin });
      assert.deepEqual([res.status, await res.json()], [403, { error: 'origin not allowed' }], origin);
    }
    assert.deepEqual(await count(), { x: 0 });
    // A listed origin, and a client that sends none (not a browser), are counted.
    const listed = await postShare(base, { url, network: 'x' }, { from: '10.9.1.1', origin: 'https://example.com' });
    assert.equal(listed.status, 200);
    assert.equal((await postShare(base, { url, network: 'x' }, { from: '10.9.1.2' })).status, 200);
    assert.deepEqual(await count(), { x: 2 });
  });

  test('CORS echoes only listed origins', async () => {
    const url = `${base}/counts?url=${encodeURIComponent('https://example.com/')}`;
    const ok = await fetch(url, { headers: { origin: 'https://example.com' } });
    assert.equal(ok.headers.get('access-control-allow-origin'), 'https://example.com');
    assert.match(ok.headers.get('vary')!, /Origin/);
    const other = await fetch(url, { headers: { origin: 'https://evil.com' } });
    assert.equal(other.headers.get('access-control-allow-origin'), null);
  });
});
