import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // End-to-end tests spawn the CLI on real extracts; the 2-core CI machine needs headroom.
    testTimeout: 30_000,
    // Builds the networks and point lists several files share once, cached across runs.
    globalSetup: ['test/setup/shared-fixtures.ts'],
  },
});
