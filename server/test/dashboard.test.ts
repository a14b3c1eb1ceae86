// The dashboard in Chromium against the real service (SQLite file): sign in once, totals and
// chart, narrowing to a page and back, keyboard, axe in light and dark, 390 px, hostile titles.
// The functions given to page.evaluate run in the page, hence the DOM types here.
/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import puppeteer, { type Browser, type ElementHandle, type LaunchOptions, type Page } from 'puppeteer-core';
import { SqliteStore } from 'share-bar-server/sqlite-store';
import { startService, tempDir, visitorShare as share } from './helpers.js';

const TOKEN = 'dashboard-admin-token-0123456789';
const HOSTILE = '<img src=x onerror=window.__pwned=1><script>window.__pwned=2</script>';
const HOSTILE_URL = 'https://example.com/<script>window.__pwned=3</script>?q=<b>bold</b>';
const DAY_MS = 24 * 3600 * 1000;
/** `YYYY-MM-DD` of `n` days ago (UTC). */
const daysAgo = (n: number) => new Date(Date.now() - n * DAY_MS).toISOString().slice(0, 10);

/** Where Debian's Chromium is and how to start it here (one list, shared with the browser tests). */
async function chromium(): Promise<{ chromiumLaunch: LaunchOptions }> {
  return import(new URL('../../../scripts/browsers.mjs', import.meta.url).href);
}

/** Text of the first element matching `selector`, looking through shadow roots. */
function deepText(page: Page, selector: string): Promise<string | undefined> {
  return page.evaluate((selector) => {
    const find = (root: Document | ShadowRoot): Element | undefined => {
      const found = root.querySelector(selector);
      if (found) return found;
      for (const element of root.querySelectorAll('*')) {
        const inner = element.shadowRoot && find(element.shadowRoot);
        if (inner) return inner;
      }
      return undefined;
    };
    return find(document)?.textContent?.trim();
  }, selector);
}

/** The focused element through shadow roots: its tag, id, and text. */
function focused(page: Page): Promise<{ tag: string; id: string; text: string; pressed: string | null }> {
  return page.evaluate(() => {
    let element = document.activeElement;
    while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
    return {
      tag: element?.tagName.toLowerCase() ?? '',
      id: element?.id ?? '',
      text: element?.textContent?.trim() ?? '',
      pressed: element?.getAttribute('aria-pressed') ?? null,
    };
  });
}

/** Presses Tab until the focused element matches, at most 60 times. */
async function tabTo(page: Page, matches: (element: Awaited<ReturnType<typeof focused>>) => boolean): Promise<void> {
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    if (matches(await focused(page))) return;
  }
  assert.fail('never reached by Tab');
}

/** Waits until the shown total is `total`. */
async function totalIs(page: Page, total: string): Promise<void> {
  await page.waitForFunction(
    (total) => {
      const find = (root: Document | ShadowRoot): Element | null =>
        root.querySelector('[data-total]') ??
        [...root.querySelectorAll('*')].map((e) => e.shadowRoot && find(e.shadowRoot)).find(Boolean) ??
        null;
      return find(document)?.textContent?.trim() === total;
    },
    { timeout: 5000 },
    total,
  );
}

describe('the dashboard in Chromium', () => {
  let base: string;
  let close: () => Promise<void>;
  let cleanup: () => Promise<void>;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];
  const dialogs: string[] = [];

  before(async () => {
    let dir: string;
    ({ dir, cleanup } = await tempDir());
    const store = new SqliteStore(join(dir, 'dashboard.db'));
    const shares = [
      // The last 30 days: Home 4 (x 3, facebook 1), the hostile page 2, the hostile url 1.
      share('https://example.com/', 'x', daysAgo(0), 'Home'),
      share('https://example.com/', 'x', daysAgo(1)),
      share('https://example.com/', 'x', daysAgo(3)),
      share('https://example.com/', 'facebook', daysAgo(3)),
      share('https://example.com/hostile', 'linkedin', daysAgo(2), HOSTILE),
      share('https://example.com/hostile', 'x', daysAgo(10)),
      share(HOSTILE_URL, 'email', daysAgo(5)),
      // The 30 days before: 2 shares.
      share('https://example.com/', 'x', daysAgo(40)),
      share('https://example.com/', 'x', daysAgo(45)),
    ];
    for (const one of shares) await store.record(one);
    ({ base, close } = await startService({ store, adminToken: TOKEN }));
    browser = await puppeteer.launch((await chromium()).chromiumLaunch);
    page = await browser.newPage();
    await page.evaluateOnNewDocument(() => {
      document.addEventListener('securitypolicyviolation', (event) =>
        console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`),
      );
    });
    page.on('console', (message) => {
      // The first request for statistics is answered 401 before signing in: expected.
      if (message.type() === 'error' && !message.text().includes('401')) problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(String(error)));
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.setViewport({ width: 1100, height: 900 });
  });

  after(async () => {
    await browser?.close();
    await close?.();
    await cleanup?.();
  });

  test('asks for the token once, then shows the total, its change, the chart and the pages', async () => {
    await page.goto(`${base}/dashboard`);
    const input = await waitDeep(page, 'input[type=password]');
    // A wrong token says so and keeps the form.
    await input!.type('not-the-token-at-all');
    await page.keyboard.press('Enter');
    assert.match((await waitForText(page, '[role=alert]')) ?? '', /not the right one/);
    // The wrong token is selected: typing replaces it.
    await input!.type(TOKEN);
    await page.keyboard.press('Enter');
    await totalIs(page, '7');
    assert.match((await deepText(page, '[data-change]')) ?? '', /^\+250% against the 30 days before \(2\)$/);
    // Signed in once: a reload goes straight to the statistics.
    await page.reload();
    await totalIs(page, '7');
    assert.equal(await page.$('pierce/input[type=password]'), null);
    const canvas = await waitDeep(page, 'canvas');
    const size = await canvas!.evaluate((c) => [(c as HTMLCanvasElement).width, (c as HTMLCanvasElement).height]);
    assert.ok(size[0]! > 300 && size[1]! > 100, `canvas ${size.join('×')}`);
  });

  test('titles and urls with markup and script are shown as text, and nothing of them runs', async () => {
    const texts = await page.$$eval('pierce/ol.pages li', (items) =>
      items.map((item) => [item.querySelector('.title')?.textContent?.trim(), item.querySelector('.url')?.textContent]),
    );
    assert.deepEqual(texts, [
      ['Home', 'https://example.com/'],
      [HOSTILE, 'https://example.com/hostile'],
      // Written to the store as it is, not even normalised: the page must cope with any string.
      [HOSTILE_URL, HOSTILE_URL],
    ]);
    const injected = await page.evaluate(() => {
      const found: string[] = [];
      const walk = (root: Document | ShadowRoot) => {
        for (const element of root.querySelectorAll('img, script, b')) found.push(element.outerHTML);
        for (const element of root.querySelectorAll('*')) if (element.shadowRoot) walk(element.shadowRoot);
      };
      walk(document);
      return { found, pwned: (window as { __pwned?: unknown }).__pwned };
    });
    // The page's own module script is the only script; no img, no b.
    assert.deepEqual(injected.found, ['<script type="module" src="dashboard/dashboard.js"></script>']);
    assert.equal(injected.pwned, undefined);
    assert.deepEqual(dialogs, []);
  });

  test('a click on a page narrows everything to it; "Show all pages" and Back return', async () => {
    const [button] = await page.$$('pierce/button.page');
    await button!.click();
    await totalIs(page, '4');
    assert.match((await deepText(page, '.narrowed')) ?? '', /Showing one page: Home/);
    assert.match(page.url(), /[?&]url=https%3A%2F%2Fexample\.com%2F/);
    const allPages = await waitDeep(page, '#all-pages');
    await allPages!.click();
    await totalIs(page, '7');
    // Narrow again, then the browser's Back button.
    await (await page.$$('pierce/button.page'))[1]!.click();
    await totalIs(page, '2');
    await page.goBack();
    await totalIs(page, '7');
  });

  test('fully usable by keyboard: range picker, narrowing and back, with focus kept in place', async () => {
    await page.goto(`${base}/dashboard`);
    await totalIs(page, '7');
    await tabTo(page, (element) => element.text === '7 days');
    await page.keyboard.press('Space');
    await page.waitForFunction(() => location.search.includes('range=7d'));
    assert.equal((await focused(page)).pressed, 'true');
    await totalIs(page, '6');
    await tabTo(page, (element) => element.tag === 'button' && element.text === 'Home');
    await page.keyboard.press('Enter');
    await totalIs(page, '4');
    assert.equal((await focused(page)).id, 'all-pages');
    await page.keyboard.press('Enter');
    await totalIs(page, '6');
    assert.deepEqual(await focused(page).then(({ tag, text }) => [tag, text]), ['button', 'Home']);
    // The custom range: two days (the current range to begin with) and Show.
    await tabTo(page, (element) => element.text === 'Custom');
    await page.keyboard.press('Enter');
    await tabTo(page, (element) => element.tag === 'input');
    await tabTo(page, (element) => element.text === 'Show');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => location.search.includes('range=custom'));
    await totalIs(page, '6');
  });

  test('fits 390 px without horizontal scrolling, narrowed or not', async () => {
    await page.setViewport({ width: 390, height: 800 });
    try {
      for (const path of ['/dashboard?range=30d', `/dashboard?range=30d&url=${encodeURIComponent(HOSTILE_URL)}`]) {
        await page.goto(`${base}${path}`);
        await waitDeep(page, 'canvas');
        const widths = await page.evaluate(() => [document.documentElement.scrollWidth, innerWidth]);
        assert.ok(widths[0]! <= widths[1]!, `${path}: ${widths[0]} px wide in a ${widths[1]} px viewport`);
      }
    } finally {
      await page.setViewport({ width: 1100, height: 900 });
    }
  });

  test('axe finds no violation, in light and in dark', async () => {
    const axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    // axe runs in a page of its own that ignores the policy (it evaluates code the policy forbids);
    // the policy itself is checked on the other page.
    const audit = await browser.newPage();
    try {
      await audit.setBypassCSP(true);
      for (const scheme of ['light', 'dark']) {
        await audit.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
        for (const path of ['/dashboard?range=12m', '/dashboard?range=30d&url=https%3A%2F%2Fexample.com%2F']) {
          await audit.goto(`${base}${path}`);
          await waitDeep(audit, 'canvas');
          await audit.$$eval('pierce/details', (details) =>
            details.forEach((d) => ((d as HTMLDetailsElement).open = true)),
          );
          const dark = await audit.$eval('share-stats-dashboard', (host) => getComputedStyle(host).color);
          assert.equal(dark === 'rgb(230, 232, 235)', scheme === 'dark', `${scheme}: text ${dark}`);
          await audit.evaluate(axeSource);
          const violations = await audit.evaluate(async () => {
            const axe = (
              window as unknown as { axe: { run: (context: unknown) => Promise<{ violations: unknown[] }> } }
            ).axe;
            const result = await axe.run(document);
            return result.violations.map((v) => JSON.stringify(v).slice(0, 600));
          });
          assert.deepEqual(violations, [], `${scheme} ${path}`);
        }
      }
    } finally {
      await audit.close();
    }
  });

  test('logging out asks for the token again; the policy saw no violation all along', async () => {
    await page.goto(`${base}/dashboard`);
    await totalIs(page, '7');
    const logOut = await waitDeep(page, 'header button');
    await logOut!.click();
    await waitDeep(page, 'input[type=password]');
    await page.reload();
    await waitDeep(page, 'input[type=password]');
    assert.deepEqual(problems, []);
    assert.deepEqual(dialogs, []);
  });
});

/**
 * Waits for an element matching `selector` inside any shadow root (polling: puppeteer's own
 * waiting watches the document only, not changes inside shadow roots).
 */
async function waitDeep(page: Page, selector: string): Promise<ElementHandle<Element>> {
  const handle = await page.waitForFunction(
    (selector) => {
      const find = (root: Document | ShadowRoot): Element | undefined =>
        root.querySelector(selector) ??
        [...root.querySelectorAll('*')].map((e) => e.shadowRoot && find(e.shadowRoot)).find(Boolean) ??
        undefined;
      return find(document);
    },
    { timeout: 5000, polling: 50 },
    selector,
  );
  return handle as ElementHandle<Element>;
}

/** Waits for an element (through shadow roots) and returns its text. */
async function waitForText(page: Page, selector: string): Promise<string | undefined> {
  await waitDeep(page, selector);
  return deepText(page, selector);
}
