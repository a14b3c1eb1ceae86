// Icon: simple-icons 16.37.0 (Y Combinator) (CC0-1.0), rounded and refitted to 24×24.
import { registerNetwork, type Network } from '../registry.js';
import { shareLink } from '../share-link.js';

/** Hacker News: submits the link with the text as its title. */
export const hackernews: Network = {
  id: 'hackernews',
  name: 'Hacker News',
  color: '#FF6600',
  icon: 'M0 24v-24h24v24h-24zm7-18 4 8v5h2v-5l4-8h-2l-2 5s-1 1-1 1 0-1-1-1l-2-5h-2z',
  shareUrl: (data) => shareLink('https://news.ycombinator.com/submitlink', { u: data.url, t: data.text }),
};

registerNetwork(hackernews);
