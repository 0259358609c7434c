// electron-vite build: main process (+ the worker entry), sandboxed preload, renderer.
// Output: out/main/{index,worker}.js (ESM), out/preload/preload.cjs (CommonJS: sandboxed preloads cannot
// be ES modules), out/renderer/ (the same artifact the headless host serves; see renderer/vite.config.ts).
import { cpSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { defineConfig } from 'electron-vite';

const path = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// db/migration-files.ts finds its SQL at `./migrations/pg/` beside the running module; bundled into
// out/main/index.js that is out/main/migrations/pg, so the files are copied there.
const copyMigrations = (): Plugin => ({
  name: 'revops-copy-migrations',
  writeBundle() {
    cpSync(path('db/migrations/pg'), path('out/main/migrations/pg'), { recursive: true });
    // the offline replica's SQLite migrations (db/sqlite-migrate.ts looks beside the module the same way)
    cpSync(path('db/migrations/sqlite'), path('out/main/migrations/sqlite'), { recursive: true });
  },
});

export default defineConfig({
  main: {
    plugins: [copyMigrations()],
    build: {
      outDir: path('out/main'),
      // Node packages (PGlite, pg, ws…) stay external and load from node_modules at run time.
      externalizeDeps: true,
      rollupOptions: {
        input: {
          // `index` so the output matches package.json "main": out/main/index.js.
          index: path('main/electron/main.ts'),
          // Issue 4's embedding worker, started as an Electron utilityProcess.
          worker: path('worker/entry.ts'),
        },
        output: { format: 'es', entryFileNames: '[name].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: path('out/preload'),
      rollupOptions: {
        input: { preload: path('main/electron/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: path('renderer'),
    base: './',
    plugins: [react()],
    build: {
      outDir: path('out/renderer'),
      target: 'chrome120',
      minify: true,
      cssMinify: true,
      rollupOptions: {
        input: { index: path('renderer/index.html') },
        onwarn(warning, warn) {
          if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('node_modules')) return;
          warn(warning);
        },
      },
    },
  },
});
