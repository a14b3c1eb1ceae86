// Minifies the css`` (and html``) literals of the npm build in place, after tsc: their whitespace and
// comments mean nothing to the browser, yet an app's bundler copies template literals as they are.
// The standalone bundle gets the same from the rollup plugin. Source maps still lead to src/.
import remapping from '@jridgewell/remapping';
import { minifyHTMLLiterals } from '@lit-labs/rollup-plugin-minify-html-literals/lib/minify-html-literals.js';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

const dist = new URL('../dist/', import.meta.url).pathname;

for (const entry of readdirSync(dist, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !entry.name.endsWith('.js') || entry.name.endsWith('.bundle.js')) continue;
  const file = join(entry.parentPath, entry.name);
  const code = readFileSync(file, 'utf8');
  const minified = await minifyHTMLLiterals(code, { fileName: entry.name });
  if (!minified) continue;
  // tsc's map (dist → src) under the minifier's (minified → dist): one map, minified → src.
  const tscMap = JSON.parse(readFileSync(file + '.map', 'utf8'));
  const map = remapping([minified.map, tscMap], () => null);
  map.file = basename(file);
  writeFileSync(file, minified.code);
  writeFileSync(file + '.map', JSON.stringify(map));
}
