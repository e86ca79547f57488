import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist/index.js')))
    execFileSync('npx', ['tsup'], { cwd: ROOT, stdio: 'ignore' });
});

/** Module specifiers a bundle imports or requires. */
function importsOf(file: string): string[] {
  const src = readFileSync(join(ROOT, file), 'utf8');
  const found = new Set<string>();
  for (const m of src.matchAll(/(?:^|\n)\s*import\s[^'"]*?from\s*['"]([^'"]+)['"]/g))
    found.add(m[1]);
  for (const m of src.matchAll(/\brequire\(\s*['"]([^'"]+)['"]\s*\)/g)) found.add(m[1]);
  for (const m of src.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) found.add(m[1]);
  return [...found].sort();
}

const NODE_BUILTINS =
  /^(node:|fs$|path$|zlib$|os$|worker_threads$|url$|child_process$|stream$|util$)/;

describe('the published package', () => {
  it('keeps the core entry browser-safe: no Node built-in is imported', () => {
    for (const file of ['dist/index.js', 'dist/index.cjs']) {
      const imports = importsOf(file);
      expect(
        imports.filter((m) => NODE_BUILTINS.test(m)),
        file,
      ).toEqual([]);
      for (const m of imports)
        expect(Object.keys(pkg.dependencies), `${file} imports ${m}`).toContain(m);
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

  it('declares entries, types, the bin and Node ≥ 20', () => {
    expect(pkg.name).toBe('servicereach');
    expect(pkg.exports['.'].import.types).toBe('./dist/index.d.ts');
    expect(pkg.exports['./node'].require.default).toBe('./dist/node.cjs');
    expect(pkg.bin.servicereach).toBe('./dist/cli.js');
    expect(pkg.engines.node).toBe('>=20');
    for (const f of ['dist/index.d.ts', 'dist/index.d.cts', 'dist/node.d.ts', 'dist/cli.js'])
      expect(existsSync(join(ROOT, f)), f).toBe(true);
    expect(readFileSync(join(ROOT, 'dist/cli.js'), 'utf8').startsWith('#!/usr/bin/env node')).toBe(
      true,
    );
  });

  it('has .ci/run calling the same test command as the README', () => {
    const ci = readFileSync(join(ROOT, '.ci/run'), 'utf8');
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(ci).toMatch(/^npm ci\b/m);
    expect(ci).toMatch(/^npm test$/m);
    expect(readme).toMatch(/^npm test\b/m);
  });
});
