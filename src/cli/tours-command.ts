import { readFileSync } from 'node:fs';
import { assertFile } from '../node/files';
import { euclideanCostMatrix } from '../tours/cost-matrix';
import { solveVrp } from '../tours/solve-vrp';
import { readTsplibCvrp } from '../tours/tsplib';
import { type CommandRun, defineCommand } from './command';
import { jsonOption } from './option-groups';
import { stringOption } from './option-spec';
import { numberOption } from './options';
import { UsageError } from './usage-error';

const OPTIONS = {
  tsplib: stringOption('<file.vrp>', 'a TSPLIB CVRP instance (EUC_2D) to solve'),
  'time-limit': stringOption('<s>', 'seconds of CPU time for the search (default 2)'),
  iterations: stringOption(
    '<n>',
    'stop after n ruin-and-recreate iterations instead (same seed → same tours)',
  ),
  seed: stringOption('<n>', 'seed of the random choices (default 1)'),
  json: jsonOption('print {"cost": total, "routes": [[customer numbers…], …]}'),
};

/** `servicereach tours`: vehicle tours (capacitated vehicle routing). */
export const toursCommand = defineCommand({
  name: 'tours',
  summary: 'vehicle tours that visit every customer (capacitated vehicle routing)',
  usage: '--tsplib <file.vrp> [--time-limit s] [--seed n] [--json]',
  description: `Vehicle tours from a depot that visit every customer once within the vehicles'
capacity, as short as the search finds in the time given: savings, then ruin-and-recreate
with local search under simulated annealing (docs/tours.md). Distances are TSPLIB's: Euclidean,
rounded to the nearest integer.`,
  options: OPTIONS,
  notes: `The time limit counts the process's CPU time, so that a busy machine does not shorten the
search; on an idle core it is wall-clock time. Routes list the customers' node numbers as in the
file, depot excluded; the cost is recomputed from the rounded distances.`,
  examples: [
    'servicereach tours --tsplib ../shared/data/vrp/augerat-a/A-n32-k5.vrp --time-limit 2 --json',
  ],
  run: runTours,
});

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

async function runTours({ values, io }: CommandRun<typeof OPTIONS>) {
  if (!values.tsplib) throw new UsageError('tours needs --tsplib <file.vrp>', 'tours');
  const timeLimitS = numberOption('time-limit', values['time-limit'], 'tours');
  const iterations = numberOption('iterations', values.iterations, 'tours');
  const seed = numberOption('seed', values.seed, 'tours');
  if (iterations !== undefined && !Number.isInteger(iterations))
    throw new UsageError(
      `--iterations must be a whole number, got "${values.iterations}"`,
      'tours',
    );
  if (seed !== undefined && !Number.isInteger(seed))
    throw new UsageError(`--seed must be a whole number, got "${values.seed}"`, 'tours');
  assertFile(values.tsplib);
  const inst = readTsplibCvrp(readFileSync(values.tsplib, 'utf8'), values.tsplib);
  const customers: number[] = [];
  for (let i = 0; i < inst.ids.length; i++) if (i !== inst.depot) customers.push(i);
  const sol = solveVrp(
    {
      matrix: euclideanCostMatrix(inst.x, inst.y),
      depots: [inst.depot],
      customers,
      demand: inst.demand,
      capacity: inst.capacity,
    },
    {
      timeLimitS: timeLimitS ?? (iterations === undefined ? 2 : undefined),
      iterations,
      seed,
      clock: cpuMs,
    },
  );
  const routes = sol.tours.map((t) => t.stops.map((c) => inst.ids[c]));
  if (values.json) io.stdout.write(`${JSON.stringify({ cost: sol.cost, routes })}\n`);
  else {
    io.stdout.write(
      `${inst.name}: ${routes.length} tours, cost ${sol.cost} (${sol.iterations} iterations)\n`,
    );
    sol.tours.forEach((t, r) => {
      io.stdout.write(
        `  tour ${r + 1}: load ${t.load}/${inst.capacity}, cost ${t.cost}: ${routes[r].join(' ')}\n`,
      );
    });
  }
  return 0;
}
