// Numbers and days as the dashboard shows them.

const integer = new Intl.NumberFormat('en');
const percent = new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 0, signDisplay: 'exceptZero' });
const longDay = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' });

/** `1,234`. */
export function formatCount(n: number): string {
  return integer.format(n);
}

/** `Mar 1, 2026` for `2026-03-01`. */
export function formatDay(day: string): string {
  return longDay.format(new Date(`${day}T00:00:00Z`));
}

/** The change from `before` to `now` as text: `+25%`, `−10%`, `new` or `no change`. */
export function formatChange(now: number, before: number): string {
  if (before === 0) return now === 0 ? 'no change' : 'new';
  return percent.format((now - before) / before).replace('-', '−');
}
