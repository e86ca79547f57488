import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { FeatureCollection, Point } from 'geojson';
import { InputError } from '../errors';
import { readPointSource } from '../node/read-points-file';
import type { OsmPointQuery } from '../points/osm-point-collector';
import { commandProgress } from './progress';
import { OUTPUT_OPTIONS } from './options';
import { UsageError } from './usage-error';

export const EXTRACT_HELP = `servicereach extract <osm file> (--places | --facilities <filters>) [--out file.geojson]

Villages or facilities out of an OpenStreetMap extract (.osm.pbf, .osm, .osm.gz), as GeoJSON
points ready for servicereach coverage, nearest and isochrone. Buildings and areas become a point
on them; every point keeps its OSM type and id ("id": "way/1058236520") and its tags.

Options:
  --places                  settlements: place=city, town, village, hamlet, isolated_dwelling,
                            with population as a number where the tag is one
  --place-types <t[,t…]>    other place values instead (e.g. village,hamlet,locality)
  --facilities <filters>    categories (health, hospital, education, school, kindergarten,
                            elderly, culture, fitness, employment) and/or tag filters key=value
                            or key=* , comma-separated; "category" lists what each point matched
  --out <file.geojson>      write there (default: stdout)
  --json                    print a summary as JSON
  --quiet                   no summary
  --debug                   stack traces on errors
  -h, --help                this help

Examples:
  servicereach extract andorra.osm.pbf --places --out villages.geojson
  servicereach extract andorra.osm.pbf --facilities health --out health.geojson
  servicereach extract county.osm.pbf --facilities school,kindergarten,amenity=community_centre

Data from OpenStreetMap © OpenStreetMap contributors (ODbL): keep the attribution.`;

/** `servicereach extract`: places or facilities from an OSM file as GeoJSON points. */
export async function extractCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: true,
    options: {
      places: { type: 'boolean', default: false },
      'place-types': { type: 'string' },
      facilities: { type: 'string' },
      ...OUTPUT_OPTIONS,
    },
  });
  if (values.help) {
    process.stdout.write(`${EXTRACT_HELP}\n`);
    return 0;
  }
  if (positionals.length !== 1)
    throw new UsageError(
      positionals.length ? `one OSM file, got ${positionals.length}` : 'missing the OSM file',
      'extract',
    );
  const places = values.places || values['place-types'] !== undefined;
  if (places === (values.facilities !== undefined))
    throw new UsageError('give either --places or --facilities <filters>', 'extract');
  const list = (s: string) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean);
  const query: OsmPointQuery = places
    ? { places: true, placeTypes: values['place-types'] ? list(values['place-types']) : undefined }
    : { facilities: list(values.facilities!) };
  const [file] = positionals;
  const progress = commandProgress(values);
  const { points, warnings } = await readPointSource(file, {
    osm: query,
    onProgress: (a, b) => progress.update('reading', a, b),
  });
  progress.done();
  if (!values.quiet) for (const w of warnings) process.stderr.write(`warning: ${w}\n`);
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
      `${file}: no ${places ? 'places' : `facilities matching ${values.facilities}`} found`,
    );
  const text = JSON.stringify(fc);
  if (values.out) writeFileSync(values.out, text);
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
    warnings: warnings.length,
  };
  if (values.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  else {
    if (!values.out) process.stdout.write(`${text}\n`);
    if (!values.quiet) {
      const lines = [
        `extract ${summary.kind} from ${file}: ${points.length} points (${summary.fromWays} from ways)`,
        ...Object.entries(counts).map(([k, n]) => `  ${k.padEnd(24)} ${n}`),
        ...(values.out ? [`  written to ${values.out}`] : []),
        '  © OpenStreetMap contributors (ODbL)',
      ];
      (values.out ? process.stdout : process.stderr).write(`${lines.join('\n')}\n`);
    }
  }
  return 0;
}
