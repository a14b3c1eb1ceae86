// Table 3: the count path. A page with 20 bars on 5 urls, counts on, ours vs Shariff against the same
// backend (our count service on SQLite). A counting HTTP proxy in front of the service sees every
// request the browser makes to it (CORS preflights included) and the bytes on the wire both ways.
import { createServer, request } from 'node:http';
import { launch } from './render.mjs';
import { bounded, sleep } from './util.mjs';

function countingProxy(target) {
  const t = new URL(target);
  const stats = { requests: 0, byMethod: {}, paths: [], sockets: new Set(), closed: { read: 0, written: 0 } };
  const server = createServer((req, res) => {
    stats.requests++;
    stats.byMethod[req.method] = (stats.byMethod[req.method] ?? 0) + 1;
    stats.paths.push(`${req.method} ${req.url}`);
    const up = request(
      { host: t.hostname, port: t.port, method: req.method, path: req.url, headers: req.headers },
      (r) => {
        res.writeHead(r.statusCode, r.rawHeaders);
        r.pipe(res);
      },
    );
    up.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(up);
  });
  server.on('connection', (s) => {
    stats.sockets.add(s);
    s.on('close', () => {
      stats.closed.read += s.bytesRead;
      stats.closed.written += s.bytesWritten;
      stats.sockets.delete(s);
    });
  });
  const reset = () => {
    stats.requests = 0;
    stats.byMethod = {};
    stats.paths = [];
    stats.closed = { read: 0, written: 0 };
    stats.base = new Map([...stats.sockets].map((s) => [s, [s.bytesRead, s.bytesWritten]]));
  };
  const snapshot = () => {
    let up = stats.closed.read;
    let down = stats.closed.written;
    for (const s of stats.sockets) {
      const [r0, w0] = stats.base?.get(s) ?? [0, 0];
      up += s.bytesRead - r0;
      down += s.bytesWritten - w0;
    }
    return { requests: stats.requests, byMethod: { ...stats.byMethod }, up, down, paths: [...stats.paths] };
  };
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${server.address().port}`,
        reset,
        snapshot,
        close: () =>
          new Promise((r) => {
            server.closeAllConnections();
            server.close(() => r());
          }),
      }),
    ),
  );
}

/** Seeds a few shares so that the answers are not empty. */
async function seed(service, urls) {
  let ip = 1;
  for (let i = 0; i < urls; i++) {
    for (const network of ['facebook', 'linkedin', 'pinterest']) {
      for (let k = 0; k <= i; k++) {
        await fetch(`${service}/counts`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.9.${ip >> 8}.${ip++ & 255}` },
          body: JSON.stringify({ url: `https://example.com/post/${i}`, network }),
        });
      }
    }
  }
}

export async function runCountPath(
  staticBase,
  serviceUrl,
  { browsers = ['chromium'], bars = 20, urls = 5, log = () => {} } = {},
) {
  await seed(serviceUrl, urls);
  const proxy = await countingProxy(serviceUrl);
  const backend = `${proxy.url}/counts`;
  const rows = [];
  try {
    for (const browserName of browsers) {
      const browser = await launch(browserName);
      try {
        const cases = [
          { lib: 'ours', label: 'share-bar (ours), loading="eager"', q: '' },
          { lib: 'ours', label: 'share-bar (ours), default lazy loading', q: '&lazy' },
          { lib: 'shariff', label: 'Shariff', q: '' },
        ];
        for (const c of cases) {
          const context = await browser.createBrowserContext();
          try {
            const page = await context.newPage();
            await page.setViewport({ width: 1280, height: 800 });
            const seen = { requests: 0, fromCache: 0, failed: 0 };
            page.on('request', (r) => r.url().startsWith(backend) && seen.requests++);
            page.on('requestfailed', (r) => r.url().startsWith(backend) && seen.failed++);
            page.on(
              'requestfinished',
              (r) => r.url().startsWith(backend) && r.response()?.fromCache() && seen.fromCache++,
            );
            proxy.reset();
            const url = `${staticBase}/page?lib=${c.lib}&n=${bars}&urls=${urls}&backend=${encodeURIComponent(backend)}${c.q}`;
            await bounded(page.goto(url, { waitUntil: 'load', timeout: 30_000 }), 35_000, c.label);
            await page.waitForFunction('window.__bench && window.__bench.done', { timeout: 30_000 });
            // Let the count requests finish: the page is quiet for 500 ms (bounded at 10 s).
            await page.waitForNetworkIdle({ idleTime: 500, timeout: 10_000 }).catch(() => {});
            // …and no new request reached the backend for 1 s (lazy bars ask after the first frame).
            for (let last = -1, i = 0; i < 20 && proxy.snapshot().requests !== last; i++) {
              last = proxy.snapshot().requests;
              await sleep(1000);
            }
            const shown = await page.evaluate((lib) => {
              if (lib === 'shariff') return document.querySelectorAll('.shariff .share_count').length;
              let n = 0;
              for (const b of document.querySelectorAll('share-bar'))
                n += b.shadowRoot?.querySelectorAll('[part~=count]').length ?? 0;
              return n;
            }, c.lib);
            await context.close();
            await sleep(300);
            const s = proxy.snapshot();
            rows.push({ browser: browserName, ...c, ...s, shown, page: seen });
            log(`  count path ${browserName} ${c.label}: ${s.requests} requests`);
          } finally {
            await context.close().catch(() => {});
          }
        }
      } finally {
        await browser.close().catch(() => {});
      }
    }
  } finally {
    await proxy.close();
  }
  return { bars, urls, rows };
}
