// Icon: simple-icons 16.37.0 (CC0-1.0), rounded and refitted to 24×24.
import { registerNetwork, type Network } from '../registry.js';
import { shareLink, textWithUrl } from '../share-link.js';

/** Bluesky: posts the text and the link. */
export const bluesky: Network = {
  id: 'bluesky',
  name: 'Bluesky',
  color: '#1185FE',
  icon: 'M5 3c3 2 6 6 7 8 1-2 4-6 7-8s5-3 5 1c0 1 0 6-1 7-1 3-4 4-6 3 4 1 6 4 3 7-5 5-7-2-8-3s0-1 0-1 0 0 0 1-3 8-8 3c-3-3-1-6 3-7-2 1-5 0-6-3-1-1-1-6-1-7 0-4 3-3 5-1',
  shareUrl: (data) => shareLink('https://bsky.app/intent/compose', { text: textWithUrl(data) }),
  popup: [660, 460],
};

registerNetwork(bluesky);
