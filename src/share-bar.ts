// `share-bar/share-bar.js`: registers <share-bar> with every built-in network.
import './networks/all.js';

export * from './element.js';
