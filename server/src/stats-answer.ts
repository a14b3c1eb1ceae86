// The body of `GET /stats` (docs/statistics.md#get-stats), free of Node and DOM types: the
// service builds it, the dashboard reads it.
import type { Counts } from './protocol.js';

/** The shares of one page over a range. */
export interface PageShares {
  /** The normalised page url. */
  url: string;
  /** The page's latest title, or `null` when no share named one. */
  title: string | null;
  /** Shares over the range, all networks. */
  total: number;
  /** Shares over the range per network (only networks with shares). */
  networks: Counts;
}

/** The shares of one day. */
export interface DayShares {
  /** The UTC day, `YYYY-MM-DD`. */
  day: string;
  /** Shares per network (only networks with shares). */
  networks: Counts;
}

/** The body of `GET /stats`. */
export interface StatsAnswer {
  /** First day of the range. */
  from: string;
  /** Last day of the range. */
  to: string;
  /** Shares over the range. */
  total: number;
  /** Shares over the range per network, most shared first. */
  networks: Counts;
  /** Every day of the range, earliest first, days without shares included. */
  days: { day: string; total: number; networks: Counts }[];
  /** The most shared pages, most first. */
  pages: PageShares[];
}
