// Icon: a simplified redraw after simple-icons, drawn by hand with arcs and lines (not traced).
import { registerNetwork, type Network } from '../registry.js';
import { shareLink } from '../share-link.js';

/** Threads: posts the text and the link. */
export const threads: Network = {
  id: 'threads',
  name: 'Threads',
  color: '#000000',
  icon: 'M20.5 4.5a11.5 11.5 0 1 0 3 8h-2.5a9 9 0 1 1-2.5-6zm-5 5.5v4l5 2 3-3.5-5.5-1v-1.5zm2.5 0a5.25 5.25 0 0 0-10-2.25l2.25 1.1a2.75 2.75 0 0 1 5.25 1.15zm-10.5 3.5a4.5 3 0 1 0 9 0 4.5 3 0 1 0-9 0zm2.25 0a2.25 1.25 0 1 1 4.5 0 2.25 1.25 0 1 1-4.5 0z',
  shareUrl: (data) => shareLink('https://www.threads.com/intent/post', { text: data.text, url: data.url }),
  popup: [550, 600],
};

registerNetwork(threads);
