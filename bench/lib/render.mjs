// Table 2: render cost. Time from the library's <script> start until every bar is rendered and
// interactive (a task-granular poll in the page: performance.now()), median of repeated runs, in a
// fresh browser context each time; JS heap per bar from CDP Runtime.getHeapUsage after a forced GC.
import puppeteer from 'puppeteer-core';
import { chromiumArgs } from '../../scripts/browsers.mjs';
import { LIBS } from './pages.mjs';
import { median, bounded } from './util.mjs';

export const CHROMIUM_ARGS = [
  ...chromiumArgs,
  // Nothing may leave the machine: every host but loopback fails to resolve.
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
];

export function launch(name) {
  if (name === 'chromium') {
    return puppeteer.launch({
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: CHROMIUM_ARGS,
      protocolTimeout: 60_000,
    });
  }
  return puppeteer.launch({
    browser: 'firefox',
    executablePath: '/usr/bin/firefox-esr',
    headless: true,
    protocolTimeout: 60_000,
    extraPrefsFirefox: { 'network.dns.localDomains': 'example.com', 'network.proxy.type': 0 },
  });
}

async function onePage(browser, name, url, { heap = false, resources = false } = {}) {
  const context = await browser.createBrowserContext();
  try {
    const page = await context.newPage();
    await page.setViewport({ width: 1280, height: 800 });
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e.message || e).slice(0, 200)));
    await page.goto(url, { waitUntil: 'load', timeout: 40_000 });
    await page.waitForFunction('window.__bench && window.__bench.done', { timeout: 40_000, polling: 50 });
    const r = await page.evaluate(() => ({
      ...window.__bench,
      resources: performance
        .getEntriesByType('resource')
        .map((e) => ({ name: e.name.replace(location.origin, ''), size: e.encodedBodySize || e.transferSize || 0 })),
    }));
    if (!resources) delete r.resources;
    if (heap && name === 'chromium') {
      const cdp = await page.createCDPSession();
      await cdp.send('HeapProfiler.collectGarbage');
      await cdp.send('HeapProfiler.collectGarbage');
      r.heap = (await cdp.send('Runtime.getHeapUsage')).usedSize;
      await cdp.detach();
    }
    r.errors = errors;
    return r;
  } finally {
    await context.close().catch(() => {});
  }
}

/**
 * Runs every library × size `runs` times in `browserName`, interleaved so that background load hits
 * them alike. Returns {version, cells: {lib: {n: {median, painted, runs, heap, errors}}}}.
 */
export async function runRender(base, browserName, { sizes = [1, 50, 500], runs = 7, log = () => {} } = {}) {
  const browser = await launch(browserName);
  const version = await browser.version();
  const raw = {};
  const resources = {};
  try {
    // One warm-up load per library (first process start, disk cache of the binary).
    for (const lib of LIBS)
      await bounded(onePage(browser, browserName, `${base}/page?lib=${lib}&n=1`), 60_000, `warm-up ${lib}`).catch(
        () => {},
      );
    for (let rep = 0; rep < runs; rep++) {
      for (const n of sizes) {
        for (const lib of LIBS) {
          const cell = ((raw[lib] ??= {})[n] ??= {
            t: [],
            nav: [],
            painted: [],
            heap: [],
            nodes: [],
            errors: new Set(),
            failed: 0,
          });
          try {
            const r = await bounded(
              onePage(browser, browserName, `${base}/page?lib=${lib}&n=${n}`, {
                heap: true,
                resources: rep === 0 && n === 1,
              }),
              60_000,
              `${browserName} ${lib} ${n}`,
            );
            if (r.resources) resources[lib] = r.resources;
            r.errors.forEach((e) => cell.errors.add(e));
            if (r.error) {
              cell.failed++;
              cell.errors.add(r.error);
            } else {
              cell.t.push(r.t1 - r.t0);
              cell.painted.push(r.painted - r.t0);
              // From navigation start: also counts parsing the bars' markup (5 elements per bar for
              // Shareon and Likely, 1 for ours, 1 empty div for Shariff).
              cell.nav.push(r.t1);
              if (r.heap) cell.heap.push(r.heap);
              if (r.nodes) cell.nodes.push(r.nodes);
            }
          } catch (e) {
            cell.failed++;
            cell.errors.add(String(e.message || e).slice(0, 200));
          }
        }
      }
      log(`  ${browserName}: round ${rep + 1}/${runs} done`);
    }
  } finally {
    await browser.close().catch(() => {});
  }
  const cells = {};
  for (const lib of Object.keys(raw)) {
    cells[lib] = {};
    for (const n of Object.keys(raw[lib])) {
      const c = raw[lib][n];
      cells[lib][n] = {
        median: median(c.t),
        painted: median(c.painted),
        nav: median(c.nav),
        min: Math.min(...c.t),
        max: Math.max(...c.t),
        runs: c.t.length,
        failed: c.failed,
        heap: median(c.heap),
        nodes: median(c.nodes),
        errors: [...c.errors],
      };
    }
  }
  return { browser: browserName, version, cells, resources };
}
