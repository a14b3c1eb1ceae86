// A count endpoint for the browser tests, served by the test runner's own server. It speaks
// the count protocol for real (GET counts, POST shares) and can misbehave on request.
// Counts are kept per test-chosen key so tests do not see each other's requests.
const state = new Map();

/** Koa middleware answering /counts/<key>/…; `/counts/<key>/log` returns what it saw. */
export async function countsEndpoint(ctx, next) {
  const match = /^\/counts\/([\w-]+)(?:\/(\w+))?$/.exec(ctx.path);
  if (!match) return next();
  const [, key, mode = 'ok'] = match;
  const s = state.get(key) ?? { gets: [], posts: [] };
  state.set(key, s);
  if (mode == 'log') {
    ctx.body = s;
    return;
  }
  if (ctx.method == 'POST') {
    let body = '';
    for await (const chunk of ctx.req) body += chunk;
    s.posts.push({ type: ctx.get('content-type'), body, search: ctx.search });
    ctx.status = 204;
    return;
  }
  s.gets.push({ url: ctx.query.url, networks: ctx.query.networks, search: ctx.search, accept: ctx.get('accept') });
  const url = String(ctx.query.url ?? '');
  switch (mode) {
    case 'ok': {
      // Cached like the real service's answers; facebook counts the shares posted since.
      const facebook = 16 + s.posts.filter((p) => p.body.includes('"facebook"')).length;
      ctx.set('cache-control', 'public, max-age=60, stale-while-revalidate=600');
      ctx.type = 'json';
      ctx.body = JSON.stringify({
        facebook,
        x: 1234,
        linkedin: '66',
        pinterest: -3,
        reddit: 1.5,
        bogus: 'x',
        echo: url.length,
      });
      return;
    }
    case 'shariff':
      // Shariff backends ignore `networks` and answer null for URLs they refuse.
      ctx.type = 'json';
      ctx.body = url.includes('refused') ? 'null' : JSON.stringify({ facebook: 1452, pinterest: 3, buffer: 29 });
      return;
    case 'error':
      ctx.status = 500;
      ctx.type = 'json';
      ctx.body = '{"error":"boom"}';
      return;
    case 'invalid':
      ctx.type = 'json';
      ctx.body = '{"facebook": 16,';
      return;
    case 'redirect': {
      // Sends the browser on to the same service under another origin (a foreign host).
      const foreign = ctx.hostname == 'localhost' ? '127.0.0.1' : 'localhost';
      const port = ctx.host.split(':')[1];
      ctx.redirect(`${ctx.protocol}://${foreign}:${port}/counts/${key}-elsewhere${ctx.search}`);
      return;
    }
    case 'hang': {
      // Never answers in time; notes when the browser gives up on the request.
      const entry = s.gets.at(-1);
      ctx.req.on('close', () => (entry.closed = true));
      await new Promise((resolve) => setTimeout(resolve, 8000));
      ctx.body = '{}';
      return;
    }
    default:
      ctx.status = 404;
  }
}
