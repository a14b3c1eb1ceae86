// Generates custom-elements.json with the analyzer's Lit support (`cem analyze --litelement`),
// which reads the attributes from the element's `static properties`.
export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/networks/**', 'src/locales/**', 'src/standalone.ts', 'src/version.ts'],
  outdir: '.',
};
