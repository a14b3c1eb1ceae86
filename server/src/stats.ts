// The statistics' answers (docs/statistics.md#get-stats): the query read and checked, the JSON of
// `/stats` with every day of the range, and the CSV of `/stats.csv`. The store adds up; this file
// only fills in and formats.
import { dayNumber, daysBetween, dayString, utcDay } from './days.js';
import { HttpError, JSON_TYPE, type RawResponse } from './http.js';
import type { Counts } from './protocol.js';
import type { StatsAnswer } from './stats-answer.js';
import type { HistoryQuery, HistoryRow, HistoryTotals } from './stores/count-store.js';

export type { StatsAnswer };
import { normalizePageUrl } from './url.js';

/** The longest range a query may ask for, in days: a year, leap years included. */
export const MAX_RANGE_DAYS = 366;

/** The range without `from` and `to`: the last 30 days, today included. */
export const DEFAULT_RANGE_DAYS = 30;

/** How many pages `/stats` lists without `limit`. */
export const DEFAULT_PAGE_LIMIT = 100;

/** The most pages a query may ask for. */
export const MAX_PAGE_LIMIT = 1000;

/** A statistics query as read from the address: `limit` is absent when not given. */
export type StatsQuery = Omit<HistoryQuery, 'limit'> & { limit?: number };

/** Reads and checks `from`, `to`, `url` and `limit`; throws a 400 HttpError that says what is wrong. */
export function readStatsQuery(query: string, now = Date.now()): StatsQuery {
  const params = new URLSearchParams(query);
  const single = (name: string): string | undefined => {
    const values = params.getAll(name);
    if (values.length > 1) throw new HttpError(400, `repeated ${name}`);
    return values[0];
  };
  const day = (name: string, value: string): number => {
    const number = dayNumber(value);
    if (number === undefined)
      throw new HttpError(400, `${name} must be a day as YYYY-MM-DD, got "${value.slice(0, 40)}"`);
    return number;
  };
  const fromParam = single('from');
  const toParam = single('to');
  const to = toParam === undefined ? dayNumber(utcDay(now))! : day('to', toParam);
  const from = fromParam === undefined ? to - (DEFAULT_RANGE_DAYS - 1) : day('from', fromParam);
  if (from > to) throw new HttpError(400, `from (${dayString(from)}) is after to (${dayString(to)})`);
  if (to - from + 1 > MAX_RANGE_DAYS) {
    throw new HttpError(400, `the range is ${to - from + 1} days long: at most ${MAX_RANGE_DAYS} days`);
  }
  const stats: StatsQuery = { from: dayString(from), to: dayString(to) };
  const url = single('url');
  if (url !== undefined) stats.url = normalizePageUrl(url);
  const limit = single('limit');
  if (limit !== undefined) {
    if (!/^\d{1,7}$/.test(limit) || Number(limit) > MAX_PAGE_LIMIT) {
      throw new HttpError(400, `limit must be a whole number from 0 to ${MAX_PAGE_LIMIT}`);
    }
    stats.limit = Number(limit);
  }
  return stats;
}

/** The `/stats` answer from what the store added up: every day of the range, totals, sorted networks. */
export function statsAnswer(query: StatsQuery, totals: HistoryTotals): StatsAnswer {
  const byDay = new Map(totals.days.map(({ day, networks }) => [day, networks]));
  const networks: Counts = {};
  let total = 0;
  const days = daysBetween(query.from, query.to).map((day) => {
    const counts = byDay.get(day) ?? {};
    let dayTotal = 0;
    for (const [network, shares] of Object.entries(counts)) {
      networks[network] = (networks[network] ?? 0) + shares;
      dayTotal += shares;
    }
    total += dayTotal;
    return { day, total: dayTotal, networks: sorted(counts) };
  });
  const pages = totals.pages.map((page) => ({ ...page, networks: sorted(page.networks) }));
  return { from: query.from, to: query.to, total, networks: sorted(networks), days, pages };
}

/** Counts ordered most first, then by id, so every answer lists networks the same way. */
function sorted(counts: Counts): Counts {
  const out: Counts = {};
  const entries = Object.entries(counts).sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1));
  for (const [network, shares] of entries) out[network] = shares;
  return out;
}

/** The JSON answer of `/stats`. */
export function statsResponse(answer: StatsAnswer): RawResponse {
  return { status: 200, headers: { 'content-type': JSON_TYPE }, body: JSON.stringify(answer) };
}

/** The header line of `/stats.csv`. */
export const CSV_HEADER = 'day,url,title,network,shares';

/**
 * The answer of `/stats.csv`: one line per (day, url, network) with shares, in RFC 4180 form, as a
 * download named after the range.
 */
export function csvResponse(query: StatsQuery, rows: readonly HistoryRow[]): RawResponse {
  const lines = [CSV_HEADER];
  for (const row of rows) {
    lines.push([row.day, csvField(row.url), csvField(row.title ?? ''), row.network, String(row.shares)].join(','));
  }
  const name = `share-statistics-${query.from}-to-${query.to}.csv`;
  return {
    status: 200,
    headers: {
      'content-type': 'text/csv; charset=utf-8; header=present',
      'content-disposition': `attachment; filename="${name}"`,
    },
    body: lines.join('\r\n') + '\r\n',
  };
}

/**
 * One CSV field. Quoted when it holds a quote, comma or line break; and a field a spreadsheet would
 * run as a formula (`=`, `+`, `-`, `@`, tab, carriage return first) gets a `'` in front, so a
 * hostile title stays text there too.
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
