// The large generated inputs (synthetic regions, replicated extracts) are made once and kept in
// the system's temporary directory, shared by the bench suites and the tests that need them.
import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateRegion } from '../data/generate-region';

/** Where the generated inputs live: `<tmpdir>/servicereach-bench/<name>/`. */
export const INPUT_CACHE = join(tmpdir(), 'servicereach-bench');

// Written last into a finished directory: a directory without it (an interrupted run, or a cache
// made before the marker existed) is made again.
const COMPLETE = '.complete';

/**
 * The directory of a cached input, made by `make` unless a finished one is there. `make` writes
 * into a directory of its own that is marked finished and renamed into place only when it
 * returns, so an interrupted or killed run never leaves a truncated extract that later runs would
 * take for the real one; when two processes make the same input at once, the first to finish
 * wins and the other's copy is removed.
 *
 * @param name - The input's directory name, e.g. `region-1000000-seed1`.
 * @param make - Writes the input into the directory it is given.
 * @returns The directory and whether it was made now.
 * @example
 * const { dir } = cachedInput('andorra-3x3', (out) => replicateExtract({ input, tilesX: 3, tilesY: 3, out }));
 */
export function cachedInput(
  name: string,
  make: (out: string) => void,
): { dir: string; made: boolean } {
  const dir = join(INPUT_CACHE, name);
  if (existsSync(join(dir, COMPLETE))) return { dir, made: false };
  const partial = `${dir}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  try {
    make(partial);
    writeFileSync(join(partial, COMPLETE), '');
    if (existsSync(join(dir, COMPLETE))) return { dir, made: true }; // another process finished first
    rmSync(dir, { recursive: true, force: true });
    renameSync(partial, dir);
    return { dir, made: true };
  } finally {
    rmSync(partial, { recursive: true, force: true });
  }
}

/**
 * The synthetic region of `n` road nodes (seed 1), generated on first use.
 *
 * @param n - Road nodes before compaction.
 * @returns Its directory (`roads.osm.pbf`, `villages.geojson`, `facilities.geojson`).
 * @example
 * const dir = cachedRegion(250_000);
 */
export function cachedRegion(n: number): string {
  return cachedInput(`region-${n}-seed1`, (out) => generateRegion({ roadNodes: n, seed: 1, out }))
    .dir;
}
