import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import litA11y from 'eslint-plugin-lit-a11y';

export default tseslint.config(
  {ignores: ['dist/', 'node_modules/', 'server/', 'bench/', 'examples/', 'custom-elements.json']},
  js.configs.recommended,
  ...tseslint.configs.strict,
  lit.configs['flat/recommended'],
  wc.configs['flat/recommended'],
  litA11y.configs?.recommended ? {plugins: {'lit-a11y': litA11y}, rules: litA11y.configs.recommended.rules} : {},
  {
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-restricted-syntax': ['error', {selector: "CallExpression[callee.property.name='only']", message: 'No focused tests.'}, {selector: "CallExpression[callee.property.name='skip']", message: 'No skipped tests.'}],
    },
  },
  {
    files: ['**/*.mjs', 'scripts/**'],
    languageOptions: {globals: {process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly'}},
  },
);
