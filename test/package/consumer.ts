import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
const FIXTURES = import.meta.dirname;

/** One file of `npm pack --json`. */
export interface PackedFile {
  path: string;
  size: number;
}

/** What `packedConsumer` made: the project folder and the tarball's file list. */
export interface Consumer {
  dir: string;
  files: PackedFile[];
}

/** What test/package/workflow.cjs reports, in either module system. */
export interface WorkflowResult {
  /** Export key (`.`, `./node`, …) → the names that entry exports, sorted. */
  entries: Record<string, string[]>;
  sameClass: boolean;
  loadedIsCoreNetwork: boolean;
  builtIsNodeNetwork: boolean;
  network: { nodes: number; edges: number; lengthKm: number };
  villages: number;
  coverage: { statuses: Record<string, number>; within: number[]; minutes: number[] };
  isochrones: {
    type: string;
    minutes: number;
    areaKm2: number;
    population: number;
    rings: number;
  }[];
  siting: {
    catchmentPairs: number;
    sites: number[];
    gains: number[];
    coveredBefore: number;
    coveredAfter: number;
  };
  pool: { same: boolean; cells: number };
  /** [id, lon, lat, category] of each point read from the OSM extract, or null without it. */
  osm: [string | number, number, number, string][] | null;
  error: { code: string; inputError: boolean; serviceReachError: boolean } | null;
}

/** Every file path `exports` (or a nested condition of it) points to, without the leading `./`. */
export function exportTargets(exports: unknown): string[] {
  if (typeof exports === 'string') return [exports.replace(/^\.\//, '')];
  if (exports && typeof exports === 'object') return Object.values(exports).flatMap(exportTargets);
  return [];
}

/** The package's public entries as import specifiers: `servicereach`, `servicereach/node`, … */
export function entrySpecifiers(pkg: { name: string; exports: Record<string, unknown> }): string[] {
  return Object.keys(pkg.exports)
    .filter((k) => k !== './package.json')
    .map((k) => pkg.name + k.slice(1));
}

/**
 * A consumer project in a temp folder, as `npm install servicereach` leaves it: the packed tarball
 * extracted into node_modules/servicereach (so only what `files` ships is there), its
 * dependencies and theirs linked from our node_modules (npm hoists them flat), plus TypeScript and
 * Node's types as the consumer's own. Nothing else of this repository is reachable from the
 * package's folder, so a file missing from the tarball or an undeclared dependency shows up.
 * The fixtures of test/package are copied in; `*.fixture` loses that suffix (they are kept out of
 * the repository's own type check, which has no dist/ to resolve `servicereach` against).
 *
 * @param pkg our package.json
 * @example
 * const { dir, files } = packedConsumer(pkg);
 */
export function packedConsumer(pkg: {
  name: string;
  dependencies: Record<string, string>;
  exports: Record<string, unknown>;
}): Consumer {
  const dir = mkdtempSync(join(tmpdir(), 'servicereach-consumer-'));
  // --ignore-scripts: `prepare` would rebuild dist/; the caller built it.
  const out = execFileSync(
    'npm',
    ['pack', ROOT, '--json', '--ignore-scripts', '--pack-destination', dir],
    { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const [packed] = JSON.parse(out) as { filename: string; files: PackedFile[] }[];
  const own = join(dir, 'node_modules', pkg.name);
  mkdirSync(own, { recursive: true });
  execFileSync('tar', ['-xzf', join(dir, packed.filename), '-C', own, '--strip-components=1']);

  for (const name of [...dependencyClosure(Object.keys(pkg.dependencies)), 'typescript']) {
    const target = join(dir, 'node_modules', name);
    mkdirSync(dirname(target), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules', name), target, 'dir');
  }
  symlinkSync(join(ROOT, 'node_modules/@types/node'), join(dir, 'node_modules/@types/node'), 'dir');

  writeFileSync(join(dir, 'package.json'), '{ "name": "consumer", "private": true }\n');
  for (const sub of ['.', 'types'])
    for (const f of readdirSync(join(FIXTURES, sub))) {
      if (!/\.(cjs|mjs|json|fixture)$/.test(f)) continue;
      copyFileSync(join(FIXTURES, sub, f), join(dir, f.replace(/\.fixture$/, '')));
    }
  // Every entry `exports` lists, in each module kind the type checks compile.
  const specs = entrySpecifiers(pkg);
  const entries = `${specs.map((s, i) => `import * as e${i} from '${s}';`).join('\n')}\nexport const entries = [${specs.map((_, i) => `e${i}`).join(', ')}];\n`;
  for (const f of ['entries.cts', 'entries.mts', 'entries.ts'])
    writeFileSync(join(dir, f), entries);
  return { dir, files: packed.files };
}

/** Packages installed with these: their `dependencies`, transitively, as hoisted in node_modules. */
function dependencyClosure(names: string[]): string[] {
  const seen = new Set<string>();
  const todo = [...names];
  while (todo.length > 0) {
    const name = todo.pop() as string;
    if (seen.has(name)) continue;
    const manifest = join(ROOT, 'node_modules', name, 'package.json');
    // A declared dependency missing here is caught by the workflow run if the bundles need it.
    if (!existsSync(manifest)) continue;
    seen.add(name);
    const deps = JSON.parse(readFileSync(manifest, 'utf8')).dependencies ?? {};
    todo.push(...Object.keys(deps));
  }
  return [...seen].sort();
}
