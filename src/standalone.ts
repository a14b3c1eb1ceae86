// Entry of dist/share-bar.bundle.js: registers the element, exposes window.ShareBar and takes
// page-wide defaults from the data-* attributes of its own <script> tag.
import { ShareBarElement, defaults, getNetwork, registerNetwork } from './index.js';
import './share-bar.js';

declare global {
  interface Window {
    /** The standalone bundle's API. */
    ShareBar?: {
      ShareBarElement: typeof ShareBarElement;
      registerNetwork: typeof registerNetwork;
      getNetwork: typeof getNetwork;
      defaults: typeof defaults;
    };
  }
}

// A module script has no currentScript: then look for our tag by its file name.
const script =
  (document.currentScript as HTMLScriptElement | null) ??
  document.querySelector<HTMLScriptElement>('script[src*="share-bar"][src$=".js"]');

// A second copy on the page leaves the first in charge; importing share-bar.js already warned if
// its version differs.
if (!window.ShareBar) {
  Object.assign(defaults, script?.dataset);
  window.ShareBar = { ShareBarElement, registerNetwork, getNetwork, defaults };
}
