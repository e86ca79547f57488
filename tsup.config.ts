import { readFileSync } from 'node:fs';
import { defineConfig, type Options } from 'tsup';

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

// Library entries: `servicereach` (browser-safe core) and `servicereach/node` (file I/O).
const library: Options = {
  entry: {
    index: 'src/index.ts',
    engine: 'src/engine.ts',
    node: 'src/node.ts',
    'pool-worker': 'src/node/pool-worker.ts',
  },
  dts: true,
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
  { ...library, format: ['esm'], clean: true },
  {
    ...library,
    format: ['cjs'],
    // kdbush, flatbush and d3-geo ship ESM only; `require` of ESM needs Node ≥ 20.19, so the
    // CommonJS build carries its own copy of these modules to work on every Node 20.
    noExternal: ['kdbush', 'flatbush', 'flatqueue', 'd3-geo', 'd3-array', 'internmap'],
    // import.meta.url (the worker's location) in the CommonJS build.
    shims: true,
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
