import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const NO_SHELL = ['child_process', 'node:child_process'].map((name) => ({
  name,
  message: 'Clusters are reached through @kubernetes/client-node only, never a shell.',
}));

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.cache/**', 'test/lab/**', 'test-results/**', '.lab/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', Buffer: 'readonly', AbortController: 'readonly', structuredClone: 'readonly' } },
    rules: {
      '@typescript-eslint/no-namespace': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['core/**/*.ts', 'server/**/*.ts', 'cli/**/*.ts', 'src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: NO_SHELL }],
    },
  },
  {
    files: ['core/**/*.ts', 'server/**/*.ts', 'cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [...NO_SHELL, { name: 'vscode', message: 'The core, server and CLI never import vscode.' }] }],
    },
  },
);
