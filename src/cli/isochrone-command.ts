import { existsSync } from 'node:fs';
import { CATEGORY_TAGS } from '../points/facility-categories';
import { type IsochroneOptions, isochrones } from '../analysis/isochrone';
import { InputError } from '../errors';
import { loadNetwork } from '../node/load-network';
import { readCommandPoints } from './read-command-points';
import { pointsOfCategories } from './points-of-categories';
import { withSearchPool } from '../node/search-pool';
import { pointCoords } from '../points/indexed-point';
import { type CommandRun, defineCommand } from './command';
import {
  inputCrsOptions,
  elevationOption,
  LANG_OPTION,
  networkOptions,
  outputOptions,
  POINT_COLUMN_OPTIONS,
  pointsOptions,
} from './option-groups';
import { flagOption, stringOption } from './option-spec';
import {
  readFor,
  directionOption,
  listOption,
  minutesListOption,
  numberOption,
  parseLonLatList,
  pointFileOptions,
  profileOption,
  threadsOption,
} from './options';
import { commandProgress } from './progress';
import { UsageError } from './usage-error';
import { checkPopulationField } from './population-option';
import { needsOption } from './needs-option';
import { writeFileAtomic } from '../node/files';
import { parseLang } from '../report/lang';
import { ISOCHRONE_TEXT, pointLabel } from './command-text';
import { shiftInputs, warnCrsShift } from './crs-shift-warning';
import { fromWgs84GeoJson } from '../geo/crs/reproject-geojson';
import { resolveCrs } from '../geo/crs/crs';
import { OUT_CRS_OPTION, outputCrs } from './output-crs';

const POINTS = pointsOptions({
  villages: `villages with a population property, counted per band (or an
OSM extract: its places)`,
  category: 'facility categories of the --from file to use (default: every point)',
  'max-snap': 'longest off-road leg (default 1000)',
});

const OPTIONS = {
  ...networkOptions(),
  elevation: elevationOption(),
  from: stringOption(
    '<facilities file | "lon,lat[;lon,lat…]">',
    'the origins (typed ones in --from-crs, else --crs; default WGS84)',
  ),
  minutes: stringOption('<m[,m…]>', 'the bands, in minutes'),
  direction: {
    ...stringOption('from|to', 'from the facilities outwards (default) or from anywhere to them'),
    default: 'from',
  },
  each: flagOption('one set of bands per facility (property "origin") instead of merged'),
  threads: stringOption(
    '<n>',
    `with --each: share the facilities over n worker threads
(default 1; the same bands)`,
  ),
  cell: stringOption('<metres>', 'grid spacing of the travel-time surface (default 100)'),
  'max-snap': POINTS['max-snap'],
  category: POINTS.category,
  villages: POINTS.villages,
  'population-field': POINTS['population-field'],
  ...POINT_COLUMN_OPTIONS,
  ...inputCrsOptions('network', 'from', 'villages'),
  ...LANG_OPTION,
  ...OUT_CRS_OPTION,
  ...outputOptions(['<file.geojson>', 'write the bands there (default: GeoJSON on stdout)'], {
    json: 'print a summary of the bands as JSON',
    quiet: 'no summary',
  }),
};

/** `servicereach isochrone`: isochrone polygons from points or a facilities file. */
export const isochroneCommand = defineCommand({
  name: 'isochrone',
  summary: 'polygons reachable within 15, 30… minutes of facilities',
  usage: `--network <roads|.srn> --from <facilities file | "lon,lat[;lon,lat…]">
--minutes 15[,30…] [options]`,
  description: `Polygons of everything reachable within each number of minutes: along the roads, then off-road
at the profile's access speed (up to the snap distance). Bands are cumulative (the 30-minute band
contains the 15-minute one), largest first; each carries its minutes, area in km² and, with
--villages, the villages and population whose own travel time is within it.`,
  options: OPTIONS,
  examples: [
    `servicereach isochrone --network andorra.osm.pbf --profile walk --from "1.5349,42.5564" \\
  --minutes 5,10,15 --out ordino-walk.geojson`,
    `servicereach isochrone --network county.srn --profile car --from clinics.geojson \\
  --minutes 30,60,90 --cell 250 --villages villages.geojson --out clinics-90min.geojson`,
  ],
  run: runIsochrone,
});

async function runIsochrone({ values, io }: CommandRun<typeof OPTIONS>): Promise<number> {
  for (const k of ['network', 'from', 'minutes'] as const)
    if (!values[k]) throw new UsageError(`missing --${k}`, 'isochrone', `缺少 --${k}`);
  const profile = profileOption(values.profile, 'isochrone');
  const minutes = minutesListOption(values.minutes!, 'isochrone');
  const direction = directionOption(values.direction, 'isochrone');
  const threads = threadsOption(values.threads, 'isochrone', 1);
  if (threads > 1 && !values.each)
    throw new UsageError(
      '--threads shares facilities out with --each; merged bands are one surface, computed on one thread',
      'isochrone',
    );
  if (values.out && !/\.(geo)?json$/i.test(values.out))
    throw new UsageError(`--out must end in .geojson, got "${values.out}"`, 'isochrone');
  needsOption(
    values,
    ['population-field'],
    'villages',
    'the bands count people only with --villages <file>',
    'isochrone',
  );
  // --json prints a summary without coordinates: with no --out, no GeoJSON is written at all.
  if (values.json && !values.out && values['out-crs'] !== undefined)
    throw new UsageError(
      '--out-crs does nothing with --json and no --out (the summary has no coordinates): add --out <file.geojson>',
      'isochrone',
    );
  const lang = parseLang(values.lang);
  const T = ISOCHRONE_TEXT[lang];
  // --out-crs input: the CRS of the --from file, else of --villages
  const fromIsFile = existsSync(values.from ?? '');
  // Typed "lon,lat" origins have no categories to choose among, nor columns of a file; their CRS
  // is --from-crs, else --crs, as a file's (they were taken as WGS84 whatever --crs said).
  if (!fromIsFile) {
    // Column options read the --from or --villages file: with neither, they read nothing.
    const columns = values.villages
      ? []
      : Object.keys(POINT_COLUMN_OPTIONS).filter((k) => k !== 'crs');
    const fileOnly = ['category', ...columns].find(
      (k) => values[k as keyof typeof values] !== undefined,
    );
    if (fileOnly)
      throw new UsageError(
        `--${fileOnly} applies to a --from file; "${values.from}" is not one: give a file or leave out --${fileOnly}`,
        'isochrone',
      );
  }
  const outCrs = outputCrs(
    values,
    fromIsFile || !values.villages
      ? { flag: 'from', path: fromIsFile ? values.from : undefined }
      : { flag: 'villages', path: values.villages },
  );
  const read = pointFileOptions(values);
  // A file when it exists, else "lon,lat;…".
  const categories = listOption(values.category);
  const progress = commandProgress(values, io, lang);
  const context = { read, progress, io, quiet: values.quiet, lang };
  const fromRead = existsSync(values.from!)
    ? await readCommandPoints(
        values.from!,
        { facilities: categories?.length ? categories : Object.keys(CATEGORY_TAGS) },
        { ...context, read: readFor(read, values, 'from') },
      )
    : null;
  // --category chose among an OSM extract's facilities only: a GeoJSON/CSV file's every point
  // was an origin. Its "category" column (or OSM tags) now chooses the same way.
  const fromFile = fromRead && pointsOfCategories(fromRead, values.from!, categories, '--category');
  const origins = fromFile ? pointCoords(fromFile) : typedOrigins(values);
  if (origins.length === 0)
    throw new InputError('no-facilities', `${values.from} holds no points`, {
      zh: `${values.from} 中没有任何点`,
    });
  const villages = values.villages
    ? await readCommandPoints(
        values.villages,
        { places: true },
        { ...context, read: readFor(read, values, 'villages') },
      )
    : undefined;
  if (villages) checkPopulationField(villages, values, values.villages!);
  const net = await loadNetwork(values.network!, {
    crs: readFor({ crs: values.crs }, values, 'network').crs,
    encoding: values.encoding,
    elevation: values.elevation,
    profile,
    onProgress: (a, b) => progress.update(progress.text.readingRoads, a, b),
  });
  progress.done();
  warnCrsShift(net, shiftInputs(values, read, { from: fromFile, villages }), {
    io,
    quiet: values.quiet,
    lang,
  });
  const options: IsochroneOptions = {
    minutes,
    direction,
    mode: values.each ? 'each' : 'merged',
    cellM: numberOption('cell', values.cell, 'isochrone', true),
    maxSnapDistanceM: numberOption('max-snap', values['max-snap'], 'isochrone'),
    villages,
    populationField: values['population-field'],
  };
  const fc =
    threads > 1
      ? await withSearchPool(net, { threads }, (pool) => pool.isochrones(origins, options))
      : isochrones(net, origins, options);
  const text = JSON.stringify(fromWgs84GeoJson(fc, outCrs));
  if (values.out) writeFileAtomic(values.out, text);
  const bands = fc.features.map((f) => {
    const { fill: _f, 'fill-opacity': _o, stroke: _s, 'stroke-width': _w, ...rest } = f.properties;
    return rest;
  });
  if (values.json)
    io.stdout.write(
      `${JSON.stringify({ profile: net.meta.profile, origins: origins.length / 2, bands }, null, 2)}\n`,
    );
  else {
    if (!values.out) io.stdout.write(`${text}\n`);
    if (!values.quiet) {
      // Origins from a file by name; typed "lon,lat" origins by their number.
      const origin = (o: number) => (fromFile ? pointLabel(fromFile[o], o) : String(o));
      const lines = [
        T.title(net.meta.profile, direction, origins.length / 2, minutes),
        ...bands.map(
          (b) =>
            `  ${b.origin === null ? '' : T.origin(origin(b.origin))}${T.band(b.minutes, b.areaKm2)}${b.population !== undefined ? T.people(b.villages ?? 0, b.population, b.populationUnknownVillages ?? 0) : ''}`,
        ),
        ...(values.out ? [T.written(values.out)] : []),
      ];
      (values.out ? io.stdout : io.stderr).write(`${lines.join('\n')}\n`);
    }
  }
  return 0;
}

// Typed "lon,lat[;…]" origins in WGS84: converted from --from-crs, else --crs, like a --from file.
function typedOrigins(values: { from?: string; crs?: string; 'from-crs'?: string }): number[] {
  const xy = parseLonLatList(values.from!);
  const spec = values['from-crs'] ?? values.crs;
  if (spec === undefined) return xy;
  const crs = resolveCrs(
    spec,
    `--from "${values.from}" (${values['from-crs'] ? '--from-crs' : '--crs'})`,
  );
  if (crs.identity) return xy;
  for (let i = 0; i < xy.length; i += 2) {
    const [lon, lat] = crs.toWgs84(xy[i], xy[i + 1]);
    xy[i] = lon;
    xy[i + 1] = lat;
  }
  return xy;
}
