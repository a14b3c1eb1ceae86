// Prints the gzip and brotli size of the standalone bundle and of an app-style bundle of the npm
// module with the four default networks, and fails above their ceilings. Run after the build.
//
// The ceilings stop regressions at today's size. They are above issue 12's budgets (standalone
// ≤ 15,000 B gzip, aim ≤ 14,000; four-network app ≤ 10,000 B gzip), which this LitElement
// version does not meet: see docs/benchmarks.md, "Bundle size", for what the bytes are made of.
import { readFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { appBundle, FOUR_NETWORKS } from './app-bundle.mjs';

const bundles = [
  {
    name: 'dist/share-bar.bundle.js (standalone: all networks and languages)',
    code: readFileSync('dist/share-bar.bundle.js'),
    ceiling: 17_800,
    target: 15_000,
  },
  {
    name: 'app bundle of share-bar/element.js + x, facebook, linkedin, pinterest (esbuild --minify)',
    code: await appBundle(FOUR_NETWORKS),
    ceiling: 14_300,
    target: 10_000,
  },
];

let failed = false;
for (const { name, code, ceiling, target } of bundles) {
  const gzip = gzipSync(code, { level: 9 }).length;
  const brotli = brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  const versus = gzip <= target ? 'within' : `${gzip - target} B over`;
  console.log(`${name}: ${code.length} B, ${gzip} B gzip, ${brotli} B brotli`);
  console.log(`  ceiling ${ceiling} B gzip; issue 12 budget ${target} B gzip: ${versus}`);
  if (gzip > ceiling) {
    console.error(`size: ${gzip - ceiling} B over the ceiling`);
    failed = true;
  }
}
if (failed) process.exit(1);
