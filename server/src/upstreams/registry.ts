import { buffer } from './buffer.js';
import { facebook } from './facebook.js';
import { hackernews } from './hackernews.js';
import { line } from './line.js';
import { pinterest } from './pinterest.js';
import type { Upstream } from './types.js';
import { vk } from './vk.js';

/** Every upstream the service can ask, by network id. */
export const UPSTREAMS: Readonly<Record<string, Upstream>> = Object.fromEntries(
  [facebook, pinterest, hackernews, vk, buffer, line].map((upstream) => [upstream.id, upstream]),
);

/** The upstream for `id`, or `undefined`. */
export function upstreamFor(id: string): Upstream | undefined {
  return Object.hasOwn(UPSTREAMS, id) ? UPSTREAMS[id] : undefined;
}
