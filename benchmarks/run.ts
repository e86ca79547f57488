// `npm run bench [-- --quick] [-- --json]`: every suite, one process, ratios against baselines
// measured in the same run. Results belong in benchmarks/README.md with the machine line.
import { analysisBench } from './analysis';
import { elevationBench } from './elevation';
import { machine, markdown, withRatios, type BenchRow } from './harness';
import { mainJobBench } from './main-job';
import { networkBuildBench } from './network-build';
import { kNearestBench, matrixBench } from './od';
import { pathFinderBench } from './path-finder';
import { reportBench } from './report';
import { scaleBench } from './scale';
import { searchBench } from './search';
import { sitingBench } from './siting';
import { turnRestrictionBench } from './turns';
import { nearestBench, snapBench } from './spatial';
import { vrpBench } from './vrp';
import { whatIfBench } from './what-if';

const args = new Set(process.argv.slice(2));
const quick = args.has('--quick');
const rows: BenchRow[] = [];
const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7);
const suites: [string, (quick: boolean) => Promise<BenchRow[]>][] = [
  ['build', networkBuildBench],
  ['nearest', nearestBench],
  ['snap', snapBench],
  ['search', searchBench],
  ['pairs', pathFinderBench],
  ['matrix', matrixBench],
  ['knearest', kNearestBench],
  ['mainjob', mainJobBench],
  ['analysis', analysisBench],
  ['siting', sitingBench],
  ['turns', turnRestrictionBench],
  ['scale', scaleBench],
  ['vrp', vrpBench],
  ['whatif', whatIfBench],
  ['elevation', elevationBench],
  ['report', reportBench],
];
for (const [name, suite] of suites)
  if (!only || only.split(',').includes(name)) rows.push(...(await suite(quick)));
const result = withRatios(rows);
if (args.has('--json'))
  process.stdout.write(`${JSON.stringify({ machine: machine(), rows: result }, null, 2)}\n`);
else process.stdout.write(`${machine()}\n\n${markdown(result)}\n`);
