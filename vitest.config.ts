import { defineConfig } from 'vitest/config';

const engine = process.env.TEST_DATABASE_URL ? 'postgres' : 'sqlite';

export default defineConfig({
  test: {
    name: engine,
    include: ['src/**/*.test.{ts,tsx}', 'tests/**/*.test.{ts,tsx}'],
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 30_000,
    reporters: ['default'],
  },
});
