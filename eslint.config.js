import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

// The layer rules on imports are dependency-cruiser's (.dependency-cruiser.js);
// what an import graph cannot show is checked here, per folder.

/** Node's globals, for the JavaScript files (the TypeScript ones get them from @types/node). */
const nodeGlobals = {
  process: 'readonly',
  console: 'readonly',
  URL: 'readonly',
  Buffer: 'readonly',
  setTimeout: 'readonly',
  clearTimeout: 'readonly',
};

export default defineConfig(
  globalIgnores(['**/dist/', 'coverage/', 'bench/results/', 'test/architecture/fixtures/', 'clients/python/']),
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      // The root tsconfig.json holds every TypeScript file of the repository,
      // specs of libs/client included (its own tsconfig.json builds the package only).
      parserOptions: { project: './tsconfig.json', tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Event payloads (RecordedEvent.data), rows from MikroORM's execute() and JSON bodies are `any`
      // by design and checked where they are used (DTO validation, decide); ~660 hits, 570 in tests.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      // Async functions without await implement Promise-returning interfaces (KeyProvider, handlers, fakes in tests).
      '@typescript-eslint/require-await': 'off',
      // Its hits are values narrowed from unknown to `{}` (strings, numbers, arrays at run time); it cannot tell them from objects.
      '@typescript-eslint/no-base-to-string': 'off',
      // A leading underscore marks a deliberately unused name; `...rest` drops fields from a copy.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // An abort signal's reason and a callback's error are typed any/unknown; they are what the caller passed.
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingAny: true, allowThrowingUnknown: true }],
    },
  },
  {
    // Tests and the benchmark read JSON replies as `any`.
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: nodeGlobals },
  },
  {
    // Configuration is read once, validated, by libs/config; everything else gets it passed in.
    files: ['apps/**', 'libs/**', 'scripts/**', 'bench/**', 'bin/**'],
    ignores: ['libs/config/**'],
    rules: {
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Only libs/config reads process.env.' }],
    },
  },
  {
    // Time and ids come in with the command: the domain reads no clock and draws no randomness.
    files: ['libs/domain/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'libs/domain is pure: no process state.' },
        { name: 'crypto', message: 'libs/domain is pure: ids come in with the command.' },
        { name: 'performance', message: 'libs/domain is pure: time comes in with the command.' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'libs/domain is pure: time comes in with the command.' },
        { object: 'Math', property: 'random', message: 'libs/domain is pure: no randomness.' },
        { property: 'randomUUID', message: 'libs/domain is pure: ids come in with the command.' },
        { object: 'process', property: 'env', message: 'Only libs/config reads process.env.' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'libs/domain is pure: time comes in with the command.',
        },
        { selector: "CallExpression[callee.name='Date']", message: 'libs/domain is pure: time comes in with the command.' },
      ],
    },
  },
  {
    // Last, so that its rules replace the general ones above. The console's TypeScript is
    // checked against its own browser tsconfig (DOM types, bundler resolution).
    files: ['apps/web/src/**/*.ts'],
    languageOptions: { parserOptions: { project: './apps/web/tsconfig.json', tsconfigRootDir: import.meta.dirname } },
    rules: {
      // A token or a secret must never reach the browser's storage or the console log.
      'no-restricted-globals': [
        'error',
        { name: 'localStorage', message: 'The console keeps nothing in browser storage.' },
        { name: 'sessionStorage', message: 'The console keeps nothing in browser storage.' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'window', property: 'localStorage', message: 'The console keeps nothing in browser storage.' },
        { object: 'window', property: 'sessionStorage', message: 'The console keeps nothing in browser storage.' },
        { object: 'document', property: 'cookie', message: 'The console keeps nothing in cookies.' },
        { object: 'process', property: 'env', message: 'Only libs/config reads process.env.' },
      ],
      'no-console': 'error',
    },
  },
);
