// Icon: simple-icons 16.37.0 (CC0-1.0), rounded and refitted to 24×24.
import { registerNetwork, type Network } from '../registry.js';
import { shareLink } from '../share-link.js';

/** X: posts the text, the link, the hashtags and the account to mention. */
export const x: Network = {
  id: 'x',
  name: 'X',
  color: '#000000',
  icon: 'M14 10l9-10h-2l-7.5 9-6-9h-7l9 13.5-9 10.5h2l8-9.5 6 9.5h7zm-2.5 3.5-1-1.5-7.5-10.5h3.5l5.5 8.5 1 1.5 8 11h-3.5z',
  shareUrl: (data) =>
    shareLink('https://x.com/intent/tweet', {
      text: data.text,
      url: data.url,
      hashtags: data.hashtags.join(','),
      via: data.via,
    }),
  popup: [550, 400],
};

registerNetwork(x);
