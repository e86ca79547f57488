import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { euclideanCostMatrix, readTsplibCvrp, solveVrp } from '../src/index';
import type { BenchRow } from './harness';
import { ROOT } from './paths';

const DIR = join(ROOT, '../shared/data/vrp/augerat-a');

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/**
 * Gap to the proven optimum on the 15 Augerat A instances (../shared/data/vrp), 2 s of CPU time
 * per instance and seed (0.2 s with --quick), seeds 1–3 (seed 1 with --quick). The budget is
 * CPU time so that the figure means "2 s on one core" on a shared machine. Baseline: Clarke–Wright
 * savings followed by one local search (`iterations: 0`).
 */
export async function vrpBench(quick: boolean): Promise<BenchRow[]> {
  if (!existsSync(DIR)) {
    process.stderr.write(`vrp: ${DIR} not found, suite skipped\n`);
    return [];
  }
  const budgetS = quick ? 0.2 : 2;
  const seeds = quick ? [1] : [1, 2, 3];
  const suite = `vrp, Augerat A (15 instances), ${budgetS} s CPU per instance and seed, seeds ${seeds.join(',')}`;
  const rows: BenchRow[] = [];
  const gaps: number[] = [];
  const startGaps: number[] = [];
  let worst = 0;
  for (const file of readdirSync(DIR)
    .filter((f) => f.endsWith('.vrp'))
    .sort()) {
    const inst = readTsplibCvrp(readFileSync(join(DIR, file), 'utf8'), file);
    const opt = Number(/Optimal value:\s*(\d+)/.exec(inst.comment)?.[1]);
    const problem = {
      matrix: euclideanCostMatrix(inst.x, inst.y),
      depots: [inst.depot],
      customers: Array.from(inst.ids.keys()).filter((i) => i !== inst.depot),
      demand: inst.demand,
      capacity: inst.capacity,
    };
    const start = solveVrp(problem, { iterations: 0 });
    startGaps.push((100 * (start.cost - opt)) / opt);
    const costs: number[] = [];
    let ms = 0;
    for (const seed of seeds) {
      const t0 = cpuMs();
      const sol = solveVrp(problem, { timeLimitS: budgetS, seed, clock: cpuMs });
      ms += cpuMs() - t0;
      costs.push(sol.cost);
      const gap = (100 * (sol.cost - opt)) / opt;
      gaps.push(gap);
      worst = Math.max(worst, gap);
    }
    const mean = costs.reduce((a, b) => a + b, 0) / costs.length;
    rows.push({
      suite,
      name: inst.name,
      medianMs: ms / seeds.length,
      figure: `optimum ${opt}; cost ${costs.join('/')}; mean gap ${((100 * (mean - opt)) / opt).toFixed(2)}% (savings + LS: ${startGaps[startGaps.length - 1].toFixed(2)}%)`,
    });
  }
  const avg = (a: number[]) => a.reduce((x, y) => x + y, 0) / a.length;
  rows.push({
    suite,
    name: 'all 15 instances',
    medianMs: rows.reduce((a, r) => a + r.medianMs, 0) / rows.length,
    figure: `mean gap ${avg(gaps).toFixed(2)}%, worst ${worst.toFixed(2)}% (savings + LS alone: mean ${avg(startGaps).toFixed(2)}%)`,
  });
  return rows;
}
