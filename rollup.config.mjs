// Builds only the standalone bundle (Lit inlined, minified). The npm module is tsc's output.
import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';

// Whitespace inside /* css */ `` and html`` templates means nothing to the browser but costs bytes.
// Lit's own tagged templates are left alone: only our sources (src/) are touched.
const minifyTemplates = {
  name: 'minify-templates',
  transform(code, id) {
    if (!id.includes('/src/')) return null;
    return code
      .replace(
        /\/\* css \*\/ `([^`]*)`/g,
        (_, body) =>
          '`' +
          body
            .replace(/\/\*[^]*?\*\//g, '')
            .replace(/\s+/g, ' ')
            .replace(/ ?([{};:,>]) ?/g, '$1')
            .replace(/;}/g, '}')
            .trim() +
          '`',
      )
      .replace(/html`([^`]*)`/g, (_, body) => 'html`' + body.replace(/>\s+</g, '><').replace(/\s+/g, ' ') + '`');
  },
};

export default {
  input: 'src/standalone.ts',
  output: {
    file: 'dist/share-bar.bundle.js',
    // An IIFE runs the same as a classic <script src> and as <script type=module>.
    format: 'iife',
    sourcemap: true,
  },
  plugins: [
    minifyTemplates,
    resolve({ exportConditions: ['production', 'browser', 'default'] }),
    esbuild({ tsconfig: 'tsconfig.json', target: 'es2021' }),
    terser({
      ecma: 2021,
      module: false,
      compress: { passes: 3, unsafe_arrows: true },
      format: { comments: false },
      // Members named _like_this are internal to share-bar (lit-html has none such): short names.
      mangle: { properties: { regex: /^_[a-z]/ } },
    }),
  ],
};
