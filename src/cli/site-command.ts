import { writeDirectoryAtomic } from '../node/files';
import { type Catchments, catchments, joinCatchments } from '../analysis/catchments';
import { CATEGORY_TAGS, facilityCategories } from '../points/facility-categories';
import {
  coveredBy,
  maximalCovering,
  newlyCovered,
  setCovering,
  uncoverableVillages,
} from '../analysis/siting';
import { villagePopulation } from '../points/village-population';
import { InputError } from '../errors';
import { csvField } from '../report/csv-field';
import { loadNetwork } from '../node/load-network';
import { withSearchPool } from '../node/search-pool';
import { readCommandPoints } from './read-command-points';
import { placePoints } from '../search/placed-points';
import { pointCoords } from '../points/indexed-point';
import { type CommandRun, defineCommand } from './command';
import {
  inputCrsOptions,
  CATEGORY_COLUMN_OPTIONS,
  LANG_OPTION,
  elevationOption,
  networkOptions,
  outputOptions,
  POINT_COLUMN_OPTIONS,
  pointsOptions,
} from './option-groups';
import { flagOption, stringOption } from './option-spec';
import {
  readFor,
  listOption,
  numberOption,
  pointFileOptions,
  profileOption,
  threadsOption,
} from './options';
import {
  checkPopulationField,
  POPULATION_TABLE_OPTION,
  withPopulationTable,
} from './population-option';
import { hierarchyIfItPays } from './auto-hierarchy';
import { commandProgress } from './progress';
import { UsageError } from './usage-error';
import { needsOption } from './needs-option';
import { displayWidth, pad, parseLang } from '../report/lang';
import { pointLabel, pointName, SITE_TEXT } from './command-text';
import { shiftInputs, warnCrsShift } from './crs-shift-warning';
import { fromWgs84GeoJson } from '../geo/crs/reproject-geojson';
import { OUT_CRS_OPTION, outputCrs } from './output-crs';
import { outputXy } from '../geo/crs/crs';

const OPTIONS = {
  ...networkOptions({ profile: '(default car; a saved .srn keeps its own)' }),
  elevation: elevationOption(),
  ...pointsOptions({
    category: 'existing facilities of these categories count (default: all)',
    'population-field': `(default "population"; villages without one count as 0 people
here, and are listed in the summary; once no candidate adds people,
sites are chosen by villages newly covered)`,
    'max-snap': '(default 1000)',
  }),
  ...POPULATION_TABLE_OPTION,
  minutes: stringOption('<m>', 'the travel time within which a village counts as covered'),
  add: stringOption('<p>', 'add p sites (maximal covering)'),
  'cover-all': flagOption('add the fewest sites that cover every coverable village'),
  candidates: stringOption('<file>', 'candidate sites (GeoJSON / CSV / OSM places)'),
  threads: stringOption(
    '<n>',
    `compute candidate catchments on n worker threads (default 1;
measured 1.6× faster with 2 threads for 90-minute drives over
5,000 candidates, slower for 15-minute walks: start-up dominates)`,
  ),
  ...POINT_COLUMN_OPTIONS,
  ...inputCrsOptions('network', 'villages', 'facilities', 'candidates'),
  ...CATEGORY_COLUMN_OPTIONS,
  ...LANG_OPTION,
  ...OUT_CRS_OPTION,
  ...outputOptions(['<dir>', 'write sites.geojson, sites.csv and summary.json'], {
    quiet: 'no table',
  }),
};

/** `servicereach site`: new sites by maximal covering or set covering. */
export const siteCommand = defineCommand({
  name: 'site',
  summary: 'where new facilities bring the most people within reach',
  usage: `--network <roads|.srn> --villages <file> --facilities <file>
(--add <p> | --cover-all) --minutes <m> [options]`,
  description: `Where to put new facilities so that the most people (--add p: maximal covering, greedy with lazy
evaluation) or every coverable village (--cover-all: set covering, fewest sites) come within
--minutes of one, existing facilities kept. Candidates are the villages themselves unless
--candidates gives a file. Once no candidate adds people (population unknown or 0), --add goes on
by villages newly covered; fewer than p sites come back only when no candidate covers an uncovered
village, and the output says so. Prints the picks with the population and villages each adds and
writes, with --out, sites.geojson (the picks), sites.csv and summary.json.`,
  options: OPTIONS,
  examples: [
    `servicereach site --network county.osm.pbf --villages villages.geojson --facilities health.geojson \\
  --category health --add 5 --minutes 90 --profile car --out siting/`,
    `servicereach site --network county.srn --villages villages.csv --facilities care.geojson \\
  --cover-all --minutes 15 --profile walk --candidates lots.geojson`,
  ],
  run: runSite,
});

async function runSite({ values, io }: CommandRun<typeof OPTIONS>): Promise<number> {
  for (const k of ['network', 'villages', 'facilities', 'minutes'] as const)
    if (!values[k]) throw new UsageError(`missing --${k}`, 'site', `缺少 --${k}`);
  if ((values.add === undefined) === !values['cover-all'])
    throw new UsageError('give either --add <p> or --cover-all', 'site');
  const p = values.add === undefined ? 0 : Number(values.add);
  if (!(Number.isInteger(p) && p >= 0))
    throw new UsageError(`--add must be a whole number ≥ 0, got "${values.add}"`, 'site');
  const minutes = Number(values.minutes);
  if (!(minutes > 0 && Number.isFinite(minutes)))
    throw new UsageError(`--minutes must be a number > 0, got "${values.minutes}"`, 'site');
  const maxSnap = numberOption('max-snap', values['max-snap'], 'site');
  const profile = profileOption(values.profile, 'site');
  const categories = listOption(values.category);
  const lang = parseLang(values.lang);
  const T = SITE_TEXT[lang];
  needsOption(
    values,
    ['out-crs'],
    'out',
    'it sets the coordinates of the files written (--json prints WGS84); add --out <dir>',
    'site',
  );
  const outCrs = outputCrs(values, { flag: 'villages', path: values.villages });
  const xy = (x: { lon: number; lat: number }) => outputXy(outCrs, x.lon, x.lat);

  const read = pointFileOptions(values);
  const progress = commandProgress(values, io, lang);
  const context = { read, progress, io, quiet: values.quiet, lang };
  const villagesRead = await readCommandPoints(
    values.villages!,
    { places: true },
    { ...context, read: readFor(read, values, 'villages') },
  );
  const allFacilities = await readCommandPoints(
    values.facilities!,
    { facilities: categories?.length ? categories : Object.keys(CATEGORY_TAGS) },
    { ...context, read: readFor(read, values, 'facilities') },
  );
  progress.done();
  const villages = withPopulationTable(villagesRead, values, io);
  checkPopulationField(villages, values, values.villages!);
  const candidates = values.candidates
    ? await readCommandPoints(
        values.candidates,
        { places: true },
        { ...context, read: readFor(read, values, 'candidates') },
      )
    : villages;
  const net = await loadNetwork(values.network!, {
    crs: readFor({ crs: values.crs }, values, 'network').crs,
    encoding: values.encoding,
    elevation: values.elevation,
    profile,
    onProgress: (a, b) => progress.update(progress.text.readingRoads, a, b),
  });
  progress.done();
  if (villages.length === 0)
    throw new InputError('no-villages', `${values.villages} holds no villages`, {
      zh: `${values.villages} 中没有村庄`,
    });
  warnCrsShift(
    net,
    shiftInputs(values, read, {
      villages,
      facilities: allFacilities,
      candidates: values.candidates ? candidates : null,
    }),
    { io, quiet: values.quiet, lang },
  );
  const facilities = categories
    ? allFacilities.filter((f) => facilityCategories(f).some((c) => categories.includes(c)))
    : allFacilities;
  const field = values['population-field'] ?? 'population';
  const pops = villages.map((v, i) => villagePopulation(v, i, field));
  const population = pops.map((x) => x ?? 0);
  const unknown = pops.filter((x) => x === null).length;

  const villageCoords = pointCoords(villages);
  const V = placePoints(net, villageCoords, { maxSnapDistanceM: maxSnap });
  const opts = { maxSeconds: minutes * 60, maxSnapDistanceM: maxSnap };
  const threads = threadsOption(values.threads, 'site', 1);
  // Refuse up front when the catchments would not fit (a sample of candidates, scaled).
  estimatePairs(net, V, pointCoords(candidates), opts);
  // One search per candidate: contract the network first when that is cheaper (see hierarchyPays).
  hierarchyIfItPays(net, pointCoords(candidates), { ...opts, direction: 'to', threads }, progress);
  const existing = catchments(net, V, pointCoords(facilities), opts);
  const covered = coveredBy(
    existing,
    Array.from({ length: existing.sites }, (_, s) => s),
  );
  const onProgress = (done: number, total: number) =>
    progress.update(progress.text.catchments, done, total);
  const c =
    threads > 1
      ? await withSearchPool(net, { threads }, (pool) =>
          pool.catchments(V, pointCoords(candidates), { ...opts, onProgress }),
        )
      : catchmentsInSlices(net, V, pointCoords(candidates), opts, onProgress);
  progress.done();
  if (c.village.length > MAX_PAIRS) throw tooManyPairs(c.village.length, c.sites, c.sites);
  const total = population.reduce((a, b) => a + b, 0);
  const before = population.reduce((a, x, v) => a + (covered[v] ? x : 0), 0);
  const villagesBefore = covered.reduce((a, x) => a + x, 0);
  const mclp = values['cover-all'] ? null : maximalCovering(c, population, { p, covered });
  const chosen = mclp ? mclp.sites : setCovering(c, { covered }).sites;
  const added = newlyCovered(c, population, covered, chosen);
  const picks = chosen.map((site, i) => ({
    site,
    gain: added[i].population,
    villages: added[i].villages,
    // set covering picks by villages throughout
    chosenBy: mclp ? mclp.chosenBy[i] : ('villages' as const),
  }));
  const uncoverable = uncoverableVillages(c, covered);
  const after = before + picks.reduce((a, x) => a + x.gain, 0);
  const villagesAfter = villagesBefore + picks.reduce((a, x) => a + x.villages, 0);
  const id = (i: number) => candidates[i].id ?? i;
  const summary = {
    method: values['cover-all']
      ? 'set covering (greedy)'
      : 'maximal covering (greedy, lazy evaluation)',
    minutes,
    profile: net.meta.profile,
    villages: villages.length,
    villagesWithoutPopulation: unknown,
    existingFacilities: facilities.length,
    candidates: candidates.length,
    population: total,
    coveredBefore: {
      population: before,
      share: total > 0 ? before / total : null,
      villages: villagesBefore,
    },
    coveredAfter: {
      population: after,
      share: total > 0 ? after / total : null,
      villages: villagesAfter,
    },
    picks: picks.map((x, i) => ({
      rank: i + 1,
      site: id(x.site),
      name: pointName(candidates[x.site]),
      lon: candidates[x.site].lon,
      lat: candidates[x.site].lat,
      populationAdded: x.gain,
      villagesAdded: x.villages,
      chosenBy: x.chosenBy,
    })),
    shortfall: mclp?.shortfall ?? null,
    uncoverable: uncoverable.map((v) => villages[v].id ?? v),
  };
  if (values.out) {
    const features = summary.picks.map((x) => ({
      type: 'Feature',
      properties: {
        rank: x.rank,
        site: x.site,
        name: x.name,
        populationAdded: x.populationAdded,
        villagesAdded: x.villagesAdded,
        chosenBy: x.chosenBy,
        'marker-color': '#7b3294',
        'marker-symbol': String(x.rank),
      },
      geometry: { type: 'Point', coordinates: [x.lon, x.lat] },
    }));
    writeDirectoryAtomic(values.out, [
      [
        'sites.geojson',
        JSON.stringify(fromWgs84GeoJson({ type: 'FeatureCollection', features }, outCrs)),
      ],
      [
        'sites.csv',
        `${T.csvHeader.map((h, i) => (outCrs.kind === 'projected' && (i === 3 || i === 4) ? 'xy'[i - 3] : h)).join(',')}\n${summary.picks.map((x) => `${x.rank},${csvField(x.site)},${csvField(x.name)},${(outCrs.identity ? [x.lon, x.lat] : xy(x)).join(',')},${x.populationAdded},${x.villagesAdded},${T.chosenBy(x.chosenBy)}`).join('\n')}\n`,
      ],
      ['summary.json', `${JSON.stringify(summary, null, 2)}\n`],
    ]);
  }
  if (values.json) io.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  else if (!values.quiet) {
    const pct = (x: number | null) => (x === null ? '—' : `${(100 * x).toFixed(1)}%`);
    // Sites and villages by the names people know them by (the id in brackets when nameless).
    const names = picks.map((x) => pointLabel(candidates[x.site], x.site));
    const head = [T.before, T.after].reduce((w, x) => Math.max(w, displayWidth(x) + 1), 14);
    const idWidth = names.reduce((w, x) => Math.max(w, displayWidth(x) + 1), head - 2);
    const num = (x: number) => Math.round(x).toLocaleString('en-US').padStart(12);
    const shown = uncoverable.slice(0, 10).map((v) => pointLabel(villages[v], v));
    const lines = [
      T.title(
        T.method(Boolean(values['cover-all'])),
        minutes,
        net.meta.profile,
        villages.length,
        facilities.length,
        candidates.length,
      ),
      `  ${pad(T.before, idWidth + 2)}${num(before)}  ${pct(summary.coveredBefore.share).padStart(6)}  ${T.of(villagesBefore, villages.length)}`,
      ...picks.map(
        (x, i) =>
          `  + ${pad(names[i], idWidth)}${`+${Math.round(x.gain).toLocaleString('en-US')}`.padStart(12)}  ${T.added(x.villages)}${mclp && x.chosenBy === 'villages' ? T.byVillages : ''}`,
      ),
      ...(summary.shortfall
        ? [T.shortfall(summary.picks.length, p, summary.shortfall.message)]
        : []),
      `  ${pad(T.after, idWidth + 2)}${num(after)}  ${pct(summary.coveredAfter.share).padStart(6)}  ${T.of(villagesAfter, villages.length)}`,
      T.uncoverable(uncoverable.length, unknown),
      ...(shown.length
        ? [
            T.uncoverableNames(
              `${shown.join(lang === 'zh' ? '、' : ', ')}${uncoverable.length > shown.length ? ' …' : ''}`,
            ),
          ]
        : []),
      ...(values.out ? [T.written(values.out)] : []),
    ];
    io.stdout.write(`${lines.join('\n')}\n`);
  }
  return 0;
}

// The greedy covering keeps every candidate–village pair in memory (12 bytes each): past this,
// say so and what to change, instead of running out of heap after minutes.
const MAX_PAIRS = 150_000_000;

function tooManyPairs(pairs: number, done: number, total: number): InputError {
  return new InputError(
    'too-many-pairs',
    `${pairs.toLocaleString('en-US')} candidate–village pairs within reach after ${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} candidates, above the ${MAX_PAIRS.toLocaleString('en-US')} site can hold: give fewer candidates (--candidates) or fewer minutes`,
  );
}

/**
 * Up front, for many candidates: the catchments of 200 candidates spread through the list,
 * scaled to all of them. A run whose pairs would pass `MAX_PAIRS` stops here, in seconds, instead
 * of after computing thousands of catchments.
 */
function estimatePairs(
  net: Parameters<typeof catchments>[0],
  villages: ReturnType<typeof placePoints>,
  coords: Float64Array,
  opts: Parameters<typeof catchments>[3],
): void {
  const n = coords.length / 2;
  const SAMPLE = 200;
  if (n <= 20 * SAMPLE) return;
  const sample = new Float64Array(2 * SAMPLE);
  for (let i = 0; i < SAMPLE; i++) {
    const c = Math.floor(((i + 0.5) * n) / SAMPLE);
    sample[2 * i] = coords[2 * c];
    sample[2 * i + 1] = coords[2 * c + 1];
  }
  const per = catchments(net, villages, sample, opts).village.length / SAMPLE;
  const estimate = Math.round(per * n);
  if (estimate > MAX_PAIRS)
    throw new InputError(
      'too-many-pairs',
      `about ${estimate.toLocaleString('en-US')} candidate–village pairs within reach (${n.toLocaleString('en-US')} candidates reaching ${Math.round(per).toLocaleString('en-US')} villages each, from a sample of ${SAMPLE}), above the ${MAX_PAIRS.toLocaleString('en-US')} site can hold: give at most about ${Math.floor(MAX_PAIRS / Math.max(1, per)).toLocaleString('en-US')} candidates (--candidates) or fewer minutes`,
    );
}

/**
 * `catchments` a slice of candidates at a time, so a long run (200,000 candidates) draws a
 * progress line and stops early, with a message, when the pairs would not fit in memory.
 */
function catchmentsInSlices(
  net: Parameters<typeof catchments>[0],
  villages: ReturnType<typeof placePoints>,
  coords: Float64Array,
  opts: Parameters<typeof catchments>[3],
  onProgress: (done: number, total: number) => void,
): Catchments {
  const n = coords.length / 2;
  const SLICE = 2000;
  const parts: Catchments[] = [];
  let pairs = 0;
  for (let a = 0; a < n; a += SLICE) {
    const b = Math.min(n, a + SLICE);
    const part = catchments(net, villages, coords.subarray(2 * a, 2 * b), opts);
    pairs += part.village.length;
    if (pairs > MAX_PAIRS) throw tooManyPairs(pairs, b, n);
    parts.push(part);
    onProgress(b, n);
  }
  return joinCatchments(parts, villages.snap.count, opts.maxSeconds);
}
