#!/usr/bin/env node
// `npm run bench` (root): sizes, render cost, count path and count-service throughput of share-bar
// against its peers, all measured in one run on this machine; writes bench/RESULTS.md (+ results.json).
//   node bench/run.mjs [--only size,render,counts,throughput,stats,profile] [--quick] [--no-firefox] [--report-only]
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, loadavg, release } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runSize } from './lib/size.mjs';
import { startStatic } from './lib/pages.mjs';
import { runRender } from './lib/render.mjs';
import { runCountPath } from './lib/countpath.mjs';
import { runThroughput } from './lib/throughput.mjs';
import { runStats } from './lib/stats.mjs';
import { runProfile } from './lib/profile.mjs';
import { report } from './lib/report.mjs';
import { startService, tmp } from './lib/util.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const onlyArg = args.find((a) => a.startsWith('--only'));
const only = onlyArg
  ? (onlyArg.includes('=') ? onlyArg.split('=')[1] : args[args.indexOf(onlyArg) + 1]).split(',')
  : null;
const want = (s) => !only || only.includes(s);
const firefox = !args.includes('--no-firefox') && existsSync('/usr/bin/firefox-esr');
const log = (...m) => console.log(...m);

for (const f of ['dist/share-bar.bundle.js', 'server/dist/cli.js', 'bench/node_modules/shareon/package.json']) {
  if (!existsSync(join(root, f))) {
    console.error(
      `bench: ${f} is missing: run \`npm run build\` and \`npm install --prefix bench\` first (npm run bench does both)`,
    );
    process.exit(1);
  }
}

// --report-only: rewrite RESULTS.md from the last results.json (after a change to the report's wording).
if (args.includes('--report-only')) {
  const last = JSON.parse(readFileSync(join(here, 'results.json'), 'utf8'));
  writeFileSync(join(here, 'RESULTS.md'), report(last));
  console.log('bench: rewrote bench/RESULTS.md from bench/results.json');
  process.exit(0);
}

const started = Date.now();
const sh = (cmd, a) => {
  try {
    return execFileSync(cmd, a, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
};
const env = {
  date: new Date()
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' UTC'),
  cpu: `${cpus()[0]?.model ?? '?'} × ${cpus().length}`,
  mem: `${Math.round(totalmem() / 2 ** 30)} GiB`,
  os: (sh('sh', ['-c', '. /etc/os-release && echo "$PRETTY_NAME"']) || 'Linux') + ` (kernel ${release()})`,
  node: process.version,
  npm: sh('npm', ['--version']),
  commit: sh('git', ['-C', root, 'rev-parse', '--short', 'HEAD']),
  dirty: sh('git', ['-C', root, 'status', '--porcelain', '--', 'src', 'server/src']) !== '',
  load: loadavg()
    .map((l) => l.toFixed(2))
    .join(' '),
  peers: Object.fromEntries(
    ['shareon', 'shariff', 'ilyabirman-likely', 'jquery', 'autocannon', 'puppeteer-core'].map((p) => [
      p,
      JSON.parse(readFileSync(join(root, 'bench/node_modules', p, 'package.json'), 'utf8')).version,
    ]),
  ),
  quick,
};

const results = { env };
const runs = quick ? 3 : 7;

if (want('size')) {
  log('bench: bytes');
  results.size = await runSize(root);
}

const needStatic = want('render') || want('counts') || want('profile');
const stat = needStatic ? await startStatic(root) : null;
try {
  if (want('render')) {
    log(`bench: render cost in Chromium (${runs} runs)`);
    results.render = [await runRender(stat.url, 'chromium', { runs, log })];
    if (firefox) {
      log(`bench: render cost in Firefox (${quick ? 3 : 5} runs)`);
      try {
        results.render.push(await runRender(stat.url, 'firefox', { runs: quick ? 3 : 5, log }));
      } catch (e) {
        results.renderFirefoxError = String(e.message || e).split('\n')[0];
      }
    }
  }
  if (want('profile')) {
    log('bench: where our render time goes (CPU profile, 500 bars)');
    results.profile = await runProfile(stat.url, root, { bars: 500 }).catch((e) => ({ error: String(e.message || e) }));
  }
  if (want('counts')) {
    log('bench: count path');
    const t = tmp();
    const svc = await startService(root, `sqlite:${join(t.dir, 'c.db')}`, ['--trust-proxy']);
    try {
      results.counts = await runCountPath(stat.url, svc.url, {
        browsers: firefox ? ['chromium', 'firefox'] : ['chromium'],
        log,
      });
    } finally {
      await svc.stop();
      t.remove();
    }
  }
} finally {
  await stat?.close();
}

if (want('throughput')) {
  log('bench: count-service throughput');
  results.throughput = await runThroughput(root, { seconds: quick ? 2 : 5, rounds: 3, log });
}

if (want('stats')) {
  log('bench: statistics over a year of history on 100,000 urls');
  results.stats = await runStats(root, { runs: quick ? 3 : 5, log });
}

results.env.seconds = Math.round((Date.now() - started) / 1000);
// Formatted the way the root's `prettier --check .` wants it, when prettier is there.
let json = JSON.stringify(results, null, 2) + '\n';
try {
  const prettier = await import(join(root, 'node_modules/prettier/index.mjs'));
  json = await prettier.format(json, { parser: 'json', printWidth: 120 });
} catch {}
writeFileSync(join(here, 'results.json'), json);
writeFileSync(join(here, 'RESULTS.md'), report(results));
log(`bench: wrote bench/RESULTS.md in ${results.env.seconds} s`);
