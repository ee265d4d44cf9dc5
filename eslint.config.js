import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

// The dependency rule of DESIGN §2, enforced: core is pure, the renderer sees only the contract.
const nodeBuiltins = [
  'fs',
  'node:fs',
  'fs/promises',
  'node:fs/promises',
  'child_process',
  'node:child_process',
];

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'dist/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron', 'react', 'react-dom'].map((name) => ({
            name,
            message: 'src/core is pure: no electron, react or DOM.',
          })),
          patterns: [
            {
              group: ['**/main/**', '**/renderer/**', '**/preload/**', '**/cli/**', '**/server/**'],
              message: 'src/core imports nothing from the hosts or the UI.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/**/*.test.ts'],
    languageOptions: { globals: { ...globals.node, window: 'off', document: 'off', navigator: 'off' } },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['better-sqlite3', 'electron', ...nodeBuiltins].map((name) => ({
            name,
            message: 'The renderer talks only to the API contract in src/shared.',
          })),
          patterns: [
            {
              // Pure core modules (document model, wording, chart options) may be shared; nothing that
              // touches the database, the file system or the exporter may.
              group: [
                '**/core/db/**',
                '**/core/data/**',
                '**/core/export/**',
                '**/core/extract/**',
                '**/core/briefing',
                '**/core/service',
                '**/core/resources',
                '**/core/paths',
                '**/core/chart/render',
                '**/core/chart/fonts',
                '**/main/**',
                '**/server/**',
                '**/cli/**',
                'node:*',
              ],
              message: 'The renderer talks only to the API contract in src/shared.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['better-sqlite3', 'electron', ...nodeBuiltins].map((name) => ({
            name,
            message: 'The contract is shared with the browser: types and schemas only.',
          })),
        },
      ],
    },
  },
);
