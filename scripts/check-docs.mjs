/* global document, customElements, CSSStyleSheet */
// `npm run test:docs`: the documentation works as written. Every relative link (and #anchor) in
// README.md, CHANGELOG.md, docs/ and server/README.md resolves, and every code block is exercised:
// it stands verbatim in a file that a test or an example build runs, or it is run here by its
// language:
//   html        rendered in Chromium with the built bundle (and dist/share-bar-placeholder.css for
//               any stylesheet of that name): every <share-bar> renders buttons and the page logs no
//               warning or error (count requests get `{}`, nothing leaves)
//   css         parsed by Chromium without dropping a rule
//   http        response headers (a Content-Security-Policy): a page with a bar served with them
//               renders and reports no violation
//   js, ts      type-checked against the built package (its exports, types and global events)
//   sh          npm scripts and flags of share-bar-server and bench/run.mjs must exist
//   json        parsed
// Needs `npm run build` first. Prints one line per block and ends with "N checked, N failed".
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { dirname, extname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { chromiumLaunch } from './browsers.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const failures = [];
let checked = 0;

/** Files below `dir` (relative to the root) whose name passes `keep`, skipping built and installed ones. */
function filesBelow(dir, keep) {
  const out = [];
  const walk = (abs) => {
    for (const entry of readdirSync(abs, { withFileTypes: true })) {
      if (['node_modules', 'dist', '.git'].includes(entry.name)) continue;
      const path = join(abs, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (keep(entry.name)) out.push(path);
    }
  };
  if (existsSync(join(root, dir))) walk(join(root, dir));
  return out;
}

const documents = [
  join(root, 'README.md'),
  join(root, 'CHANGELOG.md'),
  join(root, 'server/README.md'),
  ...filesBelow('docs', (name) => name.endsWith('.md')),
].filter((file) => existsSync(file));

// What tests and example builds run: a block found verbatim in one of these is exercised there.
const exercised = ['test', 'server/test', 'examples'].flatMap((dir) =>
  filesBelow(dir, (name) => /\.(ts|tsx|js|mjs|vue|svelte|html|css|json)$/.test(name)),
);
const squash = (text) => text.replace(/\s+/g, ' ').trim();
const exercisedText = exercised.map((file) => [file, squash(readFileSync(file, 'utf8'))]);
const exercisedBy = (code) => exercisedText.find(([, text]) => text.includes(squash(code)))?.[0];

/** The fenced code blocks and the links outside them, with line numbers. */
function parse(file) {
  const lines = readFileSync(file, 'utf8').split('\n');
  const blocks = [];
  const links = [];
  const headings = [];
  for (let i = 0; i < lines.length; i++) {
    const fence = /^(\s*)(`{3,})\s*([\w-]*)/.exec(lines[i]);
    if (fence) {
      const start = i;
      const body = [];
      while (++i < lines.length && !lines[i].trim().startsWith(fence[2])) body.push(lines[i].slice(fence[1].length));
      blocks.push({ file, line: start + 1, lang: fence[3].toLowerCase(), code: body.join('\n') });
      continue;
    }
    const heading = /^#{1,6}\s+(.*)$/.exec(lines[i]);
    if (heading) headings.push(heading[1]);
    const text = lines[i].replace(/`[^`]*`/g, '');
    for (const match of text.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) links.push({ line: i + 1, target: match[1] });
  }
  return { blocks, links, headings };
}

/** GitHub's anchor for a heading. */
const slug = (heading) =>
  heading
    .replace(/`/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-');

const where = (block) => `${relative(root, block.file)}:${block.line}`;
/** Records a failure, at a place (`file:line`) or of a block. */
function fail(at, message) {
  if (typeof at != 'string') at.failed = true;
  failures.push(`${typeof at == 'string' ? at : where(at)}: ${message}`);
}

const parsed = new Map(documents.map((file) => [file, parse(file)]));

// Links and anchors.
for (const [file, { links }] of parsed) {
  for (const { line, target } of links) {
    if (/^[a-z][a-z+.-]*:/i.test(target)) continue;
    checked++;
    const [path, anchor] = target.split('#');
    const abs = path ? resolve(dirname(file), decodeURIComponent(path)) : file;
    const at = `${relative(root, file)}:${line}`;
    if (!existsSync(abs)) {
      fail(at, `link to ${target}: no such file`);
      continue;
    }
    if (anchor && extname(abs) == '.md') {
      const headings = (parsed.get(abs) ?? parse(abs)).headings.map(slug);
      if (!headings.includes(anchor)) fail(at, `link to ${target}: no heading #${anchor} there`);
    }
  }
}

const blocks = [...parsed.values()].flatMap((document) => document.blocks);
const byLanguage = (...langs) => blocks.filter((block) => !block.covered && langs.includes(block.lang));

// Blocks that tests or example builds already run.
for (const block of blocks) {
  const file = exercisedBy(block.code);
  if (file) {
    block.covered = relative(root, file);
    checked++;
  }
}

// json
for (const block of byLanguage('json')) {
  checked++;
  try {
    JSON.parse(block.code);
  } catch (error) {
    fail(block, `JSON does not parse: ${error.message}`);
  }
}

// sh: npm scripts, the count service's flags, the bench's flags.
const packageScripts = (dir) => JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')).scripts ?? {};
const cliHelp = execFileSync(process.execPath, [join(root, 'server/dist/cli.js'), '--help'], { encoding: 'utf8' });
const installable = new Set(['share-bar', 'share-bar-server', 'better-sqlite3', '@redis/client']);
function checkCommand(command) {
  const words = command.trim().split(/\s+/);
  const [program, verb] = words;
  const flags = words.filter((word) => word.startsWith('--')).map((flag) => flag.split('=')[0]);
  if (program == 'npm') {
    const workspace = words.includes('-w') ? words[words.indexOf('-w') + 1] : undefined;
    const scripts = packageScripts(workspace == 'share-bar-server' ? 'server' : '.');
    if (verb == 'install' || verb == 'i') {
      const named = words.slice(2).filter((word) => !word.startsWith('-') && word != workspace);
      return named.filter((name) => !installable.has(name.replace(/@[\d^~.]+$/, ''))).map((n) => `installs ${n}`);
    }
    const script = verb == 'run' ? words[2] : verb;
    return script in scripts ? [] : [`npm script "${script}" does not exist`];
  }
  if (
    program == 'share-bar-server' ||
    (program == 'npx' && verb == 'share-bar-server') ||
    words[1] == 'server/dist/cli.js'
  ) {
    return flags.filter((flag) => !cliHelp.includes(flag)).map((flag) => `share-bar-server has no ${flag}`);
  }
  if (program == 'node' && existsSync(join(root, verb))) {
    const source = readFileSync(join(root, verb), 'utf8');
    return flags.filter((flag) => !source.includes(`'${flag}`)).map((flag) => `${verb} has no ${flag}`);
  }
  return [`"${program}" is not a command this check knows how to exercise`];
}
for (const block of byLanguage('sh', 'shell', 'bash')) {
  checked++;
  for (const raw of block.code.split('\n')) {
    const line = raw.replace(/^\$ /, '').replace(/\s+#.*$/, '');
    if (!line.trim() || line.trim().startsWith('#')) continue;
    for (const command of line.split('&&')) for (const problem of checkCommand(command)) fail(block, problem);
  }
}

// js and ts: type-checked against the built package, each block a module of its own.
const scratch = join(root, 'node_modules/.cache/check-docs');
rmSync(scratch, { recursive: true, force: true });
mkdirSync(scratch, { recursive: true });
const scripts = byLanguage('js', 'ts', 'javascript', 'typescript');
if (scripts.length) {
  const names = new Map();
  scripts.forEach((block, i) => {
    const name = `block-${i}.ts`;
    names.set(name, block);
    const code = /^\s*(import|export)\s/m.test(block.code) ? block.code : block.code + '\nexport {};';
    writeFileSync(join(scratch, name), code);
  });
  writeFileSync(
    join(scratch, 'globals.d.ts'),
    `import type {} from 'share-bar/share-bar.js';\n` +
      `declare global {\n  /** Stands for a site's own analytics in the examples. */\n` +
      `  const analytics: { track(event: string, data?: unknown): void };\n}\n`,
  );
  writeFileSync(
    join(scratch, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'ES2022',
        moduleResolution: 'bundler',
        lib: ['ES2023', 'DOM', 'DOM.Iterable'],
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        types: [],
        // Resolved as an app resolves the published package.
        paths: { 'share-bar': [join(root, 'dist/index.d.ts')], 'share-bar/*': [join(root, 'dist/*')] },
      },
      include: ['*.ts'],
    }),
  );
  checked += scripts.length;
  try {
    execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', '.'], {
      cwd: scratch,
      encoding: 'utf8',
    });
  } catch (error) {
    for (const line of String(error.stdout).split('\n').filter(Boolean)) {
      const match = /(block-\d+\.ts)\((\d+),\d+\): (.*)$/.exec(line);
      const block = match && names.get(match[1]);
      if (block) fail(block, `line ${Number(match[2])} of the block: ${match[3]}`);
      else if (!line.startsWith(' ')) fail('type check', line);
    }
  }
}

// html, css and http (response headers such as a Content-Security-Policy) in Chromium.
const markup = byLanguage('html');
const styles = byLanguage('css');
const headerBlocks = byLanguage('http');
if (markup.length || styles.length || headerBlocks.length) {
  const bundle = readFileSync(join(root, 'dist/share-bar.bundle.js'));
  const placeholder = readFileSync(join(root, 'dist/share-bar-placeholder.css'));
  const pages = new Map();
  const server = http.createServer((request, response) => {
    const path = new URL(request.url, 'http://localhost').pathname;
    if (path.endsWith('.js')) return response.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle);
    if (path.endsWith('/share-bar-placeholder.css')) {
      return response.writeHead(200, { 'content-type': 'text/css' }).end(placeholder);
    }
    const page = pages.get(path);
    if (page) return response.writeHead(200, { ...page.headers, 'content-type': 'text/html' }).end(page.body);
    if (path == '/favicon.ico') return response.writeHead(204).end();
    if (path.endsWith('/counts')) return response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    response.writeHead(404).end();
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await puppeteer.launch(chromiumLaunch);
  try {
    const page = await browser.newPage();
    let logged = [];
    page.on('console', (message) => {
      if (['warn', 'warning', 'error'].includes(message.type())) logged.push(message.text());
    });
    page.on('pageerror', (error) => logged.push(String(error)));
    await page.evaluateOnNewDocument(() => {
      document.addEventListener('securitypolicyviolation', (event) =>
        console.error(`Content-Security-Policy violation: ${event.violatedDirective} (${event.blockedURI})`),
      );
    });
    /** Loads `body` (with `headers`) and fails `block` unless every bar renders buttons quietly. */
    async function renderBars(block, body, headers = {}) {
      checked++;
      logged = [];
      const path = `/page-${checked}.html`;
      pages.set(path, {
        headers,
        body:
          '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>docs</title></head><body>' +
          body +
          (/<script[^>]+share-bar/.test(body) ? '' : '<script src="/share-bar.bundle.js"></script>') +
          '</body></html>',
      });
      await page.goto(origin + path, { waitUntil: 'load' });
      const result = await page.evaluate(async () => {
        const bars = [...document.querySelectorAll('share-bar')];
        if (!bars.length) return { bars: 0, empty: 0 };
        const late = new Promise((done) => setTimeout(done, 3000, 'late'));
        if ((await Promise.race([customElements.whenDefined('share-bar'), late])) == 'late') {
          return { bars: bars.length, empty: bars.length };
        }
        await Promise.all(bars.map((bar) => bar.updateComplete));
        const empty = bars.filter((bar) => !bar.shadowRoot?.querySelector('[part~="button"]')).length;
        return { bars: bars.length, empty };
      });
      if (!result.bars) fail(block, 'html block without a <share-bar>');
      else if (result.empty) fail(block, `${result.empty} of ${result.bars} bars render no button`);
      for (const message of logged) fail(block, `the page logged: ${message}`);
    }
    // Nothing leaves the machine: a share-bar script from anywhere (a CDN) is the built bundle,
    // a count endpoint anywhere answers `{}`.
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.origin == origin) return request.continue();
      if (/share-bar/.test(url.pathname) && request.resourceType() == 'script') {
        return request.respond({ status: 200, contentType: 'text/javascript', body: bundle });
      }
      if (url.pathname.endsWith('/share-bar-placeholder.css')) {
        return request.respond({ status: 200, contentType: 'text/css', body: placeholder });
      }
      if (url.pathname.endsWith('/counts')) {
        return request.respond({
          status: 200,
          contentType: 'application/json',
          headers: { 'access-control-allow-origin': '*' },
          body: '{}',
        });
      }
      return request.abort();
    });
    for (const block of markup) await renderBars(block, block.code);
    for (const block of headerBlocks) {
      // `Name: value` lines; a line that starts with white space goes on with the value above.
      const headers = {};
      let name = '';
      for (const line of block.code.split('\n')) {
        const header = /^([\w-]+):\s*(.*)$/.exec(line);
        if (header) headers[(name = header[1].toLowerCase())] = header[2].trim();
        else if (name && line.trim()) headers[name] += ' ' + line.trim();
      }
      await renderBars(block, '<share-bar counts-url="/counts" networks="x facebook copy"></share-bar>', headers);
    }
    for (const block of styles) {
      checked++;
      const problem = await page.evaluate((css) => {
        const sheet = new CSSStyleSheet();
        try {
          sheet.replaceSync(css);
        } catch (error) {
          return String(error);
        }
        // A rule the browser cannot parse is dropped: count the top-level blocks written.
        let depth = 0;
        let written = 0;
        for (const c of css.replace(/\/\*[^]*?\*\//g, '')) {
          if (c == '{' && depth++ == 0) written++;
          if (c == '}') depth--;
        }
        return sheet.cssRules.length == written ? '' : `${written - sheet.cssRules.length} rule(s) dropped`;
      }, block.code);
      if (problem) fail(block, `CSS: ${problem}`);
    }
  } finally {
    await browser.close();
    server.close();
  }
}

// Anything else must be run by a test or an example build.
for (const block of blocks) {
  const run = ['json', 'sh', 'shell', 'bash', 'js', 'ts', 'javascript', 'typescript', 'html', 'css', 'http'];
  if (block.covered || run.includes(block.lang)) {
    continue;
  }
  checked++;
  fail(block, `${block.lang || 'untyped'} block is in no test, example or check`);
}

for (const block of blocks) {
  const status = block.failed ? '✗' : '✓';
  console.log(`  ${status} ${where(block)} ${block.lang || 'text'}${block.covered ? ` (in ${block.covered})` : ''}`);
}
for (const failure of failures) console.log(`✗ ${failure}`);
console.log(`${checked} checked, ${failures.length} failed`);
if (statSync(scratch, { throwIfNoEntry: false })) rmSync(scratch, { recursive: true, force: true });
process.exit(failures.length ? 1 : 0);
