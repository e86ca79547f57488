// Province scale: synthetic mountainous regions of 1M, 3M and 10M road nodes (before compaction)
// and Andorra replicated into tiles, each measured in a child process (benchmarks/scale-run.ts) so
// that every size reports its own peak memory. Generated inputs are cached under the OS temp
// directory (`servicereach-bench/`); the first run of a size also times the generator.
//
//   npm run bench -- --only=scale                                   1M nodes and Andorra 3×3
//   npm run bench -- --only=scale --scale=1M,3M,10M --replicas=10x10,20x20   other sizes
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateRegion } from '../data/generate-region';
import { replicateExtract } from '../data/replicate-extract';
import type { BenchRow } from './harness';
import { cachedInput } from './input-cache';
import { ROOT } from './paths';

const ANDORRA = join(ROOT, '../shared/data/osm/andorra-2025.osm.pbf');

/** `1M` → 1,000,000; `250k` → 250,000. */
function parseSize(s: string): number {
  const m = /^(\d+(?:\.\d+)?)([kM]?)$/.exec(s.trim());
  if (!m) throw new Error(`--scale sizes look like 1M, 3M, 250k; got "${s}"`);
  return Math.round(Number(m[1]) * (m[2] === 'M' ? 1e6 : m[2] === 'k' ? 1e3 : 1));
}

// Bundled (benchmarks/out/run.js) the child is the bundled scale-run.js beside it; else its source through tsx.
const CHILD = import.meta.url.endsWith('.ts')
  ? ['--import', 'tsx', join(ROOT, 'benchmarks/scale-run.ts')]
  : [join(dirname(fileURLToPath(import.meta.url)), 'scale-run.js')];

function child(dir: string, label: string, kind: 'region' | 'replica'): BenchRow[] {
  const r = spawnSync(
    process.execPath,
    ['--expose-gc', '--max-old-space-size=16384', ...CHILD, dir, label, kind],
    {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 1 << 26,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  if (r.status !== 0) throw new Error(`scale run "${label}" failed with exit code ${r.status}`);
  return JSON.parse(r.stdout.trim().split('\n').pop() as string) as BenchRow[];
}

export async function scaleBench(quick: boolean): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const extra = process.argv.find((a) => a.startsWith('--scale='))?.slice(8);
  const sizes = extra ? extra.split(',').map(parseSize) : [quick ? 200_000 : 1_000_000];
  for (const n of sizes) {
    const label = `synthetic province, ${n >= 1e6 ? `${n / 1e6}M` : `${n / 1e3}k`} road nodes`;
    const t = performance.now();
    let stats: ReturnType<typeof generateRegion> | undefined;
    const { dir } = cachedInput(`region-${n}-seed1`, (out) => {
      stats = generateRegion({ roadNodes: n, seed: 1, out });
    });
    if (stats) {
      rows.push({
        suite: `province scale, ${label}`,
        name: 'generate (data/generate-region.ts, first run only)',
        medianMs: performance.now() - t,
        figure: `${stats.nodes} OSM nodes, ${stats.ways} ways, ${stats.villages} villages, ${stats.facilities} facilities`,
      });
    }
    rows.push(...child(dir, label, 'region'));
  }
  if (existsSync(ANDORRA)) {
    const grids = process.argv
      .find((a) => a.startsWith('--replicas='))
      ?.slice(11)
      .split(',') ?? [quick ? '2x2' : '3x3'];
    for (const g of grids) {
      const m = /^(\d+)x(\d+)$/.exec(g);
      if (!m) throw new Error(`--replicas grids look like 3x3,10x10; got "${g}"`);
      const [tilesX, tilesY] = [Number(m[1]), Number(m[2])];
      const label = `Andorra replicated ${tilesX}×${tilesY} (real degree distribution)`;
      const t = performance.now();
      let stats: ReturnType<typeof replicateExtract> | undefined;
      const { dir } = cachedInput(`andorra-${tilesX}x${tilesY}`, (out) => {
        stats = replicateExtract({ input: ANDORRA, tilesX, tilesY, out });
      });
      if (stats) {
        rows.push({
          suite: `province scale, ${label}`,
          name: 'replicate (data/replicate-extract.ts, first run only)',
          medianMs: performance.now() - t,
          figure: `${stats.nodes} OSM nodes, ${stats.ways} ways`,
        });
      }
      rows.push(...child(dir, label, 'replica'));
    }
  } else
    process.stderr.write(
      `scale bench: ${ANDORRA} not found, the replicated-Andorra rows are skipped\n`,
    );
  return rows;
}
