// Builds only the standalone bundle (Lit inlined, minified). The npm module is tsc's output.
import minifyHTML from '@lit-labs/rollup-plugin-minify-html-literals';
import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';

export default {
  input: 'src/standalone.ts',
  output: {
    file: 'dist/share-bar.bundle.js',
    // An IIFE runs the same as a classic <script src> and as <script type=module>.
    format: 'iife',
    sourcemap: true,
  },
  plugins: [
    // Whitespace in the css`` (and html``) templates of our sources means nothing to the browser.
    minifyHTML({ include: ['src/**'], failOnError: true }),
    resolve({ exportConditions: ['production', 'browser', 'default'] }),
    esbuild({ tsconfig: 'tsconfig.json', target: 'es2021' }),
    terser({
      ecma: 2021,
      module: false,
      compress: { passes: 3, unsafe_arrows: true },
      format: { comments: false },
      // Members named __like_this are private to their class: short names. Protected and public
      // ones keep theirs, so subclasses of ShareBar.ShareBarElement can override them.
      mangle: { properties: { regex: /^__[a-z]/i } },
    }),
  ],
};
