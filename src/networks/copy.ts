// Icon: drawn for share-bar.
import { registerNetwork, type Network } from '../registry.js';

/** Copy link: copies the page url to the clipboard, or shows it to copy by hand where refused. */
export const copy: Network = {
  id: 'copy',
  name: 'Copy link',
  color: '#555555',
  icon: 'M10.2 20.1l3.7-3.7a4.5 4.5 0 0 0-6.3-6.3l-3.7 3.7a4.5 4.5 0 0 0 6.3 6.3zm-1.4-1.5a2.4 2.4 0 0 1-3.4-3.4l3.6-3.6a2.4 2.4 0 0 1 3.4 3.4zm7.6-4.7 3.7-3.7a4.5 4.5 0 0 0-6.3-6.3l-3.7 3.7a4.5 4.5 0 0 0 6.3 6.3zm-1.4-1.5a2.4 2.4 0 0 1-3.4-3.4l3.6-3.6a2.4 2.4 0 0 1 3.4 3.4z',
  action: ({ data }) =>
    // Also without a clipboard API (http: pages) the reader gets the link to copy by hand.
    Promise.resolve()
      .then(() => navigator.clipboard.writeText(data.url))
      .then(
        () => 'copied',
        () => 'copyFailed',
      ),
};

registerNetwork(copy);
