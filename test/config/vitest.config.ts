import { defineConfig } from 'vitest/config';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');

export default defineConfig({
  root,
  test: {
    include: [
      'test/unit/**/*.test.ts',
      'test/integration/**/*.test.ts',
      'test/main/**/*.test.ts',
      'test/renderer/**/*.test.ts',
    ],
    environment: 'node',
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Real-client tests start servers and child processes; keep the two cores from thrashing.
    maxWorkers: 2,
  },
});
