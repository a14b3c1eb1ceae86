// Runs test/**/*.test.ts in Debian's Chromium and Firefox through puppeteer-core; nothing is
// downloaded. BROWSERS=chromium (or firefox) runs one of them.
import { chromeLauncher } from '@web/test-runner';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import puppeteer from 'puppeteer-core';
import { chromiumArgs, chromiumPath, firefoxPath } from './scripts/browsers.mjs';
import { countsEndpoint } from './test/server/counts-endpoint.mjs';
import { mediaFeatures } from './test/server/media-features.mjs';
import { hostPages } from './test/server/host-pages.mjs';

const chromium = chromeLauncher({
  puppeteer,
  launchOptions: {
    executablePath: chromiumPath,
    headless: true,
    // Keep the popup blocker on, as readers have it: the tests check the fallback to a new tab.
    ignoreDefaultArgs: ['--disable-popup-blocking'],
    args: chromiumArgs,
  },
});

const firefox = chromeLauncher({
  puppeteer,
  launchOptions: {
    browser: 'firefox',
    executablePath: firefoxPath,
    headless: true,
    extraPrefsFirefox: { 'dom.disable_open_during_load': true },
  },
});

const wanted = (process.env.BROWSERS ?? 'chromium,firefox').split(',');

export default {
  files: ['test/**/*.test.ts'],
  nodeResolve: true,
  concurrency: 1,
  browsers: [wanted.includes('chromium') && chromium, wanted.includes('firefox') && firefox].filter(Boolean),
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.test.json' }), mediaFeatures()],
  middleware: [countsEndpoint, hostPages],
  testFramework: { config: { timeout: 10000 } },
  filterBrowserLogs: ({ args }) => !String(args[0]).includes('Lit is in dev mode'),
};
