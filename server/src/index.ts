// The library's public surface (docs/count-service.md#as-a-library); only re-exports. The SQLite
// and Redis stores are separate entries (`share-bar-server/sqlite-store`, `/redis-store`), so
// importing this one loads neither driver.
export { createCountService, COUNTS_CACHE_CONTROL } from './service.js';
export type { CountService, CountServiceOptions, RequestContext } from './service.js';
export { HttpError, MAX_BODY_BYTES } from './http.js';
export { serve, toNodeHandler } from './node.js';
export type { NodeHandlerOptions, RunningServer, ServeOptions } from './node.js';
export type { Metrics } from './metrics.js';
export { StoreUnavailableError } from './stores/count-store.js';
export type { CountStore, Counts, RecordResult, Share } from './stores/count-store.js';
export { DEFAULT_STORE, openStore } from './stores/open-store.js';
export { MemoryStore } from './stores/memory-store.js';
export { VisitorKeys, utcDay } from './visitor.js';
export { NETWORK_IDS, NETWORK_ALIASES, RETIRED_NETWORKS, builtInNetwork, MAX_URL_LENGTH } from './protocol.js';
export type { NetworkId, ShareRecord } from './protocol.js';
export { normalizePageUrl, urlVariants, HostAllowList } from './url.js';
export {
  UpstreamCounts,
  UpstreamConfigError,
  DEFAULT_UPSTREAM_TIMEOUT_MS,
  DEFAULT_UPSTREAM_TTL_SECONDS,
  DEFAULT_UPSTREAM_REQUESTS_PER_HOUR,
} from './upstream-counts.js';
export type { UpstreamOptions } from './upstream-counts.js';
export { UPSTREAMS } from './upstreams/registry.js';
export { UpstreamFormatError } from './upstreams/types.js';
export type { Upstream, UpstreamBudget, UpstreamRequestContext } from './upstreams/types.js';
