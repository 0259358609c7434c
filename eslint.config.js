// Lint enforces the architecture guide's first rule: the folder decides the runtime.
// Each folder may import only what its runtime has (see README "Architecture").
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import comments from '@eslint-community/eslint-plugin-eslint-comments/configs';
import reactHooks from 'eslint-plugin-react-hooks';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const nodeOnlyPackages = ['pg', 'pg-copy-streams', '@electric-sql/*', 'better-sqlite3', 'onnxruntime-node', 'ws', 'exceljs', 'commander', 'tsx', 'tsx/*'];

/** no-restricted-imports config: forbidden package names and forbidden relative folders. */
function boundary({ packages = [], folders = [], why }) {
  return {
    'no-restricted-imports': [
      'error',
      {
        paths: packages.filter((p) => !p.includes('*')).map((name) => ({ name, message: why })),
        patterns: [
          ...packages.filter((p) => p.includes('*')).map((p) => ({ group: [p], message: why })),
          ...folders.map((f) => ({ group: [`**/${f}/**`, `**/${f}`], message: why })),
        ],
      },
    ],
  };
}

export default tseslint.config(
  {
    ignores: ['node_modules/', 'out/', 'dist/', 'release/', 'coverage/', 'test-results/', 'playwright-report/', '.revops-data/', 'renderer/dist/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  comments.recommended,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['*.js', '*.mjs', 'bin/*.js', 'scripts/*.mjs'] } },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/consistent-type-definitions': ['error', 'type'],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@eslint-community/eslint-comments/require-description': ['error', { ignore: [] }],
      '@eslint-community/eslint-comments/disable-enable-pair': ['error', { allowWholeFile: true }],
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Use named exports (default exports only in config files).' }],
    },
  },
  // Config files are the one place default exports are expected.
  { files: ['*.config.ts', '*.config.js', '**/vite.config.ts', 'electron.vite.config.ts'], rules: { 'no-restricted-syntax': 'off' } },
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
  { files: ['**/*.js', '**/*.mjs'], rules: { 'no-restricted-syntax': 'off' } },
  { files: ['main/**', 'db/**', 'worker/**', 'scripts/**', 'bin/**', '*.js', '*.ts'], languageOptions: { globals: globals.node } },
  {
    files: ['app/**/*.ts'],
    ignores: ['app/**/*.test.ts'],
    rules: boundary({
      packages: [...nodeBuiltins, ...nodeOnlyPackages, 'electron', 'react', 'react-dom'],
      folders: ['main', 'db', 'worker', 'renderer'],
      why: 'app/ runs anywhere (Node, browser, worker): no electron, no node:*, no DOM, no Node-only packages.',
    }),
  },
  {
    files: ['db/**/*.ts'],
    rules: boundary({
      packages: ['electron', 'react', 'react-dom', 'onnxruntime-node'],
      folders: ['main', 'worker', 'renderer'],
      why: 'db/ is Node data access: it may import pg, PGlite, better-sqlite3 and app/ only.',
    }),
  },
  {
    files: ['main/**/*.ts'],
    ignores: ['main/electron/**'],
    rules: boundary({
      packages: ['electron', 'react', 'react-dom', 'onnxruntime-node'],
      folders: ['renderer', 'electron'],
      why: 'main/ (outside main/electron) runs under plain Node: never electron, never the renderer.',
    }),
  },
  {
    files: ['worker/**/*.ts'],
    rules: boundary({
      packages: ['electron', 'react', 'react-dom', 'pg', '@electric-sql/*', 'better-sqlite3'],
      folders: ['main', 'db', 'renderer'],
      why: 'worker/ is the embedding worker: onnxruntime-node, the tokenizer and app/ only.',
    }),
  },
  {
    files: ['renderer/src/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...boundary({
        packages: [...nodeBuiltins, ...nodeOnlyPackages, 'electron'],
        folders: ['main', 'db', 'worker'],
        why: 'renderer/ runs in Chromium and talks to main only through the HostApi (app/contract).',
      }),
    },
  },
);
