// The dashboard's own files (docs/statistics.md#the-dashboard): the page, its script (the Lit
// elements and uPlot, bundled by rollup into dist/dashboard/) and a few lines of page style, each
// with a strict Content-Security-Policy. None of them holds data: the page asks for it once the
// reader has a session.
import { readFile } from 'node:fs/promises';
import { HttpError, type RawResponse } from './http.js';

/**
 * The dashboard's policy: its own script and style only, nothing inline, no framing, data only from
 * the service itself, and DOM sinks only through Lit's Trusted Types policy.
 */
export const DASHBOARD_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "require-trusted-types-for 'script'",
  'trusted-types lit-html',
].join('; ');

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>Share statistics</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="dashboard/page.css">
<script type="module" src="dashboard/dashboard.js"></script>
</head>
<body>
<share-stats-dashboard></share-stats-dashboard>
<noscript>The dashboard needs JavaScript. The same statistics are at /stats (JSON) and /stats.csv, with the token as a bearer token.</noscript>
</body>
</html>
`;

const PAGE_STYLE = `html { color-scheme: light dark; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; }
`;

/** Headers of every dashboard file. */
const HEADERS = {
  'content-security-policy': DASHBOARD_CSP,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'cache-control': 'no-cache',
};

/** The dashboard's files by path. */
export class DashboardPage {
  #script: Promise<Buffer> | undefined;

  /** The page, its script or its style. */
  async serve(path: '/dashboard' | '/dashboard/dashboard.js' | '/dashboard/page.css'): Promise<RawResponse> {
    if (path === '/dashboard') return file('text/html; charset=utf-8', PAGE);
    if (path === '/dashboard/page.css') return file('text/css; charset=utf-8', PAGE_STYLE);
    this.#script ??= readFile(new URL('./dashboard/dashboard.js', import.meta.url));
    const script = await this.#script.catch(() => {
      this.#script = undefined;
      throw new HttpError(503, 'the dashboard is not built: run "npm run build" in the share-bar-server package');
    });
    return file('text/javascript; charset=utf-8', script);
  }
}

function file(type: string, body: string | Buffer): RawResponse {
  return { status: 200, headers: { ...HEADERS, 'content-type': type }, body };
}
