// Where Debian puts its browsers and how to start them here: headless, as root, with no
// background traffic (the machine has no network beyond the package registries). Shared by the
// test runner, the screenshots, the benchmarks and the framework examples.
export const chromiumPath = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';
export const firefoxPath = process.env.FIREFOX_BIN ?? '/usr/bin/firefox-esr';
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * How long a browser may take to start. A busy 2-core CI machine once took over puppeteer's default
 * 30 s to start Firefox, and once Chromium for the docs check, which failed the whole run: nothing
 * waits on this but the start itself.
 */
export const launchTimeout = 120_000;

/** puppeteer-core's launch options for Debian's Chromium here. */
export const chromiumLaunch = {
  executablePath: chromiumPath,
  headless: true,
  args: chromiumArgs,
  timeout: launchTimeout,
};
