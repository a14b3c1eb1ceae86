// The routes that exist only with an admin token (docs/statistics.md): the statistics API, the
// dashboard and its session. Without a token the service has none of them, so they answer exactly
// as any unknown path does. None of them answers with CORS headers: only pages of the service's own
// origin may read them.
import { AdminAccess, checkSameOrigin, type Credentials } from './admin-access.js';
import { DashboardPage } from './dashboard-page.js';
import { HttpError, readJsonObject, type RawRequest, type RawResponse } from './http.js';
import { csvResponse, DEFAULT_PAGE_LIMIT, readStatsQuery, statsAnswer, statsResponse } from './stats.js';
import type { CountStore } from './stores/count-store.js';

/** The admin paths, each with the methods it answers. */
export const ADMIN_ROUTES: Readonly<Record<string, string>> = {
  '/stats': 'GET, HEAD',
  '/stats.csv': 'GET, HEAD',
  '/dashboard': 'GET, HEAD',
  '/dashboard/dashboard.js': 'GET, HEAD',
  '/dashboard/page.css': 'GET, HEAD',
  '/dashboard/session': 'POST, DELETE',
  // The dashboard's reads: the same answers, with the session cookie (which is sent on /dashboard only).
  '/dashboard/stats': 'GET, HEAD',
  '/dashboard/stats.csv': 'GET, HEAD',
};

/** How the service lends its store: once open, timed for the metrics. */
export type UseStore = <T>(op: string, call: (store: CountStore) => Promise<T>) => Promise<T>;

/** Answers the admin routes. */
export class AdminRoutes {
  readonly #access: AdminAccess;
  readonly #page = new DashboardPage();
  readonly #useStore: UseStore;

  /**
   * @param token the admin token.
   * @param useStore calls the service's store.
   */
  constructor(token: string, useStore: UseStore) {
    this.#access = new AdminAccess(token);
    this.#useStore = useStore;
  }

  /** The route of `path` if it is an admin path. */
  routeOf(path: string): string | undefined {
    return Object.hasOwn(ADMIN_ROUTES, path) ? path : undefined;
  }

  /** Answers a request on an admin route; `address` is the client's, for the wrong-token limit. */
  async answer(route: string, request: RawRequest, address: string): Promise<RawResponse> {
    const read = request.method === 'GET' || request.method === 'HEAD';
    if (route === '/dashboard' || route === '/dashboard/dashboard.js' || route === '/dashboard/page.css') {
      if (read) return this.#page.serve(route);
    } else if (route === '/dashboard/session') {
      if (request.method === 'POST' || request.method === 'DELETE') return this.#session(request, address);
    } else if (read) {
      const credentials: Credentials = route.startsWith('/dashboard/') ? 'bearer or session' : 'bearer';
      this.#access.authorize(request, address, credentials);
      return route.endsWith('.csv') ? this.#csv(request.query) : this.#json(request.query);
    }
    throw new HttpError(405, 'method not allowed', { allow: ADMIN_ROUTES[route]! });
  }

  async #json(query: string): Promise<RawResponse> {
    const stats = readStatsQuery(query);
    const totals = await this.#useStore('history', (store) =>
      store.history ? store.history({ ...stats, limit: stats.limit ?? DEFAULT_PAGE_LIMIT }) : noHistory(),
    );
    return statsResponse(statsAnswer(stats, totals));
  }

  async #csv(query: string): Promise<RawResponse> {
    const stats = readStatsQuery(query);
    let rows = await this.#useStore('history', (store) => (store.historyRows ? store.historyRows(stats) : noHistory()));
    if (stats.limit !== undefined) {
      // `limit` keeps the rows of the pages /stats would list with the same query.
      const { pages } = await this.#useStore('history', (store) =>
        store.history ? store.history({ ...stats, limit: stats.limit! }) : noHistory(),
      );
      const kept = new Set(pages.map((page) => page.url));
      rows = rows.filter((row) => kept.has(row.url));
    }
    return csvResponse(stats, rows);
  }

  async #session(request: RawRequest, address: string): Promise<RawResponse> {
    checkSameOrigin(request);
    let cookie: string;
    if (request.method === 'DELETE') {
      cookie = this.#access.logout(request);
    } else {
      // Only JSON, which no HTML form can send.
      if (!/^application\/json\s*(;|$)/i.test(request.header('content-type') ?? '')) {
        throw new HttpError(415, 'content type must be application/json');
      }
      cookie = this.#access.login(request, address, await readJsonObject(request));
    }
    return { status: 204, headers: { 'set-cookie': cookie }, body: null };
  }
}

function noHistory(): never {
  throw new HttpError(501, 'this store keeps no history');
}

/** Headers every admin answer carries, errors included: nothing cached, nothing sniffed. */
export function adminHeaders(headers: Record<string, string>): void {
  headers['cache-control'] ??= 'no-store';
  headers['x-content-type-options'] = 'nosniff';
  headers['cross-origin-resource-policy'] ??= 'same-origin';
}
