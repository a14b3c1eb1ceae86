import { performance } from 'node:perf_hooks';
import { HttpError, StoreUnavailableError } from './errors.js';
import { Metrics } from './metrics.js';
import { canonicalNetwork } from './networks.js';
import { RateLimiter } from './rate-limit.js';
import { StaticFiles } from './static.js';
import { openStore, type CountStore, type Counts } from './store.js';
import { UpstreamCounts, type UpstreamOptions } from './upstream-counts.js';
import { HostAllowList, normalizePageUrl, urlVariants } from './url.js';
import { VisitorKeys } from './visitor.js';

/** Largest POST body accepted (SPEC §3). */
export const MAX_BODY_BYTES = 4096;

/** `Cache-Control` of every count answer. */
export const COUNTS_CACHE_CONTROL = 'public, max-age=60, stale-while-revalidate=600';

const DAY_SECONDS = 24 * 3600;

/** Options of `createCountService`. */
export interface CountServiceOptions {
  /** A store, or a store spec (`sqlite:<path>`, `redis://…`, `memory:`); default `sqlite:./share-bar.db`. */
  store?: CountStore | string;
  /** Hosts whose pages may be counted (`example.com`, `*.example.org`); empty or absent = every host. */
  allowHosts?: readonly string[];
  /** Origins allowed by CORS; default `['*']`. */
  corsOrigins?: readonly string[];
  /** Take the client address from `X-Forwarded-For`: `true` = one proxy hop, a number = that many hops. */
  trustProxy?: boolean | number;
  /** POSTs per minute per client address; default 60, 0 disables. */
  rateLimit?: number;
  /** A folder to serve besides the API. */
  staticDir?: string;
  /** How long one visitor is counted once per (url, network), in seconds; default 24 h. */
  dedupeSeconds?: number;
  /**
   * Counts the networks still publish, merged as `max(upstream, first-party)`; none by default.
   * Throws `UpstreamConfigError` at creation when one cannot start (Facebook without credentials).
   */
  upstream?: UpstreamOptions;
  /** Count recovery: also count the `http://`/`https://` and trailing-slash variants of a url. */
  recover?: boolean;
  /** Where unexpected errors are reported; default `console.error`. */
  log?: (message: string) => void;
}

/** What the platform knows about a request beyond the web-standard `Request`. */
export interface RequestContext {
  /** The peer address of the connection (the proxy's, behind one). */
  address?: string;
}

/** The count service: one web-standard handler plus its lifecycle. */
export interface CountService {
  /** Answers one request; never rejects. */
  handle(request: Request, context?: RequestContext): Promise<Response>;
  /** Resolves once the store is open, rejecting if the spec is invalid. */
  ready(): Promise<CountStore>;
  /** Closes the store. */
  close(): Promise<void>;
  /** The Prometheus counters, also served at `/metrics`. */
  readonly metrics: Metrics;
}

/** Creates the count service of SPEC §3 around a store. */
export function createCountService(options: CountServiceOptions = {}): CountService {
  return new Service(options);
}

class Service implements CountService {
  readonly metrics = new Metrics();
  readonly #store: Promise<CountStore>;
  readonly #visitors: Promise<VisitorKeys>;
  readonly #hosts: HostAllowList;
  readonly #anyOrigin: boolean;
  readonly #origins: ReadonlySet<string>;
  readonly #proxyHops: number;
  readonly #limiter: RateLimiter;
  readonly #static: StaticFiles | undefined;
  readonly #dedupeSeconds: number;
  readonly #log: (message: string) => void;
  readonly #upstream: UpstreamCounts | undefined;
  readonly #recover: boolean;
  #lastStoreLog = 0;

  constructor(options: CountServiceOptions) {
    this.#log = options.log ?? ((message) => console.error(message));
    // Before the store opens, so a bad upstream configuration leaves nothing open behind.
    this.#upstream = options.upstream?.networks.length
      ? new UpstreamCounts(options.upstream, this.metrics, this.#log)
      : undefined;
    this.#recover = options.recover ?? false;
    const store = options.store ?? 'sqlite:./share-bar.db';
    this.#store = typeof store === 'string' ? openStore(store) : Promise.resolve(store);
    this.#store.catch(() => {});
    this.#visitors = this.#store.then((s) => new VisitorKeys(s));
    this.#visitors.catch(() => {});
    this.#hosts = new HostAllowList(options.allowHosts ?? []);
    const origins = options.corsOrigins?.length ? options.corsOrigins : ['*'];
    this.#anyOrigin = origins.includes('*');
    this.#origins = new Set(origins);
    this.#proxyHops = options.trustProxy === true ? 1 : Number(options.trustProxy || 0);
    this.#limiter = new RateLimiter(options.rateLimit ?? 60);
    this.#static = options.staticDir ? new StaticFiles(options.staticDir) : undefined;
    this.#dedupeSeconds = options.dedupeSeconds ?? DAY_SECONDS;
  }

  ready(): Promise<CountStore> {
    return this.#store;
  }

  async close(): Promise<void> {
    this.#upstream?.close();
    await (await this.#store.catch(() => undefined))?.close();
  }

  async handle(request: Request, context: RequestContext = {}): Promise<Response> {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      url = new URL('http://invalid/');
    }
    const route = routeOf(url.pathname, this.#static !== undefined);
    let response: Response;
    try {
      response = await this.#route(route, request, url, context);
    } catch (error) {
      response = this.#errorResponse(error);
    }
    this.#cors(request, response.headers);
    this.metrics.request(route, response.status);
    if (request.method === 'HEAD' && response.body) {
      await response.body.cancel();
      response = new Response(null, { status: response.status, headers: response.headers });
    }
    return response;
  }

  async #route(route: string, request: Request, url: URL, context: RequestContext): Promise<Response> {
    const method = request.method;
    const read = method === 'GET' || method === 'HEAD';
    if (route === '/counts') {
      if (read) return this.#getCounts(url);
      if (method === 'POST') return this.#postCount(request, context);
      if (method === 'OPTIONS') return this.#preflight(request);
      throw new HttpError(405, 'method not allowed', { allow: 'GET, HEAD, POST, OPTIONS' });
    }
    if (route === '/healthz' && read) {
      await this.#timed('ping', (store) => store.ping());
      return json(200, { status: 'ok' }, { 'cache-control': 'no-store' });
    }
    if (route === '/metrics' && read) {
      return new Response(this.metrics.render(), {
        headers: { 'content-type': 'text/plain; version=0.0.4; charset=utf-8', 'cache-control': 'no-store' },
      });
    }
    if (route === 'static' && read) return this.#static!.serve(url.pathname, method);
    if (route !== 'other') throw new HttpError(405, 'method not allowed', { allow: 'GET, HEAD' });
    throw new HttpError(404, 'not found');
  }

  async #getCounts(url: URL): Promise<Response> {
    const pageUrl = this.#pageUrl(single(url.searchParams, 'url'));
    const networksParam = single(url.searchParams, 'networks', false);
    const urls = this.#recover ? urlVariants(pageUrl) : [pageUrl];
    const upstream = this.#upstream;
    let answer: Counts;
    if (networksParam === undefined || networksParam.trim() === '') {
      const [counts, published] = await withUpstream(this.#firstParty(urls), upstream?.counts(urls, upstream.networks));
      answer = counts;
      for (const [network, n] of Object.entries(published)) {
        if (n > 0) answer[network] = Math.max(answer[network] ?? 0, n);
      }
    } else {
      const requested = networksParam
        .split(/[\s,]+/)
        .filter(Boolean)
        .map((id) => id.toLowerCase());
      const canonical = new Map<string, string>();
      for (const id of requested) {
        // An id only a network counts (`buffer`) is known while that upstream is on.
        const network = canonicalNetwork(id) ?? (upstream?.networks.has(id) ? id : undefined);
        if (!network) throw new HttpError(400, `unknown network "${id.slice(0, 40)}"`);
        canonical.set(id, network);
      }
      const networks = [...new Set(canonical.values())];
      const [counts, published] = await withUpstream(
        this.#firstParty(
          urls,
          networks.filter((network) => canonicalNetwork(network) !== undefined),
        ),
        upstream?.counts(urls, networks),
      );
      answer = {};
      // Answer under the ids asked for, so a client asking for `twitter` finds `twitter`.
      for (const [id, network] of canonical) answer[id] = Math.max(counts[network] ?? 0, published[network] ?? 0);
    }
    return json(200, answer, { 'cache-control': COUNTS_CACHE_CONTROL });
  }

  /** First-party counts summed over `urls` (one url unless recovering). */
  async #firstParty(urls: readonly string[], networks?: readonly string[]): Promise<Counts> {
    if (networks?.length === 0) return {};
    const all = await Promise.all(urls.map((u) => this.#timed('get', (store) => store.get(u, networks))));
    if (all.length === 1) return all[0]!;
    const sum: Counts = {};
    for (const counts of all) for (const [network, n] of Object.entries(counts)) sum[network] = (sum[network] ?? 0) + n;
    return sum;
  }

  async #postCount(request: Request, context: RequestContext): Promise<Response> {
    const address = this.#clientAddress(request, context);
    const retryAfter = this.#limiter.hit(address);
    if (retryAfter > 0) throw new HttpError(429, 'too many requests', { 'retry-after': String(retryAfter) });
    checkContentType(request.headers.get('content-type'));
    const body = parseJsonObject(await readBody(request));
    const pageUrl = this.#pageUrl(body.url);
    if (typeof body.network !== 'string' || body.network.trim() === '') throw new HttpError(400, 'missing network');
    const network = canonicalNetwork(body.network);
    if (!network) throw new HttpError(400, `unknown network "${body.network.slice(0, 40)}"`);
    const visitors = await this.#visitors;
    const visitorKeys = await this.#timed('salt', () =>
      visitors.keys(address, request.headers.get('user-agent') ?? '', pageUrl, network),
    );
    const result = await this.#timed('record', (store) =>
      store.record({ url: pageUrl, network, visitorKeys, dedupeSeconds: this.#dedupeSeconds }),
    );
    if (result.counted) this.metrics.shareRecorded();
    return json(200, { url: pageUrl, network, ...result }, { 'cache-control': 'no-store' });
  }

  #preflight(request: Request): Response {
    const headers: Record<string, string> = {
      'access-control-allow-methods': 'GET, HEAD, POST, OPTIONS',
      'access-control-allow-headers': request.headers.get('access-control-request-headers') ?? 'content-type',
      'access-control-max-age': '86400',
    };
    return new Response(null, { status: 204, headers });
  }

  #pageUrl(raw: unknown): string {
    const pageUrl = normalizePageUrl(raw);
    if (!this.#hosts.allows(new URL(pageUrl).hostname)) throw new HttpError(403, 'host not allowed');
    return pageUrl;
  }

  #clientAddress(request: Request, context: RequestContext): string {
    if (this.#proxyHops > 0) {
      const hops = (request.headers.get('x-forwarded-for') ?? '')
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean);
      // Count hops from the right: entries further left were written by the client and can lie.
      if (hops.length > 0) return hops[Math.max(0, hops.length - this.#proxyHops)]!;
    }
    return context.address ?? '';
  }

  async #timed<T>(op: string, fn: (store: CountStore) => Promise<T>): Promise<T> {
    const store = await this.#store;
    const start = performance.now();
    try {
      return await fn(store);
    } finally {
      this.metrics.storeLatency(op, (performance.now() - start) / 1000);
    }
  }

  #cors(request: Request, headers: Headers): void {
    if (this.#anyOrigin) {
      headers.set('access-control-allow-origin', '*');
      return;
    }
    headers.append('vary', 'Origin');
    const origin = request.headers.get('origin');
    if (origin !== null && this.#origins.has(origin)) headers.set('access-control-allow-origin', origin);
  }

  #errorResponse(error: unknown): Response {
    if (error instanceof HttpError) {
      return json(error.status, { error: error.message }, { 'cache-control': 'no-store', ...error.headers });
    }
    if (error instanceof StoreUnavailableError) {
      // An outage fails every request; one line every few seconds tells the story.
      if (Date.now() - this.#lastStoreLog > 5000) {
        this.#lastStoreLog = Date.now();
        this.#log(`share-bar-server: store unavailable: ${error.message}`);
      }
      return json(503, { error: 'store unavailable' }, { 'cache-control': 'no-store', 'retry-after': '5' });
    }
    this.#log(`share-bar-server: unexpected error: ${(error as Error)?.stack ?? String(error)}`);
    return json(500, { error: 'internal error' }, { 'cache-control': 'no-store' });
  }
}

/** First-party and upstream counts together; without upstreams, no `Promise.all` on the hot path. */
async function withUpstream(
  firstParty: Promise<Counts>,
  upstream: Promise<Counts> | undefined,
): Promise<[Counts, Counts]> {
  return upstream ? Promise.all([firstParty, upstream]) : [await firstParty, {}];
}

function routeOf(pathname: string, hasStatic: boolean): string {
  if (pathname === '/counts' || pathname === '/healthz' || pathname === '/metrics') return pathname;
  return hasStatic ? 'static' : 'other';
}

/**
 * Bodies of the JSON answers this service made, so the node:http adapter can send the string it
 * already has instead of reading it back through the Response's stream (a third of the cost of
 * a count answer). Other runtimes simply read the Response.
 */
export const jsonBodies = new WeakMap<Response, string>();

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  const text = JSON.stringify(body);
  const response = new Response(text, {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
  jsonBodies.set(response, text);
  return response;
}

function single(params: URLSearchParams, name: string, required = true): string | undefined {
  const values = params.getAll(name);
  if (values.length > 1) throw new HttpError(400, `repeated ${name}`);
  if (values.length === 0 && required) throw new HttpError(400, `missing ${name}`);
  return values[0];
}

function checkContentType(header: string | null): void {
  const [type = '', ...params] = (header ?? '').split(';').map((part) => part.trim().toLowerCase());
  // sendBeacon with a string sends text/plain;charset=UTF-8; fetch callers send JSON.
  if (type !== 'application/json' && type !== 'text/plain') {
    throw new HttpError(415, 'content type must be application/json or text/plain');
  }
  for (const param of params) {
    const [name, value = ''] = param.split('=').map((s) => s.trim());
    if (name === 'charset' && value.replace(/"/g, '') !== 'utf-8') throw new HttpError(415, 'charset must be utf-8');
  }
}

async function readBody(request: Request): Promise<Uint8Array> {
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (declared > MAX_BODY_BYTES) {
    await request.body?.cancel().catch(() => {});
    throw new HttpError(413, 'body too large');
  }
  if (!request.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    // A client that goes away mid-upload is a bad request, not a server error.
    const { done, value } = await reader.read().catch(() => {
      throw new HttpError(400, 'body could not be read');
    });
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel().catch(() => {});
      throw new HttpError(413, 'body too large');
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

function parseJsonObject(bytes: Uint8Array): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new HttpError(400, 'body must be JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new HttpError(400, 'body must be a JSON object');
  }
  return value as Record<string, unknown>;
}
