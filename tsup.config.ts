import { readFileSync } from 'node:fs';
import { defineConfig, type Options } from 'tsup';

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

// Library entries (package.json `exports`): `servicereach` (browser-safe core),
// `servicereach/engine` (building blocks, browser-safe) and `servicereach/node` (files, threads).
const entry = { index: 'src/index.ts', engine: 'src/engine.ts', node: 'src/node.ts' };
// SearchPool starts dist/pool-worker.js by file name from either build (an ESM worker runs on every
// Node 20), so only the ESM build has a worker.
const worker = { 'pool-worker': 'src/node/pool-worker.ts' };

const library: Options = {
  entry,
  sourcemap: true,
  target: 'es2022',
  platform: 'neutral',
  splitting: true,
  external: [
    'node:fs',
    'node:fs/promises',
    'node:zlib',
    'node:path',
    'node:os',
    'node:worker_threads',
    'node:url',
  ],
};

export default defineConfig([
  { ...library, entry: { ...entry, ...worker }, format: ['esm'], clean: true },
  {
    ...library,
    format: ['cjs'],
    // kdbush and d3-geo ship ESM only; `require` of ESM needs Node ≥ 20.19, so the
    // CommonJS build carries its own copy of these modules to work on every Node 20. The ESM
    // build keeps them external, so an app that also uses them loads (and bundles) one copy.
    noExternal: ['kdbush', 'd3-geo', 'd3-array', 'internmap'],
    // import.meta.url (the worker's location) in the CommonJS build.
    shims: true,
  },
  {
    // Declarations of the entries in one TypeScript pass, written twice: .d.ts (import) and
    // .d.cts (require). The two JavaScript builds have the same types; a pass per build cost
    // twice the time and memory.
    entry,
    format: ['esm', 'cjs'],
    dts: { only: true },
  },
  {
    entry: { cli: 'src/cli/bin.ts' },
    format: ['esm'],
    target: 'node20',
    platform: 'node',
    sourcemap: true,
    banner: { js: '#!/usr/bin/env node' },
    define: { __VERSION__: JSON.stringify(version) },
  },
]);
