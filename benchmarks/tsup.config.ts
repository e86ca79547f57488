import { defineConfig } from 'tsup';

// `npm run bench` runs this bundle, not the TypeScript sources through tsx: tsx compiles with
// esbuild's keepNames, whose name-wrapping of every closure made per-point code 2–4× slower than
// the built library users run (measured on nearestFacilities and travelTimeMatrix). Packages stay
// external; the worker pool finds dist/pool-worker.js from benchmarks/out/ as from src/node/.
export default defineConfig({
  entry: { run: 'benchmarks/run.ts', 'scale-run': 'benchmarks/scale-run.ts' },
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  outDir: 'benchmarks/out',
  skipNodeModulesBundle: true,
  splitting: false,
  clean: true,
});
