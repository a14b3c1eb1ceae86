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
