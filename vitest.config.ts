import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/helpers/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Tests start servers on 127.0.0.1 and child processes: keep the machine's two cores busy, not swamped.
    maxWorkers: 3,
  },
});
