// The range picker's choices as days, and the range before a range (for the change).
import { dayNumber, dayString, utcDay } from '../src/days.js';

/** A choice of the range picker. */
export type Preset = '7d' | '30d' | '12m' | 'custom';

/** The length in days of each preset, today included. */
export const PRESET_DAYS: Record<Exclude<Preset, 'custom'>, number> = { '7d': 7, '30d': 30, '12m': 365 };

/** The range of `days` days ending today (UTC, as the service counts days). */
export function lastDays(days: number, now = Date.now()): { from: string; to: string } {
  const today = dayNumber(utcDay(now))!;
  return { from: dayString(today - days + 1), to: dayString(today) };
}

/** The range of the same length just before `from`…`to`. */
export function previousRange(from: string, to: string): { from: string; to: string } {
  const first = dayNumber(from)!;
  const length = dayNumber(to)! - first + 1;
  return { from: dayString(first - length), to: dayString(first - 1) };
}

/** The number of days from `from` to `to`, both included. */
export function rangeDays(from: string, to: string): number {
  return dayNumber(to)! - dayNumber(from)! + 1;
}

/** Whether `day` is a real `YYYY-MM-DD` day. */
export function isDay(day: string): boolean {
  return dayNumber(day) !== undefined;
}
