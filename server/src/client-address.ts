import { isIPv4, isIPv6 } from 'node:net';

/**
 * The client a request is limited and deduplicated as (docs/protocol.md#rate-limit): an IPv4
 * address, or the /64 network of an IPv6 address (a host or a household gets a whole /64, and the
 * address within it changes by the day). `undefined` for anything that is not an IP address.
 */
export function clientOf(address: string): string | undefined {
  const value = address.trim();
  if (isIPv4(value)) return value;
  if (!isIPv6(value)) return undefined;
  const groups = ipv6Groups(value);
  // IPv4-mapped (`::ffff:10.0.0.7`), as a dual-stack socket reports an IPv4 peer.
  if (groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff) {
    const [high, low] = [groups[6]!, groups[7]!];
    return `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;
  }
  return `${groups
    .slice(0, 4)
    .map((group) => group.toString(16))
    .join(':')}::/64`;
}

/**
 * The client named by `X-Forwarded-For` behind `hops` trusted proxies: the entry the nearest
 * proxy appended (counted from the right; entries further left were written by the client and
 * can lie), if it is an IP address.
 */
export function forwardedClient(header: string | undefined, hops: number): string | undefined {
  if (header === undefined) return undefined;
  const entries = header.split(',');
  const entry = entries[Math.max(0, entries.length - hops)];
  return entry === undefined ? undefined : clientOf(entry);
}

/** The eight 16-bit groups of a valid IPv6 address (zone dropped, `::` expanded). */
function ipv6Groups(address: string): number[] {
  const [head = '', tail] = address.split('%')[0]!.split('::');
  const parse = (part: string): number[] =>
    part === ''
      ? []
      : part.split(':').flatMap((piece) => {
          if (!piece.includes('.')) return [parseInt(piece, 16)];
          const [a, b, c, d] = piece.split('.').map(Number) as [number, number, number, number];
          return [(a << 8) | b, (c << 8) | d];
        });
  const first = parse(head);
  const last = tail === undefined ? [] : parse(tail);
  return [...first, ...new Array<number>(8 - first.length - last.length).fill(0), ...last];
}
