// Icon: a simplified redraw after simple-icons (Odnoklassniki), drawn by hand with arcs and lines (not traced).
import { registerNetwork, type Network } from '../registry.js';
import { shareLink } from '../share-link.js';

/** OK: shares the link with the text, the description and the image (Odnoklassniki). */
export const ok: Network = {
  id: 'ok',
  name: 'OK',
  color: '#EE8208',
  icon: 'M12 0a6 6 0 1 0 0 12 6 6 0 1 0 0-12zm0 3.5a2.5 2.5 0 1 1 0 5 2.5 2.5 0 1 1 0-5zm-5.5 9 5.5 2.5 5.5-2.5a1 1 0 0 1 1.5 3l-4 2 3.5 3.5a1 1 0 0 1-2.5 2.5l-4-4-4 4a1 1 0 0 1-2.5-2.5l3.5-3.5-4-2a1 1 0 0 1 1.5-3z',
  shareUrl: (data) =>
    shareLink('https://connect.ok.ru/offer', {
      url: data.url,
      title: data.text,
      description: data.description,
      imageUrl: data.image,
    }),
  popup: [588, 480],
};

registerNetwork(ok);
