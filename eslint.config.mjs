// Lint rules of the project (ESLint flat config with typescript-eslint). `npm run lint` runs it.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

/** Workflow code runs in Temporal's deterministic sandbox: no I/O, no Node, no heavy modules. */
const sandbox = {
  paths: [
    ...['fs', 'path', 'os', 'crypto', 'http', 'https', 'net', 'child_process', 'events', 'stream', 'util', 'url'].map(
      (name) => ({ name, message: 'Node built-ins are not available in the workflow sandbox' }),
    ),
    { name: 'mongoose', message: 'workflows never touch the database: call an activity' },
    {
      name: 'zod',
      message: 'validate at the edge (services); workflows import schema types only',
      allowTypeImports: true,
    },
  ],
  patterns: [
    { group: ['node:*'], message: 'Node built-ins are not available in the workflow sandbox' },
    {
      group: ['**/activities', '**/activities/**'],
      message: 'import activity types only (import type) and call them through proxyActivities',
      allowTypeImports: true,
    },
    {
      // Both spellings: from workflows/ the path names shared/, from a sibling in shared/ it is ../storage.
      group: ['**/shared/storage/**', '**/shared/runtime/**', '../storage/**', '../runtime/**', '@temporalio/client'],
      message: 'Node-only modules: not in the workflow sandbox',
    },
    { group: ['**/services/**', '**/infra/**'], message: 'workflows depend on shared only' },
    {
      group: ['**/shared/*/schemas', '**/shared/common/schemaParts'],
      message: 'schemas carry zod values: import their types only',
      allowTypeImports: true,
    },
  ],
};

const entryPoints = { group: ['**/services/**', '**/infra/**'], message: 'services and infra are entry points' };
/** The storage seam (issue: code you would inherit): the models are for the repositories. */
const storageSeam = {
  group: ['**/shared/storage/models', '**/storage/models'],
  message: 'call a repository of shared/storage/repositories: it names the query and says whether it may scan',
};

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'data/**',
      'coverage/**',
      'dist/**',
      'infra/ferretdb/**',
      '**/*.js',
      '!services/pages/assets/*.js',
      '**/*.mjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })] },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // DTOs cross the Temporal and HTTP boundaries untyped; `any` stays where a route table mixes body types.
      '@typescript-eslint/no-explicit-any': 'off',
      'import-x/no-cycle': 'error',
      'import-x/no-duplicates': 'error',
      'import-x/no-self-import': 'error',
    },
  },
  {
    files: ['workflows/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', sandbox] },
  },
  {
    // Nothing imports the HTTP services; shared code imports no process code.
    files: ['shared/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [entryPoints] }],
    },
  },
  {
    // Activities and services reach the database through the repositories only (shared/storage/repositories).
    files: ['activities/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [entryPoints, storageSeam] }] },
  },
  {
    files: ['services/**/*.ts', 'infra/background/**/*.ts'],
    ignores: ['services/app.ts', 'services/main.ts'], // the composition roots turn the models into repositories
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [storageSeam] }] },
  },
  {
    files: ['shared/**/*.ts'],
    ignores: ['shared/storage/**', 'shared/runtime/**', 'shared/common/schemaParts.ts', 'shared/*/schemas.ts'],
    rules: {
      // Sandbox-safe shared modules are bundled into workflows: same bans as workflow code.
      '@typescript-eslint/no-restricted-imports': ['error', sandbox],
    },
  },
  {
    // A focused or skipped test silently turns a suite green: every test runs, every time.
    files: ['test/**/*.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        ...['it', 'test', 'describe'].flatMap((object) =>
          ['only', 'skip', 'todo'].map((property) => ({ object, property, message: 'every test runs in CI' })),
        ),
      ],
      'no-restricted-globals': [
        'error',
        ...['xit', 'xtest', 'xdescribe', 'fit', 'fdescribe'].map((name) => ({
          name,
          message: 'every test runs in CI',
        })),
      ],
    },
  },
  {
    // The pages' script runs in the browser as a plain script: no type information, browser globals.
    files: ['services/pages/assets/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      sourceType: 'script',
      parserOptions: { projectService: false },
      globals: Object.fromEntries(
        [
          'window',
          'document',
          'location',
          'fetch',
          'URLSearchParams',
          'DOMParser',
          'setTimeout',
          'setInterval',
          'navigator',
          'crypto',
          'Event',
          // The service worker's own scope (sw.js).
          'self',
        ].map((name) => [name, 'readonly']),
      ),
    },
  },
  prettier,
);
