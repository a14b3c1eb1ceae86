/* global document, customElements */
// `npm run screenshots`: photographs each section of demo/gallery.html (light, dark), the
// demo article on a phone, floating bars on the real-shaped test pages (test/fixtures/blog.html,
// docs.html with its sidebar, phone.html) and the statistics dashboard in headless Chromium, into
// docs/screenshots/ for the README. Runs after `npm run build`.
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer-core';
import { chromiumLaunch } from './browsers.mjs';
import { shootDashboard } from './dashboard-shot.mjs';

const out = 'docs/screenshots';
mkdirSync(out, { recursive: true });
copyFileSync('dist/share-bar.bundle.js', 'demo/share-bar.bundle.js');

// The test pages load the element from /src/share-bar.ts through the test runner; here a small
// server answers that with the built bundle (an IIFE runs as a module too).
const server = http.createServer((request, response) => {
  const path = new URL(request.url, 'http://localhost').pathname;
  if (path == '/src/share-bar.ts') {
    return response.writeHead(200, { 'content-type': 'text/javascript' }).end(readFileSync('dist/share-bar.bundle.js'));
  }
  if (/^\/test\/fixtures\/[\w-]+\.(html|js)$/.test(path)) {
    const type = path.endsWith('.js') ? 'text/javascript' : 'text/html';
    return response.writeHead(200, { 'content-type': type }).end(readFileSync(path.slice(1)));
  }
  response.writeHead(404).end();
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await puppeteer.launch(chromiumLaunch);
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 900, height: 800, deviceScaleFactor: 1 });
  const gallery = pathToFileURL('demo/gallery.html').href;
  for (const scheme of ['light', 'dark']) {
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
    await page.goto(gallery);
    await page.evaluate(() => Promise.all([...document.querySelectorAll('share-bar')].map((b) => b.updateComplete)));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const ids =
      scheme == 'light'
        ? await page.$$eval('section[id]', (s) => s.map((e) => e.id))
        : ['solid', 'outline', 'plain', 'rtl'];
    for (const id of ids) {
      const section = await page.$(`#${id}`);
      const file = `${out}/${id}${scheme == 'dark' ? '-dark' : ''}.png`;
      await section.screenshot({ path: file });
      console.log(file);
    }
  }
  // A bar in an article on a phone.
  await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);
  await page.setViewport({ width: 390, height: 844, deviceScaleFactor: 1 });
  await page.goto(pathToFileURL('demo/index.html').href);
  await page.evaluate(() => Promise.all([...document.querySelectorAll('share-bar')].map((b) => b.updateComplete)));
  // let count requests settle (they fail from file: URLs) so the bars are in their final state
  await new Promise((resolve) => setTimeout(resolve, 500));
  const phoneBar = await page.$('share-bar');
  await phoneBar.evaluate((bar) => bar.scrollIntoView({ block: 'center' }));
  const box = await phoneBar.boundingBox();
  await page.screenshot({
    path: `${out}/phone.png`,
    clip: { x: 0, y: box.y - 80, width: 390, height: box.height + 160 },
  });
  console.log(`${out}/phone.png`);
  // Floating: the rail beside a one-column blog, the bottom bar on docs with a sidebar and on a phone.
  for (const [name, fixture, width, height] of [
    ['floating', 'blog', 1280, 640],
    ['floating-sidebar', 'docs', 1280, 640],
    ['floating-narrow', 'phone', 390, 700],
  ]) {
    await page.setViewport({ width, height, deviceScaleFactor: 1 });
    await page.goto(`${origin}/test/fixtures/${fixture}.html`);
    await page.evaluate(() => customElements.whenDefined('share-bar'));
    await page.evaluate(() => document.querySelector('share-bar').updateComplete);
    await page.screenshot({ path: `${out}/${name}.png` });
    console.log(`${out}/${name}.png`);
  }
  await shootDashboard(browser, out);
} finally {
  await browser.close();
  server.close();
}
