export { ShareBarElement, defaults } from './share-bar-element.js';
export type { ShareBarOptions, ShareDetail, ShareMethod } from './share-bar-element.js';
export { registerNetwork, getNetwork, networkIds } from './registry.js';
export type { Network, ShareData, ActionContext } from './registry.js';
export type { Counts, ShareRecord } from './protocol.js';
