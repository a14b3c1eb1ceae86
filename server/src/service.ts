import { performance } from 'node:perf_hooks';
import { HttpError, StoreUnavailableError } from './errors.js';
import { Metrics } from './metrics.js';
import { builtInNetwork } from './protocol.js';
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

/**
 * A request as a platform adapter sees it, without web-standard objects (internal: the node:http
 * adapter's fast path; `handle(Request)` goes through it too).
 */
export interface RawRequest {
  method: string;
  /** The path, percent-encoded as sent (`/counts`). */
  path: string;
  /** The query without `?` (`url=…&networks=…`), empty when none. */
  query: string;
  /** A request header by lower-case name; repeated headers joined with `, `. */
  header(name: string): string | undefined;
  /** Reads the body, at most `MAX_BODY_BYTES`; throws an HttpError (413, 400) otherwise. */
  body(): Promise<Uint8Array>;
  /** The peer address of the connection. */
  address?: string | undefined;
}

/** An answer without web-standard objects: header names in lower case, no body for HEAD. */
export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string | Uint8Array | null;
}

/** The internal entry of a service made by `createCountService` (see `RawRequest`). */
export const answerRaw = Symbol('share-bar-server.answerRaw');

/** How many GET answers are kept in memory at most (see `CountStore.answerTtlMs`). */
const MAX_MEMO_ENTRIES = 10_000;

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

/** One kept GET answer. */
interface Memo {
  text: string;
  expires: number;
}

class Service implements CountService {
  readonly metrics = new Metrics();
  readonly #store: Promise<CountStore>;
  /** The store once open, so the hot paths need not wait on a promise. */
  #openStore: CountStore | undefined;
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
  /** How long a GET answer is kept (ms): the store's `answerTtlMs`, 0 with upstreams or until open. */
  #memoTtl = 0;
  /** GET answers by raw query; dropped when a share for one of their urls counts, or after #memoTtl. */
  readonly #memo = new Map<string, Memo>();
  /** The memo's queries by the page url they read. */
  readonly #memoByUrl = new Map<string, string[]>();
  /** GET answers being read, by raw query. */
  readonly #reading = new Map<string, { generation: number; text: Promise<string> }>();
  /** Bumped by every counted share, so a GET that read before it does not keep its answer. */
  #generation = 0;

  constructor(options: CountServiceOptions) {
    this.#log = options.log ?? ((message) => console.error(message));
    // Before the store opens, so a bad upstream configuration leaves nothing open behind.
    this.#upstream = options.upstream?.networks.length
      ? new UpstreamCounts(options.upstream, this.metrics, this.#log)
      : undefined;
    this.#recover = options.recover ?? false;
    const store = options.store ?? 'sqlite:./share-bar.db';
    this.#store = typeof store === 'string' ? openStore(store) : Promise.resolve(store);
    this.#store.then(
      (s) => {
        this.#openStore = s;
        // Upstream counts change by themselves (refreshes), so their answers are never kept.
        this.#memoTtl = this.#upstream ? 0 : Math.max(0, s.answerTtlMs ?? 0);
      },
      () => {},
    );
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
    const answer = await this[answerRaw]({
      method: request.method,
      path: url.pathname,
      query: url.search.slice(1),
      header: (name) => request.headers.get(name) ?? undefined,
      body: () => readBody(request),
      address: context.address,
    });
    return new Response(answer.body, { status: answer.status, headers: answer.headers });
  }

  /** Answers one request; never rejects. The node:http adapter calls this directly. */
  async [answerRaw](request: RawRequest): Promise<RawResponse> {
    const route = routeOf(request.path, this.#static !== undefined);
    let response: RawResponse;
    try {
      response = await this.#route(route, request);
    } catch (error) {
      response = this.#errorResponse(error);
    }
    this.#cors(request, response.headers);
    this.metrics.request(route, response.status);
    if (request.method === 'HEAD') response.body = null;
    return response;
  }

  async #route(route: string, request: RawRequest): Promise<RawResponse> {
    const method = request.method;
    const read = method === 'GET' || method === 'HEAD';
    if (route === '/counts') {
      if (read) return this.#getCounts(request.query);
      if (method === 'POST') return this.#postCount(request);
      if (method === 'OPTIONS') return this.#preflight(request);
      throw new HttpError(405, 'method not allowed', { allow: 'GET, HEAD, POST, OPTIONS' });
    }
    if (route === '/healthz' && read) {
      await this.#timed('ping', (store) => store.ping());
      return json(200, { status: 'ok' }, { 'cache-control': 'no-store' });
    }
    if (route === '/metrics' && read) {
      return {
        status: 200,
        headers: { 'content-type': 'text/plain; version=0.0.4; charset=utf-8', 'cache-control': 'no-store' },
        body: this.metrics.render(),
      };
    }
    if (route === 'static' && read) return this.#static!.serve(request.path, method);
    if (route !== 'other') throw new HttpError(405, 'method not allowed', { allow: 'GET, HEAD' });
    throw new HttpError(404, 'not found');
  }

  async #getCounts(query: string): Promise<RawResponse> {
    const ttl = this.#memoTtl;
    if (ttl > 0) {
      const kept = this.#memo.get(query);
      if (kept !== undefined) {
        if (Date.now() < kept.expires) return countsAnswer(kept.text);
        this.#memo.delete(query);
      }
    }
    const generation = this.#generation;
    // The same query already being read, and no share counted here since it began: share its
    // answer instead of asking the store again (many readers of one page at once).
    const running = this.#reading.get(query);
    if (running !== undefined && running.generation === generation) return countsAnswer(await running.text);
    const reading = { generation, text: this.#readCounts(query, ttl, generation) };
    this.#reading.set(query, reading);
    try {
      return countsAnswer(await reading.text);
    } finally {
      if (this.#reading.get(query) === reading) this.#reading.delete(query);
    }
  }

  /** The JSON text of a GET answer, read from the store (and the upstreams). */
  async #readCounts(query: string, ttl: number, generation: number): Promise<string> {
    const params = new URLSearchParams(query);
    const pageUrl = this.#pageUrl(single(params, 'url'));
    const networksParam = single(params, 'networks', false);
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
        const network = builtInNetwork(id) ?? (upstream?.networks.has(id) ? id : undefined);
        // Ids this service does not count (a page's own custom networks, dead services) are left
        // out of the answer rather than failing it: the bar then shows counts for the others.
        if (network) canonical.set(id, network);
      }
      const networks = [...new Set(canonical.values())];
      const [counts, published] = await withUpstream(
        this.#firstParty(
          urls,
          networks.filter((network) => builtInNetwork(network) !== undefined),
        ),
        upstream?.counts(urls, networks),
      );
      answer = {};
      // Answer under the ids asked for, so a client asking for `twitter` finds `twitter`.
      for (const [id, network] of canonical) answer[id] = Math.max(counts[network] ?? 0, published[network] ?? 0);
    }
    const text = JSON.stringify(answer);
    // Keep it unless a share counted while the store was read (the answer may predate it).
    if (ttl > 0 && generation === this.#generation) this.#keep(query, urls, text, ttl);
    return text;
  }

  #keep(query: string, urls: readonly string[], text: string, ttl: number): void {
    if (this.#memo.size >= MAX_MEMO_ENTRIES) {
      this.#memo.clear();
      this.#memoByUrl.clear();
    }
    this.#memo.set(query, { text, expires: Date.now() + ttl });
    for (const url of urls) {
      const queries = this.#memoByUrl.get(url);
      if (queries === undefined) this.#memoByUrl.set(url, [query]);
      else if (!queries.includes(query)) queries.push(query);
    }
  }

  /** Drops the kept answers that read `url`: a share of it just counted. */
  #forget(url: string): void {
    this.#generation++;
    const queries = this.#memoByUrl.get(url);
    if (queries === undefined) return;
    this.#memoByUrl.delete(url);
    for (const query of queries) this.#memo.delete(query);
  }

  /** First-party counts summed over `urls` (one url unless recovering). */
  async #firstParty(urls: readonly string[], networks?: readonly string[]): Promise<Counts> {
    if (networks?.length === 0) return {};
    if (urls.length === 1) return this.#timed('get', (store) => store.get(urls[0]!, networks));
    const all = await Promise.all(urls.map((u) => this.#timed('get', (store) => store.get(u, networks))));
    const sum: Counts = {};
    for (const counts of all) for (const [network, n] of Object.entries(counts)) sum[network] = (sum[network] ?? 0) + n;
    return sum;
  }

  async #postCount(request: RawRequest): Promise<RawResponse> {
    const address = this.#clientAddress(request);
    const retryAfter = this.#limiter.hit(address);
    if (retryAfter > 0) throw new HttpError(429, 'too many requests', { 'retry-after': String(retryAfter) });
    checkContentType(request.header('content-type'));
    const body = parseJsonObject(await request.body());
    const pageUrl = this.#pageUrl(body.url);
    if (typeof body.network !== 'string' || body.network.trim() === '') throw new HttpError(400, 'missing network');
    const network = builtInNetwork(body.network);
    if (!network) throw new HttpError(400, `unknown network "${body.network.slice(0, 40)}"`);
    const visitors = await this.#visitors;
    const visitorKeys = await this.#timed('salt', () =>
      visitors.keys(address, request.header('user-agent') ?? '', pageUrl, network),
    );
    const result = await this.#timed('record', (store) =>
      store.record({ url: pageUrl, network, visitorKeys, dedupeSeconds: this.#dedupeSeconds }),
    );
    if (result.counted) {
      this.#forget(pageUrl);
      this.metrics.shareRecorded();
    }
    return json(200, { url: pageUrl, network, ...result }, { 'cache-control': 'no-store' });
  }

  #preflight(request: RawRequest): RawResponse {
    const headers: Record<string, string> = {
      'access-control-allow-methods': 'GET, HEAD, POST, OPTIONS',
      'access-control-allow-headers': request.header('access-control-request-headers') ?? 'content-type',
      'access-control-max-age': '86400',
    };
    return { status: 204, headers, body: null };
  }

  #pageUrl(raw: unknown): string {
    const pageUrl = normalizePageUrl(raw);
    if (!this.#hosts.allowsAll && !this.#hosts.allows(new URL(pageUrl).hostname)) {
      throw new HttpError(403, 'host not allowed');
    }
    return pageUrl;
  }

  #clientAddress(request: RawRequest): string {
    if (this.#proxyHops > 0) {
      const hops = (request.header('x-forwarded-for') ?? '')
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean);
      // Count hops from the right: entries further left were written by the client and can lie.
      if (hops.length > 0) return hops[Math.max(0, hops.length - this.#proxyHops)]!;
    }
    return request.address ?? '';
  }

  async #timed<T>(op: string, fn: (store: CountStore) => Promise<T>): Promise<T> {
    const store = this.#openStore ?? (await this.#store);
    const start = performance.now();
    try {
      return await fn(store);
    } finally {
      this.metrics.storeLatency(op, (performance.now() - start) / 1000);
    }
  }

  #cors(request: RawRequest, headers: Record<string, string>): void {
    if (this.#anyOrigin) {
      headers['access-control-allow-origin'] = '*';
      return;
    }
    headers.vary = headers.vary ? `${headers.vary}, Origin` : 'Origin';
    const origin = request.header('origin');
    if (origin !== undefined && this.#origins.has(origin)) headers['access-control-allow-origin'] = origin;
  }

  #errorResponse(error: unknown): RawResponse {
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

function json(status: number, body: unknown, headers: Record<string, string> = {}): RawResponse {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(body),
  };
}

function countsAnswer(text: string): RawResponse {
  return {
    status: 200,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': COUNTS_CACHE_CONTROL },
    body: text,
  };
}

function single(params: URLSearchParams, name: string, required = true): string | undefined {
  const values = params.getAll(name);
  if (values.length > 1) throw new HttpError(400, `repeated ${name}`);
  if (values.length === 0 && required) throw new HttpError(400, `missing ${name}`);
  return values[0];
}

function checkContentType(header: string | undefined): void {
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

/** Reads a web-standard request's body, at most `MAX_BODY_BYTES`. */
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

const utf8 = new TextDecoder('utf-8', { fatal: true });

function parseJsonObject(bytes: Uint8Array): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(utf8.decode(bytes));
  } catch {
    throw new HttpError(400, 'body must be JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new HttpError(400, 'body must be a JSON object');
  }
  return value as Record<string, unknown>;
}
