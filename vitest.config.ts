import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'tests/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Native better-sqlite3 and LibreOffice runs: forks keep them isolated; two cores here.
    pool: 'forks',
    maxWorkers: 2,
  },
});
