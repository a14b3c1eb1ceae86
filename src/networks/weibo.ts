// Icon: a simplified redraw after simple-icons (Sina Weibo), drawn by hand with arcs and lines (not traced).
import { registerNetwork, type Network } from '../registry.js';
import { shareLink } from '../share-link.js';

/** Weibo: posts the link with the text and the image. */
export const weibo: Network = {
  id: 'weibo',
  name: 'Weibo',
  color: '#E6162D',
  icon: 'M0 15c0-5 6-10 10-10s11 3.5 11 9.5a10.5 6 0 0 1-21 .5zm4 1.5a5.5 3.75 0 1 0 11 0 5.5 3.75 0 1 0-11 0zm2.25.5a1.75 1.75 0 1 0 3.5 0 1.75 1.75 0 1 0-3.5 0zm10.75-16a7 7 0 0 1 7 7h-1.5a5.5 5.5 0 0 0-5.5-5.5zm0 3a4 4 0 0 1 4 4h-1.5a2.5 2.5 0 0 0-2.5-2.5z',
  shareUrl: (data) =>
    shareLink('https://service.weibo.com/share/share.php', { url: data.url, title: data.text, pic: data.image }),
  popup: [660, 550],
};

registerNetwork(weibo);
