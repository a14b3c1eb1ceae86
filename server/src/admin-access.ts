// Who may see the statistics (docs/statistics.md#access): the holder of the admin token, as a
// bearer token for the API, or as the dashboard's session cookie, which is derived from the token
// and never holds it. Wrong tokens are counted per client address and answered 429 past a limit.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { HttpError, type RawRequest } from './http.js';

/** The dashboard's session cookie. */
export const SESSION_COOKIE = 'share-bar-session';

/** Where the session cookie is sent: the dashboard's own paths only. */
export const SESSION_PATH = '/dashboard';

/** How long a dashboard session lasts, in seconds. */
export const SESSION_SECONDS = 30 * 24 * 3600;

/** Wrong tokens one address may send within `FAILURE_WINDOW_MS` before it gets 429. */
export const MAX_FAILURES = 10;

/** The window in which wrong tokens add up, in ms. */
export const FAILURE_WINDOW_MS = 15 * 60 * 1000;

/** The shortest admin token accepted: a guess must not be a matter of minutes. */
export const MIN_TOKEN_LENGTH = 16;

/** How many addresses the failure counts are kept for at most; past that the oldest are dropped. */
const MAX_TRACKED_ADDRESSES = 10_000;

/** Wrong tokens counted per address in a fixed window that starts with the first one. */
class FailureCounter {
  readonly #failures = new Map<string, { count: number; until: number }>();

  /** Seconds `address` must wait before trying again, or 0. */
  retryAfter(address: string, now = Date.now()): number {
    const entry = this.#failures.get(address);
    if (entry === undefined) return 0;
    if (now >= entry.until) {
      this.#failures.delete(address);
      return 0;
    }
    return entry.count >= MAX_FAILURES ? Math.ceil((entry.until - now) / 1000) : 0;
  }

  /** Counts one wrong token from `address`. */
  fail(address: string, now = Date.now()): void {
    const entry = this.#failures.get(address);
    if (entry !== undefined && now < entry.until) {
      entry.count++;
      return;
    }
    if (this.#failures.size >= MAX_TRACKED_ADDRESSES) {
      for (const [key, { until }] of this.#failures) if (until <= now) this.#failures.delete(key);
      // Still full: forget the oldest windows, which the Map holds first.
      for (const key of this.#failures.keys()) {
        if (this.#failures.size < MAX_TRACKED_ADDRESSES) break;
        this.#failures.delete(key);
      }
    }
    this.#failures.set(address, { count: 1, until: now + FAILURE_WINDOW_MS });
  }
}

/** How a request may prove it holds the token. */
export type Credentials = 'bearer' | 'bearer or session';

/** Checks tokens and makes and checks the dashboard's session cookies. */
export class AdminAccess {
  /** SHA-256 of the token: what a presented token's digest is compared with. */
  readonly #tokenDigest: Buffer;
  /** The key session cookies are signed with, derived from the token: a new token ends every session. */
  readonly #sessionKey: Buffer;
  readonly #failures = new FailureCounter();

  /** @param token the admin token; at least `MIN_TOKEN_LENGTH` characters, or this throws. */
  constructor(token: string) {
    if (token.length < MIN_TOKEN_LENGTH) {
      throw new Error(`the admin token must be at least ${MIN_TOKEN_LENGTH} characters long`);
    }
    this.#tokenDigest = digest(token);
    this.#sessionKey = createHmac('sha256', token).update('share-bar dashboard session').digest();
  }

  /**
   * Throws unless `request` holds the token: 429 while its address has sent too many wrong ones,
   * 401 when it holds none or a wrong one (which counts against its address).
   */
  authorize(request: RawRequest, address: string, credentials: Credentials): void {
    this.#refuseWhileLimited(address);
    const authorization = request.header('authorization');
    if (authorization !== undefined) {
      const match = /^Bearer[ ]+(\S+)\s*$/i.exec(authorization);
      if (match && this.#isToken(match[1]!)) return;
      this.#wrong(address, 'wrong token');
    }
    const session = credentials === 'bearer or session' ? cookie(request, SESSION_COOKIE) : undefined;
    if (session !== undefined) {
      if (this.#isSession(session)) return;
      this.#wrong(address, 'session expired or invalid: enter the token again');
    }
    throw unauthorized('missing token: send Authorization: Bearer <token>');
  }

  /**
   * `POST /dashboard/session` with `{"token": "…"}`: the `Set-Cookie` of a new session. Throws 403
   * for a request from another site, 415 for a body that is not JSON, 401/429 as `authorize`.
   */
  login(request: RawRequest, address: string, body: Record<string, unknown>): string {
    this.#refuseWhileLimited(address);
    if (typeof body.token !== 'string' || body.token === '') throw new HttpError(400, 'missing token');
    if (!this.#isToken(body.token)) this.#wrong(address, 'wrong token');
    const expires = Math.floor(Date.now() / 1000) + SESSION_SECONDS;
    return sessionCookie(`${expires}.${this.#sign(expires)}`, SESSION_SECONDS, isSecure(request));
  }

  /** `DELETE /dashboard/session`: the `Set-Cookie` that ends the session. */
  logout(request: RawRequest): string {
    return sessionCookie('', 0, isSecure(request));
  }

  #refuseWhileLimited(address: string): void {
    const retryAfter = this.#failures.retryAfter(address);
    if (retryAfter > 0) {
      throw new HttpError(429, 'too many wrong tokens: try again later', { 'retry-after': String(retryAfter) });
    }
  }

  #wrong(address: string, message: string): never {
    this.#failures.fail(address);
    this.#refuseWhileLimited(address);
    throw unauthorized(message);
  }

  /** Compares digests of equal length in constant time: the token's length and content leak nothing. */
  #isToken(candidate: string): boolean {
    return timingSafeEqual(digest(candidate), this.#tokenDigest);
  }

  #isSession(value: string): boolean {
    const match = /^(\d{1,12})\.([\w-]{43})$/.exec(value);
    if (!match) return false;
    const expires = Number(match[1]);
    const signature = Buffer.from(match[2]!, 'base64url');
    const expected = Buffer.from(this.#sign(expires), 'base64url');
    return timingSafeEqual(signature, expected) && expires * 1000 > Date.now();
  }

  #sign(expires: number): string {
    return createHmac('sha256', this.#sessionKey).update(String(expires)).digest('base64url');
  }
}

/**
 * Throws a 403 unless a request that changes the session comes from a page of the service's own
 * origin: a form or script on another site can neither log a user in nor out.
 */
export function checkSameOrigin(request: RawRequest): void {
  const site = request.header('sec-fetch-site');
  if (site !== undefined && site !== 'same-origin') throw new HttpError(403, 'cross-site request refused');
  const origin = request.header('origin');
  const host = request.header('host');
  let originHost: string | undefined;
  try {
    originHost = origin === undefined ? undefined : new URL(origin).host;
  } catch {
    originHost = undefined;
  }
  if (originHost === undefined || host === undefined || originHost !== host.toLowerCase()) {
    throw new HttpError(403, 'cross-origin request refused');
  }
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

function unauthorized(message: string): HttpError {
  return new HttpError(401, message, { 'www-authenticate': 'Bearer realm="share-bar statistics"' });
}

/** Secure when the page was loaded over https, as its `Origin` says (also behind a TLS proxy). */
function isSecure(request: RawRequest): boolean {
  return (request.header('origin') ?? '').startsWith('https:');
}

function sessionCookie(value: string, maxAge: number, secure: boolean): string {
  const attributes = [`${SESSION_COOKIE}=${value}`, `Path=${SESSION_PATH}`, `Max-Age=${maxAge}`];
  attributes.push('HttpOnly', 'SameSite=Strict');
  if (secure) attributes.push('Secure');
  return attributes.join('; ');
}

/** The value of cookie `name` in the request's `Cookie` header. */
function cookie(request: RawRequest, name: string): string | undefined {
  for (const part of (request.header('cookie') ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq !== -1 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
