import { existsSync, readFileSync } from 'node:fs';
import type { IndexedPoint, RoadNetwork } from '../../src/index';
import { loadNetwork } from '../../src/node';
import {
  codeKey,
  extractPath,
  networkFixture,
  pointsFixture,
  type SharedExtract,
  type SharedProfile,
} from './fixture-cache';

export {
  extractPath,
  SHARED_EXTRACTS,
  type SharedExtract,
  type SharedProfile,
} from './fixture-cache';

/** Each points file parsed once per worker (Andorra: 4.5 MB of JSON), by path. */
const parsedPoints = new Map<string, IndexedPoint[]>();

/**
 * Whether a shared extract is there; tests on it skip when it is not (the data folder sits
 * beside the project and is not part of it).
 *
 * @param name - short name of the extract
 * @example
 * describe.skipIf(!haveExtract('andorra'))('on the Andorra extract', () => { … });
 */
export function haveExtract(name: SharedExtract): boolean {
  return existsSync(extractPath(name));
}

function requireExtract(name: SharedExtract): void {
  if (!haveExtract(name))
    throw new Error(
      `${extractPath(name)} not found: the shared OSM data folder must sit beside the project; ` +
        `guard the test with haveExtract('${name}')`,
    );
}

/**
 * The network `loadNetwork(extract, { profile })` builds, read from a `.srn` the global setup
 * made once for this source code and extract (built here on a cache miss, as after an edit of
 * `src/` in watch mode). Loading takes
 * milliseconds where building Andorra takes seconds. Tests of the build itself build from the
 * extract instead.
 *
 * @param name - short name of the extract
 * @param profile - speed profile of the network
 * @example
 * const net = await sharedNetwork('andorra', 'car');
 */
export async function sharedNetwork(
  name: SharedExtract,
  profile: SharedProfile,
): Promise<RoadNetwork> {
  requireExtract(name);
  return loadNetwork(await networkFixture(codeKey(), name, profile), { profile });
}

/**
 * What `osmPoints(extract, want)` returns (tagged nodes and ways picked by `want`, as points),
 * filtered from every element of the extract read once by the global setup instead of decoding
 * the extract again for each call.
 *
 * @param name - short name of the extract
 * @param want - which elements to keep, by their tags
 * @example
 * const towns = await sharedOsmPoints('andorra', (t) => t.place === 'town');
 */
export async function sharedOsmPoints(
  name: SharedExtract,
  want: (tags: Record<string, string>) => boolean,
): Promise<IndexedPoint[]> {
  requireExtract(name);
  const file = await pointsFixture(codeKey(), name);
  let all = parsedPoints.get(file);
  if (!all) {
    all = JSON.parse(readFileSync(file, 'utf8')) as IndexedPoint[];
    parsedPoints.set(file, all);
  }
  // Copies, so a test that edits its points cannot change what the next call returns.
  return structuredClone(all.filter((p) => want(p.properties as Record<string, string>)));
}
