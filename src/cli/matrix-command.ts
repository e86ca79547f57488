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
  LANG_OPTION,
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
import { InputError } from '../errors';
import { UsageError } from './usage-error';
import { writeFileAtomic } from '../node/files';
import { parseLang } from '../report/lang';
import { MATRIX_TEXT } from './tool-command-text';

// The matrix's rows are ids (from,to,timeS): a name or township column would be read and never
// written, so matrix has no --name-field / --township-field (a usage error, as any unknown option).
const {
  'name-field': _name,
  'township-field': _township,
  ...COLUMN_OPTIONS
} = POINT_COLUMN_OPTIONS;

const OPTIONS = {
  ...networkOptions(),
  elevation: elevationOption(),
  from: stringOption('<villages>', 'the origins: GeoJSON or CSV with lon/lat'),
  to: stringOption('<facilities>', 'the destinations: GeoJSON or CSV with lon/lat'),
  'max-minutes': stringOption('<m>', 'pairs farther apart are left empty'),
  'max-snap': maxSnapOption(),
  ...COLUMN_OPTIONS,
  ...inputCrsOptions('network', 'from', 'to'),
  out: outOption(
    '<m.csv>',
    `CSV from,to,timeS (long format; empty timeS = not reachable
within the limit; with --lang zh 起点编号,终点编号,时间（秒）)`,
  ),
  threads: stringOption('<n>', 'run the searches on n worker threads (default 1; same numbers)'),
  ...LANG_OPTION,
};

// Most pairs matrix writes: 100M rows are ~2.5 GB of CSV and hours of searches at a million origins.
const MAX_PAIRS = 100_000_000;
// Pairs computed at a time (8 bytes of time each): the memory of the matrix, whatever its size.
const BLOCK_PAIRS = 1_000_000;

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
      'matrix 需要 --network、--from <村庄文件> 和 --to <设施文件>',
    );
  const lang = parseLang(values.lang);
  const T = MATRIX_TEXT[lang];
  const maxMinutes = maxMinutesOption(values['max-minutes'], 'matrix');
  const read = pointFileOptions(values);
  const origins = await readPlainPoints(
    values.from,
    readFor(read, values, 'from'),
    io,
    false,
    lang,
  );
  const destinations = await readPlainPoints(
    values.to,
    readFor(read, values, 'to'),
    io,
    false,
    lang,
  );
  const threads = threadsOption(values.threads, 'matrix', 1);
  const no = origins.length;
  const nd = destinations.length;
  const pairs = no * nd;
  // ~25 bytes a CSV row; the times of one block of origins are in memory at a time.
  const csvGb = (pairs * 25) / 1e9;
  if (pairs > MAX_PAIRS)
    throw new InputError(
      'too-many-pairs',
      MATRIX_TEXT.en.tooMany(no, nd, pairs, csvGb.toFixed(0), MAX_PAIRS),
      { zh: MATRIX_TEXT.zh.tooMany(no, nd, pairs, csvGb.toFixed(0), MAX_PAIRS) },
    );
  const block = Math.max(1, Math.floor(BLOCK_PAIRS / Math.max(1, nd)));
  if (pairs > 10_000_000) io.stderr.write(`${T.large(no, nd, pairs, csvGb.toFixed(1), block)}\n`);
  // The network after the size check: a matrix too large is refused before it is read.
  const net = await loadNetwork(values.network, {
    crs: readFor({ crs: values.crs }, values, 'network').crs,
    encoding: values.encoding,
    elevation: values.elevation,
    profile: profileOption(values.profile, 'matrix'),
  });
  const opts = {
    maxSeconds: maxMinutes === undefined ? undefined : maxMinutes * 60,
    maxSnapDistanceM: numberOption('max-snap', values['max-snap'], 'matrix'),
  };
  const to = pointCoords(destinations);
  const from = pointCoords(origins);
  const progress = commandProgress({}, io, lang);
  // Many long searches: contract the network first when that is cheaper (a saved .srn may have it).
  hierarchyIfItPays(net, from, { ...opts, threads, direction: 'from' }, progress);
  const rowsOf = (start: number, m: { destinations: number; timeS: Float64Array }) => {
    const end = Math.min(no, start + block);
    const rows: string[] = [];
    for (let i = start; i < end; i++) {
      const oid = csvField(origins[i].id ?? i);
      for (let j = 0; j < nd; j++) {
        const t = m.timeS[(i - start) * m.destinations + j];
        rows.push(
          `${oid},${csvField(destinations[j].id ?? j)},${t === Infinity ? '' : Math.round(t * 1000) / 1000}`,
        );
      }
    }
    progress.update(progress.text.travelTimes, end, no);
    return rows.length ? `${rows.join('\n')}\n` : '';
  };
  // Origins a block at a time: the times of one block in memory, its rows written before the next.
  let chunks: Iterable<string>;
  if (threads > 1) {
    const parts: string[] = [`${T.header}\n`];
    await withSearchPool(net, { threads }, async (pool) => {
      for (let start = 0; start < no; start += block) {
        const m = await pool.travelTimeMatrix(from.slice(2 * start, 2 * (start + block)), to, opts);
        parts.push(rowsOf(start, m));
      }
    });
    chunks = parts;
  } else {
    chunks = (function* () {
      yield `${T.header}\n`;
      for (let start = 0; start < no; start += block)
        yield rowsOf(
          start,
          travelTimeMatrix(net, from.slice(2 * start, 2 * (start + block)), to, opts),
        );
    })();
  }
  if (values.out) writeFileAtomic(values.out, chunks);
  else for (const c of chunks) io.stdout.write(c);
  progress.done();
  return 0;
}
