import { InputError } from '../errors';
import { maxOf } from '../geo/min-max';
import { facilityCategories } from '../points/facility-categories';
import { csvField } from '../report/csv-field';
import { loadNetwork } from '../node/load-network';
import { readPlainPoints } from './read-command-points';
import { nearestFacilities, SERVICE_STATUS } from '../search/nearest-facilities';
import { PointIndex } from '../spatial/point-index';
import { type IndexedPoint, pointCoords } from '../points/indexed-point';
import { type CommandRun, defineCommand } from './command';
import {
  inputCrsOptions,
  CATEGORY_COLUMN_OPTIONS,
  LANG_OPTION,
  maxSnapOption,
  elevationOption,
  networkOptions,
  outputOptions,
  POINT_COLUMN_OPTIONS,
} from './option-groups';
import { stringOption } from './option-spec';
import {
  listOption,
  maxMinutesOption,
  numberOption,
  pointFileOptions,
  profileOption,
  readFor,
} from './options';
import { commandProgress } from './progress';
import { UsageError } from './usage-error';
import { writeFileAtomic } from '../node/files';
import { lineChunks, prettyJsonChunks } from './text-chunks';
import { categoriesZh, parseLang } from '../report/lang';
import { NEAREST_TEXT, pointName } from './command-text';
import { shiftInputs, warnCrsShift } from './crs-shift-warning';
import type { Crs } from '../geo/crs/crs';
import { featureChunksIn, OUT_CRS_OPTION, outputCrs } from './output-crs';

// Names are written only after each id of a --lang zh CSV; the township never: nearest has no
// --township-field (as matrix, a usage error as any unknown option), and --name-field where no
// names are written is refused in runNearest.
const { 'township-field': _township, ...COLUMN_OPTIONS } = POINT_COLUMN_OPTIONS;

const OPTIONS = {
  from: stringOption('<villages>', 'villages: GeoJSON or CSV with lon/lat'),
  to: stringOption('<facilities>', 'facilities: GeoJSON or CSV with lon/lat'),
  mode: stringOption(
    'straight|network',
    'great-circle distance, or travel time on a road network (default: network when --network is given, else straight)',
  ),
  ...networkOptions({
    network: 'roads for travel times: OSM, GeoJSON roads or a saved network (.srn)',
    profile: 'with --network (default car)',
  }),
  elevation: elevationOption(),
  'max-minutes': stringOption(
    '<m>',
    'with --network: villages farther than this get status outside',
  ),
  'max-snap': maxSnapOption(
    'with --network: villages farther from every road are off-network (default 1000)',
  ),
  k: { ...stringOption('<n>', 'facilities per village (default 1)'), default: '1' },
  'max-distance': stringOption('<metres>', 'ignore facilities farther than this'),
  category: stringOption(
    '<name[,name]>',
    'only facilities of these categories (property/column "category", several separated by ; or , — or OSM tags without one)',
  ),
  ...COLUMN_OPTIONS,
  ...inputCrsOptions('network', 'from', 'to'),
  ...CATEGORY_COLUMN_OPTIONS,
  ...LANG_OPTION,
  ...OUT_CRS_OPTION,
  ...outputOptions(
    ['<file.csv|file.geojson>', 'write results; without --out, CSV goes to stdout'],
    { json: 'print results and a summary as JSON', quiet: 'no summary' },
  ),
};

/** `servicereach nearest`: k nearest facilities per village, straight-line or by travel time. */
export const nearestCommand = defineCommand({
  name: 'nearest',
  summary: 'k nearest facilities for every village, straight-line or by travel time',
  usage: '--from <villages> --to <facilities> [options]',
  description: `For every village, the k nearest facilities. Villages and facilities are GeoJSON
(points; polygons and lines use a point on them) or CSV with lon/lat columns.`,
  options: OPTIONS,
  notes: `CSV is long format, one row per village and rank: village,rank,facility,distanceM
(straight) or village,rank,facility,timeS,distanceM,status,entry,offRoadM (network; distanceM is
the length of the fastest path, off-road legs included; entry is the road the village joined it
by: nearest, or main-network when its nearest road is cut off from the rest, with offRoadM the
metres off-road to it). A village with no facility keeps one row with
empty fields (and its status: off-network, unreachable); it is never left out.`,
  examples: [
    'servicereach nearest --from villages.geojson --to clinics.geojson --mode straight',
    `servicereach nearest --from villages.csv --to facilities.geojson --mode straight --k 3 \\
  --max-distance 5000 --category health --out nearest.csv`,
    `servicereach nearest --mode network --network county.osm.pbf --profile car --max-minutes 90 \\
  --from villages.geojson --to clinics.geojson --out nearest-by-car.csv`,
  ],
  run: runNearest,
});

interface VillageResult {
  village: string | number;
  nearest: { rank: number; facility: string | number; distanceM: number }[];
}

async function runNearest({ values, io }: CommandRun<typeof OPTIONS>) {
  if (!values.from || !values.to)
    throw new UsageError(
      `missing ${values.from ? '--to <facilities>' : '--from <villages>'}`,
      'nearest',
    );
  // A network given means travel time: measuring straight lines beside it would be silently not
  // what was asked.
  const mode = values.mode ?? (values.network ? 'network' : 'straight');
  if (mode !== 'straight' && mode !== 'network')
    throw new UsageError(`--mode must be straight or network, got "${values.mode}"`, 'nearest');
  if (mode === 'network' && !values.network)
    throw new UsageError('--mode network needs --network <roads|.srn>', 'nearest');
  if (mode === 'straight' && values.network)
    throw new UsageError(
      '--network is for travel times: leave out --mode straight, or leave out --network for straight-line distances',
      'nearest',
    );
  // An option of the other mode would be ignored: a "within 15 minutes" that measured straight
  // lines with no limit, or a distance cap a network search never applies.
  const notHere =
    mode === 'straight'
      ? (['max-minutes', 'profile', 'max-snap', 'elevation'] as const).find(
          (o) => values[o] !== undefined,
        )
      : values['max-distance'] !== undefined
        ? 'max-distance'
        : undefined;
  if (notHere !== undefined)
    throw new UsageError(
      mode === 'straight'
        ? `--${notHere} is for travel times on a road network: add --network <roads|.srn> (or leave out --${notHere} for straight-line distances)`
        : '--max-distance limits straight-line distances: with --network, limit travel time with --max-minutes',
      'nearest',
    );
  const profile = profileOption(values.profile, 'nearest');
  const maxMinutes = maxMinutesOption(values['max-minutes'], 'nearest');
  const maxSnap = numberOption('max-snap', values['max-snap'], 'nearest');
  const k = Number(values.k);
  if (!Number.isInteger(k) || k < 1)
    throw new UsageError(`--k must be a whole number ≥ 1, got "${values.k}"`, 'nearest');
  const maxDistanceM =
    values['max-distance'] === undefined ? undefined : Number(values['max-distance']);
  if (maxDistanceM !== undefined && !(maxDistanceM >= 0 && Number.isFinite(maxDistanceM)))
    throw new UsageError(
      `--max-distance must be metres ≥ 0, got "${values['max-distance']}"`,
      'nearest',
    );
  const out = values.out;
  if (out && !/\.(csv|geojson|json)$/i.test(out))
    throw new UsageError(`--out must end in .csv or .geojson, got "${out}"`, 'nearest');
  // Travel times are written as CSV only: a .geojson --out held CSV text.
  const geojsonOut = out !== undefined && !/\.csv$/i.test(out);
  if (mode === 'network' && geojsonOut)
    throw new UsageError(
      `with --network, nearest writes CSV (no lines to draw): use --out <file.csv>, got "${out}"`,
      'nearest',
    );
  // Coordinates are written only in the straight-line GeoJSON; CSV rows carry ids alone.
  if (values['out-crs'] !== undefined && !geojsonOut)
    throw new UsageError(
      mode === 'network'
        ? '--out-crs does nothing with --network (the CSV has no coordinates): leave it out'
        : '--out-crs sets the coordinates of a GeoJSON --out: add --out <file.geojson> or leave it out',
      'nearest',
    );

  const lang = parseLang(values.lang);
  const T = NEAREST_TEXT[lang];
  // The names follow the ids in a --lang zh CSV (stdout, or a .csv --out) and nowhere else.
  const writesCsv = out ? !geojsonOut : !values.json;
  if (values['name-field'] !== undefined && !(T.names && writesCsv))
    throw new UsageError(
      T.names
        ? `--name-field names the places in the CSV, and this run writes none (${out ? `--out ${out}` : '--json'}): leave out --name-field, or write CSV`
        : '--name-field chooses the names written after each id with --lang zh (the English CSV has ids only): add --lang zh, or leave out --name-field',
      'nearest',
    );
  const outCrs = outputCrs(values, { flag: 'from', path: values.from });
  const read = pointFileOptions(values);
  const villages = await readPlainPoints(
    values.from,
    readFor(read, values, 'from'),
    io,
    values.quiet,
    lang,
  );
  const facilityPoints = await readPlainPoints(
    values.to,
    readFor(read, values, 'to'),
    io,
    values.quiet,
    lang,
  );
  if (facilityPoints.length === 0)
    throw new InputError('no-facilities', `${values.to} holds no facilities`, {
      zh: `${values.to} 中没有设施`,
    });
  const categories = listOption(values.category);
  const facilities = new PointIndex(facilityPoints);
  const serves = facilityPoints.map(facilityCategories);
  if (categories && !serves.some((cats) => cats.some((c) => categories.includes(c)))) {
    const seen = [...new Set(serves.flat())];
    throw new InputError(
      'no-facilities',
      `${values.to} holds no facility of category ${categories.join(', ')} (categories present: ${seen.length ? seen.join(', ') : 'none'})`,
      {
        zh: `${values.to} 中没有${categoriesZh(categories)}类设施（现有类别：${seen.length ? categoriesZh(seen) : '无'}）`,
      },
    );
  }

  const coords = pointCoords(villages);
  if (mode === 'network') {
    const progress = commandProgress(values, io, lang);
    const net = await loadNetwork(values.network!, {
      crs: readFor({ crs: values.crs }, values, 'network').crs,
      encoding: values.encoding,
      elevation: values.elevation,
      profile,
      onProgress: (a, b) => progress.update(progress.text.readingRoads, a, b),
    });
    progress.done();
    warnCrsShift(net, shiftInputs(values, read, { from: villages, to: facilityPoints }), {
      io,
      quiet: values.quiet,
      lang,
    });
    const wanted = categories
      ? facilityPoints
          .map((_, i) => (serves[i].some((c) => categories.includes(c)) ? i : -1))
          .filter((i) => i >= 0)
      : facilityPoints.map((_, i) => i);
    progress.stage(progress.text.snapping(villages.length));
    const r = nearestFacilities(net, coords, pointCoords(wanted.map((f) => facilityPoints[f])), {
      k,
      maxSeconds: maxMinutes === undefined ? undefined : maxMinutes * 60,
      maxSnapDistanceM: maxSnap,
    });
    // Chunks of rows, never one string: a million villages × k rows pass V8's 512 MB limit.
    const rows: string[] = [T.networkHeader.join(',')];
    const chunks: string[] = [];
    const flush = () => {
      chunks.push(`${rows.join('\n')}\n`);
      rows.length = 0;
    };
    // With --lang zh each id is followed by the name people know the place by.
    const named = (id: string | number, p: IndexedPoint | undefined) =>
      T.names ? `${csvField(id)},${csvField(pointName(p))}` : csvField(id);
    const snap = r.villages.snap;
    const counts: Record<string, number> = { ok: 0, 'off-network': 0, unreachable: 0, outside: 0 };
    villages.forEach((v, q) => {
      const id = named(v.id ?? q, v);
      const status = SERVICE_STATUS[r.status[q]];
      counts[status]++;
      if (status === 'off-network' || status === 'unreachable') {
        rows.push(`${id},,,${T.names ? ',' : ''},,${T.status(status)},,`);
        if (rows.length >= 5000) flush();
        return;
      }
      for (let j = 0; j < k && r.facility[q * k + j] >= 0; j++) {
        const t = r.timeS[q * k + j];
        const rowStatus = maxMinutes !== undefined && t > maxMinutes * 60 ? 'outside' : 'ok';
        const main = r.entry[q * k + j] === 1;
        const offRoad = main ? snap.main.distanceM[q] : snap.distanceM[q];
        const f = wanted[r.facility[q * k + j]];
        rows.push(
          `${id},${j + 1},${named(facilities.ids[f], facilityPoints[f])},${round2(t)},${round2(r.distanceM[q * k + j])},${T.status(rowStatus)},${T.entry(main)},${round2(offRoad)}`,
        );
      }
      if (rows.length >= 5000) flush();
    });
    if (rows.length) flush();
    const summary = {
      villages: villages.length,
      facilities: wanted.length,
      k,
      profile: net.meta.profile,
      maxMinutes: maxMinutes ?? null,
      status: counts,
    };
    if (out) writeFileAtomic(out, chunks);
    progress.done();
    if (values.json) io.stdout.write(`${JSON.stringify({ summary }, null, 2)}\n`);
    else {
      if (!out) for (const c of chunks) io.stdout.write(c);
      if (!values.quiet) {
        const lines = [
          T.networkTitle(net.meta.profile, villages.length, wanted.length, k, maxMinutes),
          ...Object.entries(counts).map(([st, c]) => T.statusLine(T.status(st), c)),
          ...(out ? [T.written(out)] : []),
        ];
        (out ? io.stdout : io.stderr).write(`${lines.join('\n')}\n`);
      }
    }
    return 0;
  }
  const bulk = facilities.nearestAll(coords, { k, maxDistanceM, category: categories });
  const results: VillageResult[] = villages.map((v, q) => {
    const nearest: VillageResult['nearest'] = [];
    for (let j = 0; j < bulk.k; j++) {
      const f = bulk.index[q * bulk.k + j];
      if (f >= 0)
        nearest.push({
          rank: j + 1,
          facility: facilities.ids[f],
          distanceM: round2(bulk.distanceM[q * bulk.k + j]),
        });
    }
    return { village: v.id ?? q, nearest };
  });
  const unserved = results.filter((r) => r.nearest.length === 0).length;
  const firstDistances = results.filter((r) => r.nearest.length).map((r) => r.nearest[0].distanceM);
  const summary = {
    villages: villages.length,
    facilities: facilityPoints.length,
    k,
    maxDistanceM: maxDistanceM ?? null,
    category: categories ?? null,
    villagesWithFacility: villages.length - unserved,
    villagesWithoutFacility: unserved,
    meanNearestDistanceM: firstDistances.length
      ? round2(firstDistances.reduce((a, b) => a + b, 0) / firstDistances.length)
      : null,
    maxNearestDistanceM: firstDistances.length ? maxOf(firstDistances) : null,
  };

  const csvText = () =>
    lineChunks(
      csvRows(
        results,
        T.straightHeader,
        T.names ? { villages, facilities: facilityPoints, ids: facilities.ids } : undefined,
      ),
    );
  if (out)
    writeFileAtomic(
      out,
      /\.csv$/i.test(out)
        ? csvText()
        : toGeoJson(results, villages, facilityPoints, facilities, outCrs),
    );
  if (values.json)
    for (const c of prettyJsonChunks({ summary }, 'results', results)) io.stdout.write(c);
  else {
    if (!out) for (const c of csvText()) io.stdout.write(c);
    if (!values.quiet) {
      const s = summary;
      const lines = [
        T.straightTitle(s.villages, s.facilities, k, maxDistanceM, categories),
        T.withFacility(s.villagesWithFacility),
        T.without(s.villagesWithoutFacility),
        T.mean(s.meanNearestDistanceM),
        T.max(s.maxNearestDistanceM),
        ...(out ? [T.written(out)] : []),
      ];
      // With CSV on stdout the summary goes to stderr so the CSV stays clean for pipes.
      (out ? io.stdout : io.stderr).write(`${lines.join('\n')}\n`);
    }
  }
  return 0;
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

/** Where the names come from when a name column follows each id (`--lang zh`). */
interface NameSource {
  villages: IndexedPoint[];
  facilities: IndexedPoint[];
  ids: readonly (string | number)[];
}

// With `names`, a name column follows the village id and the facility id.
function* csvRows(
  results: VillageResult[],
  header: readonly string[],
  names?: NameSource,
): Generator<string> {
  yield header.join(',');
  const byId = names && new Map(names.facilities.map((f, i) => [names.ids[i], f]));
  for (let q = 0; q < results.length; q++) {
    const r = results[q];
    const village = names
      ? `${csvField(r.village)},${csvField(pointName(names.villages[q]))}`
      : csvField(r.village);
    if (r.nearest.length === 0) yield `${village},,,${names ? ',' : ''}`;
    for (const n of r.nearest) {
      const facility = byId
        ? `${csvField(n.facility)},${csvField(pointName(byId.get(n.facility)))}`
        : csvField(n.facility);
      yield `${village},${n.rank},${facility},${n.distanceM}`;
    }
  }
}

// Lines village → facility per rank (styled for geojson.io / QGIS), and unserved villages as red
// points; streamed, a chunk of features at a time.
function toGeoJson(
  results: VillageResult[],
  villages: IndexedPoint[],
  facilityPoints: IndexedPoint[],
  facilities: PointIndex,
  crs: Crs,
): Iterable<string> {
  const byId = new Map(facilityPoints.map((f, i) => [facilities.ids[i], f]));
  return featureChunksIn(nearestFeatures(results, villages, byId), crs);
}

function* nearestFeatures(
  results: VillageResult[],
  villages: IndexedPoint[],
  byId: Map<string | number, IndexedPoint>,
) {
  for (let q = 0; q < results.length; q++) {
    const r = results[q];
    const v = villages[q];
    if (r.nearest.length === 0) {
      yield {
        type: 'Feature',
        properties: {
          village: r.village,
          status: 'none-within-max-distance',
          'marker-color': '#d7191c',
        },
        geometry: { type: 'Point', coordinates: [v.lon, v.lat] },
      };
    }
    for (const n of r.nearest) {
      const f = byId.get(n.facility)!;
      yield {
        type: 'Feature',
        properties: {
          village: r.village,
          rank: n.rank,
          facility: n.facility,
          distanceM: n.distanceM,
          stroke: n.rank === 1 ? '#2b83ba' : '#abdda4',
          'stroke-width': n.rank === 1 ? 2 : 1,
        },
        geometry: {
          type: 'LineString',
          coordinates: [
            [v.lon, v.lat],
            [f.lon, f.lat],
          ],
        },
      };
    }
  }
}
