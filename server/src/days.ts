// UTC days, the unit of the statistics: as `YYYY-MM-DD` text on the wire and in Redis keys, as
// day numbers (days since 1970-01-01) where they are counted or stored compactly.

/** A day in ms. */
export const DAY_MS = 24 * 3600 * 1000;

/** `YYYY-MM-DD` of `time` in UTC. */
export function utcDay(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

/** The day number of a `YYYY-MM-DD` day (years 1970 to 9999), or `undefined` when it is no real date. */
export function dayNumber(day: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return undefined;
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const time = Date.UTC(year, month - 1, date);
  // Date.UTC rolls 2026-02-30 over into March: a day that does not survive the round trip is not one.
  if (year < 1970 || utcDay(time) !== day) return undefined;
  return time / DAY_MS;
}

/** The `YYYY-MM-DD` of a day number. */
export function dayString(number: number): string {
  return utcDay(number * DAY_MS);
}

/** The days from `from` to `to` (`YYYY-MM-DD`, both included), in order. */
export function daysBetween(from: string, to: string): string[] {
  const first = dayNumber(from);
  const last = dayNumber(to);
  if (first === undefined || last === undefined) return [];
  const days: string[] = [];
  for (let day = first; day <= last; day++) days.push(dayString(day));
  return days;
}
