// @ts-check
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import i18next from 'eslint-plugin-i18next';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';
import { serviceBoundary } from './scripts/lint/serviceBoundary.js';

const NODE_BUILTINS = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

// Process boundaries are folders, and lint enforces them (docs/architecture.md, Processes and folders).
const IPC_ONLY_IN_WRAPPERS = {
  name: 'electron',
  importNames: ['ipcMain', 'ipcRenderer'],
  message:
    'Only electron/main/ipc/registerIpc.ts and electron/preload/index.ts may touch ipcMain/ipcRenderer.',
};

export default tseslint.config(
  {
    ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      curly: ['error', 'multi-line'],
      'no-console': 'error',
      'no-restricted-properties': [
        'error',
        { object: 'it', property: 'only', message: 'No focused tests.' },
        { object: 'describe', property: 'only', message: 'No focused tests.' },
        { object: 'test', property: 'only', message: 'No focused tests.' },
      ],
      'no-restricted-imports': ['error', { paths: [IPC_ONLY_IN_WRAPPERS] }],
    },
  },
  {
    // One date formatter (renderer/src/ui/dates.ts): the same day reads the same on every screen.
    files: ['renderer/src/**/*.{ts,tsx}'],
    ignores: ['renderer/src/ui/dates.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.object.name='Intl'][callee.property.name='DateTimeFormat']",
          message: 'Format dates with renderer/src/ui/dates.ts.',
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['electron/main/ipc/registerIpc.ts', 'electron/preload/index.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['electron/services/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message: 'Services are plain Node: no electron import (docs/architecture.md).',
            },
          ],
          patterns: [
            {
              group: ['**/electron/main/**', '**/renderer/**'],
              message: 'Services do not import glue or UI.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/services/**/*.ts'],
    plugins: { tikho: { rules: { 'service-boundary': serviceBoundary } } },
    rules: { 'tikho/service-boundary': 'error' },
  },
  {
    // Services stay readable in parts: a closure past these sizes is several concepts in one scope.
    files: ['electron/services/**/*.ts'],
    rules: {
      'max-lines': ['error', { max: 300 }],
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron', 'react', ...NODE_BUILTINS],
          patterns: [
            { group: ['**/electron/**', '**/renderer/**'], message: 'shared/ imports nothing but zod.' },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}', 'scripts/harness/bridgeClient.ts'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks, 'jsx-a11y': jsxA11y, i18next },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...jsxA11y.configs.recommended.rules,
      'i18next/no-literal-string': ['error', { mode: 'jsx-text-only' }],
      // Custom components may forward autoFocus to the one field of a single-purpose screen.
      'jsx-a11y/no-autofocus': ['error', { ignoreNonDOM: true }],
      // A scrollable region must take keyboard focus, or a keyboard user cannot scroll it
      // (axe scrollable-region-focusable): the WAI pattern is role="region", a name, tabIndex 0.
      'jsx-a11y/no-noninteractive-tabindex': ['error', { roles: ['tabpanel', 'region'] }],
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron', ...NODE_BUILTINS],
          patterns: [
            {
              group: ['**/electron/**'],
              message: 'The renderer is untrusted: it talks to main only through window.tikho.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['tests/**/*.ts', 'scripts/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  prettier,
);
