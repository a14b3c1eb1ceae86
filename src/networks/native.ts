// Icon: drawn for share-bar.
import { registerNetwork, type Network } from '../registry.js';

/** Native share: the device's own share sheet (Web Share API); not shown where it is missing. */
export const native: Network = {
  id: 'native',
  name: 'Share',
  color: '#555555',
  icon: 'M15 5a3 3 0 1 0 6 0 3 3 0 1 0-6 0zm-12 7a3 3 0 1 0 6 0 3 3 0 1 0-6 0zm12 7a3 3 0 1 0 6 0 3 3 0 1 0-6 0zm-9-6 12-7v-2l-12 7zm0 0 12 7v-2l-12-7z',
  // Also false on a server (Node 20 has no navigator), where the button is not rendered.
  supported: () => typeof globalThis.navigator?.share == 'function',
  action: ({ data }) =>
    navigator.share({ title: data.text, text: data.description || data.text, url: data.url }).then(
      () => undefined,
      (error: Error) => {
        // The reader closing the share sheet is not an error worth showing.
        if (error.name != 'AbortError') throw error;
        return undefined;
      },
    ),
};

registerNetwork(native);
