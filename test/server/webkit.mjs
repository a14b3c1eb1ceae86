// WebKit for the test runner: WebKitGTK's MiniBrowser driven by WebKitWebDriver under Xvfb
// (Debian: webkit2gtk-driver xvfb xauth), through @web/test-runner-webdriver. Xvfb and the driver
// start with the launcher, each on a free display and port, and stop with it.
/* global fetch */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

const MINIBROWSER = process.env.MINIBROWSER_BIN ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });

/** Starts Xvfb on a display it picks itself; resolves to the display number. */
function startXvfb(children) {
  const xvfb = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'inherit', 'pipe'],
  });
  children.push(xvfb);
  return new Promise((resolve, reject) => {
    let out = '';
    xvfb.stdio[3].on('data', (chunk) => {
      out += chunk;
      if (out.includes('\n')) resolve(out.trim());
    });
    xvfb.on('error', reject);
    xvfb.on('exit', (code) => reject(new Error(`Xvfb exited with ${code}`)));
  });
}

async function waitForDriver(port, ms = 10000) {
  const end = Date.now() + ms;
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/status`)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > end) throw new Error(`WebKitWebDriver did not answer on port ${port}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A test-runner browser launcher for WebKitGTK. */
export async function webkitLauncher() {
  const { webdriverLauncher } = await import('@web/test-runner-webdriver');
  const options = {
    automationProtocol: 'webdriver',
    hostname: '127.0.0.1',
    port: 0,
    path: '/',
    logLevel: 'error',
    capabilities: {
      browserName: 'MiniBrowser',
      // WebKitWebDriver speaks classic WebDriver, not BiDi.
      'wdio:enforceWebDriverClassic': true,
      'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
    },
  };
  const launcher = webdriverLauncher(options);
  const children = [];
  const { initialize, stop } = launcher;
  launcher.initialize = async function (...args) {
    const display = await startXvfb(children);
    // The launcher reads its options when it opens the session, after this.
    options.port = await freePort();
    const driver = spawn('WebKitWebDriver', [`--port=${options.port}`], {
      env: { ...process.env, DISPLAY: ':' + display },
      stdio: 'ignore',
    });
    children.push(driver);
    await waitForDriver(options.port);
    return initialize.apply(this, args);
  };
  launcher.stop = async function (...args) {
    try {
      return await stop.apply(this, args);
    } finally {
      for (const child of children.reverse()) child.kill();
    }
  };
  return launcher;
}
