import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { CountStore } from 'share-bar-server';
import { RedisStore } from 'share-bar-server/redis-store';
import { SqliteStore } from 'share-bar-server/sqlite-store';
import {
  httpRequest,
  postShare,
  spawnCli,
  redisFixture,
  startService,
  visitorShare as share,
  flushRedis,
} from './helpers.js';

const TOKEN = 'test-admin-token-0123456789';
const BEARER = { authorization: `Bearer ${TOKEN}` };
const HOSTILE = '<img src=x onerror=window.__pwned=1><script>window.__pwned=2</script>';
const home = 'https://example.com/';
const post = 'https://example.com/post';
const quiet = 'https://example.com/quiet';
const today = new Date().toISOString().slice(0, 10);

/** March 2026: home x 3 + facebook 1, post linkedin 2 + x 2 (tied with home at 4), quiet email 1. */
async function fill(store: CountStore): Promise<void> {
  const shares = [
    share(home, 'x', '2026-03-01', 'Home'),
    share(home, 'x', '2026-03-01'),
    share(home, 'x', '2026-03-05'),
    share(home, 'facebook', '2026-03-05'),
    share(post, 'linkedin', '2026-03-02', HOSTILE),
    share(post, 'linkedin', '2026-03-03'),
    share(post, 'x', '2026-03-03'),
    share(post, 'x', '2026-03-31'),
    share(quiet, 'email', '2026-03-04', '=HYPERLINK("http://evil.example","click"), "quoted"'),
    share(home, 'x', '2026-02-28'),
    share(home, 'x', '2026-04-01'),
  ];
  for (const one of shares) await store.record(one);
}

/** GET with the admin token (or `headers`), answered with status, headers and parsed body. */
async function get(base: string, path: string, headers: Record<string, string> = BEARER) {
  const res = await httpRequest(`${base}${path}`, 'GET', headers);
  const text = await res.text();
  const json = res.headers.get('content-type')?.startsWith('application/json') ? JSON.parse(text) : undefined;
  return { status: res.status, headers: res.headers, text, json };
}

const march = '?from=2026-03-01&to=2026-03-31';

describe('statistics over HTTP', () => {
  const fixture = redisFixture();

  const stores: [string, () => CountStore][] = [
    ['sqlite', () => new SqliteStore(join(fixture.dir, `stats-${Math.random()}.db`))],
    ['redis', () => new RedisStore(fixture.redis.url)],
  ];
  for (const [name, open] of stores) {
    describe(`on ${name}`, () => {
      let base: string;
      let close: () => Promise<void>;
      before(async () => {
        const store = open();
        if (name === 'redis') await flushRedis(fixture.redis.url);
        await fill(store);
        ({ base, close } = await startService({ store, adminToken: TOKEN, trustProxy: true, rateLimit: 0 }));
      });
      after(() => close());

      test('every day of the range, zeros included, with totals per day and per network', async () => {
        const { status, json, headers } = await get(base, '/stats?from=2026-02-27&to=2026-03-06');
        assert.equal(status, 200);
        assert.equal(headers.get('cache-control'), 'no-store');
        assert.deepEqual(json.days, [
          { day: '2026-02-27', total: 0, networks: {} },
          { day: '2026-02-28', total: 1, networks: { x: 1 } },
          { day: '2026-03-01', total: 2, networks: { x: 2 } },
          { day: '2026-03-02', total: 1, networks: { linkedin: 1 } },
          { day: '2026-03-03', total: 2, networks: { linkedin: 1, x: 1 } },
          { day: '2026-03-04', total: 1, networks: { email: 1 } },
          { day: '2026-03-05', total: 2, networks: { facebook: 1, x: 1 } },
          { day: '2026-03-06', total: 0, networks: {} },
        ]);
        assert.equal(json.from, '2026-02-27');
        assert.equal(json.to, '2026-03-06');
        assert.equal(json.total, 9);
        // Most shared first.
        assert.deepEqual(Object.entries(json.networks), [
          ['x', 5],
          ['linkedin', 2],
          ['email', 1],
          ['facebook', 1],
        ]);
      });

      test('pages sorted by total (ties by url), with latest titles and networks; limit', async () => {
        const { json } = await get(base, `/stats${march}`);
        assert.equal(json.total, 9);
        assert.deepEqual(json.pages, [
          { url: home, title: 'Home', total: 4, networks: { x: 3, facebook: 1 } },
          { url: post, title: HOSTILE, total: 4, networks: { linkedin: 2, x: 2 } },
          {
            url: quiet,
            title: '=HYPERLINK("http://evil.example","click"), "quoted"',
            total: 1,
            networks: { email: 1 },
          },
        ]);
        assert.deepEqual(
          (await get(base, `/stats${march}&limit=2`)).json.pages.map((page: { url: string }) => page.url),
          [home, post],
        );
        const none = await get(base, `/stats${march}&limit=0`);
        assert.deepEqual(none.json.pages, []);
        assert.equal(none.json.total, 9);
      });

      test('url narrows everything to one page, as normalised', async () => {
        const url = encodeURIComponent('HTTPS://Example.com/post?utm_source=x#top');
        const { json } = await get(base, `/stats${march}&url=${url}`);
        assert.equal(json.total, 4);
        assert.deepEqual(json.networks, { linkedin: 2, x: 2 });
        assert.deepEqual(json.pages, [{ url: post, title: HOSTILE, total: 4, networks: { linkedin: 2, x: 2 } }]);
        assert.equal(json.days.length, 31);
        assert.deepEqual(
          json.days.filter((day: { total: number }) => day.total > 0),
          [
            { day: '2026-03-02', total: 1, networks: { linkedin: 1 } },
            { day: '2026-03-03', total: 2, networks: { linkedin: 1, x: 1 } },
            { day: '2026-03-31', total: 1, networks: { x: 1 } },
          ],
        );
        const never = await get(base, `/stats${march}&url=${encodeURIComponent('https://example.com/never')}`);
        assert.equal(never.status, 200);
        assert.equal(never.json.total, 0);
        assert.deepEqual(never.json.pages, []);
      });

      test('without from and to: the last 30 days, today included', async () => {
        const { json } = await get(base, '/stats');
        assert.equal(json.days.length, 30);
        assert.equal(json.to, today);
        assert.equal(json.days[29].day, today);
        assert.equal(json.days[0].day, json.from);
        const earlier = await get(base, '/stats?to=2026-03-31');
        assert.equal(earlier.json.from, '2026-03-02');
        assert.equal(earlier.json.total, 7);
      });

      test('clear 400 errors for bad days, reversed and too long ranges, bad limits and urls', async () => {
        const cases: [string, RegExp][] = [
          ['?from=2026-02-30&to=2026-03-01', /from must be a day as YYYY-MM-DD, got "2026-02-30"/],
          ['?from=2026-3-1&to=2026-03-05', /from must be a day/],
          ['?to=yesterday', /to must be a day/],
          ['?from=2026-03-05&to=2026-03-01', /from \(2026-03-05\) is after to \(2026-03-01\)/],
          ['?from=2025-01-01&to=2026-01-02', /the range is 367 days long: at most 366 days/],
          [`${march}&limit=-1`, /limit must be a whole number from 0 to 1000/],
          [`${march}&limit=1001`, /limit must be a whole number from 0 to 1000/],
          [`${march}&limit=ten`, /limit must be a whole number/],
          [`${march}&from=2026-03-02`, /repeated from/],
          [`${march}&url=javascript:alert(1)`, /url must be http or https/],
        ];
        for (const [query, message] of cases) {
          for (const path of ['/stats', '/stats.csv']) {
            const { status, json } = await get(base, `${path}${query}`);
            assert.equal(status, 400, `${path}${query}`);
            assert.match(json.error, message, `${path}${query}`);
          }
        }
        assert.equal((await get(base, '/stats?from=2025-01-01&to=2026-01-01')).status, 200);
      });

      test('CSV: header, one row per day, url and network, quoted and formula-safe', async () => {
        const { status, headers, text } = await get(base, `/stats.csv${march}`);
        assert.equal(status, 200);
        assert.equal(headers.get('content-type'), 'text/csv; charset=utf-8; header=present');
        assert.equal(
          headers.get('content-disposition'),
          'attachment; filename="share-statistics-2026-03-01-to-2026-03-31.csv"',
        );
        assert.equal(headers.get('cache-control'), 'no-store');
        // Markup is data in a CSV too: no quoting needed, nothing escaped.
        const hostile = HOSTILE;
        assert.equal(
          text,
          [
            'day,url,title,network,shares',
            `2026-03-01,${home},Home,x,2`,
            `2026-03-02,${post},${hostile},linkedin,1`,
            `2026-03-03,${post},${hostile},linkedin,1`,
            `2026-03-03,${post},${hostile},x,1`,
            `2026-03-04,${quiet},"'=HYPERLINK(""http://evil.example"",""click""), ""quoted""",email,1`,
            `2026-03-05,${home},Home,facebook,1`,
            `2026-03-05,${home},Home,x,1`,
            `2026-03-31,${post},${hostile},x,1`,
            '',
          ].join('\r\n'),
        );
        const narrowed = await get(base, `/stats.csv${march}&url=${encodeURIComponent(home)}`);
        assert.deepEqual(narrowed.text.trim().split('\r\n').slice(1), [
          `2026-03-01,${home},Home,x,2`,
          `2026-03-05,${home},Home,facebook,1`,
          `2026-03-05,${home},Home,x,1`,
        ]);
        // limit keeps the rows of the pages /stats lists with the same query.
        const top = await get(base, `/stats.csv${march}&limit=1`);
        assert.deepEqual(
          new Set(
            top.text
              .trim()
              .split('\r\n')
              .slice(1)
              .map((line) => line.split(',')[1]),
          ),
          new Set([home]),
        );
        const empty = await get(base, '/stats.csv?from=2020-01-01&to=2020-01-31');
        assert.equal(empty.text, 'day,url,title,network,shares\r\n');
      });

      test('a POST names its page: the latest title wins, cut to 300 characters, always as data', async () => {
        const page = `https://example.com/titled-${name}`;
        const posted = async (title: unknown, from: string) =>
          (await postShare(base, { url: page, network: 'x', title }, { from })).status;
        assert.equal(await posted('First title', '10.7.0.1'), 200);
        assert.equal(await posted(42, '10.7.0.2'), 200);
        const query = `/stats?from=${today}&to=${today}&url=${encodeURIComponent(page)}`;
        assert.equal((await get(base, query)).json.pages[0].title, 'First title');
        assert.equal(await posted(`  ${HOSTILE}\n\t `, '10.7.0.3'), 200);
        assert.equal((await get(base, query)).json.pages[0].title, HOSTILE);
        assert.equal(await posted('é'.repeat(299) + '😀😀', '10.7.0.4'), 200);
        const { json } = await get(base, query);
        assert.equal(json.pages[0].title, 'é'.repeat(299) + '😀');
        assert.equal(json.pages[0].total, 4);
      });
    });
  }

  describe('access', () => {
    let base: string;
    let close: () => Promise<void>;
    before(async () => {
      ({ base, close } = await startService({
        store: `sqlite:${join(fixture.dir, 'access.db')}`,
        adminToken: TOKEN,
        trustProxy: true,
        rateLimit: 0,
      }));
    });
    after(() => close());

    const login = (headers: Record<string, string>, body: unknown = { token: TOKEN }) =>
      httpRequest(`${base}/dashboard/session`, 'POST', headers, JSON.stringify(body));
    const sameOrigin = () => ({ 'content-type': 'application/json', origin: base, 'x-forwarded-for': '10.3.0.1' });

    test('a missing or wrong token is a 401 JSON error; the API takes only the bearer token', async () => {
      const attempts: Record<string, string>[] = [
        {},
        { authorization: 'Bearer wrong-token' },
        { authorization: `Basic ${TOKEN}` },
      ];
      for (const headers of attempts) {
        for (const path of ['/stats', '/stats.csv', '/dashboard/stats', '/dashboard/stats.csv']) {
          const res = await get(base, path, { ...headers, 'x-forwarded-for': '10.4.0.1' });
          assert.equal(res.status, 401, `${path} ${JSON.stringify(headers)}`);
          assert.equal(typeof res.json.error, 'string');
          assert.equal(res.headers.get('www-authenticate'), 'Bearer realm="share-bar statistics"');
        }
      }
      assert.equal((await get(base, '/stats', { authorization: `bearer  ${TOKEN}` })).status, 200);
    });

    test('repeated wrong tokens from one address get 429 with Retry-After, even with the right token', async () => {
      const from = { 'x-forwarded-for': '10.5.0.1' };
      for (let i = 0; i < 10; i++) {
        const res = await get(base, '/stats', { ...from, authorization: `Bearer guess-${i}` });
        assert.equal(res.status, i < 9 ? 401 : 429, `attempt ${i + 1}`);
      }
      const limited = await get(base, '/stats', { ...from, ...BEARER });
      assert.equal(limited.status, 429);
      assert.match(limited.json.error, /too many wrong tokens/);
      const retryAfter = Number(limited.headers.get('retry-after'));
      assert.ok(retryAfter > 800 && retryAfter <= 900, `Retry-After ${retryAfter}`);
      const tried = await login({ ...sameOrigin(), 'x-forwarded-for': '10.5.0.1' });
      assert.equal(tried.status, 429);
      // Another address is not held back.
      assert.equal((await get(base, '/stats', { 'x-forwarded-for': '10.5.0.2', ...BEARER })).status, 200);
    });

    test('the dashboard session: an HttpOnly, SameSite=Strict cookie on /dashboard that holds no token', async () => {
      const res = await login(sameOrigin());
      assert.equal(res.status, 204);
      const cookie = res.headers.get('set-cookie')!;
      const [pair, ...attributes] = cookie.split('; ');
      assert.match(pair!, /^share-bar-session=\d+\.[\w-]{43}$/);
      assert.ok(!cookie.includes(TOKEN));
      assert.deepEqual(attributes.sort(), ['HttpOnly', 'Max-Age=2592000', 'Path=/dashboard', 'SameSite=Strict']);
      const session = { cookie: pair!, 'x-forwarded-for': '10.3.0.1' };
      assert.equal((await get(base, `/dashboard/stats${march}`, session)).status, 200);
      assert.equal((await get(base, `/dashboard/stats.csv${march}`, session)).status, 200);
      // The API does not take the cookie (the browser never sends it there anyway: Path).
      assert.equal((await get(base, `/stats${march}`, session)).status, 401);
      // A forged or altered cookie is refused.
      const forged = pair!.replace(/\.(.)/, (_, c: string) => `.${c === 'A' ? 'B' : 'A'}`);
      assert.equal((await get(base, '/dashboard/stats', { ...session, cookie: forged })).status, 401);
      // Over https (as the Origin shows, also behind a TLS proxy) the cookie is Secure.
      const secure = await login({ ...sameOrigin(), origin: 'https://stats.example', host: 'stats.example' });
      assert.equal(secure.status, 204);
      assert.match(secure.headers.get('set-cookie')!, /; Secure$/);
      // Logging out clears it.
      const out = await httpRequest(`${base}/dashboard/session`, 'DELETE', { origin: base, ...session });
      assert.equal(out.status, 204);
      assert.match(
        out.headers.get('set-cookie')!,
        /^share-bar-session=; Path=\/dashboard; Max-Age=0; HttpOnly; SameSite=Strict$/,
      );
    });

    test('another site cannot log the user in or out: Origin, Sec-Fetch-Site and JSON are checked', async () => {
      const cases: [Record<string, string>, number][] = [
        [{ ...sameOrigin(), origin: 'https://evil.example' }, 403],
        [{ 'content-type': 'application/json', 'x-forwarded-for': '10.3.0.9' }, 403],
        [{ ...sameOrigin(), 'sec-fetch-site': 'cross-site' }, 403],
        [{ ...sameOrigin(), 'sec-fetch-site': 'same-site' }, 403],
        [{ ...sameOrigin(), origin: 'null' }, 403],
        [{ ...sameOrigin(), 'content-type': 'text/plain' }, 415],
        [{ ...sameOrigin(), 'content-type': 'application/x-www-form-urlencoded' }, 415],
      ];
      for (const [headers, status] of cases) {
        const res = await login(headers);
        assert.equal(res.status, status, JSON.stringify(headers));
        assert.equal(res.headers.get('set-cookie'), null);
      }
      const out = await httpRequest(`${base}/dashboard/session`, 'DELETE', { origin: 'https://evil.example' });
      assert.equal(out.status, 403);
      assert.equal((await login({ ...sameOrigin(), 'sec-fetch-site': 'same-origin' })).status, 204);
      assert.equal((await login(sameOrigin(), { token: 'nope' })).status, 401);
    });

    test('no CORS headers on the statistics or the dashboard, errors included; the counts keep theirs', async () => {
      const origin = { origin: 'https://elsewhere.example', 'x-forwarded-for': '10.6.0.1' };
      const answers = [
        await get(base, `/stats${march}`, { ...origin, ...BEARER }),
        await get(base, `/stats.csv${march}`, { ...origin, ...BEARER }),
        await get(base, '/stats', origin),
        await get(base, '/stats?from=nope', { ...origin, ...BEARER }),
        await get(base, '/dashboard', origin),
        await get(base, '/dashboard/dashboard.js', origin),
        await get(base, '/dashboard/stats', origin),
        await httpRequest(`${base}/dashboard/session`, 'POST', origin, '{}'),
        await httpRequest(`${base}/stats`, 'OPTIONS', { ...origin, 'access-control-request-method': 'GET' }),
      ];
      for (const res of answers) {
        const cors = [...res.headers.keys()].filter((name) => name.startsWith('access-control-'));
        assert.deepEqual(cors, [], `${res.status}`);
        assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
      }
      assert.equal(answers[8]!.status, 405);
      const counts = await get(base, `/counts?url=${encodeURIComponent(home)}`, origin);
      assert.equal(counts.headers.get('access-control-allow-origin'), '*');
    });

    test('the dashboard page: a strict CSP of its own, no inline anything, no framing, no sniffing', async () => {
      const page = await get(base, '/dashboard', {});
      assert.equal(page.status, 200);
      assert.equal(page.headers.get('content-type'), 'text/html; charset=utf-8');
      const csp = page.headers.get('content-security-policy')!;
      assert.match(csp, /(^|; )default-src 'none'(;|$)/);
      assert.match(csp, /(^|; )script-src 'self'(;|$)/);
      assert.match(csp, /(^|; )style-src 'self'(;|$)/);
      assert.match(csp, /(^|; )frame-ancestors 'none'(;|$)/);
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
      assert.equal(page.headers.get('x-content-type-options'), 'nosniff');
      assert.doesNotMatch(page.text, /<script>|<style>| style=| on\w+=/);
      const script = await get(base, '/dashboard/dashboard.js', {});
      assert.equal(script.status, 200);
      assert.equal(script.headers.get('content-type'), 'text/javascript; charset=utf-8');
    });
  });

  test('without an admin token the statistics answer exactly like any unknown path', async () => {
    const site = join(fixture.dir, 'site');
    await mkdir(site, { recursive: true });
    await writeFile(join(site, 'index.html'), '<!doctype html><title>site</title>');
    for (const options of [{}, { staticDir: site }]) {
      const { base, close } = await startService({ store: 'memory:', ...options });
      try {
        const strip = (res: Awaited<ReturnType<typeof get>>) => {
          const headers = Object.fromEntries([...res.headers].filter(([name]) => name !== 'date'));
          return { status: res.status, text: res.text, headers };
        };
        const unknown = strip(await get(base, '/no-such-path', BEARER));
        assert.equal(unknown.status, 404);
        for (const path of ['/stats', '/stats.csv', '/dashboard', '/dashboard/dashboard.js', '/dashboard/stats']) {
          assert.deepEqual(strip(await get(base, path, BEARER)), unknown, path);
          assert.deepEqual(strip(await get(base, `${path}?from=2026-01-01`, BEARER)), unknown, path);
        }
        const session = await httpRequest(`${base}/dashboard/session`, 'POST', { origin: base }, '{}');
        const nowhere = await httpRequest(`${base}/no-such-path`, 'POST', { origin: base }, '{}');
        assert.equal(session.status, nowhere.status);
        assert.equal(await session.text(), await nowhere.text());
      } finally {
        await close();
      }
    }
  });

  test('the CLI: --admin-token or SHARE_BAR_ADMIN_TOKEN, at least 16 characters; a new token ends every session', async () => {
    await assert.rejects(spawnCli(['--store', 'memory:', '--admin-token', 'short']), /at least 16 characters/);
    const first = await spawnCli(['--store', 'memory:'], { SHARE_BAR_ADMIN_TOKEN: TOKEN });
    let cookie: string;
    try {
      assert.equal((await get(first.base, '/stats')).status, 200);
      const res = await httpRequest(
        `${first.base}/dashboard/session`,
        'POST',
        { 'content-type': 'application/json', origin: first.base },
        JSON.stringify({ token: TOKEN }),
      );
      cookie = res.headers.get('set-cookie')!.split(';')[0]!;
      assert.equal((await get(first.base, '/dashboard/stats', { cookie })).status, 200);
    } finally {
      first.child.kill('SIGTERM');
      await first.exited;
    }
    // The same token after a restart keeps the session; another token does not.
    for (const [token, status] of [
      [TOKEN, 200],
      ['another-token-0123456789', 401],
    ] as const) {
      const again = await spawnCli(['--store', 'memory:', '--admin-token', token]);
      try {
        assert.equal((await get(again.base, '/dashboard/stats', { cookie })).status, status);
      } finally {
        again.child.kill('SIGTERM');
        await again.exited;
      }
    }
    const off = await spawnCli(['--store', 'memory:']);
    try {
      assert.equal((await get(off.base, '/stats')).status, 404);
    } finally {
      off.child.kill('SIGTERM');
      await off.exited;
    }
  });
});
