// Runs test/**/*.test.ts in Debian's Chromium and Firefox through puppeteer-core, and in
// WebKitGTK through WebKitWebDriver under Xvfb (test/server/webkit.mjs); nothing is downloaded.
// BROWSERS=chromium (or firefox, webkit, or a comma-separated list) runs some of them.
import { chromeLauncher } from '@web/test-runner';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import puppeteer from 'puppeteer-core';
import { chromiumLaunch, firefoxPath, launchTimeout } from './scripts/browsers.mjs';
import { countsEndpoint } from './test/server/counts-endpoint.mjs';
import { mediaFeatures } from './test/server/media-features.mjs';
import { hostPages } from './test/server/host-pages.mjs';
import { latePages } from './test/server/late-pages.mjs';
import { ssrPages } from './test/server/ssr-pages.mjs';
import { webkitLauncher } from './test/server/webkit.mjs';
// src/version.ts, generated from package.json.
import './scripts/version.mjs';

const chromium = chromeLauncher({
  puppeteer,
  launchOptions: {
    ...chromiumLaunch,
    // Keep the popup blocker on, as readers have it: the tests check the fallback to a new tab.
    ignoreDefaultArgs: ['--disable-popup-blocking'],
  },
});

const firefox = chromeLauncher({
  puppeteer,
  launchOptions: {
    browser: 'firefox',
    executablePath: firefoxPath,
    headless: true,
    timeout: launchTimeout,
    extraPrefsFirefox: { 'dom.disable_open_during_load': true },
  },
});

const wanted = (process.env.BROWSERS ?? 'chromium,firefox,webkit').split(',');
const browsers = [wanted.includes('chromium') && chromium, wanted.includes('firefox') && firefox].filter(Boolean);
const webkit = wanted.includes('webkit') && (await webkitLauncher());
// WebDriver can neither set the viewport nor emulate media features: WebKit runs every suite but
// the appearance and phone ones, which need them, and the floating and layout-shift ones, which open
// pages of 1280 px in a window made big enough for them.
const webkitFiles = [
  'test/**/*.test.ts',
  '!test/appearance.test.ts',
  '!test/phone.test.ts',
  '!test/floating.test.ts',
  '!test/layout-shift.test.ts',
];

export default {
  files: browsers.length ? ['test/**/*.test.ts'] : webkitFiles,
  nodeResolve: true,
  concurrency: 1,
  browsers: browsers.length ? browsers : [webkit],
  groups: webkit && browsers.length ? [{ name: 'webkit', browsers: [webkit], files: webkitFiles }] : [],
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.test.json' }), mediaFeatures()],
  middleware: [countsEndpoint, hostPages, latePages, ssrPages],
  testFramework: { config: { timeout: 10000 } },
  // The runner's own 30 s to open a test page and 20 s for its tests to start were missed once by
  // WebKit on a busy 2-core CI machine, which failed the run: these wait on nothing but starting.
  browserStartTimeout: launchTimeout,
  testsStartTimeout: launchTimeout / 2,
  filterBrowserLogs: ({ args }) => !String(args[0]).includes('Lit is in dev mode'),
};
