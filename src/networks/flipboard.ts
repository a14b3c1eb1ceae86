// Icon: simple-icons 16.37.0 (CC0-1.0), rounded and refitted to 24×24.
import { registerNetwork, type Network } from '../registry.js';
import { shareLink } from '../share-link.js';

/** Flipboard: flips the link with the text as its title. */
export const flipboard: Network = {
  id: 'flipboard',
  name: 'Flipboard',
  color: '#E12828',
  icon: 'M0 0v24h24v-24h-24zm19 10h-5v4h-4v5h-5v-14h14v5z',
  shareUrl: (data) =>
    shareLink('https://share.flipboard.com/bookmarklet/popout', { v: '2', title: data.text, url: data.url }),
};

registerNetwork(flipboard);
