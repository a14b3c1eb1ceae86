// Prints the gzip and brotli size of the standalone bundle and fails above the budget.
import { readFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const BUDGET = 15_000;
const file = process.argv[2] ?? 'dist/share-bar.bundle.js';
const code = readFileSync(file);
const gzip = gzipSync(code, { level: 9 }).length;
const brotli = brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
console.log(`${file}: ${code.length} bytes, ${gzip} bytes gzip, ${brotli} bytes brotli (budget ${BUDGET} gzip)`);
if (gzip > BUDGET) {
  console.error(`size: ${gzip - BUDGET} bytes over the budget`);
  process.exit(1);
}
