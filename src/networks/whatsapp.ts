// Icon: a simplified redraw after simple-icons, drawn by hand with arcs and lines (not traced).
import { registerNetwork, type Network } from '../registry.js';
import { shareLink, textWithUrl } from '../share-link.js';

/** WhatsApp: sends the text and the link as one message. */
export const whatsapp: Network = {
  id: 'whatsapp',
  name: 'WhatsApp',
  color: '#25D366',
  icon: 'M.5 23.5l1.7-6a11 11 0 1 1 4.3 4.2zm11.5-20.5a9 9 0 1 0 0 18 9 9 0 1 0 0-18zm-4 3.5 2 3.5-1.5 1.5c1 2 2.5 3.5 4.5 4.5l1.5-1.5 3.5 2c-.5 3-4 3.5-7 1.5s-5-4.5-5-7.5 2-3 2-4z',
  shareUrl: (data) => shareLink('https://api.whatsapp.com/send', { text: textWithUrl(data) }),
  popup: [550, 400],
};

registerNetwork(whatsapp);
