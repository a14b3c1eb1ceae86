// Icon: a simplified redraw after simple-icons, drawn by hand with arcs and lines (not traced).
import { registerNetwork, type Network } from '../registry.js';
import { shareLink, textWithUrl } from '../share-link.js';

/** Mastodon: posts to the bar's `mastodon-instance`, or lets the reader pick an instance. */
export const mastodon: Network = {
  id: 'mastodon',
  name: 'Mastodon',
  color: '#6364FF',
  icon: 'M6 0h12a5 5 0 0 1 5 5v6a5 5 0 0 1-5 5h-9.5c0 3 3.5 5 8.5 4v2.5c-9 2-16-1-16-10.5v-7a5 5 0 0 1 5-5zm-1.5 14.5h2.5v-5a1.75 1.75 0 0 1 3.5 0v5h3v-5a1.75 1.75 0 0 1 3.5 0v5h2.5v-5a4.25 4.25 0 0 0-7.5-2.75 4.25 4.25 0 0 0-7.5 2.75z',
  shareUrl: (data) =>
    data.mastodonInstance
      ? shareLink(`https://${data.mastodonInstance}/share`, { text: data.text, url: data.url })
      : shareLink('https://share.joinmastodon.org/', { text: textWithUrl(data) }),
  popup: false,
};

registerNetwork(mastodon);
