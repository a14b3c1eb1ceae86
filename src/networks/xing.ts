// Icon: simple-icons 16.37.0 (CC0-1.0), rounded and refitted to 24×24.
import { registerNetwork, type Network } from '../registry.js';
import { shareLink } from '../share-link.js';

/** XING: shares the link. */
export const xing: Network = {
  id: 'xing',
  name: 'XING',
  color: '#006567',
  icon: 'M18 0s-.5.5-.5.5-7.5 13.5-8 14 5 9 5 9 .5.5 1 .5h3.5s.5 0 .5 0 0-.5 0-1l-5-8.5 7.5-13.5s0-.5 0-1 0 0-.5 0h-3.5zm-14.5 4.5s0 .5-.5.5 0 .5 0 .5l2.5 4-3.5 6.5s0 .5 0 .5 0 .5.5.5h3.5s.5-.5.5-1l4-6.5-2.5-4s-.5-1-1-1h-3.5z',
  shareUrl: (data) => shareLink('https://www.xing.com/spi/shares/new', { url: data.url }),
};

registerNetwork(xing);
