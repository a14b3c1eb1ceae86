// Icon: a simplified redraw after simple-icons, drawn by hand with arcs and lines (not traced).
import { registerNetwork, type Network } from '../registry.js';
import { shareLink } from '../share-link.js';

/** Pinterest: pins the image with the link and the description (or the text). */
export const pinterest: Network = {
  id: 'pinterest',
  name: 'Pinterest',
  color: '#BD081C',
  icon: 'M7.3 23a12 12 0 1 1 2.6.8l2.1-14.3-2.5-.5zm4.6-6.5a6.5 6.5 0 1 0-5.7-4.8l2.9-.8a3.5 3.5 0 1 1 3.1 2.6z',
  shareUrl: (data) =>
    shareLink('https://www.pinterest.com/pin/create/button/', {
      url: data.url,
      media: data.image,
      description: data.description || data.text,
    }),
  popup: [1000, 730],
};

registerNetwork(pinterest);
