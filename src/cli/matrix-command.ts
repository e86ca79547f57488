import { csvField } from '../report/csv-field';
import { loadNetwork } from '../node/load-network';
import { hierarchyIfItPays } from './auto-hierarchy';
import { commandProgress } from './progress';
import { readPlainPoints } from './read-command-points';
import { withSearchPool } from '../node/search-pool';
import { travelTimeMatrix } from '../search/travel-time-matrix';
import { pointCoords } from '../points/indexed-point';
import { type CommandRun, defineCommand } from './command';
import {
  elevationOption,
  inputCrsOptions,
  maxSnapOption,
  networkOptions,
  outOption,
  POINT_COLUMN_OPTIONS,
} from './option-groups';
import { stringOption } from './option-spec';
import {
  maxMinutesOption,
  numberOption,
  readFor,
  pointFileOptions,
  profileOption,
  threadsOption,
} from './options';
import { UsageError } from './usage-error';
import { writeFileAtomic } from '../node/files';

const OPTIONS = {
  ...networkOptions(),
  elevation: elevationOption(),
  from: stringOption('<villages>', 'the origins: GeoJSON or CSV with lon/lat'),
  to: stringOption('<facilities>', 'the destinations: GeoJSON or CSV with lon/lat'),
  'max-minutes': stringOption('<m>', 'pairs farther apart are left empty'),
  'max-snap': maxSnapOption(),
  ...POINT_COLUMN_OPTIONS,
  ...inputCrsOptions('network', 'from', 'to'),
  out: outOption(
    '<m.csv>',
    `CSV from,to,timeS (long format; empty timeS = not reachable
within the limit)`,
  ),
  threads: stringOption('<n>', 'run the searches on n worker threads (default 1; same numbers)'),
};

/** `servicereach matrix`. */
export const matrixCommand = defineCommand({
  name: 'matrix',
  summary: 'travel times from every village to every facility',
  usage: '--network <roads|.srn> --from <villages> --to <facilities> --out m.csv [options]',
  description: 'Travel times from every village to every facility (one search per village).',
  options: OPTIONS,
  examples: [
    'servicereach matrix --network county.srn --from villages.csv --to clinics.geojson --max-minutes 90 --out od.csv',
  ],
  run: runMatrix,
});

async function runMatrix({ values, io }: CommandRun<typeof OPTIONS>) {
  if (!values.network || !values.from || !values.to)
    throw new UsageError(
      'matrix needs --network, --from <villages> and --to <facilities>',
      'matrix',
    );
  const maxMinutes = maxMinutesOption(values['max-minutes'], 'matrix');
  const read = pointFileOptions(values);
  const origins = await readPlainPoints(values.from, readFor(read, values, 'from'), io);
  const destinations = await readPlainPoints(values.to, readFor(read, values, 'to'), io);
  const net = await loadNetwork(values.network, {
    crs: readFor({ crs: values.crs }, values, 'network').crs,
    elevation: values.elevation,
    profile: profileOption(values.profile, 'matrix'),
  });
  const threads = threadsOption(values.threads, 'matrix', 1);
  const opts = {
    maxSeconds: maxMinutes === undefined ? undefined : maxMinutes * 60,
    maxSnapDistanceM: numberOption('max-snap', values['max-snap'], 'matrix'),
  };
  // Many long searches: contract the network first when that is cheaper (a saved .srn may have it).
  hierarchyIfItPays(
    net,
    pointCoords(origins),
    { ...opts, threads, direction: 'from' },
    commandProgress({}, io),
  );
  const m =
    threads > 1
      ? await withSearchPool(net, { threads }, (pool) =>
          pool.travelTimeMatrix(pointCoords(origins), pointCoords(destinations), opts),
        )
      : travelTimeMatrix(net, pointCoords(origins), pointCoords(destinations), opts);
  const rows = ['from,to,timeS'];
  origins.forEach((o, i) => {
    destinations.forEach((d, j) => {
      const t = m.timeS[i * m.destinations + j];
      rows.push(
        `${csvField(o.id ?? i)},${csvField(d.id ?? j)},${t === Infinity ? '' : Math.round(t * 1000) / 1000}`,
      );
    });
  });
  const csv = `${rows.join('\n')}\n`;
  if (values.out) writeFileAtomic(values.out, csv);
  else io.stdout.write(csv);
  return 0;
}
