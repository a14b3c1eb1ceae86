/* global document */
// `npm run screenshots`: photographs each section of demo/gallery.html (light, dark), the
// demo article with a floating bar and the statistics dashboard in headless Chromium, into
// docs/screenshots/ for the README. Runs after `npm run build`.
import { copyFileSync, mkdirSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer-core';
import { chromiumArgs, chromiumPath } from './browsers.mjs';
import { shootDashboard } from './dashboard-shot.mjs';

const out = 'docs/screenshots';
mkdirSync(out, { recursive: true });
copyFileSync('dist/share-bar.bundle.js', 'demo/share-bar.bundle.js');

const browser = await puppeteer.launch({
  executablePath: chromiumPath,
  headless: true,
  args: chromiumArgs,
});
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
  // The floating layout over an article, on a wide and on a narrow screen.
  await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);
  for (const [name, width, height] of [
    ['floating', 1100, 560],
    ['floating-narrow', 390, 700],
  ]) {
    await page.setViewport({ width, height, deviceScaleFactor: 1 });
    await page.goto(pathToFileURL('demo/index.html').href);
    await page.evaluate(() => {
      const bar = document.createElement('share-bar');
      bar.setAttribute('layout', 'floating');
      bar.setAttribute('labels', 'none');
      bar.setAttribute('networks', 'x facebook linkedin whatsapp email copy');
      document.body.append(bar);
      return bar.updateComplete;
    });
    // let count requests settle (they fail from file: URLs) so the bars are in their final state
    await new Promise((resolve) => setTimeout(resolve, 500));
    await page.screenshot({ path: `${out}/${name}.png` });
    console.log(`${out}/${name}.png`);
  }
  await shootDashboard(browser, out);
} finally {
  await browser.close();
}
