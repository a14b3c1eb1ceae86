// Icon: simple-icons 16.37.0 (VK, outline simplified) (CC0-1.0), rounded and refitted to 24×24.
import { registerNetwork, type Network } from '../registry.js';
import { shareLink } from '../share-link.js';

/** VK: shares the link with the text and the image. */
export const vk: Network = {
  id: 'vk',
  name: 'VK',
  color: '#0077FF',
  icon: 'M10 0h5c8 0 9 2 9 10v5c0 8-1 9-9 9h-5c-8 0-10-1-10-9v-5c0-8 2-10 10-10zm-3 7h-3c0 7 3 10 9 10v-3c2 0 4 1 4 3h3c-1-3-3-4-4-5 1 0 3-2 3-5h-2c-1 2-2 4-4 4v-4h-2v7c-2 0-4-2-4-7z',
  shareUrl: (data) => shareLink('https://vk.com/share.php', { url: data.url, title: data.text, image: data.image }),
  popup: [660, 460],
};

registerNetwork(vk);
