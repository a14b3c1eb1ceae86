#!/usr/bin/env node
import { readFileSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { serve } from './node.js';
import { createCountService } from './service.js';
import type { CountStore } from './stores/count-store.js';
import { DEFAULT_STORE } from './stores/open-store.js';
import { DEFAULT_UPSTREAM_TTL_SECONDS } from './upstream-counts.js';

const USAGE = `Usage: share-bar-server [options]

  --port <n>            port (env PORT, default 8787; 0 picks a free one)
  --host <addr>         interface (env HOST, default 127.0.0.1)
  --store <spec>        sqlite:<path> | redis://host:port/db | rediss://… | memory:
                        (env SHARE_BAR_STORE, default ${DEFAULT_STORE})
  --allow-host <list>   hosts whose pages are counted, e.g. example.com,*.example.org
                        (env SHARE_BAR_ALLOW_HOSTS, default every host)
  --cors-origin <list>  allowed origins (env SHARE_BAR_CORS_ORIGINS, default *)
  --trust-proxy[=<n>]   client address from X-Forwarded-For, n proxy hops (default 1)
                        (env SHARE_BAR_TRUST_PROXY=1)
  --rate-limit <n>      POSTs per minute per client address, 0 = off
                        (env SHARE_BAR_RATE_LIMIT, default 60)
  --new-page-limit <n>  new pages (urls with no count yet) per client address per day,
                        0 = off (env SHARE_BAR_NEW_PAGE_LIMIT, default 200)
  --static <dir>        also serve the files in <dir>
  --upstream <list>     also ask networks for their counts and show the larger:
                        facebook,pinterest,hackernews,vk,buffer,line (env SHARE_BAR_UPSTREAM,
                        default none; facebook needs FACEBOOK_APP_ID and FACEBOOK_APP_SECRET)
  --upstream-ttl <s>    how long an upstream count is fresh
                        (env SHARE_BAR_UPSTREAM_TTL, default 3600)
  --recover             also count the http:// and trailing-slash variants of a url
                        (env SHARE_BAR_RECOVER=1)
  --admin-token <t>     turn on the statistics (/stats, /stats.csv) and the dashboard
                        (/dashboard) for the holder of this token (env SHARE_BAR_ADMIN_TOKEN,
                        which keeps it out of the process list; default off)
  --help, --version
`;

/** How long the store may take to answer at start. */
const STORE_WAIT_MS = 5000;

/** Why `store` did not answer within `ms` (asked every quarter second), or `undefined` once it does. */
async function storeFailure(store: CountStore, ms: number): Promise<string | undefined> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      await store.ping();
      return undefined;
    } catch (error) {
      if (Date.now() >= until) return (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function fail(message: string): never {
  process.stderr.write(`share-bar-server: ${message}\n\n${USAGE}`);
  process.exit(2);
}

function list(value: string | string[] | undefined): string[] {
  const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return values.flatMap((v) => v.split(/[\s,]+/)).filter(Boolean);
}

function integer(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  if (!/^\d+$/.test(value)) fail(`${name} must be a non-negative integer, got "${value}"`);
  return Number(value);
}

// `--trust-proxy` is a bare flag that may also take a hop count (`--trust-proxy=2`).
const argv = process.argv.slice(2).map((arg) => (arg === '--trust-proxy' ? '--trust-proxy=1' : arg));
let values;
try {
  ({ values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      store: { type: 'string' },
      'allow-host': { type: 'string', multiple: true },
      'cors-origin': { type: 'string', multiple: true },
      'trust-proxy': { type: 'string' },
      'rate-limit': { type: 'string' },
      'new-page-limit': { type: 'string' },
      static: { type: 'string' },
      upstream: { type: 'string' },
      'upstream-ttl': { type: 'string' },
      recover: { type: 'boolean' },
      'admin-token': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean' },
    },
  }));
} catch (error) {
  fail((error as Error).message);
}

if (values.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
if (values.version) {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  process.stdout.write(`${pkg.version}\n`);
  process.exit(0);
}

const env = process.env;
const port = integer('--port', values.port ?? env.PORT, 8787);
const host = values.host ?? env.HOST ?? '127.0.0.1';
const store = values.store ?? env.SHARE_BAR_STORE ?? DEFAULT_STORE;
const allowHosts = values['allow-host'] ? list(values['allow-host']) : list(env.SHARE_BAR_ALLOW_HOSTS);
const corsOrigins = values['cors-origin'] ? list(values['cors-origin']) : list(env.SHARE_BAR_CORS_ORIGINS);
const trustRaw = values['trust-proxy'] ?? env.SHARE_BAR_TRUST_PROXY;
const trustProxy = trustRaw === 'true' ? 1 : trustRaw === 'false' ? 0 : integer('--trust-proxy', trustRaw, 0);
const rateLimit = integer('--rate-limit', values['rate-limit'] ?? env.SHARE_BAR_RATE_LIMIT, 60);
const newPageLimit = integer('--new-page-limit', values['new-page-limit'] ?? env.SHARE_BAR_NEW_PAGE_LIMIT, 200);
const upstream = list(values.upstream ?? env.SHARE_BAR_UPSTREAM);
const upstreamTtl = integer(
  '--upstream-ttl',
  values['upstream-ttl'] ?? env.SHARE_BAR_UPSTREAM_TTL,
  DEFAULT_UPSTREAM_TTL_SECONDS,
);
const recover = values.recover ?? ['1', 'true'].includes(env.SHARE_BAR_RECOVER ?? '');
const adminToken = values['admin-token'] ?? env.SHARE_BAR_ADMIN_TOKEN ?? '';

if (values.static !== undefined && !statSync(values.static, { throwIfNoEntry: false })?.isDirectory()) {
  fail(`--static ${values.static} is not a folder`);
}

let service;
try {
  service = createCountService({
    store,
    allowHosts,
    corsOrigins,
    trustProxy,
    rateLimit,
    newPageLimit,
    recover,
    ...(adminToken !== '' ? { adminToken } : {}),
    ...(upstream.length > 0 ? { upstream: { networks: upstream, ttlSeconds: upstreamTtl } } : {}),
    ...(values.static !== undefined ? { staticDir: values.static } : {}),
  });
} catch (error) {
  // Unknown upstream, Facebook without its app id and secret, a bad SHARE_BAR_UPSTREAM_BASE_*.
  fail((error as Error).message);
}
if (allowHosts.length === 0) {
  process.stderr.write(
    'share-bar-server: warning: no --allow-host given, so shares of pages on any host are counted\n',
  );
  if (upstream.length > 0) {
    process.stderr.write(
      'share-bar-server: warning: with --upstream and no --allow-host, anyone can make the service ask the networks about any url\n',
    );
  }
}

const opened = await service.ready().catch((error: Error) => fail(error.message));
// A store that comes up a moment after the service (a container started at the same time) is
// waited for; one that never answers is a mistake to report now (a wrong address, password or
// database number), not a service that answers 503 forever. Later outages are survived.
const unreachable = await storeFailure(opened, STORE_WAIT_MS);
if (unreachable) {
  process.stderr.write(`share-bar-server: cannot reach the store within ${STORE_WAIT_MS / 1000} s: ${unreachable}\n`);
  await service.close();
  process.exit(1);
}

let running;
try {
  running = await serve(service, { port, host });
} catch (error) {
  process.stderr.write(`share-bar-server: cannot listen on ${host}:${port}: ${(error as Error).message}\n`);
  await service.close();
  process.exit(1);
}
let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    // A second signal is usually the same Ctrl-C forwarded by a parent (npm start): the drain
    // timeout already bounds how long stopping takes.
    if (stopping) return;
    stopping = true;
    running.close().then(
      () => process.exit(0),
      (error: Error) => {
        process.stderr.write(`share-bar-server: error while stopping: ${error.message}\n`);
        process.exit(1);
      },
    );
  });
}
// Only now: a supervisor that reads these lines may signal at once.
process.stdout.write(`share-bar-server listening on ${running.url}\n`);
if (adminToken !== '') process.stdout.write(`share-bar-server statistics on ${running.url}/dashboard\n`);
