// The HTTP contract between the service and its adapters (node:http in node.ts, fetch's Request and
// Response in web.ts): requests and answers without platform objects, the routes, the limits.

/** Largest POST body accepted (docs/protocol.md#errors). */
export const MAX_BODY_BYTES = 4096;

/**
 * The service's own paths, each with the methods it answers (the `Allow` of a `405`). Any other
 * path is a static file with `--static`, else `404`.
 */
export const ROUTES: Readonly<Record<string, string>> = {
  '/counts': 'GET, HEAD, POST, OPTIONS',
  '/healthz': 'GET, HEAD',
  '/metrics': 'GET, HEAD',
};

/** The methods a static file answers. */
export const STATIC_METHODS = 'GET, HEAD';

/** Whether `path` is one of the service's own paths (`ROUTES`). */
export function isServicePath(path: string): boolean {
  return Object.hasOwn(ROUTES, path);
}

/** The route of a request's path: a path of `ROUTES`, `static` (a file under `--static`) or `other`. */
export function routeOf(path: string, hasStatic: boolean): string {
  if (isServicePath(path)) return path;
  return hasStatic ? 'static' : 'other';
}

/** A request as a platform adapter hands it to the service, without web-standard objects. */
export interface RawRequest {
  /** The method in upper case (`GET`). */
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

/** An answer without platform objects: header names in lower case, no body for HEAD. */
export interface RawResponse {
  /** The HTTP status code. */
  status: number;
  /** Header values by lower-case name. */
  headers: Record<string, string>;
  /** The body, or `null` for none; a stream (a static file) carries its `content-length` header. */
  body: string | Uint8Array | ReadableStream<Uint8Array> | null;
}

/** How a service answers a raw request; never rejects. */
export type RawHandler = (request: RawRequest) => Promise<RawResponse>;

/**
 * The key of the `RawHandler` of a service made by `createCountService`, which the node:http
 * adapter calls instead of `handle()` (fetch objects cost a third of a cached GET).
 */
export const answerRaw = Symbol('share-bar-server.answerRaw');

/** An error that becomes an HTTP answer `{"error": message}` with `status`. */
export class HttpError extends Error {
  /**
   * @param status HTTP status code of the answer.
   * @param headers extra headers of the answer (`retry-after`, `allow`).
   */
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** The `Content-Type` of every JSON answer. */
export const JSON_TYPE = 'application/json; charset=utf-8';

/** A JSON answer: `body` serialised, with `headers` added to the content type. */
export function jsonAnswer(status: number, body: unknown, headers: Record<string, string> = {}): RawResponse {
  return { status, headers: { 'content-type': JSON_TYPE, ...headers }, body: JSON.stringify(body) };
}

/**
 * The body of a POST as a JSON object. It must come as `application/json` or `text/plain` (what
 * `sendBeacon` sends), in UTF-8; throws an HttpError (400, 413, 415) otherwise.
 */
export async function readJsonObject(request: RawRequest): Promise<Record<string, unknown>> {
  checkContentType(request.header('content-type'));
  let value: unknown;
  const bytes = await request.body();
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

const utf8 = new TextDecoder('utf-8', { fatal: true });

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
