// Icon: simple-icons 16.37.0 (CC0-1.0), rounded and refitted to 24×24.
import { registerNetwork, type Network } from '../registry.js';
import { shareLink } from '../share-link.js';

/** Facebook: shares the link (Facebook reads title and image from the page) and the first hashtag. */
export const facebook: Network = {
  id: 'facebook',
  name: 'Facebook',
  color: '#0866FF',
  icon: 'M9 24v-8h-2v-4h2v-2c0-4 2-6 6-6 0 0 1 1 1 1a9 9 0 0 1 2 0v3a9 9 0 0 0-1 0 27 27 0 0 0-1 0s-1 0-1 0a2 2 0 0 0-1 1s-1 1-1 2v1h4v4h-4v8c6-1 11-6 11-12s-5-12-12-12-12 5-12 12 4 10 9 12z',
  shareUrl: (data) =>
    shareLink('https://www.facebook.com/sharer/sharer.php', {
      u: data.url,
      hashtag: data.hashtags[0] && '#' + data.hashtags[0],
    }),
  popup: [550, 400],
};

registerNetwork(facebook);
