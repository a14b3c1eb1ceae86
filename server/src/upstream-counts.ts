import type { Metrics } from './metrics.js';
import type { Counts } from './protocol.js';
import { RateLimiter } from './rate-limit.js';
import { UPSTREAMS, upstreamFor } from './upstreams/registry.js';
import { UpstreamFormatError, type Upstream } from './upstreams/types.js';

/** How long an upstream count is fresh, in seconds (`--upstream-ttl`). */
export const DEFAULT_UPSTREAM_TTL_SECONDS = 3600;
/** How long a reader's GET may wait on a network, in milliseconds. */
export const DEFAULT_UPSTREAM_TIMEOUT_MS = 3000;

/** Largest upstream answer read; a Hacker News search page is a few kilobytes. */
const MAX_ANSWER_BYTES = 1 << 20;
/** After a failed request, the same url is not asked again for this long (or the TTL if shorter). */
const RETRY_AFTER_FAILURE_MS = 60_000;
/** Requests each network gets at once before `requestsPerHour` paces them. */
const OVERALL_BURST = 60;
/** The default of `UpstreamOptions.requestsPerHour`. */
export const DEFAULT_UPSTREAM_REQUESTS_PER_HOUR = 1800;
/** A 429 without a usable `Retry-After` pauses the network for this long; longer answers are capped. */
const DEFAULT_RATE_LIMIT_PAUSE_S = 60;
const MAX_RATE_LIMIT_PAUSE_S = 3600;

/** Options of upstream counts (`CountServiceOptions.upstream`). */
export interface UpstreamOptions {
  /** Upstream network ids to ask, e.g. `['facebook', 'pinterest']`; see `UPSTREAMS`. */
  networks: readonly string[];
  /** How long a count is fresh, in seconds; default 3600. */
  ttlSeconds?: number;
  /** How long one upstream request may take, in milliseconds; default 3000. */
  timeoutMs?: number;
  /** Base urls by network id, replacing the real endpoints (for a test double or a proxy). */
  baseUrls?: Readonly<Record<string, string>>;
  /**
   * Where credentials (`FACEBOOK_APP_ID`, `FACEBOOK_APP_SECRET`) and base urls
   * (`SHARE_BAR_UPSTREAM_BASE_<ID>`) are read from; default `process.env`.
   */
  env?: Readonly<Record<string, string | undefined>>;
  /**
   * How many requests each network gets per hour at most, whatever the GET traffic, after a first
   * burst of 60; default 1,800 (one every 2 s).
   */
  requestsPerHour?: number;
  /** How many (network, url) counts are kept; the least recently asked go first. Default 10,000. */
  maxEntries?: number;
  /** The clock in milliseconds, for tests that need an hour to pass quickly; default `Date.now`. */
  now?: () => number;
}

/** An upstream that cannot start: unknown id, missing credentials or a bad base url. */
export class UpstreamConfigError extends Error {
  /** @param message what to fix, for the CLI to print. */
  constructor(message: string) {
    super(message);
    this.name = 'UpstreamConfigError';
  }
}

/** What is known about one (network, url). */
interface CountEntry {
  /** The last good count. */
  value?: number;
  /** Until when `value` is served without asking again. */
  freshUntil: number;
  /** No request before this time (set after a failure). */
  retryAt: number;
  /** Start times of the requests within the budget window. */
  attempts: number[];
  /** The request in flight, shared by every GET that waits for it. */
  inflight?: Promise<void>;
}

/** An upstream as this service asks it. */
interface Configured {
  upstream: Upstream;
  /** The base url in use: the real one, or its replacement. */
  base: string;
  /** The values of the upstream's credential variables. */
  credentials: Record<string, string>;
}

/**
 * Counts the networks publish, fetched server-side: cached per url for the TTL, refreshed in the
 * background once stale, never asked more often than each network's budget, and a failure keeps
 * the last good count.
 */
export class UpstreamCounts {
  /** The network ids asked. */
  readonly networks: ReadonlySet<string>;
  readonly #configured = new Map<string, Configured>();
  readonly #entries = new Map<string, CountEntry>();
  /** Networks paused after a 429, until the time given. */
  readonly #pausedUntil = new Map<string, number>();
  readonly #lastLog = new Map<string, number>();
  readonly #closing = new AbortController();
  readonly #inflight = new Set<Promise<void>>();
  /** Every network's requests, whatever the url: per-url budgets alone let new urls ask without end. */
  readonly #overall: RateLimiter;
  readonly #ttlMs: number;
  readonly #timeoutMs: number;
  readonly #maxEntries: number;
  readonly #now: () => number;
  readonly #metrics: Metrics | undefined;
  readonly #log: (message: string) => void;

  /** Throws `UpstreamConfigError` when an upstream cannot start. */
  constructor(options: UpstreamOptions, metrics?: Metrics, log: (message: string) => void = () => {}) {
    const env = options.env ?? process.env;
    for (const raw of options.networks) {
      const id = raw.trim().toLowerCase();
      const upstream = upstreamFor(id);
      if (!upstream) {
        throw new UpstreamConfigError(`unknown upstream "${raw}": use ${Object.keys(UPSTREAMS).join(', ')}`);
      }
      const missing = (upstream.credentials ?? []).filter((name) => !env[name]);
      if (missing.length > 0) {
        throw new UpstreamConfigError(
          `upstream ${id} needs ${(upstream.credentials ?? []).join(' and ')} in the environment ` +
            `(missing: ${missing.join(', ')})`,
        );
      }
      const base = (options.baseUrls?.[id] ?? env[`SHARE_BAR_UPSTREAM_BASE_${id.toUpperCase()}`] ?? upstream.base)
        .trim()
        .replace(/\/+$/, '');
      if (!/^https?:\/\/[^/]/i.test(base) || !URL.canParse(base)) {
        throw new UpstreamConfigError(`upstream ${id}: base url "${base}" is not an http(s) url`);
      }
      const credentials = Object.fromEntries((upstream.credentials ?? []).map((name) => [name, env[name]!]));
      this.#configured.set(id, { upstream, base, credentials });
    }
    this.networks = new Set(this.#configured.keys());
    this.#ttlMs = (options.ttlSeconds ?? DEFAULT_UPSTREAM_TTL_SECONDS) * 1000;
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_UPSTREAM_TIMEOUT_MS;
    this.#maxEntries = options.maxEntries ?? 10_000;
    this.#now = options.now ?? Date.now;
    const perHour = Math.max(1, options.requestsPerHour ?? DEFAULT_UPSTREAM_REQUESTS_PER_HOUR);
    this.#overall = new RateLimiter(OVERALL_BURST, (OVERALL_BURST / perHour) * 3600_000, this.#now);
    this.#metrics = metrics;
    this.#log = log;
  }

  /**
   * Upstream counts of a page for those of `networks` that are asked upstream; a network with no
   * good answer yet is left out. `urls` are the page's url and the variants to add (count
   * recovery), the page's first. Waits for a network at most the timeout, and only for a url it
   * has no count of yet.
   */
  async counts(urls: readonly string[], networks: Iterable<string>): Promise<Counts> {
    const asks: Promise<[string, number | undefined]>[] = [];
    for (const id of new Set(networks)) {
      const configured = this.#configured.get(id);
      if (!configured) continue;
      // A search finds the variants in one request, made for the same one of them whichever was
      // asked, so every variant shares its cache; an exact counter is asked once per variant.
      const targets = configured.upstream.searchesVariants ? [[...urls].sort()[0]!] : urls;
      for (const url of targets) {
        asks.push(
          this.#countOf(configured, url, configured.upstream.searchesVariants ? urls : [url]).then((n) => [id, n]),
        );
      }
    }
    const out: Counts = {};
    for (const [id, n] of await Promise.all(asks)) {
      if (n !== undefined) out[id] = (out[id] ?? 0) + n;
    }
    return out;
  }

  /** Resolves once no request is in flight (background refreshes included). */
  async settled(): Promise<void> {
    while (this.#inflight.size > 0) await Promise.all(this.#inflight);
  }

  /** Aborts the requests in flight. */
  close(): void {
    this.#closing.abort();
  }

  async #countOf(configured: Configured, url: string, parseUrls: readonly string[]): Promise<number | undefined> {
    const entry = this.#entryFor(`${configured.upstream.id}\n${url}`);
    const now = this.#now();
    if (entry.value !== undefined && now < entry.freshUntil) return entry.value;
    this.#refresh(configured, entry, url, parseUrls, now);
    // Stale is better than slow: a known count is answered now and replaced in the background.
    if (entry.value !== undefined || !entry.inflight) return entry.value;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      entry.inflight,
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, this.#timeoutMs);
      }),
    ]);
    clearTimeout(timer);
    return entry.value;
  }

  #entryFor(key: string): CountEntry {
    let entry = this.#entries.get(key);
    if (entry) {
      // Re-insert, so the Map's order is least recently asked first.
      this.#entries.delete(key);
    } else {
      entry = { freshUntil: 0, retryAt: 0, attempts: [] };
      for (const [old, oldEntry] of this.#entries) {
        if (this.#entries.size < this.#maxEntries) break;
        if (!oldEntry.inflight) this.#entries.delete(old);
      }
    }
    this.#entries.set(key, entry);
    return entry;
  }

  #refresh(configured: Configured, entry: CountEntry, url: string, parseUrls: readonly string[], now: number): void {
    const { upstream } = configured;
    if (entry.inflight || now < entry.retryAt || now < (this.#pausedUntil.get(upstream.id) ?? 0)) return;
    const windowStart = now - upstream.budget.seconds * 1000;
    entry.attempts = entry.attempts.filter((t) => t > windowStart);
    if (entry.attempts.length >= upstream.budget.requests || this.#overall.hit(upstream.id) > 0) return;
    entry.attempts.push(now);
    const inflight = this.#fetch(configured, entry, url, parseUrls).finally(() => {
      entry.inflight = undefined;
      this.#inflight.delete(inflight);
    });
    entry.inflight = inflight;
    this.#inflight.add(inflight);
  }

  async #fetch(configured: Configured, entry: CountEntry, url: string, parseUrls: readonly string[]): Promise<void> {
    const { upstream, base, credentials } = configured;
    let outcome: string;
    try {
      const response = await fetch(upstream.request(url, { base, credentials }), {
        headers: { accept: '*/*', 'user-agent': 'share-bar-server' },
        signal: AbortSignal.any([AbortSignal.timeout(this.#timeoutMs), this.#closing.signal]),
      });
      if (response.status === 429) {
        const seconds = Number(response.headers.get('retry-after'));
        const pause = Number.isFinite(seconds) && seconds > 0 ? seconds : DEFAULT_RATE_LIMIT_PAUSE_S;
        this.#pausedUntil.set(upstream.id, this.#now() + Math.min(pause, MAX_RATE_LIMIT_PAUSE_S) * 1000);
        outcome = 'rate_limited';
      } else if (!response.ok) {
        outcome = 'http_error';
      } else {
        const value = upstream.parse(await readText(response), parseUrls);
        entry.value = value;
        entry.freshUntil = this.#now() + this.#ttlMs;
        entry.retryAt = 0;
        this.#metrics?.upstreamRequest(upstream.id, 'ok');
        return;
      }
      await response.body?.cancel().catch(() => {});
    } catch (error) {
      const name = (error as Error)?.name;
      outcome =
        error instanceof UpstreamFormatError
          ? 'malformed'
          : name === 'TimeoutError'
            ? 'timeout'
            : name === 'AbortError'
              ? 'aborted'
              : 'unreachable';
    }
    entry.retryAt = this.#now() + Math.min(RETRY_AFTER_FAILURE_MS, this.#ttlMs);
    this.#metrics?.upstreamRequest(upstream.id, outcome);
    this.#logFailure(upstream.id, outcome);
  }

  #logFailure(id: string, outcome: string): void {
    if (outcome === 'aborted') return;
    // One line a minute per network: an outage must not flood the log. The request url is never
    // logged, since Facebook's carries the app secret.
    const now = Date.now();
    if (now - (this.#lastLog.get(id) ?? 0) < 60_000) return;
    this.#lastLog.set(id, now);
    this.#log(
      `share-bar-server: upstream ${id}: ${outcome.replace('_', ' ')}; serving the last good or first-party count`,
    );
  }
}

async function readText(response: Response): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > MAX_ANSWER_BYTES) throw new UpstreamFormatError('answer too large');
  if (!response.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body) {
    size += chunk.byteLength;
    if (size > MAX_ANSWER_BYTES) throw new UpstreamFormatError('answer too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
