// The static server and the bench pages: the same N bars with X, Facebook, LinkedIn and Pinterest,
// written the way each library's README tells a site owner to, the library loaded at the end of <body>.
// Ours shows its default labels; Shareon is measured twice, icons only (its default) and with the same
// labels written into its links, so the comparison is fair both ways.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';

const TYPES = {
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.svg': 'image/svg+xml',
  '.eot': 'application/vnd.ms-fontobject',
};

export const LIBS = ['ours', 'shareon', 'shareonlabels', 'shariff', 'likely'];

/** Files served from memory under /extra/ (the unminified build the profile uses). */
export const extra = new Map();
export const LABEL = {
  ours: 'share-bar (ours)',
  shareon: 'Shareon',
  shareonlabels: 'Shareon, with labels',
  shariff: 'Shariff',
  likely: 'Likely',
};

const pageUrl = (i, urls) => `https://example.com/post/${i % urls}`;

/** Ready check run in the page: resolves window.__bench once every bar is rendered and interactive. */
const probe = (lib, n) => `
<script>
(function () {
  var n = ${n};
  var checks = {
    oursdev: function () { return checks.ours(); },
    ours: function () {
      var bars = document.querySelectorAll('share-bar');
      if (bars.length !== n) return false;
      // From the last bar back: bars render in document order, so an early check stops at once.
      for (var i = n - 1; i >= 0; i--) {
        var r = bars[i].shadowRoot;
        if (!r || r.querySelectorAll('a[href]').length !== 4) return false;
      }
      return true;
    },
    shareon: function () { return document.querySelectorAll('.shareon > a[href]').length === 4 * n; },
    shareonlabels: function () { return checks.shareon(); },
    shariff: function () { return document.querySelectorAll('.shariff li.shariff-button a[href]').length === 4 * n; },
    likely: function () {
      return document.querySelectorAll('.likely.likely_ready').length === n &&
        document.querySelectorAll('.likely a.likely__widget').length === 4 * n;
    }
  };
  var ready = checks[${JSON.stringify(lib)}];
  // Nodes of one bar: its element and everything under it, shadow trees included.
  function nodes(node) {
    var count = 1;
    for (var child = node.firstChild; child; child = child.nextSibling) count += nodes(child);
    if (node.shadowRoot) for (child = node.shadowRoot.firstChild; child; child = child.nextSibling) count += nodes(child);
    return count;
  }
  var barSelector = { ours: 'share-bar', oursdev: 'share-bar', shareon: '.shareon', shareonlabels: '.shareon', shariff: '.shariff', likely: '.likely' };
  // No busy polling (it would steal the CPU the page needs): the check runs on every DOM mutation
  // (light-DOM libraries), when all <share-bar> elements report updateComplete (ours), at
  // DOMContentLoaded and load, and on every animation frame as a safety net.
  var b = (window.__bench = { done: false, checks: 0 });
  function check() {
    if (b.t1 !== undefined || b.done) return;
    b.checks++;
    if (ready()) {
      b.t1 = performance.now();
      b.nodes = nodes(document.querySelector(barSelector[${JSON.stringify(lib)}]));
      requestAnimationFrame(function () {
        setTimeout(function () { b.painted = performance.now(); b.done = true; }, 0);
      });
    } else if (performance.now() - b.t0 > 30000) {
      b.error = 'not ready in 30 s'; b.done = true;
    }
  }
  window.__benchStart = function () {
    b.t0 = performance.now();
    new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true });
    document.addEventListener('DOMContentLoaded', check);
    window.addEventListener('load', check);
    if (window.customElements && document.querySelector('share-bar')) {
      customElements.whenDefined('share-bar').then(function () {
        return Promise.all(Array.prototype.map.call(document.querySelectorAll('share-bar'), function (el) { return el.updateComplete; }));
      }).then(check);
    }
    (function frame() { check(); if (!b.done && b.t1 === undefined) requestAnimationFrame(frame); })();
  };
})();
</script>`;

/** HTML of one bench page. `counts`: {backend} turns counts on; `urls`: distinct page urls. */
export function page(lib, n, { counts = null, urls = n, lazy = false } = {}) {
  const head = [];
  const bars = [];
  let script = '';
  const backend = counts?.backend;
  for (let i = 0; i < n; i++) {
    const u = pageUrl(i, urls);
    if (lib === 'ours' || lib === 'oursdev') {
      const c = backend ? ` counts-url="${backend}"${lazy ? '' : ' loading="eager"'}` : '';
      bars.push(`<share-bar networks="x facebook linkedin pinterest" url="${u}"${c}></share-bar>`);
    } else if (lib === 'shareon') {
      bars.push(
        `<div class="shareon" data-url="${u}"><a class="twitter"></a><a class="facebook"></a><a class="linkedin"></a><a class="pinterest"></a></div>`,
      );
    } else if (lib === 'shareonlabels') {
      bars.push(
        `<div class="shareon" data-url="${u}"><a class="twitter">Post on X</a><a class="facebook">Share on Facebook</a><a class="linkedin">Share on LinkedIn</a><a class="pinterest">Pin on Pinterest</a></div>`,
      );
    } else if (lib === 'shariff') {
      const c = backend ? ` data-backend-url="${backend}"` : '';
      bars.push(
        `<div class="shariff" data-url="${u}"${c} data-services='["twitter","facebook","linkedin","pinterest"]'></div>`,
      );
    } else if (lib === 'likely') {
      bars.push(
        `<div class="likely" data-url="${u}" data-counters="no"><div class="twitter">Tweet</div><div class="facebook">Share</div><div class="linkedin">Share</div><div class="pinterest">Pin</div></div>`,
      );
    }
  }
  if (lib === 'ours') script = '<script src="/ours/share-bar.bundle.js"></script>';
  if (lib === 'oursdev') script = '<script src="/extra/ours-dev.js"></script>';
  if (lib === 'shareon' || lib === 'shareonlabels') {
    head.push('<link rel="stylesheet" href="/shareon/shareon.min.css">');
    script = '<script src="/shareon/shareon.iife.js" init></script>';
  }
  if (lib === 'shariff') {
    head.push('<link rel="stylesheet" href="/shariff/shariff.complete.css">');
    script = '<script src="/shariff/shariff.complete.js"></script>';
  }
  if (lib === 'likely') {
    head.push('<link rel="stylesheet" href="/likely/likely.min.css">');
    script = '<script src="/likely/likely.min.js"></script>';
  }
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>bench ${lib} ${n}</title>
<meta name="viewport" content="width=device-width">
${head.join('\n')}
${probe(lib, n)}
</head><body>
<h1>${n} bars</h1>
${bars.map((b) => `<p>Post</p>\n${b}`).join('\n')}
<script>window.__benchStart()</script>
${script}
</body></html>`;
}

/** Serves the libraries' files and the pages on 127.0.0.1; resolves {url, close}. */
export function startStatic(root) {
  const nm = join(root, 'bench/node_modules');
  const dirs = {
    ours: join(root, 'dist'),
    shareon: join(nm, 'shareon/dist'),
    shariff: join(nm, 'shariff/dist'),
    likely: join(nm, 'ilyabirman-likely/release'),
  };
  const server = createServer(async (req, res) => {
    try {
      const u = new URL(req.url, 'http://x');
      if (u.pathname === '/page') {
        const lib = u.searchParams.get('lib');
        const n = Math.min(Number(u.searchParams.get('n')) || 1, 5000);
        const backend = u.searchParams.get('backend');
        const body = page(lib, n, {
          counts: backend ? { backend } : null,
          urls: Number(u.searchParams.get('urls')) || n,
          lazy: u.searchParams.has('lazy'),
        });
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
        return res.end(body);
      }
      if (extra.has(u.pathname)) {
        const x = extra.get(u.pathname);
        res.writeHead(200, { 'content-type': x.type, 'cache-control': 'no-store' });
        return res.end(x.body);
      }
      const [, lib, ...rest] = u.pathname.split('/');
      const dir = dirs[lib];
      const file = dir && normalize(join(dir, ...rest));
      if (!file || !file.startsWith(dir + '/')) {
        res.writeHead(404);
        return res.end();
      }
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
      });
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end();
    }
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      server.keepAliveTimeout = 1000;
      resolve({
        url: `http://127.0.0.1:${server.address().port}`,
        close: () =>
          new Promise((r) => {
            server.closeAllConnections();
            server.close(() => r());
          }),
      });
    }),
  );
}
