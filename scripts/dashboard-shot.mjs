/* global document */
// The statistics dashboard for `npm run screenshots`: the real service (built server/dist) on a
// throwaway SQLite file holding 30 days of made-up shares of a small blog, signed in, light and dark.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCountService, serve } from '../server/dist/index.js';
import { SqliteStore } from '../server/dist/stores/sqlite-store.js';

const PAGES = [
  ['https://blog.example/posts/self-hosting-share-counts', 'Self-hosting share counts without tracking readers', 9],
  ['https://blog.example/posts/web-components-in-2026', 'Web components in 2026: what changed', 6],
  ['https://blog.example/posts/lit-ssr', 'Server-rendering Lit elements', 4],
  ['https://blog.example/posts/csp-for-small-sites', 'A strict CSP for a small site', 3],
  ['https://blog.example/', 'Example Blog', 2],
];
const NETWORKS = ['x', 'linkedin', 'facebook', 'bluesky', 'mastodon', 'email'];

/** Photographs /dashboard into `out`/dashboard.png and dashboard-dark.png with `browser`. */
export async function shootDashboard(browser, out) {
  const dir = mkdtempSync(join(tmpdir(), 'share-bar-shot-'));
  const store = new SqliteStore(join(dir, 'shot.db'));
  // The same made-up history every time: a small linear congruential generator, not Math.random.
  let seed = 14;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let daysAgo = 29; daysAgo >= 0; daysAgo--) {
    const day = new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
    for (const [url, title, weight] of PAGES) {
      const shares = Math.floor(next() * weight * (1 + (29 - daysAgo) / 30));
      for (let i = 0; i < shares; i++) {
        const network = NETWORKS[Math.floor(next() ** 1.6 * NETWORKS.length)];
        const visitorKeys = [randomBytes(32).toString('base64url')];
        await store.record({ url, network, day, title, visitorKeys, dedupeSeconds: 86_400 });
      }
    }
  }
  const token = randomBytes(18).toString('base64url');
  const running = await serve(createCountService({ store, adminToken: token, log: () => {} }), { port: 0 });
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1100, height: 1200, deviceScaleFactor: 1 });
    await page.goto(`${running.url}/dashboard`);
    const input = await page.waitForSelector('pierce/input[type=password]');
    await input.type(token);
    await page.keyboard.press('Enter');
    for (const scheme of ['light', 'dark']) {
      await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
      // Polled: puppeteer's own waiting does not see changes inside shadow roots.
      await page.waitForFunction(
        () =>
          document
            .querySelector('share-stats-dashboard')
            ?.shadowRoot?.querySelector('share-stats-chart')
            ?.shadowRoot?.querySelector('canvas'),
        { polling: 50 },
      );
      await page.evaluate(() => document.activeElement?.blur());
      await new Promise((resolve) => setTimeout(resolve, 300));
      const file = `${out}/dashboard${scheme == 'dark' ? '-dark' : ''}.png`;
      await page.screenshot({ path: file, fullPage: true });
      console.log(file);
    }
    await page.close();
  } finally {
    await running.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
