// Icon: simple-icons 16.37.0 (CC0-1.0), rounded and refitted to 24×24.
import { registerNetwork, type Network } from '../registry.js';
import { shareLink } from '../share-link.js';

/** Tumblr: posts the link with the text as title and the description as caption. */
export const tumblr: Network = {
  id: 'tumblr',
  name: 'Tumblr',
  color: '#36465D',
  icon: 'M15 24c-6 0-7-4-7-6v-8h-3v-3c4-2 5-5 5-7h4v6h4v4h-5v7s1 3 3 3c0 0 1-1 2-1l1 4s-3 1-4 1z',
  shareUrl: (data) =>
    shareLink('https://www.tumblr.com/widgets/share/tool', {
      posttype: 'link',
      canonicalUrl: data.url,
      title: data.text,
      caption: data.description,
    }),
  popup: [660, 460],
};

registerNetwork(tumblr);
