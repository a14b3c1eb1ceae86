// How a GET answer is put together from first-party counts (the store) and the counts networks
// publish (upstream-counts.ts): docs/protocol.md#get-counts and docs/count-service.md#upstream-counts.
import type { Counts } from './protocol.js';

/** The ids of a `networks` parameter, lower-cased, split on commas and white space. */
export function networkIds(param: string): string[] {
  return param
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((id) => id.toLowerCase());
}

/** Counts of several urls added up per network (count recovery reads each variant of a page). */
export function sumCounts(all: readonly Counts[]): Counts {
  const sum: Counts = {};
  for (const counts of all) for (const [network, n] of Object.entries(counts)) sum[network] = (sum[network] ?? 0) + n;
  return sum;
}

/**
 * The answer without `networks`: every first-party count, each raised to what its network
 * publishes when that is more, and the networks with a published count above zero. Fills in
 * `firstParty` itself, which is the store's fresh object.
 */
export function allCounts(firstParty: Counts, published: Counts): Counts {
  const answer = firstParty;
  for (const [network, n] of Object.entries(published)) {
    if (n > 0) answer[network] = Math.max(answer[network] ?? 0, n);
  }
  return answer;
}

/**
 * The answer with `networks`: `max(first-party, published)` for each network asked for, under the
 * id it was asked by (`twitter` finds `twitter`, counted as `x`). `asked` maps each id to its network.
 */
export function askedCounts(asked: ReadonlyMap<string, string>, firstParty: Counts, published: Counts): Counts {
  const answer: Counts = {};
  for (const [id, network] of asked) answer[id] = Math.max(firstParty[network] ?? 0, published[network] ?? 0);
  return answer;
}

/** First-party and published counts together; without upstreams, no `Promise.all` on the hot path. */
export async function withPublished(
  firstParty: Promise<Counts>,
  published: Promise<Counts> | undefined,
): Promise<[Counts, Counts]> {
  return published ? Promise.all([firstParty, published]) : [await firstParty, {}];
}
