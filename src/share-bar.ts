// `share-bar/share-bar.js`: registers <share-bar> with every built-in network and language.
import './networks/all.js';
import './locales/all.js';

export * from './element.js';
