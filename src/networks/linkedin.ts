// Icon: drawn for share-bar.
import { registerNetwork, type Network } from '../registry.js';
import { shareLink } from '../share-link.js';

/** LinkedIn: shares the link; LinkedIn takes nothing else. */
export const linkedin: Network = {
  id: 'linkedin',
  name: 'LinkedIn',
  color: '#0A66C2',
  icon: 'M3 0h18a3 3 0 0 1 3 3v18a3 3 0 0 1-3 3h-18a3 3 0 0 1-3-3v-18a3 3 0 0 1 3-3zm2 6a2 2 0 1 0 4 0 2 2 0 1 0-4 0zm0 3v11h4v-11zm6 0v11h3v-6s0-2 2-2 2 1 2 2v6h3v-6c0-3-2-5-4-5s-3 1-3 2v-2z',
  shareUrl: (data) => shareLink('https://www.linkedin.com/sharing/share-offsite/', { url: data.url }),
  popup: [750, 600],
};

registerNetwork(linkedin);
