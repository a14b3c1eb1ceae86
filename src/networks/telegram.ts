// Icon: a simplified redraw after simple-icons, drawn by hand with arcs and lines (not traced).
import { registerNetwork, type Network } from '../registry.js';
import { shareLink } from '../share-link.js';

/** Telegram: sends the link with the text. */
export const telegram: Network = {
  id: 'telegram',
  name: 'Telegram',
  color: '#26A5E4',
  icon: 'M12 0a12 12 0 1 1 0 24 12 12 0 1 1 0-24zm-7 11.5 5 2 5.5-4-4.5 4.5 5 3.5 2-11z',
  shareUrl: (data) => shareLink('https://t.me/share/url', { url: data.url, text: data.text }),
  popup: [550, 400],
};

registerNetwork(telegram);
