// Where the render time goes at 500 bars: the browser's own per-page metrics (script, style, layout)
// for every library, and a sampled CPU profile of ours, run from an unminified build of the npm
// module (esbuild, names kept) so that functions and modules can be named.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { extra, LIBS } from './pages.mjs';
import { launch } from './render.mjs';
import { median } from './util.mjs';

export async function devBundle(root) {
  const require = createRequire(join(root, 'bench/package.json'));
  const esbuild = await import(require.resolve('esbuild'));
  const r = await esbuild.build({
    stdin: { contents: `import './dist/standalone.js';`, resolveDir: root, loader: 'js' },
    nodePaths: [join(root, 'node_modules')],
    bundle: true,
    format: 'iife',
    target: 'es2021',
    conditions: ['production', 'browser'],
    // dist/standalone.js is not in package.json's sideEffects (only the bundle built from it is).
    ignoreAnnotations: true,
    write: false,
    logLevel: 'silent',
  });
  return r.outputFiles[0].text;
}

/** Module of each line of an unminified esbuild bundle, from its `// path` comments. */
export function moduleRanges(code) {
  const ranges = [];
  code.split('\n').forEach((line, i) => {
    const m = line.match(/^\s*\/\/ (\S+\.(?:js|ts|mjs))$/);
    if (m) ranges.push([i, m[1].replace(/^.*node_modules\//, '').replace(/^dist\//, 'share-bar dist/')]);
  });
  return (line) => {
    let mod = '?';
    for (const [start, name] of ranges) {
      if (start > line) break;
      mod = name;
    }
    return mod;
  };
}

async function metrics(browser, url) {
  const context = await browser.createBrowserContext();
  try {
    const page = await context.newPage();
    await page.setViewport({ width: 1280, height: 800 });
    const cdp = await page.createCDPSession();
    await cdp.send('Performance.enable');
    await page.goto(url, { waitUntil: 'load', timeout: 40_000 });
    await page.waitForFunction('window.__bench && window.__bench.done', { timeout: 40_000 });
    const { metrics } = await cdp.send('Performance.getMetrics');
    const m = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
    const t = await page.evaluate(() => window.__bench.t1 - window.__bench.t0);
    return {
      t,
      script: m.ScriptDuration * 1000,
      style: m.RecalcStyleDuration * 1000,
      layout: m.LayoutDuration * 1000,
      task: m.TaskDuration * 1000,
      nodes: m.Nodes,
      heap: m.JSHeapUsedSize,
    };
  } finally {
    await context.close().catch(() => {});
  }
}

export async function cpuProfile(browser, url, locate) {
  const context = await browser.createBrowserContext();
  try {
    const page = await context.newPage();
    await page.setViewport({ width: 1280, height: 800 });
    const cdp = await page.createCDPSession();
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
    await page.goto(url, { waitUntil: 'load', timeout: 40_000 });
    await page.waitForFunction('window.__bench && window.__bench.done', { timeout: 40_000 });
    const { profile } = await cdp.send('Profiler.stop');
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const self = new Map();
    const byModule = new Map();
    let total = 0;
    profile.samples.forEach((id, i) => {
      const dt = (profile.timeDeltas[i] ?? 0) / 1000;
      const node = byId.get(id);
      const f = node.callFrame;
      if (f.functionName === '(idle)' || f.functionName === '(program)') return;
      total += dt;
      const file = f.url.includes('/extra/ours-dev.js')
        ? locate(f.lineNumber)
        : f.url
          ? f.url.replace(/^https?:\/\/[^/]+/, '')
          : '(native)';
      const name = `${f.functionName || '(anonymous)'} — ${file}${f.url ? ':' + (f.lineNumber + 1) : ''}`;
      self.set(name, (self.get(name) ?? 0) + dt);
      const mod = f.url ? file : f.functionName;
      byModule.set(mod, (byModule.get(mod) ?? 0) + dt);
    });
    const top = (map, k) =>
      [...map]
        .sort((a, b) => b[1] - a[1])
        .slice(0, k)
        .map(([name, ms]) => ({ name, ms }));
    return { total, functions: top(self, 15), modules: top(byModule, 10) };
  } finally {
    await context.close().catch(() => {});
  }
}

export async function runProfile(base, root, { bars = 500, runs = 3 } = {}) {
  const code = await devBundle(root);
  extra.set('/extra/ours-dev.js', { type: 'text/javascript', body: code });
  const locate = moduleRanges(code);
  const browser = await launch('chromium');
  try {
    const perLib = {};
    for (let r = 0; r < runs; r++) {
      for (const lib of [...LIBS, 'oursdev'])
        (perLib[lib] ??= []).push(await metrics(browser, `${base}/page?lib=${lib}&n=${bars}`));
    }
    const summary = Object.fromEntries(
      Object.entries(perLib).map(([lib, list]) => [
        lib,
        Object.fromEntries(
          ['t', 'script', 'style', 'layout', 'task', 'nodes', 'heap'].map((k) => [k, median(list.map((x) => x[k]))]),
        ),
      ]),
    );
    const profile = await cpuProfile(browser, `${base}/page?lib=oursdev&n=${bars}`, locate);
    return { bars, summary, profile };
  } finally {
    await browser.close().catch(() => {});
  }
}
