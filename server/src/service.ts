import { performance } from 'node:perf_hooks';
import { adminHeaders, AdminRoutes } from './admin-routes.js';
import { AnswerCache, type ReadAnswer } from './answer-cache.js';
import { allCounts, askedCounts, networkIds, sumCounts, withPublished } from './counts.js';
import {
  answerRaw,
  HttpError,
  jsonAnswer,
  JSON_TYPE,
  readJsonObject,
  routeOf,
  ROUTES,
  STATIC_METHODS,
  type RawRequest,
  type RawResponse,
} from './http.js';
import { Metrics } from './metrics.js';
import { clientOf, forwardedClient } from './client-address.js';
import { builtInNetwork, type Counts } from './protocol.js';
import { RateLimiter } from './rate-limit.js';
import { StaticFiles } from './static.js';
import { pageTitle } from './title.js';
import { NewPageBudget } from './new-pages.js';
import { StoreUnavailableError, type CountStore } from './stores/count-store.js';
import { DEFAULT_STORE, openStore } from './stores/open-store.js';
import { UpstreamCounts, type UpstreamOptions } from './upstream-counts.js';
import { HostAllowList, normalizePageUrl, urlVariants } from './url.js';
import { VisitorKeys } from './visitor.js';
import { fromWebRequest, toWebResponse } from './web.js';

/** `Cache-Control` of every count answer (docs/protocol.md#caching). */
export const COUNTS_CACHE_CONTROL = 'public, max-age=60, stale-while-revalidate=600';

const DAY_SECONDS = 24 * 3600;

/** Headers of an answer no cache may keep. */
const NO_STORE: Readonly<Record<string, string>> = { 'cache-control': 'no-store' };

/** How many POSTs with an ignored `X-Forwarded-For` it takes to warn that a proxy is not trusted. */
const UNTRUSTED_FORWARDED_WARNING = 10;

/** Options of `createCountService` (docs/count-service.md#as-a-library). */
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
  /** How many shares one address counts per (url, network) per day, whatever its user agent; default 20, 0 = no bound. */
  sharesPerAddress?: number;
  /** How many new pages (urls with no count yet) one address may add per day; default 200, 0 = no bound. */
  newPageLimit?: number;
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
  /**
   * The token that opens the statistics and the dashboard (docs/statistics.md#access); without it
   * their paths do not exist.
   */
  adminToken?: string;
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

/** Creates the count service of docs/protocol.md around a store. */
export function createCountService(options: CountServiceOptions = {}): CountService {
  return new Service(options);
}

/** The service's rules: routing, CORS, errors, and the two handlers, GET counts and POST a share. */
class Service implements CountService {
  readonly metrics = new Metrics();
  readonly #storeOpening: Promise<CountStore>;
  /** The store once open, so the hot paths need not wait on a promise. */
  #store: CountStore | undefined;
  readonly #visitors: Promise<VisitorKeys>;
  readonly #hosts: HostAllowList;
  readonly #anyOrigin: boolean;
  readonly #origins: ReadonlySet<string>;
  readonly #proxyHops: number;
  readonly #limiter: RateLimiter;
  readonly #perAddress: number | undefined;
  readonly #newPages: NewPageBudget;
  readonly #static: StaticFiles | undefined;
  readonly #dedupeSeconds: number;
  readonly #log: (message: string) => void;
  readonly #upstream: UpstreamCounts | undefined;
  readonly #recover: boolean;
  readonly #answers = new AnswerCache((query) => this.#readCounts(query));
  readonly #admin: AdminRoutes | undefined;
  #lastStoreLog = 0;
  #lastForwardedLog = -Infinity;

  constructor(options: CountServiceOptions) {
    this.#log = options.log ?? ((message) => console.error(message));
    // Before the store opens, so a bad upstream configuration leaves nothing open behind.
    this.#upstream = options.upstream?.networks.length
      ? new UpstreamCounts(options.upstream, this.metrics, this.#log)
      : undefined;
    this.#recover = options.recover ?? false;
    const store = options.store ?? DEFAULT_STORE;
    this.#storeOpening = typeof store === 'string' ? openStore(store) : Promise.resolve(store);
    this.metrics.storeDataLost = () => (this.#store?.dataLost === undefined ? 0 : 1);
    this.#storeOpening.then(
      (opened) => {
        this.#store = opened;
        // Upstream counts change by themselves (refreshes), so their answers are never kept.
        this.#answers.ttlMs = this.#upstream ? 0 : Math.max(0, opened.answerTtlMs ?? 0);
      },
      () => {},
    );
    this.#visitors = this.#storeOpening.then((opened) => new VisitorKeys(opened));
    this.#visitors.catch(() => {});
    this.#hosts = new HostAllowList(options.allowHosts ?? []);
    const origins = options.corsOrigins?.length ? options.corsOrigins : ['*'];
    this.#anyOrigin = origins.includes('*');
    this.#origins = new Set(origins);
    this.#proxyHops = options.trustProxy === true ? 1 : Number(options.trustProxy || 0);
    this.#limiter = new RateLimiter(options.rateLimit ?? 60);
    this.#perAddress = options.sharesPerAddress === 0 ? undefined : (options.sharesPerAddress ?? 20);
    this.#newPages = new NewPageBudget(options.newPageLimit ?? 200);
    this.#static = options.staticDir
      ? new StaticFiles(
          options.staticDir,
          this.#storeOpening.then((opened) => opened.files ?? []),
        )
      : undefined;
    this.#dedupeSeconds = options.dedupeSeconds ?? DAY_SECONDS;
    this.#admin = options.adminToken
      ? new AdminRoutes(options.adminToken, (op, call) => this.#callStore(op, call))
      : undefined;
  }

  ready(): Promise<CountStore> {
    return this.#storeOpening;
  }

  async close(): Promise<void> {
    this.#upstream?.close();
    await (await this.#storeOpening.catch(() => undefined))?.close();
  }

  async handle(request: Request, context: RequestContext = {}): Promise<Response> {
    return toWebResponse(await this[answerRaw](fromWebRequest(request, context.address)));
  }

  /** Answers one request; never rejects. The node:http adapter calls this directly. */
  async [answerRaw](request: RawRequest): Promise<RawResponse> {
    const admin = this.#admin?.routeOf(request.path);
    const route = admin ?? routeOf(request.path, this.#static !== undefined);
    let response: RawResponse;
    try {
      response = admin
        ? await this.#admin!.answer(admin, request, this.#client(request))
        : await this.#route(route, request);
    } catch (error) {
      response = this.#errorResponse(error);
    }
    // Statistics are for the service's own pages only, the metrics for the operator: no CORS headers.
    if (admin) adminHeaders(response.headers);
    else if (route !== '/metrics') this.#cors(request, response.headers);
    this.metrics.request(route, response.status);
    if (request.method === 'HEAD') response.body = null;
    return response;
  }

  async #route(route: string, request: RawRequest): Promise<RawResponse> {
    const method = request.method;
    const read = method === 'GET' || method === 'HEAD';
    if (route === '/counts') {
      if (read) return this.#getCounts(request.query);
      if (method === 'POST') return this.#postShare(request);
      if (method === 'OPTIONS') return this.#preflight(request);
    } else if (route === '/healthz') {
      if (read) {
        await this.#callStore('ping', (store) => store.ping());
        if (this.#store?.dataLost !== undefined) throw new HttpError(503, 'store lost its data');
        return jsonAnswer(200, { status: 'ok' }, NO_STORE);
      }
    } else if (route === '/metrics') {
      if (read) {
        const headers = { 'content-type': 'text/plain; version=0.0.4; charset=utf-8', ...NO_STORE };
        return { status: 200, headers, body: this.metrics.render() };
      }
    } else if (route === 'static') {
      if (read) return this.#static!.serve(request.path, method);
    } else {
      throw new HttpError(404, 'not found');
    }
    throw new HttpError(405, 'method not allowed', { allow: ROUTES[route] ?? STATIC_METHODS });
  }

  /** `GET /counts` (docs/protocol.md#get-counts). */
  async #getCounts(query: string): Promise<RawResponse> {
    const text = this.#answers.kept(query) ?? (await this.#answers.read(query));
    return {
      status: 200,
      headers: { 'content-type': JSON_TYPE, 'cache-control': COUNTS_CACHE_CONTROL },
      body: text,
    };
  }

  /** A GET answer, read from the store (and the upstreams), with the page urls it read. */
  async #readCounts(query: string): Promise<ReadAnswer> {
    const params = new URLSearchParams(query);
    const pageUrl = this.#pageUrl(singleParam(params, 'url'));
    const networksParam = singleParam(params, 'networks', false);
    const urls = this.#recover ? urlVariants(pageUrl) : [pageUrl];
    const upstream = this.#upstream;
    let answer: Counts;
    if (networksParam === undefined || networksParam.trim() === '') {
      const [firstParty, published] = await withPublished(
        this.#firstParty(urls),
        upstream?.counts(urls, upstream.networks),
      );
      answer = allCounts(firstParty, published);
    } else {
      const asked = new Map<string, string>();
      for (const id of networkIds(networksParam)) {
        // An id only a network counts (`buffer`) is known while that upstream is on.
        const network = builtInNetwork(id) ?? (upstream?.networks.has(id) ? id : undefined);
        // Ids this service does not count (a page's own custom networks, dead services) are left
        // out of the answer rather than failing it: the bar then shows counts for the others.
        if (network) asked.set(id, network);
      }
      const networks = [...new Set(asked.values())];
      const [firstParty, published] = await withPublished(
        this.#firstParty(
          urls,
          networks.filter((network) => builtInNetwork(network) !== undefined),
        ),
        upstream?.counts(urls, networks),
      );
      answer = askedCounts(asked, firstParty, published);
    }
    return { text: JSON.stringify(answer), urls };
  }

  /** First-party counts summed over `urls` (one url unless recovering). */
  async #firstParty(urls: readonly string[], networks?: readonly string[]): Promise<Counts> {
    if (networks?.length === 0) return {};
    if (urls.length === 1) return this.#callStore('get', (store) => store.get(urls[0]!, networks));
    return sumCounts(await Promise.all(urls.map((url) => this.#callStore('get', (store) => store.get(url, networks)))));
  }

  /** `POST /counts`: records one share (docs/protocol.md#post-counts). */
  async #postShare(request: RawRequest): Promise<RawResponse> {
    // Pages of other origins must not make their readers' browsers record shares. A client that
    // sends no Origin is not a browser, which could send any Origin it liked anyway.
    const origin = request.header('origin');
    if (!this.#anyOrigin && origin !== undefined && !this.#origins.has(origin)) {
      throw new HttpError(403, 'origin not allowed');
    }
    const address = this.#client(request);
    if (this.#proxyHops === 0 && request.header('x-forwarded-for') !== undefined) this.#forwardedIgnored();
    const retryAfter = this.#limiter.hit(address);
    if (retryAfter > 0) throw new HttpError(429, 'too many requests', { 'retry-after': String(retryAfter) });
    const body = await readJsonObject(request);
    const pageUrl = this.#pageUrl(body.url);
    if (typeof body.network !== 'string' || body.network.trim() === '') throw new HttpError(400, 'missing network');
    const network = builtInNetwork(body.network);
    if (!network) throw new HttpError(400, `unknown network "${body.network.slice(0, 40)}"`);
    const visitors = await this.#visitors;
    const [visitorKeys, addressKeys] = await this.#callStore('salt', () =>
      Promise.all([
        visitors.keys(address, request.header('user-agent') ?? '', pageUrl, network),
        this.#perAddress === undefined ? undefined : visitors.addressKeys(address, pageUrl, network),
      ]),
    );
    const title = pageTitle(body.title);
    if (!this.#newPages.allows(address)) {
      // This address added its new pages for today; it may still share pages that have a count.
      const known = await this.#callStore('get', (store) => store.get(pageUrl));
      if (Object.keys(known).length === 0) {
        throw new HttpError(429, 'too many new pages', { 'retry-after': String(this.#newPages.secondsToRenewal()) });
      }
    }
    const result = await this.#callStore('record', (store) =>
      store.record({
        url: pageUrl,
        network,
        visitorKeys,
        dedupeSeconds: this.#dedupeSeconds,
        addressKeys,
        perAddress: this.#perAddress,
        title,
      }),
    );
    if (result.newPage) this.#newPages.added(address);
    if (result.counted) {
      this.#answers.shareCounted(pageUrl);
      this.metrics.shareRecorded();
    }
    return jsonAnswer(200, { url: pageUrl, network, counted: result.counted, count: result.count }, NO_STORE);
  }

  #preflight(request: RawRequest): RawResponse {
    const headers: Record<string, string> = {
      'access-control-allow-methods': ROUTES['/counts']!,
      'access-control-allow-headers': request.header('access-control-request-headers') ?? 'content-type',
      'access-control-max-age': '86400',
    };
    return { status: 204, headers, body: null };
  }

  /** The normalised page url, or a 400 (not a page url) or 403 (host not allowed) HttpError. */
  #pageUrl(raw: unknown): string {
    const pageUrl = normalizePageUrl(raw);
    if (!this.#hosts.allowsAll && !this.#hosts.allows(new URL(pageUrl).hostname)) {
      throw new HttpError(403, 'host not allowed');
    }
    return pageUrl;
  }

  /**
   * The client a POST is limited and deduplicated as: an IPv4 address or an IPv6 /64, from
   * `X-Forwarded-For` with `--trust-proxy` when it holds one, else the peer's.
   */
  #client(request: RawRequest): string {
    if (this.#proxyHops > 0) {
      const client = forwardedClient(request.header('x-forwarded-for'), this.#proxyHops);
      if (client !== undefined) return client;
    }
    const peer = request.address ?? '';
    return clientOf(peer) ?? peer;
  }

  /** A POST came through a proxy that `--trust-proxy` does not trust: every reader behind it looks like one. */
  #forwardedIgnored(): void {
    const count = this.metrics.untrustedForwarded();
    const now = Date.now();
    if (count >= UNTRUSTED_FORWARDED_WARNING && now - this.#lastForwardedLog >= 3600_000) {
      this.#lastForwardedLog = now;
      this.#log(
        `share-bar-server: warning: ${count} POSTs carried X-Forwarded-For, but --trust-proxy is off: every ` +
          'reader behind that proxy counts as one visitor and shares one rate limit ' +
          '(docs/count-service.md#behind-a-reverse-proxy)',
      );
    }
  }

  /** Calls the store once it is open, timing the call for the `share_bar_store_duration_seconds{op}` metric. */
  async #callStore<T>(op: string, call: (store: CountStore) => Promise<T>): Promise<T> {
    const store = this.#store ?? (await this.#storeOpening);
    const start = performance.now();
    try {
      return await call(store);
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

  /** The answer to a failed request (docs/protocol.md#errors). */
  #errorResponse(error: unknown): RawResponse {
    if (error instanceof HttpError) {
      return jsonAnswer(error.status, { error: error.message }, { ...NO_STORE, ...error.headers });
    }
    if (error instanceof StoreUnavailableError) {
      // An outage fails every request; one line every few seconds tells the story.
      if (Date.now() - this.#lastStoreLog > 5000) {
        this.#lastStoreLog = Date.now();
        this.#log(`share-bar-server: store unavailable: ${error.message}`);
      }
      return jsonAnswer(503, { error: 'store unavailable' }, { ...NO_STORE, 'retry-after': '5' });
    }
    this.#log(`share-bar-server: unexpected error: ${(error as Error)?.stack ?? String(error)}`);
    return jsonAnswer(500, { error: 'internal error' }, NO_STORE);
  }
}

/** The one value of a query parameter: a 400 HttpError when repeated, or missing and `required`. */
function singleParam(params: URLSearchParams, name: string, required = true): string | undefined {
  const values = params.getAll(name);
  if (values.length > 1) throw new HttpError(400, `repeated ${name}`);
  if (values.length === 0 && required) throw new HttpError(400, `missing ${name}`);
  return values[0];
}
