// The dashboard's requests, all to the service that served the page (relative addresses, so it also
// works behind a proxy that keeps the paths). The session is an HttpOnly cookie: this code never
// sees it, nor keeps the token.
import type { StatsAnswer } from '../src/stats-answer.js';

export type { StatsAnswer };

/** A range of days and, optionally, one page. */
export interface StatsView {
  /** First day, `YYYY-MM-DD` (UTC). */
  from: string;
  /** Last day. */
  to: string;
  /** Only this page, or every page. */
  url?: string | undefined;
}

/** The service asks for the token (no session, or it ended). */
export class NeedsTokenError extends Error {
  constructor() {
    super('the dashboard needs the admin token');
    this.name = 'NeedsTokenError';
  }
}

/** The query of a view (`from=…&to=…&url=…`), plus `extra`. */
export function viewQuery(view: StatsView, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({ from: view.from, to: view.to });
  if (view.url !== undefined) params.set('url', view.url);
  for (const [name, value] of Object.entries(extra)) params.set(name, value);
  return params.toString();
}

/** The statistics of a view, with at most `limit` pages. */
export async function fetchStats(view: StatsView, limit: number, signal?: AbortSignal): Promise<StatsAnswer> {
  const response = await fetch(`dashboard/stats?${viewQuery(view, { limit: String(limit) })}`, {
    credentials: 'same-origin',
    cache: 'no-store',
    ...(signal ? { signal } : {}),
  });
  if (response.status === 401) throw new NeedsTokenError();
  if (!response.ok) throw new Error(await errorOf(response));
  return (await response.json()) as StatsAnswer;
}

/** The address of a view's CSV download. */
export function csvAddress(view: StatsView): string {
  return `dashboard/stats.csv?${viewQuery(view)}`;
}

/** Starts a session with `token`; resolves to an error message, or `undefined` when it worked. */
export async function logIn(token: string): Promise<string | undefined> {
  const response = await fetch('dashboard/session', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token }),
  });
  if (response.ok) return undefined;
  if (response.status === 401) return 'That token is not the right one.';
  if (response.status === 429) {
    const minutes = Math.max(1, Math.ceil(Number(response.headers.get('retry-after') ?? 60) / 60));
    return `Too many wrong tokens from this address: try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
  }
  return errorOf(response);
}

/** Ends the session. */
export async function logOut(): Promise<void> {
  await fetch('dashboard/session', { method: 'DELETE', credentials: 'same-origin' });
}

async function errorOf(response: Response): Promise<string> {
  const body = (await response.json().catch(() => ({}))) as { error?: unknown };
  return typeof body.error === 'string' ? body.error : `the service answered ${response.status}`;
}
