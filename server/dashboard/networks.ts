// How the dashboard names and colours a network. The ids are the wire contract's; a network the
// service counts but this list does not know (a newer release's) still shows, under its id.
import type { NetworkId } from '../src/protocol.js';

/** Name, colour on a light page, colour on a dark page (the brand colour where it reads on both). */
const NETWORKS: Record<NetworkId, [name: string, light: string, dark: string]> = {
  x: ['X', '#000000', '#e7e9ea'],
  facebook: ['Facebook', '#0866ff', '#4a8dff'],
  linkedin: ['LinkedIn', '#0a66c2', '#3d8fe0'],
  pinterest: ['Pinterest', '#bd081c', '#e8394b'],
  reddit: ['Reddit', '#ff4500', '#ff4500'],
  whatsapp: ['WhatsApp', '#25d366', '#25d366'],
  telegram: ['Telegram', '#26a5e4', '#26a5e4'],
  email: ['Email', '#555555', '#b0b0b0'],
  mastodon: ['Mastodon', '#6364ff', '#8c8dff'],
  bluesky: ['Bluesky', '#1185fe', '#4ba3ff'],
  threads: ['Threads', '#3a3a3a', '#c8c8c8'],
  hackernews: ['Hacker News', '#ff6600', '#ff6600'],
  tumblr: ['Tumblr', '#36465d', '#8ea3c4'],
  flipboard: ['Flipboard', '#e12828', '#f05555'],
  vk: ['VK', '#0077ff', '#4d9fff'],
  ok: ['OK', '#ee8208', '#ee8208'],
  xing: ['XING', '#006567', '#1aa3a6'],
  line: ['LINE', '#06c755', '#06c755'],
  weibo: ['Weibo', '#e6162d', '#f04b5d'],
  copy: ['Copy link', '#6b6b6b', '#9a9a9a'],
  native: ['Share sheet', '#8a5a00', '#d9a54a'],
};

/** The name to show for a network id. */
export function networkName(id: string): string {
  return Object.hasOwn(NETWORKS, id) ? NETWORKS[id as NetworkId][0] : id;
}

/** The colour of a network's bars and swatches, for a dark or a light page. */
export function networkColor(id: string, dark: boolean): string {
  if (!Object.hasOwn(NETWORKS, id)) return dark ? '#bbbbbb' : '#777777';
  const [, light, onDark] = NETWORKS[id as NetworkId];
  return dark ? onDark : light;
}
