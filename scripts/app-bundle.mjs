// Bundles the npm module the way an app's bundler would: esbuild --bundle --minify of `source`
// (imports of share-bar's subpaths), Lit resolved from node_modules, nothing else.
import * as esbuild from 'esbuild';
import { Buffer } from 'node:buffer';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** What `share-bar/element.js` and the four default networks cost an app. */
export const FOUR_NETWORKS = [
  'share-bar/element.js',
  'share-bar/networks/x.js',
  'share-bar/networks/facebook.js',
  'share-bar/networks/linkedin.js',
  'share-bar/networks/pinterest.js',
];

/** The minified bundle of `imports` (package subpaths, resolved through package.json exports). */
export async function appBundle(imports) {
  const result = await esbuild.build({
    stdin: { contents: imports.map((i) => `import '${i}';`).join('\n'), resolveDir: root, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2021',
    conditions: ['production', 'browser'],
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
  });
  return Buffer.from(result.outputFiles[0].contents);
}
