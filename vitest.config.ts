import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // End-to-end tests spawn the CLI on real extracts; the 2-core CI machine needs headroom.
    testTimeout: 30_000,
    // Builds the networks and point lists several files share once, cached across runs.
    globalSetup: ['test/setup/shared-fixtures.ts'],
    // Vitest's default, cores − 1 workers, runs the files one at a time on 2 cores. Measured there
    // (15 files, 2 workers, CPU / wall seconds on a loaded machine): forks 37 / 60, forks without
    // isolation 28 / 45, threads 31 / 48, threads without isolation 27 / 42. Without isolation a
    // worker imports src/ once, not once per file: test files must leave no module state behind
    // (no vi.mock, no edits to exported objects); none does, in any order (--sequence.shuffle).
    pool: 'threads',
    maxWorkers: '100%',
    isolate: false,
  },
});
