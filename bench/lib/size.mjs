// Table 1: bytes a site owner must load for a bar with X, Facebook, LinkedIn and Pinterest.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { brotli, gzip } from './util.mjs';
import { appBundle, FOUR_NETWORKS } from '../../scripts/app-bundle.mjs';

export function peerFiles(root) {
  const nm = join(root, 'bench/node_modules');
  return {
    ours: { js: [join(root, 'dist/share-bar.bundle.js')], css: [] },
    shareon: { js: [join(nm, 'shareon/dist/shareon.iife.js')], css: [join(nm, 'shareon/dist/shareon.min.css')] },
    shariff: {
      js: [join(nm, 'shariff/dist/shariff.complete.js')],
      css: [join(nm, 'shariff/dist/shariff.complete.css')],
    },
    shariffJquery: {
      js: [join(nm, 'jquery/dist/jquery.min.js'), join(nm, 'shariff/dist/shariff.min.js')],
      css: [join(nm, '@fortawesome/fontawesome-free/css/all.min.css'), join(nm, 'shariff/dist/shariff.min.css')],
    },
    likely: {
      js: [join(nm, 'ilyabirman-likely/release/likely.min.js')],
      css: [join(nm, 'ilyabirman-likely/release/likely.min.css')],
    },
  };
}

const measure = (files) =>
  files.reduce(
    (acc, f) => {
      const b = readFileSync(f);
      acc.raw += b.length;
      acc.gzip += gzip(b);
      acc.brotli += brotli(b);
      return acc;
    },
    { raw: 0, gzip: 0, brotli: 0 },
  );

const version = (root, pkg) =>
  JSON.parse(readFileSync(join(root, 'bench/node_modules', pkg, 'package.json'), 'utf8')).version;

/** Bundles the npm module the way an app's bundler would (scripts/app-bundle.mjs): sizes. */
async function npmBuild(imports) {
  const code = await appBundle(imports);
  return { raw: code.length, gzip: gzip(code), brotli: brotli(code) };
}

/** What the standalone bundle is made of: minified bytes per module (esbuild's metafile). */
async function composition(root) {
  const require = createRequire(join(root, 'bench/package.json'));
  const esbuild = await import(require.resolve('esbuild'));
  const result = await esbuild.build({
    stdin: { contents: `import './dist/standalone.js';`, resolveDir: root, loader: 'js' },
    nodePaths: [join(root, 'node_modules')],
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2021',
    conditions: ['production', 'browser'],
    // dist/standalone.js is not in package.json's sideEffects (only the bundle built from it is).
    ignoreAnnotations: true,
    write: false,
    metafile: true,
    legalComments: 'none',
    logLevel: 'silent',
  });
  const [output] = Object.values(result.metafile.outputs);
  const modules = Object.entries(output.inputs)
    .map(([path, x]) => ({
      module: path.replace(/^.*node_modules\//, '').replace(/^(\.\.\/)*/, ''),
      bytes: x.bytesInOutput,
    }))
    .filter((m) => m.bytes > 0)
    .sort((a, b) => b.bytes - a.bytes);
  const code = Buffer.from(result.outputFiles[0].contents);
  return { total: code.length, gzip: gzip(code), modules };
}

export async function runSize(root) {
  const files = peerFiles(root);
  const rows = [];
  const add = (name, what, set, note = '') => {
    const js = measure(set.js);
    const css = measure(set.css);
    rows.push({
      name,
      what,
      js,
      css,
      total: { raw: js.raw + css.raw, gzip: js.gzip + css.gzip, brotli: js.brotli + css.brotli },
      note,
    });
  };
  add('share-bar (ours) standalone', 'dist/share-bar.bundle.js (all 21 networks, Lit inlined)', files.ours);
  add(`Shareon ${version(root, 'shareon')}`, 'shareon.iife.js + shareon.min.css', files.shareon);
  add(
    `Shariff ${version(root, 'shariff')} (complete build)`,
    'shariff.complete.js + shariff.complete.css (no jQuery needed; CSS includes Font Awesome rules)',
    files.shariff,
    '+ fonts',
  );
  add(
    `Shariff ${version(root, 'shariff')} (min build)`,
    `shariff.min.js + jQuery ${version(root, 'jquery')} + Font Awesome ${version(root, '@fortawesome/fontawesome-free')} all.min.css + shariff.min.css`,
    files.shariffJquery,
    '+ fonts',
  );
  add(`Likely ${version(root, 'ilyabirman-likely')}`, 'likely.min.js + likely.min.css (icons inline)', files.likely);

  const fontDir = join(root, 'bench/node_modules/shariff/dist');
  const fonts = ['fa-brands-400.woff2', 'fa-solid-900.woff2', 'fa-regular-400.woff2'].map((f) => ({
    file: f,
    raw: statSync(join(fontDir, f)).size,
  }));

  let npm = null;
  let npm4 = null;
  let npmError = '';
  try {
    npm = await npmBuild(['share-bar/share-bar.js']);
    npm4 = await npmBuild(FOUR_NETWORKS);
  } catch (e) {
    npmError = (e.errors?.[0]?.text ?? String(e.message || e)).split('\n')[0];
  }
  let parts = null;
  try {
    parts = await composition(root);
  } catch (e) {
    parts = { error: (e.errors?.[0]?.text ?? String(e.message || e)).split('\n')[0] };
  }
  // Issue 12: standalone ≤ 15,000 B gzip (aim ≤ 14,000), the four-network app bundle ≤ 10,000.
  const budget = { target: 14_000, budget: 15_000, app: 10_000 };
  return { rows, fonts, npm, npm4, npmError, budget, ours: rows[0], parts };
}
