import { existsSync } from 'node:fs';
import {
  codeKey,
  extractPath,
  networkFixture,
  pointsFixture,
  pruneFixtures,
  type SharedExtract,
  type SharedProfile,
} from '../helpers/fixture-cache';

/** Networks several test files load: built once here instead of once per test. */
const NETWORKS: [SharedExtract, SharedProfile][] = [
  ['andorra', 'car'],
  ['andorra', 'walk'],
  ['ordino', 'car'],
  ['ordino', 'walk'],
];
/** Extracts whose tagged elements tests pick points from. */
const POINTS: SharedExtract[] = ['andorra'];

/**
 * Vitest global setup: makes the shared fixtures before any test file starts, so two workers
 * never build the same one. A warm cache costs a hash of `src/` and a few `stat`s; without the
 * shared data folder there is nothing to make and the tests skip as before.
 *
 * @example
 * // vitest.config.ts
 * test: { globalSetup: ['test/setup/shared-fixtures.ts'] }
 */
export default async function setup(): Promise<void> {
  const code = codeKey();
  pruneFixtures();
  for (const [name, profile] of NETWORKS)
    if (existsSync(extractPath(name))) await networkFixture(code, name, profile);
  for (const name of POINTS) if (existsSync(extractPath(name))) await pointsFixture(code, name);
}
