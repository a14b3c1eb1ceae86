// Bundles the dashboard (dashboard/*.ts, Lit and uPlot inlined, minified) into
// dist/dashboard/dashboard.js, which the service serves at /dashboard/dashboard.js.
import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';

/** `import text from './x.css'`: the stylesheet's text, adopted into a shadow root by Lit. */
const cssText = {
  name: 'css-text',
  transform(code, id) {
    if (!id.endsWith('.css')) return null;
    return { code: `export default ${JSON.stringify(code)};`, map: { mappings: '' } };
  },
};

export default {
  input: 'dashboard/dashboard.ts',
  output: { file: 'dist/dashboard/dashboard.js', format: 'es' },
  plugins: [
    cssText,
    resolve({ exportConditions: ['production', 'browser', 'default'] }),
    esbuild({ tsconfig: 'dashboard/tsconfig.json', target: 'es2022' }),
    terser({ ecma: 2022, module: true, format: { comments: false } }),
  ],
};
