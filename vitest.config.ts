import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{app,main,db,worker,rules,scripts}/**/*.test.ts'],
    // Real databases (PGlite WASM, a PostgreSQL server) make some tests slow to start; keep them isolated per file.
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
    // 2-core machines: more workers only add PGlite start-up contention.
    maxWorkers: 2,
    minWorkers: 1,
  },
});
