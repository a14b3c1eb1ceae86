/** How often one url may be asked of a network: at most `requests` per `seconds`. */
export interface UpstreamBudget {
  /** Requests allowed per url within the window. */
  requests: number;
  /** The sliding window, in seconds. */
  seconds: number;
}

/** What a request builder gets besides the page url. */
export interface UpstreamRequestContext {
  /** The base url (scheme, host, optional path prefix) without a trailing slash. */
  base: string;
  /** The values of the variables named in `credentials`. */
  credentials: Readonly<Record<string, string>>;
}

/**
 * One network that still publishes a count (docs/count-service.md#upstream-counts): where to ask,
 * how to read the answer, how often asking is allowed. Adding an upstream is adding one of these
 * to the registry.
 */
export interface Upstream {
  /** The network id the count is answered under. */
  readonly id: string;
  /** The real endpoint's base url; replaced by `SHARE_BAR_UPSTREAM_BASE_<ID>` or `baseUrls`. */
  readonly base: string;
  /** How often one url may be asked. */
  readonly budget: UpstreamBudget;
  /** Environment variables that must be set for this upstream to start. */
  readonly credentials?: readonly string[];
  /**
   * True when one request already finds every variant of a url (a search), so count recovery
   * asks once and lets `parse` match the variants instead of asking once per variant.
   */
  readonly searchesVariants?: boolean;
  /** The request url for `url`. Never logged: it may carry a secret. */
  request(url: string, context: UpstreamRequestContext): string;
  /**
   * The count in a `200` answer's body; throws `UpstreamFormatError` for anything else. `urls` are
   * the page urls the count is for (only more than one for a `searchesVariants` upstream).
   */
  parse(body: string, urls: readonly string[]): number;
}

/** An upstream answer that is not in the network's format. */
export class UpstreamFormatError extends Error {
  /** @param message what is wrong with the answer (never the answer itself, which may be large). */
  constructor(message: string) {
    super(message);
    this.name = 'UpstreamFormatError';
  }
}

/** `body` parsed as JSON, or an `UpstreamFormatError`. */
export function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    throw new UpstreamFormatError('not JSON');
  }
}

/** A property of an object, or `undefined` for anything that is not an object. */
export function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)[name]
    : undefined;
}

/** `value` as a count: a safe non-negative integer, or a string of digits (LINE); else it throws. */
export function count(value: unknown): number {
  const n = typeof value === 'string' && /^\d{1,15}$/.test(value.trim()) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) {
    throw new UpstreamFormatError(`not a count: ${JSON.stringify(value)?.slice(0, 40)}`);
  }
  return n;
}

/** `base` + `path` + the query built from `params`. */
export function endpoint(base: string, path: string, params: Record<string, string>): string {
  return `${base}${path}?${new URLSearchParams(params).toString()}`;
}

/**
 * An upstream that asks `{base}{path}?url=<page>` and reads the count from one field of a JSON
 * answer (`countField`), at most 20 times an hour per url.
 */
export function jsonFieldUpstream(id: string, base: string, path: string, countField: string): Upstream {
  return {
    id,
    base,
    budget: { requests: 20, seconds: 3600 },
    request: (url, context) => endpoint(context.base, path, { url }),
    parse: (body) => count(field(parseJson(body), countField)),
  };
}
