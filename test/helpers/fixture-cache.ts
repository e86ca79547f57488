import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import type { IndexedPoint } from '../../src/index';
import { NETWORK_FORMAT_VERSION } from '../../src/network/network-buffer';
import { loadNetwork } from '../../src/node';
import { osmPoints } from './osm-points';

const ROOT = resolve(import.meta.dirname, '../..');

/** The real OSM extracts sit beside the project, read-only: `../shared/data/osm`. */
export const SHARED_OSM = resolve(ROOT, '../shared/data/osm');

/** The extracts tests share, by short name. */
export const SHARED_EXTRACTS = {
  andorra: 'andorra-2025.osm.pbf',
  ordino: 'andorra-ordino-small.osm.pbf',
  bayreuth: 'north-bayreuth-2014.osm.pbf',
} as const;

/** Short name of a shared extract. */
export type SharedExtract = keyof typeof SHARED_EXTRACTS;

/** Profiles shared networks are built with. */
export type SharedProfile = 'car' | 'walk';

/**
 * Where built fixtures are kept between runs. Outside the worktree (node_modules is shared by
 * several worktrees), and safe to share: every file name carries the hash of what built it.
 * One folder per user, so nobody meets a folder they cannot write to.
 */
export const FIXTURE_DIR = join(tmpdir(), `servicereach-test-fixtures-${process.getuid?.() ?? 0}`);

/** Files not used for this long are removed when the global setup runs. */
const KEEP_MS = 7 * 24 * 3600 * 1000;
/**
 * Builds kept of each fixture: every edit of `src/` makes a new one, and several worktrees may
 * use theirs at once. Eight Andorra sets are ~60 MB.
 */
const KEEP_BUILDS = 8;

/**
 * Path of a shared extract.
 *
 * @param name - short name of the extract
 * @example
 * extractPath('ordino'); // …/shared/data/osm/andorra-ordino-small.osm.pbf
 */
export function extractPath(name: SharedExtract): string {
  return join(SHARED_OSM, SHARED_EXTRACTS[name]);
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listFiles(join(dir, e.name)) : [join(dir, e.name)]))
    .sort();
}

/**
 * Hash of everything that decides what a fixture holds besides its extract: the whole of `src/`
 * (a change to a way rule or the decoder must not meet a network built before it, even when no
 * version number moved), the helpers that build fixtures, package.json and its lock file (the
 * package version and every dependency's) and the network format version. Reading ~100 small
 * files takes 3–5 ms, so it is worked out on every use: in watch mode `src/` changes under a
 * running Vitest, and the global setup's key would then name an old build.
 *
 * @example
 * const code = codeKey(); // '3f9c…'
 */
export function codeKey(): string {
  const h = createHash('sha256');
  h.update(`network format ${NETWORK_FORMAT_VERSION}\n`);
  const files = [
    join(ROOT, 'package.json'),
    ...[join(ROOT, 'package-lock.json')].filter(existsSync),
    ...listFiles(join(ROOT, 'src')),
    join(import.meta.dirname, 'fixture-cache.ts'),
    join(import.meta.dirname, 'osm-points.ts'),
  ];
  for (const file of files) h.update(`${relative(ROOT, file)}\n`).update(readFileSync(file));
  return h.digest('hex');
}

/** Cache file of one fixture: its name says what it is, its hash says what it was built from. */
function fixtureFile(code: string, name: SharedExtract, kind: string, ext: string): string {
  const source = statSync(extractPath(name));
  const hash = createHash('sha256')
    .update(`${code}\n${SHARED_EXTRACTS[name]} ${source.size} ${source.mtimeMs} ${kind}`)
    .digest('hex')
    .slice(0, 16);
  return join(FIXTURE_DIR, `${name}-${kind}.${hash}.${ext}`);
}

/** Write through a temporary name, so a reader in another process never sees half a file. */
function writeAtomically(path: string, bytes: Uint8Array | string): void {
  mkdirSync(FIXTURE_DIR, { recursive: true });
  const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(tmp, bytes);
  renameSync(tmp, path);
}

/** A cached file that exists is marked used (for pruning); a missing one is made. */
async function ensure(path: string, make: () => Promise<Uint8Array | string>): Promise<string> {
  if (existsSync(path)) {
    const now = new Date();
    try {
      utimesSync(path, now, now);
    } catch {
      // Marking is only for pruning; a file we may read but not touch is still good.
    }
    return path;
  }
  writeAtomically(path, await make());
  return path;
}

/**
 * The `.srn` file of an extract's network for a profile, built from the extract with
 * `loadNetwork` on the first call for this code and extract, read from the cache afterwards.
 *
 * @param code - `codeKey()` of this run
 * @param name - short name of the extract
 * @param profile - speed profile of the network
 * @example
 * const file = await networkFixture(codeKey(), 'andorra', 'car');
 * const net = await loadNetwork(file, { profile: 'car' });
 */
export function networkFixture(
  code: string,
  name: SharedExtract,
  profile: SharedProfile,
): Promise<string> {
  return ensure(fixtureFile(code, name, profile, 'srn'), async () => {
    const net = await loadNetwork(extractPath(name), { profile });
    return new Uint8Array(net.toBuffer());
  });
}

/**
 * A JSON file of every tagged node and every way of an extract as points, exactly as
 * `osmPoints(path, () => true)` reads them, so `osmPoints(path, want)` is that list filtered by
 * `want` (ways at the mean of their nodes; JSON keeps every double exactly).
 *
 * @param code - `codeKey()` of this run
 * @param name - short name of the extract
 * @example
 * const file = await pointsFixture(codeKey(), 'andorra');
 */
export function pointsFixture(code: string, name: SharedExtract): Promise<string> {
  return ensure(fixtureFile(code, name, 'points', 'json'), async () => {
    const all: IndexedPoint[] = osmPoints(extractPath(name), () => true);
    return JSON.stringify(all);
  });
}

/**
 * Remove cache files not used for a week or beyond the newest `KEEP_BUILDS` of a fixture, and
 * temporary files of runs that died mid-write.
 *
 * @example
 * pruneFixtures();
 */
export function pruneFixtures(): void {
  if (!existsSync(FIXTURE_DIR)) return;
  const now = Date.now();
  const builds = new Map<string, { path: string; mtimeMs: number }[]>();
  for (const f of readdirSync(FIXTURE_DIR)) {
    const path = join(FIXTURE_DIR, f);
    const { mtimeMs } = statSync(path);
    if (f.endsWith('.tmp')) {
      if (now - mtimeMs > 3600 * 1000) rmSync(path, { force: true });
      continue;
    }
    const fixture = f.slice(0, f.indexOf('.')); // `andorra-car` of `andorra-car.<hash>.srn`
    builds.set(fixture, [...(builds.get(fixture) ?? []), { path, mtimeMs }]);
  }
  for (const list of builds.values()) {
    list.sort((a, b) => b.mtimeMs - a.mtimeMs);
    list.forEach(({ path, mtimeMs }, i) => {
      if (i >= KEEP_BUILDS || now - mtimeMs > KEEP_MS) rmSync(path, { force: true });
    });
  }
}
