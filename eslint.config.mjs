import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import litA11y from 'eslint-plugin-lit-a11y';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'node_modules/',
      'server/dist/',
      'bench/',
      'examples/',
      'custom-elements.json',
      'demo/share-bar.bundle.js',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  lit.configs['flat/recommended'],
  wc.configs['flat/recommended'],
  litA11y.configs?.recommended ? { plugins: { 'lit-a11y': litA11y }, rules: litA11y.configs.recommended.rules } : {},
  {
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      // `import type {…}` when every name is a type (nothing is loaded for it), `{type X, y}` when mixed.
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-import-type-side-effects': 'error',
      // role="list" is on purpose: Safari drops list semantics from a list without bullets.
      'lit-a11y/no-redundant-role': 'off',
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.property.name='only']", message: 'No focused tests.' },
        { selector: "CallExpression[callee.property.name='skip']", message: 'No skipped tests.' },
      ],
    },
  },
  {
    // TypeScript already knows which globals exist, DOM ones in src/ and Node ones in server/.
    files: ['**/*.ts'],
    rules: { 'no-undef': 'off' },
  },
  {
    // chai assertions such as `expect(x).to.exist` are expressions
    files: ['test/**'],
    rules: { '@typescript-eslint/no-unused-expressions': 'off' },
  },
  {
    files: ['**/*.mjs', 'scripts/**'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly' } },
  },
);
