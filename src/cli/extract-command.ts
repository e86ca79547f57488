import type { FeatureCollection, Point } from 'geojson';
import { InputError } from '../errors';
import { readPointsFile } from '../node/read-points-file';
import type { OsmPointQuery } from '../points/osm-point-collector';
import { type CommandRun, defineCommand } from './command';
import { outputOptions } from './option-groups';
import { flagOption, stringOption } from './option-spec';
import { commandProgress } from './progress';
import { UsageError } from './usage-error';
import { warn } from './io';
import { writeFileAtomic } from '../node/files';
import { parseLang } from '../report/lang';
import { osmPointWarningZh } from '../report/osm-point-warning-zh';
import { EXTRACT_TEXT } from './tool-command-text';

const OPTIONS = {
  places: flagOption(`settlements: place=city, town, village, hamlet, isolated_dwelling,
with population as a number where the tag is one`),
  'place-types': stringOption(
    '<t[,t…]>',
    'other place values instead (e.g. village,hamlet,locality)',
  ),
  facilities: stringOption(
    '<filters>',
    `categories (health, hospital, education, school, kindergarten,
elderly, culture, fitness, employment) and/or tag filters key=value
or key=* , comma-separated; "category" lists what each point matched`,
  ),
  ...outputOptions(['<file.geojson>', 'write there (default: stdout)'], {
    json: 'print a summary as JSON',
    quiet: 'no summary',
  }),
  lang: stringOption(
    'en|zh',
    'language of the summary and warnings (default en; zh: 简体中文); the\nGeoJSON keeps the OSM tags as they are',
  ),
};

/** `servicereach extract`: places or facilities from an OSM file as GeoJSON points. */
export const extractCommand = defineCommand({
  name: 'extract',
  summary: 'villages or facilities from an OSM extract as GeoJSON points',
  usage: '<osm file> (--places | --facilities <filters>) [--out file.geojson]',
  description: `Villages or facilities out of an OpenStreetMap extract (.osm.pbf, .osm, .osm.gz), as GeoJSON
points ready for servicereach coverage, nearest and isochrone. Buildings and areas (ways and
multipolygon relations) become a point on them; every point keeps its OSM type and id
("id": "way/1058236520", "relation/14119373") and its tags.`,
  options: OPTIONS,
  positionals: true,
  examples: [
    'servicereach extract andorra.osm.pbf --places --out villages.geojson',
    'servicereach extract andorra.osm.pbf --facilities health --out health.geojson',
    'servicereach extract county.osm.pbf --facilities school,kindergarten,amenity=community_centre',
  ],
  epilogue: 'Data from OpenStreetMap © OpenStreetMap contributors (ODbL): keep the attribution.',
  run: runExtract,
});

async function runExtract({ values, positionals, io }: CommandRun<typeof OPTIONS>) {
  if (positionals.length !== 1)
    throw new UsageError(
      positionals.length
        ? `one OSM file, got ${positionals.length}: ${positionals.join(', ')}`
        : 'missing the OSM file',
      'extract',
      positionals.length
        ? `只能给一个 OSM 文件，得到 ${positionals.length} 个：${positionals.join('、')}`
        : '缺少 OSM 文件',
    );
  const places = values.places || values['place-types'] !== undefined;
  if (places === (values.facilities !== undefined))
    throw new UsageError(
      'give either --places or --facilities <filters>',
      'extract',
      '请给出 --places 或 --facilities <筛选条件> 二者之一',
    );
  const lang = parseLang(values.lang);
  const T = EXTRACT_TEXT[lang];
  const list = (s: string) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean);
  const query: OsmPointQuery = places
    ? { places: true, placeTypes: values['place-types'] ? list(values['place-types']) : undefined }
    : { facilities: list(values.facilities!) };
  const [file] = positionals;
  const progress = commandProgress(values, io, lang);
  const read = await readPointsFile(file, {
    osm: query,
    onProgress: (a, b) => progress.update(progress.text.reading, a, b),
  });
  progress.done();
  const { points, warnings } = read;
  if (!values.quiet)
    for (const w of lang === 'zh' && read.warningDetails
      ? read.warningDetails.map(osmPointWarningZh)
      : warnings)
      warn(io, w, lang);
  const fc: FeatureCollection<Point> = {
    type: 'FeatureCollection',
    features: points.map((p) => ({
      type: 'Feature',
      id: p.id,
      properties: { ...(p.properties ?? {}), ...(p.category ? { category: p.category } : {}) },
      geometry: { type: 'Point', coordinates: [p.lon, p.lat] },
    })),
  };
  if (points.length === 0)
    throw new InputError(
      'nothing-found',
      EXTRACT_TEXT.en.nothing(file, places, values.facilities),
      {
        zh: EXTRACT_TEXT.zh.nothing(file, places, values.facilities),
      },
    );
  const text = JSON.stringify(fc);
  if (values.out) writeFileAtomic(values.out, text);
  const counts: Record<string, number> = {};
  for (const p of points) {
    const keys = places ? [String(p.properties?.place)] : String(p.category).split(';');
    for (const k of keys) counts[k] = (counts[k] ?? 0) + 1;
  }
  const summary = {
    file,
    kind: places ? 'places' : 'facilities',
    points: points.length,
    byType: counts,
    fromWays: points.filter((p) => String(p.id).startsWith('way/')).length,
    fromRelations: points.filter((p) => String(p.id).startsWith('relation/')).length,
    warnings: warnings.length,
  };
  if (values.json) io.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  else {
    if (!values.out) io.stdout.write(`${text}\n`);
    if (!values.quiet) {
      const lines = [
        T.title(places, file, points.length, summary.fromWays, summary.fromRelations),
        ...Object.entries(counts).map(([k, n]) => T.count(places, k, n)),
        ...(values.out ? [T.written(values.out)] : []),
        T.attribution,
      ];
      (values.out ? io.stdout : io.stderr).write(`${lines.join('\n')}\n`);
    }
  }
  return 0;
}
