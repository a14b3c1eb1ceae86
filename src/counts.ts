/** Share counts keyed by network id. */
export type Counts = Record<string, number>;

/**
 * Keeps only the entries a count source may give: finite integers ≥ 0, also as digit strings.
 * Accepts an object or its JSON text; anything else gives `undefined`.
 */
export function toCounts(value: unknown): Counts | undefined {
  if (typeof value == 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  if (!value || typeof value != 'object' || Array.isArray(value)) return undefined;
  const counts: Counts = {};
  for (const [id, raw] of Object.entries(value)) {
    const n = typeof raw == 'string' && /^\d+$/.test(raw) ? Number(raw) : raw;
    if (typeof n == 'number' && Number.isSafeInteger(n) && n >= 0) counts[id.toLowerCase()] = n;
  }
  return counts;
}
