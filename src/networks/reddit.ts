// Icon: a simplified redraw after simple-icons, drawn by hand with arcs and lines (not traced).
import { registerNetwork, type Network } from '../registry.js';
import { shareLink } from '../share-link.js';

/** Reddit: submits the link with the text as its title. */
export const reddit: Network = {
  id: 'reddit',
  name: 'Reddit',
  color: '#FF4500',
  icon: 'M12 0a12 12 0 1 1 0 24h-11l2.5-3.5a12 12 0 0 1 8.5-20.5zm-.5 9a7.5 5.5 0 1 0 1 0l3.3-2.9a2 2 0 1 0-.5-.6zm-9.25 1a1.75 1.75 0 1 0 3.5 0 1.75 1.75 0 1 0-3.5 0zm16 0a1.75 1.75 0 1 0 3.5 0 1.75 1.75 0 1 0-3.5 0zm-10.75 4.5a1.5 1.5 0 1 1 3 0 1.5 1.5 0 1 1-3 0zm6 0a1.5 1.5 0 1 1 3 0 1.5 1.5 0 1 1-3 0zm-5.5 2.5q3.5 2.5 7 0-3.5 1-7 0z',
  shareUrl: (data) => shareLink('https://www.reddit.com/submit', { url: data.url, title: data.text }),
  popup: [660, 460],
};

registerNetwork(reddit);
