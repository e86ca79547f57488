import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createRequire, isBuiltin } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Consumer,
  exportTargets,
  packedConsumer,
  type WorkflowResult,
} from './package/consumer';

const ROOT = resolve(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

const REPO = 'https://github.com/servicereach/servicereach';

// Build when dist/ lacks a file `exports` names (also after an entry is added). On 2 busy cores
// tsup takes about a minute.
beforeAll(() => {
  if (!exportTargets(pkg.exports).every((f) => existsSync(join(ROOT, f))))
    execFileSync('npx', ['tsup'], { cwd: ROOT, stdio: 'ignore' });
}, 300_000);

/** Module specifiers a bundle (path relative to `root`) imports, re-exports or requires. */
function importsOf(file: string, root = ROOT): string[] {
  const src = readFileSync(join(root, file), 'utf8');
  const found = new Set<string>();
  for (const m of src.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]/g))
    found.add(m[1]);
  for (const m of src.matchAll(/(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g)) found.add(m[1]);
  for (const m of src.matchAll(/\brequire\(\s*['"]([^'"]+)['"]\s*\)/g)) found.add(m[1]);
  for (const m of src.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) found.add(m[1]);
  return [...found].sort();
}

/** A bundle and every chunk it loads, following relative imports: what loading it runs. */
function bundleGraph(file: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const todo = [file];
  while (todo.length > 0) {
    const f = todo.pop() as string;
    if (graph.has(f)) continue;
    const imports = importsOf(f);
    graph.set(f, imports);
    for (const m of imports) if (m.startsWith('.')) todo.push(join(dirname(f), m));
  }
  return graph;
}

describe('the published package', () => {
  it('keeps the core entry browser-safe: no Node built-in is imported', () => {
    for (const entry of ['dist/index.js', 'dist/index.cjs']) {
      const graph = bundleGraph(entry);
      expect(graph.size, `${entry} loads its chunks`).toBeGreaterThan(1);
      for (const [file, imports] of graph) {
        expect(
          imports.filter((m) => isBuiltin(m)),
          file,
        ).toEqual([]);
        for (const m of imports.filter((i) => !i.startsWith('.')))
          expect(Object.keys(pkg.dependencies), `${file} imports ${m}`).toContain(m);
      }
    }
  });

  it('loads through both module systems with the same exports', async () => {
    const esm = await import(join(ROOT, 'dist/index.js'));
    const cjs = createRequire(import.meta.url)(join(ROOT, 'dist/index.cjs'));
    expect(Object.keys(esm).sort()).toEqual(Object.keys(cjs).sort());
    expect(typeof esm.buildNetworkFromGeoJson).toBe('function');
    const node = await import(join(ROOT, 'dist/node.js'));
    expect(typeof node.loadNetwork).toBe('function');
    for (const k of Object.keys(esm))
      expect(node, `servicereach/node re-exports ${k}`).toHaveProperty(k);
  });

  it('runs a SearchPool from either build (the worker is found beside the bundle)', async () => {
    const roads = JSON.parse(readFileSync(join(ROOT, 'data/county/roads.geojson'), 'utf8'));
    const pts = [100.37, 25.2, 100.4, 25.21, 100.42, 25.19];
    for (const mod of [
      await import(join(ROOT, 'dist/node.js')),
      createRequire(import.meta.url)(join(ROOT, 'dist/node.cjs')),
    ]) {
      const net = mod.buildNetworkFromGeoJson(roads, { profile: 'car' });
      const pool = new mod.SearchPool(net, { threads: 2 });
      try {
        const m = await pool.travelTimeMatrix(pts, pts);
        expect(Array.from(m.timeS)).toEqual(Array.from(mod.travelTimeMatrix(net, pts, pts).timeS));
      } finally {
        await pool.close();
      }
    }
  });

  it('declares entries, types, the bin, Node ≥ 20 and where the project lives', () => {
    expect(pkg.name).toBe('servicereach');
    expect(pkg.exports['.'].import.types).toBe('./dist/index.d.ts');
    expect(pkg.exports['./node'].require.default).toBe('./dist/node.cjs');
    expect(pkg.bin.servicereach).toBe('./dist/cli.js');
    expect(pkg.engines.node).toBe('>=20');
    for (const f of [...exportTargets(pkg.exports), 'dist/cli.js'])
      expect(existsSync(join(ROOT, f)), f).toBe(true);
    expect(readFileSync(join(ROOT, 'dist/cli.js'), 'utf8').startsWith('#!/usr/bin/env node')).toBe(
      true,
    );
    expect(pkg.repository).toEqual({ type: 'git', url: `git+${REPO}.git` });
    expect(pkg.homepage).toBe(`${REPO}#readme`);
    expect(pkg.bugs).toEqual({ url: `${REPO}/issues` });
  });

  it('has .ci/run calling the same test command as the README', () => {
    const ci = readFileSync(join(ROOT, '.ci/run'), 'utf8');
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(ci).toMatch(/^npm ci\b/m);
    expect(ci).toMatch(/^npm test$/m);
    expect(readme).toMatch(/^npm test\b/m);
  });
});

const execFileAsync = promisify(execFile);

/** Run `node args…` in the consumer folder; its stdout as JSON. It must print no warning. */
async function runChild(cwd: string, args: string[]): Promise<WorkflowResult> {
  const { stdout, stderr } = await execFileAsync(process.execPath, args, {
    cwd,
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  expect(stderr, args.join(' ')).toBe('');
  return JSON.parse(stdout);
}

/** Run tsc (`node tsc …`); exit code and output, errors included. */
async function runTsc(cwd: string, args: string[]): Promise<{ code: number; out: string }> {
  try {
    const { stdout } = await execFileAsync(process.execPath, args, { cwd, encoding: 'utf8' });
    return { code: 0, out: stdout };
  } catch (e) {
    const err = e as { code: number; stdout: string };
    return { code: err.code, out: err.stdout };
  }
}

const OSM = join(ROOT, '../shared/data/osm/andorra-ordino-small.osm.pbf');
const HAS_OSM = existsSync(OSM);
if (!HAS_OSM) console.warn(`package.test: ${OSM} is absent, the OSM polygon extraction is skipped`);

describe('the packed package in a consumer project', () => {
  let consumer: Consumer;
  let esm: WorkflowResult;
  let cjs: WorkflowResult;

  beforeAll(async () => {
    consumer = packedConsumer(pkg);
    const args = [join(consumer.dir, 'node_modules/servicereach/data/county'), HAS_OSM ? OSM : ''];
    // The CommonJS child may not fall back on require() of ESM (Node ≥ 20.19): the CommonJS
    // build has to work on every Node 20 by itself.
    const noRequireEsm = process.allowedNodeEnvironmentFlags.has('--no-experimental-require-module')
      ? ['--no-experimental-require-module']
      : [];
    [esm, cjs] = await Promise.all([
      runChild(consumer.dir, ['run-esm.mjs', ...args]),
      runChild(consumer.dir, [...noRequireEsm, 'run-cjs.cjs', ...args]),
    ]);
  }, 300_000);
  afterAll(() => {
    if (consumer) rmSync(consumer.dir, { recursive: true, force: true });
  });

  it('ships what the exports, the bin and the README need, and no tests or sources', () => {
    const paths = new Set(consumer.files.map((f) => f.path));
    const needed = [
      ...exportTargets(pkg.exports),
      pkg.main.replace(/^\.\//, ''),
      pkg.module.replace(/^\.\//, ''),
      pkg.types.replace(/^\.\//, ''),
      ...Object.values(pkg.bin as Record<string, string>).map((b) => b.replace(/^\.\//, '')),
      'dist/pool-worker.js', // SearchPool starts it by file name (from either build)
      'data/county/roads.geojson', // `servicereach demo`
      'data/county/villages.geojson',
      'data/county/facilities.geojson',
      'README.md',
      'package.json',
      ...['CHANGELOG.md', 'LICENSE'].filter((f) => existsSync(join(ROOT, f))),
    ];
    // Every file a shipped Markdown page links to (relative links, without #anchors): the npm
    // page shows them, and a link to a file the tarball lacks is a dead link there.
    for (const page of [...paths].filter((f) => f.endsWith('.md'))) {
      const text = readFileSync(join(ROOT, page), 'utf8');
      for (const m of text.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g))
        if (!/^[a-z]+:/.test(m[1])) needed.push(join(dirname(page), m[1]));
    }
    // Every chunk a bundle or declaration file loads (a declaration's `./x.cjs` is `./x.d.cts`).
    const packed = join(consumer.dir, 'node_modules/servicereach');
    for (const f of paths) {
      const declaration = /\.d\.c?ts$/.test(f);
      if (!declaration && !/\.c?js$/.test(f)) continue;
      for (const m of importsOf(f, packed).filter((i) => i.startsWith('.'))) {
        const target = join(dirname(f), m);
        needed.push(declaration ? target.replace(/\.(c?)js$/, '.d.$1ts') : target);
      }
    }
    for (const f of needed) expect(paths, `the tarball holds ${f}`).toContain(f);
    for (const f of paths)
      expect(f, 'only the build, the sample county and docs').toMatch(
        /^(dist\/[^/]+|data\/county\/[^/]+\.(?:geojson|csv)|(data\/)?README\.md|benchmarks\/[^/]+\.md|CHANGELOG\.md|LICENSE(\.md)?|package\.json)$/,
      );
  });

  it('loads every entry through require() and import with the same names', () => {
    expect(Object.keys(esm.entries)).toEqual(
      Object.keys(pkg.exports).filter((k) => k !== './package.json'),
    );
    expect(cjs.entries).toEqual(esm.entries);
    for (const names of Object.values(esm.entries)) expect(names.length).toBeGreaterThan(0);
    expect(esm.entries['./node']).toEqual(expect.arrayContaining(esm.entries['.']));
  });

  it('has one class whichever entry it comes from, in both builds', () => {
    for (const r of [esm, cjs]) {
      expect(r.sameClass).toBe(true);
      expect(r.loadedIsCoreNetwork).toBe(true); // loadNetwork (node) → RoadNetwork (core)
      expect(r.builtIsNodeNetwork).toBe(true);
      // loadNetwork's InputError caught as the core's
      expect(r.error).toEqual({
        code: 'file-not-found',
        inputError: true,
        serviceReachError: true,
      });
    }
  });

  it('runs the workflow (coverage, isochrones, siting, a worker pool) with identical results', () => {
    expect(cjs).toEqual(esm);
    expect(esm.villages).toBe(312);
    const s = esm.coverage.statuses;
    expect(s.covered + s.outside + s.unreachable + s['off-network']).toBe(312);
    expect(s.unreachable).toBe(2); // the cut-off valley
    expect(esm.coverage.within[0]).toBeGreaterThan(0);
    expect(esm.isochrones.map((b) => b.minutes)).toEqual([15, 10, 5]);
    for (const [i, b] of esm.isochrones.entries()) {
      expect(b.type).toBe('MultiPolygon');
      expect(b.rings).toBeGreaterThan(0);
      expect(b.areaKm2).toBeGreaterThan(0);
      if (i > 0) expect(b.areaKm2).toBeLessThanOrEqual(esm.isochrones[i - 1].areaKm2);
    }
    expect(esm.siting.sites).toHaveLength(3);
    expect(esm.siting.coveredAfter).toBe(
      esm.siting.coveredBefore + esm.siting.gains.reduce((a, b) => a + b, 0),
    );
    expect(esm.pool.cells).toBeGreaterThan(0);
    expect(esm.pool.same).toBe(true); // the packed worker, found beside the bundle
  });

  it.skipIf(!HAS_OSM)(
    'reads OSM facilities mapped as polygons (a point on each way) in both builds',
    () => {
      expect(esm.osm?.some(([id]) => String(id).startsWith('way/'))).toBe(true);
      expect(cjs.osm).toEqual(esm.osm); // (also in the comparison above)
    },
  );

  for (const config of ['tsconfig.node16.json', 'tsconfig.bundler.json'])
    it(`type-checks strict consumers without skipLibCheck (${config})`, async () => {
      const tsc = join(consumer.dir, 'node_modules/typescript/bin/tsc');
      const { code, out } = await runTsc(consumer.dir, [tsc, '-p', config, '--listFiles']);
      expect(
        out.split('\n').filter((l) => /error TS/.test(l)),
        config,
      ).toEqual([]);
      expect(code).toBe(0);
      // The consumers compiled against the published declarations of every entry.
      const ext = config.includes('node16') ? ['.d.ts', '.d.cts'] : ['.d.ts'];
      for (const target of exportTargets(pkg.exports).filter((f) => f.endsWith('.d.ts')))
        for (const e of ext)
          expect(out).toContain(
            join(consumer.dir, 'node_modules/servicereach', target.replace(/\.d\.ts$/, e)),
          );
    }, 120_000);
});
