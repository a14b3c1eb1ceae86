// Builds every framework example against share-bar as npm would install it (the packed package)
// and checks each in Chromium: properties (counts as an object), reactivity and the share event.
//
//   node examples/run.mjs [react vue svelte]     (npm run test:examples from the repository root)
//
// Needs Chromium (CHROMIUM_BIN, default /usr/bin/chromium) and the root's devDependencies
// (puppeteer-core). Ends with "N passed, N failed" and exit code 1 on any failure.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, renameSync, rmSync, mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { chromiumLaunch } from '../scripts/browsers.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = join(here, '..');
const all = ['react', 'vue', 'svelte'];
const names = process.argv.slice(2).length ? process.argv.slice(2) : all;
const results = [];

const run = (cmd, args, cwd) => {
  try {
    execFileSync(cmd, args, { cwd, stdio: 'pipe', encoding: 'utf8' });
  } catch (error) {
    throw new Error(`${cmd} ${args.join(' ')} failed in ${cwd}:\n${error.stdout}${error.stderr}`);
  }
};

/** Records the outcome of one check. */
async function check(name, fn) {
  const start = performance.now();
  try {
    await fn();
    results.push({ name, ok: true });
    console.log(`  ✓ ${name} (${Math.round(performance.now() - start)} ms)`);
  } catch (error) {
    results.push({ name, ok: false });
    console.log(`  ✗ ${name}\n    ${String(error?.stack ?? error).replaceAll('\n', '\n    ')}`);
  }
}

function assert(ok, message) {
  if (!ok) throw new Error(message);
}

/** Serves a built example's dist/ folder on a free port. */
function serve(dir) {
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };
  const server = http.createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
    if (path == '/favicon.ico') return res.writeHead(204).end();
    const file = join(dir, path.endsWith('/') ? path + 'index.html' : path);
    if (!file.startsWith(dir)) return res.writeHead(403).end();
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

// share-bar as npm would install it: the package's own files, exports and types, with Lit as a
// dependency of its own rather than the repository's.
if (!existsSync(join(root, 'dist/share-bar.js'))) run('npm', ['run', 'build:element'], root);
const pack = join(here, '.pack');
rmSync(pack, { recursive: true, force: true });
mkdirSync(pack);
run('npm', ['pack', '--ignore-scripts', '--pack-destination', pack], root);
renameSync(join(pack, readdirSync(pack)[0]), join(pack, 'share-bar.tgz'));

const browser = await puppeteer.launch(chromiumLaunch);

try {
  for (const name of names) {
    const dir = join(here, name);
    console.log(`${name}:`);
    let built = false;
    await check(`${name}: installs and builds (type check included)`, () => {
      // A fresh copy of the packed share-bar each run; the rest of node_modules is reused.
      rmSync(join(dir, 'node_modules/share-bar'), { recursive: true, force: true });
      run('npm', ['install', '--no-package-lock', '--no-audit', '--no-fund', '--loglevel=error'], dir);
      run('npm', ['run', 'build'], dir);
      built = true;
    });
    if (built) await checkInBrowser(name, join(dir, 'dist'));
  }
} finally {
  await browser.close();
}

/** The checks every example app passes: they all render the same markup contract. */
async function checkInBrowser(name, dist) {
  const server = await serve(dist);
  const page = await browser.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(String(error)));
  page.on('console', (message) => {
    if (['error', 'warn'].includes(message.type())) problems.push(`${message.type()}: ${message.text()}`);
  });
  // Nothing leaves the machine: share links are followed nowhere, popups count as blocked.
  await page.setRequestInterception(true);
  page.on('request', (request) =>
    new URL(request.url()).hostname == '127.0.0.1' ? request.continue() : request.abort(),
  );
  await page.evaluateOnNewDocument(() => {
    window.open = () => null;
    document.addEventListener('click', (event) => {
      if (event.composedPath().some((node) => node instanceof HTMLAnchorElement)) event.preventDefault();
    });
  });
  const shown = () =>
    page.evaluate(() => {
      const bar = document.querySelector('share-bar');
      return Object.fromEntries(
        [...(bar?.shadowRoot?.querySelectorAll('[part~=button]') ?? [])].map((b) => [
          b.part[1].replace('button-', ''),
          b.querySelector('[part=count]')?.getAttribute('data-count') ?? null,
        ]),
      );
    });
  const same = (a, b) => JSON.stringify(a) == JSON.stringify(b);

  try {
    const { port } = server.address();
    await page.goto(`http://127.0.0.1:${port}/`, { waitUntil: 'load' });

    await check(`${name}: renders the bar with the properties it was given, counts as an object`, async () => {
      await page.waitForFunction(() =>
        document.querySelector('share-bar')?.shadowRoot?.querySelector('[part~=button]'),
      );
      const want = { x: '1.2K', facebook: '16', linkedin: '66', copy: null };
      const got = await shown();
      assert(same(got, want), `buttons and counts: ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
      const state = await page.evaluate(() => {
        const bar = document.querySelector('share-bar');
        return {
          counts: typeof bar.counts,
          countsAttribute: bar.getAttribute('counts'),
          countDisplay: bar.countDisplay,
          total: bar.shadowRoot.querySelector('[part=total]')?.textContent,
          href: bar.shadowRoot.querySelector('[part~=button-facebook]').href,
        };
      });
      assert(state.counts == 'object', `counts is a ${state.counts}, not an object property`);
      assert(state.countsAttribute == null, `counts went to an attribute: ${state.countsAttribute}`);
      assert(state.countDisplay == 'both', `countDisplay is ${state.countDisplay}`);
      assert(/1\.3K/.test(state.total), `total: ${state.total}`);
      assert(
        state.href == `https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fexample.com%2F${name}`,
        `facebook link: ${state.href}`,
      );
    });

    await check(`${name}: re-renders when the app gives new counts`, async () => {
      await page.click('#more');
      await page.waitForFunction(
        () =>
          document.querySelector('share-bar').shadowRoot.querySelector('[part~=button-facebook] [part=count]')?.dataset
            .count == '17',
        { timeout: 3000 },
      );
    });

    await check(`${name}: hands the share event to the app`, async () => {
      const link = await page.evaluateHandle(() =>
        document.querySelector('share-bar').shadowRoot.querySelector('[part~=button-linkedin]'),
      );
      await link.click();
      await page.waitForFunction(() => document.querySelector('#last').textContent.includes('linkedin'), {
        timeout: 3000,
      });
      const text = await page.$eval('#last', (p) => p.textContent.trim());
      assert(text == 'Shared on linkedin (popup)', `the app shows "${text}"`);
      assert(page.url() == `http://127.0.0.1:${port}/`, `navigated to ${page.url()}`);
      // The count of the shared network goes up by one at once.
      const got = await shown();
      assert(got.linkedin == '67', `linkedin count after the share: ${got.linkedin}`);
    });

    await check(`${name}: no errors or warnings in the console`, () => {
      assert(problems.length == 0, problems.join('\n'));
    });
  } finally {
    await page.close();
    server.close();
  }
}

const passed = results.filter((r) => r.ok).length;
console.log(`\n${passed} passed, ${results.length - passed} failed`);
process.exit(passed == results.length && results.length > 0 ? 0 : 1);
