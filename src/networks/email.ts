// Icon: drawn for share-bar.
import { registerNetwork, type Network } from '../registry.js';
import { shareLink } from '../share-link.js';

/** Email: opens the mail program with the text as subject and the description and link as body. */
export const email: Network = {
  id: 'email',
  name: 'Email',
  color: '#555555',
  icon: 'M2 5l10 7 10-7a2 2 0 0 0-2-1h-16a2 2 0 0 0-2 1zm0 3v10a2 2 0 0 0 2 2h16a2 2 0 0 0 2-2v-10l-10 6z',
  // mailto: wants %20 for spaces and CRLF line breaks (RFC 6068), which encodeURIComponent gives
  // once newlines are CRLF; URLSearchParams would write `+`.
  shareUrl: (data) =>
    shareLink('mailto:', {
      subject: data.text,
      body: [data.description, data.url].filter(Boolean).join('\n\n').replace(/\r?\n/g, '\r\n'),
    }),
};

registerNetwork(email);
