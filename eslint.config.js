// Lint, mainly to enforce the runtime boundaries by folder (see ../shared/HOUSE_STYLE.md §1, §3).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { allowedImports } from './scripts/eslint-boundaries.js';

const NODE_BUILTINS = ['node:*', 'fs', 'path', 'os', 'net', 'dgram', 'http', 'https', 'child_process', 'crypto', 'url', 'util', 'events', 'stream', 'worker_threads', 'dns', 'tls', 'zlib'];
const TESTS = ['**/*.test.ts', '**/*.test.tsx', '**/lab/**'];
/** Which folders a file may import from, by the runtime it runs in (HOUSE_STYLE §1). */
const zone = (files, allow, why, ignores = []) => ({ files, ignores, rules: { 'pd/allowed-imports': ['error', { allow, why }] } });
const ipcOnly = (name) => ({ name: 'electron', importNames: [name], message: `Only electron/ipc.ts and electron/preload.ts may touch ${name}.` });

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'e2e/test-results/**', 'e2e/.report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-empty': ['error', { allowEmptyCatch: false }],
      'no-restricted-imports': ['error', { paths: [ipcOnly('ipcMain'), ipcOnly('ipcRenderer')] }],
    },
  },
  { plugins: { pd: { rules: { 'allowed-imports': allowedImports } } } },
  zone(['shared/**/*.ts'], ['shared'], 'shared/ is imported by every runtime: it imports only shared/.'),
  zone(['companion/**/*.ts'], ['companion', 'shared'], 'The companion ships on its own: it imports only companion/ and shared/.', TESTS),
  zone(['companion/**/*.test.ts', 'companion/lab/**/*.ts'], ['companion', 'shared', 'e2e/lab'], 'Companion tests use the companion, shared/ and the lab.'),
  zone(['electron/services/**/*.ts'], ['electron/services', 'shared'], 'Services are plain engine code: they import services and shared/, never the app shell or the lab.', TESTS),
  zone(['electron/services/**/*.test.ts'], ['electron/services', 'shared', 'e2e/lab', 'companion'], 'Service tests use services, shared/, the lab and a real companion.'),
  zone(['renderer/src/**/*.{ts,tsx}'], ['renderer/src', 'shared'], 'The renderer imports only its own code and shared/; it reaches the engine through src/api.ts.'),
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['electron/ipc.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [ipcOnly('ipcRenderer')] }] },
  },
  {
    files: ['electron/preload.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [ipcOnly('ipcMain')] }] },
  },
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': ['error', {
        paths: ['electron'],
        patterns: [{ group: NODE_BUILTINS, message: 'shared/ is imported by every runtime: no Node, Electron or DOM.' },
          { group: ['**/electron/**', '**/renderer/**', '**/companion/**'], message: 'shared/ imports nothing outside shared/.' }],
      }],
    },
  },
  {
    files: ['electron/services/**/*.ts', 'companion/**/*.ts', 'electron/cli/**/*.ts', 'electron/serve/**/*.ts', 'electron/handlers/**/*.ts', 'electron/bridge/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'Plain Node only: this code also runs in the CLI and under `port-doctor serve`.' }] }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', {
        paths: ['electron'],
        patterns: [{ group: NODE_BUILTINS, message: 'The renderer has no Node: ask the engine over the bridge (src/api.ts).' },
          { group: ['**/electron/**', '**/companion/**'], message: 'The renderer reaches the engine only through src/api.ts.' }],
      }],
    },
  },
  {
    // Vite's config runs in Node at build time, not in the renderer.
    files: ['renderer/vite.config.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: { 'no-restricted-imports': 'off' },
  },
);
