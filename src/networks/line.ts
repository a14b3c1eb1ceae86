// Icon: a simplified redraw after simple-icons, drawn by hand with arcs and lines (not traced).
import { registerNetwork, type Network } from '../registry.js';
import { shareLink } from '../share-link.js';

/** LINE: shares the link with the text. */
export const line: Network = {
  id: 'line',
  name: 'LINE',
  color: '#06C755',
  icon: 'M0 10.5a12 10 0 1 1 18 8.5c-3 2.5-5.5 4-7 5v-3.5a12 10 0 0 1-11-10zm4.5-2.5v5h3.5v-1.5h-2v-3.5zm4 0v5h1.5v-5zm2.5 0v5h1.5v-2.5l1.5 2.5h1.5v-5h-1.5v2.5l-1.5-2.5zm5.5 0v5h3.5v-1h-2.5v-1h2.5v-1h-2.5v-1h2.5v-1z',
  shareUrl: (data) => shareLink('https://social-plugins.line.me/lineit/share', { url: data.url, text: data.text }),
  popup: [500, 500],
};

registerNetwork(line);
