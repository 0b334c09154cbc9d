import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { sharedLayersPlugin } from './eslint.layers.js';

// Everything a pure-domain file must not reach for. The domain in src/shared
// runs in main, preload, the renderer, tests and benchmarks alike, so it may
// depend on nothing but plain TypeScript and pure libraries (yjs, zod).
const nodeBuiltins = builtinModules.flatMap((name) => [name, `${name}/*`, `node:${name}`, `node:${name}/*`]);
const forbiddenInShared = ['electron', 'electron/*', 'react', 'react/*', 'react-dom', 'react-dom/*', 'dexie', ...nodeBuiltins];
const domGlobals = ['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'indexedDB', 'location', 'HTMLElement', 'fetch', 'process', 'Buffer', 'require'];

export const sharedPurityRules = {
  'no-restricted-imports': [
    'error',
    {
      patterns: [
        {
          group: forbiddenInShared,
          message: 'src/shared is the pure incident domain: it may not import Electron, Node built-ins, the DOM, React or storage.',
        },
      ],
    },
  ],
  'no-restricted-globals': [
    'error',
    ...domGlobals.map((name) => ({ name, message: `src/shared is pure: '${name}' belongs to a host (DOM, Node or Electron).` })),
  ],
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench/.profile/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    plugins: { layers: sharedLayersPlugin },
    rules: { ...sharedPurityRules, 'layers/shared-layers': 'error' },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: globals.browser },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  {
    // Stores hold state for React and nothing else: the sessions, the database
    // and the connections live in src/renderer/incidents and push into them.
    files: ['src/renderer/stores/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['dexie', 'yjs', 'y-*', '**/incidents', '**/incidents/*', '**/incidents/**'],
              allowTypeImports: true,
              message: 'src/renderer/stores holds UI state only: open databases, sessions and connections in src/renderer/incidents, which push into the stores.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/main/**/*.ts', 'src/preload/**/*.ts', 'test/**/*.ts', 'bench/**/*.{ts,mjs,js}', '*.config.{ts,js,mjs}', 'test/**/*.mjs', 'eslint.layers.js', '.ci/**/*.js', 'scripts/**/*.mjs'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // Node scripts that also hand functions to pages (page.evaluate).
    files: ['bench/**/*.{mjs,js}', 'scripts/**/*.{mjs,js}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
