import { readFileSync } from 'node:fs';
import { assertFile } from '../node/files';
import { euclideanCostMatrix } from '../tours/cost-matrix';
import { solveVrp } from '../tours/solve-vrp';
import { readTsplibCvrp } from '../tours/tsplib';
import { type CommandRun, defineCommand } from './command';
import {
  CATEGORY_COLUMN_OPTIONS,
  inputCrsOptions,
  jsonOption,
  LANG_OPTION,
  networkOptions,
  outOption,
  POINT_COLUMN_OPTIONS,
  quietOption,
} from './option-groups';
import { stringOption } from './option-spec';
import { numberOption } from './options';
import { runToursOnNetwork } from './tours-network';
import { OUT_CRS_OPTION } from './output-crs';
import { UsageError } from './usage-error';

const OPTIONS = {
  ...networkOptions({ profile: 'speed profile of the vehicles (default car)' }),
  villages: stringOption('<file>', 'villages: GeoJSON, CSV with lon/lat, or an OSM extract'),
  facilities: stringOption('<file>', 'fixed facilities: whose service circle leaves villages out'),
  depots: stringOption(
    '<file>',
    `where vehicles are based (default: the facilities); with --category
or --standard, only its points of those categories`,
  ),
  category: stringOption(
    '<c[,c…]>',
    'without a standard: facility categories of the circle and of the depots (default health)',
  ),
  standard: stringOption('<id>', "visit only the villages outside this standard's circle"),
  minutes: stringOption('<m>', 'or: only the villages farther than m minutes from a facility'),
  'day-hours': stringOption('<h>', 'working day: driving plus service (default 8)'),
  'service-minutes': stringOption('<m>', 'time spent at each village (default 45)'),
  'period-days': stringOption('<d>', 'each village visited once per d working days (default 5)'),
  'max-stops': stringOption('<n>', 'most villages per tour (default no limit)'),
  'max-snap': stringOption(
    '<metres>',
    'villages farther from every road are off-network (default 1000)',
  ),
  'max-walk': stringOption(
    '<metres>',
    'off-network villages up to this far from a road are served from it on foot (default 2000)',
  ),
  ...POINT_COLUMN_OPTIONS,
  ...inputCrsOptions('network', 'villages', 'facilities', 'depots'),
  ...CATEGORY_COLUMN_OPTIONS,
  ...LANG_OPTION,
  ...OUT_CRS_OPTION,
  out: outOption(
    '<dir>',
    'write tours.geojson (road geometry per tour), schedule.csv and schedule.xlsx there',
  ),
  quiet: quietOption(),
  tsplib: stringOption('<file.vrp>', 'a TSPLIB CVRP instance (EUC_2D) to solve instead'),
  'time-limit': stringOption('<s>', 'seconds of CPU time for the search (default 2)'),
  iterations: stringOption(
    '<n>',
    'stop after n ruin-and-recreate iterations instead (same seed → same tours)',
  ),
  seed: stringOption('<n>', 'seed of the random choices (default 1)'),
  json: jsonOption(
    'print the plan as JSON; with --tsplib {"cost": total, "routes": [[customer numbers…], …]}',
  ),
};

/** `servicereach tours`: vehicle tours (capacitated vehicle routing). */
export const toursCommand = defineCommand({
  name: 'tours',
  summary: 'mobile-service tours for the villages no fixed site reaches (vehicle routing)',
  usage: `--network <roads|.srn> --villages <file> (--depots <file> | --facilities <file>)
[--standard <id> | --minutes m] [--day-hours 8] [--service-minutes 45] [--period-days 5]
[--out <dir>] [--json]
--tsplib <file.vrp> [--time-limit s] [--seed n] [--json]`,
  description: `Vehicles based at depots (township health centres…) visit villages, one tour per working
day (driving plus a service time per stop), so that each village is visited once per period of
days, with as few vehicles as the search finds. With --standard or --minutes and --facilities,
only the villages outside that service circle are toured. Villages that no tour can serve within
a day are listed with the reason. Travel times come from the road network in both directions.
With --tsplib, solves a TSPLIB capacitated vehicle-routing instance instead (distances as TSPLIB
rounds them) — the standard benchmark of the solver (docs/tours.md).`,
  options: OPTIONS,
  notes: `Prints per vehicle (and the depot it is based at) and per day the villages in order by
name, township, population and arrival time after leaving the depot, the day's driving and
service hours; then the villages that cannot be served with the reason, and the totals.
Off-network villages within --max-walk metres of a road are served from the nearest road point,
the staff walking there and back at 3 km/h (added to the village's service time).
Outputs: tours.geojson, one LineString per tour along the roads (day, vehicle, depot and its name,
villages and their names, hours); schedule.csv, one row per stop (day, vehicle, depot, order,
village, name, township, population, arrival minute, walk) and the villages that cannot be
served with the reason; schedule.xlsx, the same table as a workbook. The time limit counts the process's CPU time, so that a busy machine does not shorten the
search; on an idle core it is wall-clock time. Routes list the customers' node numbers as in the
file, depot excluded; the cost is recomputed from the rounded distances.`,
  examples: [
    `servicereach tours --network county.osm.pbf --villages villages.geojson \\
  --facilities clinics.geojson --minutes 30 --day-hours 8 \\
  --service-minutes 45 --period-days 5 --out tours/`,
    'servicereach tours --tsplib ../shared/data/vrp/augerat-a/A-n32-k5.vrp --time-limit 2 --json',
  ],
  run: runTours,
});

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

async function runTours({ values, io }: CommandRun<typeof OPTIONS>) {
  if (!values.tsplib && !values.network)
    throw new UsageError('tours needs --network (with --villages) or --tsplib <file.vrp>', 'tours');
  if (values.tsplib && values.network)
    throw new UsageError('give --network or --tsplib, not both', 'tours');
  // A TSPLIB instance carries its own points, demands and capacity: the options of road tours
  // (--out, --villages, --day-hours…) would change nothing.
  // (--quiet is harmless: the solution is what is printed.)
  const TSPLIB_OPTIONS = ['tsplib', 'time-limit', 'iterations', 'seed', 'json', 'quiet', 'debug'];
  const roadOnly = values.tsplib
    ? Object.entries(values).find(
        ([k, v]) => v !== undefined && v !== false && !TSPLIB_OPTIONS.includes(k),
      )?.[0]
    : undefined;
  if (roadOnly !== undefined)
    throw new UsageError(
      `--${roadOnly} is for tours on a road network, not --tsplib (which takes --time-limit, --iterations, --seed and --json): leave it out, or give --network instead of --tsplib`,
      'tours',
    );
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
  if (values.network)
    return runToursOnNetwork({ ...values, timeLimitS, iterations, seed }, io, cpuMs);
  assertFile(values.tsplib!);
  const inst = readTsplibCvrp(readFileSync(values.tsplib!, 'utf8'), values.tsplib!);
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
