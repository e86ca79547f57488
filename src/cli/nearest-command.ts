import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { InputError } from '../errors';
import { csvField } from '../io/csv';
import { readPointsFile } from '../node/read-points-file';
import { type IndexedPoint, PointIndex } from '../spatial/point-index';
import { UsageError } from './usage-error';

export const NEAREST_HELP = `servicereach nearest --from <villages> --to <facilities> [options]

For every village, the k nearest facilities. Villages and facilities are GeoJSON
(points; polygons and lines use a point on them) or CSV with lon/lat columns.

Options:
  --mode straight            great-circle distance (network travel time arrives with the search engine)
  --k <n>                    facilities per village (default 1)
  --max-distance <metres>    ignore facilities farther than this
  --category <name[,name]>   only facilities of these categories (property/column "category")
  --id-field <name>          id property/column (default "id")
  --category-field <name>    category property/column (default "category")
  --lon-field, --lat-field   CSV coordinate columns (default: lon/lng/longitude/x, lat/latitude/y)
  --out <file.csv|file.geojson>  write results; without --out, CSV goes to stdout
  --json                     print results and a summary as JSON
  --quiet                    no summary
  --debug                    stack traces on errors
  -h, --help                 this help

CSV is long format, one row per village and rank: village,rank,facility,distanceM.
A village with no facility within --max-distance keeps one row with empty rank, facility
and distance; it is never left out.

Examples:
  servicereach nearest --from villages.geojson --to clinics.geojson --mode straight
  servicereach nearest --from villages.csv --to facilities.geojson --mode straight --k 3 \\
    --max-distance 5000 --category health --out nearest.csv`;

interface VillageResult {
  village: string | number;
  nearest: { rank: number; facility: string | number; distanceM: number }[];
}

/** `servicereach nearest`: k nearest facilities per village (straight-line mode). */
export async function nearestCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      from: { type: 'string' },
      to: { type: 'string' },
      mode: { type: 'string', default: 'straight' },
      k: { type: 'string', default: '1' },
      'max-distance': { type: 'string' },
      category: { type: 'string' },
      'id-field': { type: 'string' },
      'category-field': { type: 'string' },
      'lon-field': { type: 'string' },
      'lat-field': { type: 'string' },
      out: { type: 'string' },
      json: { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
      debug: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${NEAREST_HELP}\n`);
    return 0;
  }
  if (!values.from || !values.to) throw new UsageError(`missing ${values.from ? '--to <facilities>' : '--from <villages>'}`, 'nearest');
  if (values.mode === 'network') throw new UsageError('--mode network needs the travel-time engine, which is not in this version yet; use --mode straight', 'nearest');
  if (values.mode !== 'straight') throw new UsageError(`--mode must be straight (or network once available), got "${values.mode}"`, 'nearest');
  const k = Number(values.k);
  if (!Number.isInteger(k) || k < 1) throw new UsageError(`--k must be a whole number ≥ 1, got "${values.k}"`, 'nearest');
  const maxDistanceM = values['max-distance'] === undefined ? undefined : Number(values['max-distance']);
  if (maxDistanceM !== undefined && !(maxDistanceM >= 0)) throw new UsageError(`--max-distance must be metres ≥ 0, got "${values['max-distance']}"`, 'nearest');
  const out = values.out;
  if (out && !/\.(csv|geojson|json)$/i.test(out)) throw new UsageError(`--out must end in .csv or .geojson, got "${out}"`, 'nearest');

  const read = { idField: values['id-field'], categoryField: values['category-field'], lonField: values['lon-field'], latField: values['lat-field'] };
  const villages = readPointsFile(values.from, read);
  const facilityPoints = readPointsFile(values.to, read);
  if (facilityPoints.length === 0) throw new InputError('no-facilities', `${values.to} holds no facilities`);
  const categories = values.category?.split(',').map((c) => c.trim()).filter(Boolean);
  const facilities = new PointIndex(facilityPoints);
  if (categories && !facilityPoints.some((f) => f.category !== undefined && categories.includes(f.category))) {
    const seen = [...new Set(facilityPoints.map((f) => f.category).filter((c) => c !== undefined))];
    throw new InputError('no-facilities', `${values.to} holds no facility of category ${categories.join(', ')} (categories present: ${seen.length ? seen.join(', ') : 'none'})`);
  }

  const coords = new Float64Array(2 * villages.length);
  villages.forEach((v, i) => {
    coords[2 * i] = v.lon;
    coords[2 * i + 1] = v.lat;
  });
  const bulk = facilities.nearestAll(coords, { k, maxDistanceM, category: categories });
  const results: VillageResult[] = villages.map((v, q) => {
    const nearest: VillageResult['nearest'] = [];
    for (let j = 0; j < bulk.k; j++) {
      const f = bulk.index[q * bulk.k + j];
      if (f >= 0) nearest.push({ rank: j + 1, facility: facilities.ids[f], distanceM: round2(bulk.distanceM[q * bulk.k + j]) });
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
    meanNearestDistanceM: firstDistances.length ? round2(firstDistances.reduce((a, b) => a + b, 0) / firstDistances.length) : null,
    maxNearestDistanceM: firstDistances.length ? Math.max(...firstDistances) : null,
  };

  if (out) writeFileSync(out, /\.csv$/i.test(out) ? toCsv(results) : JSON.stringify(toGeoJson(results, villages, facilityPoints, facilities)));
  if (values.json) process.stdout.write(`${JSON.stringify({ summary, results }, null, 2)}\n`);
  else {
    if (!out) process.stdout.write(toCsv(results));
    if (!values.quiet) {
      const s = summary;
      const lines = [
        `nearest (straight line): ${s.villages} villages, ${s.facilities} facilities, k=${k}${maxDistanceM !== undefined ? `, within ${maxDistanceM} m` : ''}${categories ? `, category ${categories.join(',')}` : ''}`,
        `  with a facility        ${s.villagesWithFacility}`,
        `  without (none within)  ${s.villagesWithoutFacility}`,
        `  mean nearest distance  ${s.meanNearestDistanceM ?? '—'} m`,
        `  max nearest distance   ${s.maxNearestDistanceM ?? '—'} m`,
        ...(out ? [`  written to             ${out}`] : []),
      ];
      // With CSV on stdout the summary goes to stderr so the CSV stays clean for pipes.
      (out ? process.stdout : process.stderr).write(`${lines.join('\n')}\n`);
    }
  }
  return 0;
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

function toCsv(results: VillageResult[]): string {
  const rows = ['village,rank,facility,distanceM'];
  for (const r of results) {
    if (r.nearest.length === 0) rows.push(`${csvField(r.village)},,,`);
    for (const n of r.nearest) rows.push(`${csvField(r.village)},${n.rank},${csvField(n.facility)},${n.distanceM}`);
  }
  return `${rows.join('\n')}\n`;
}

// Lines village → facility per rank (styled for geojson.io / QGIS), and unserved villages as red points.
function toGeoJson(results: VillageResult[], villages: IndexedPoint[], facilityPoints: IndexedPoint[], facilities: PointIndex) {
  const byId = new Map(facilityPoints.map((f, i) => [facilities.ids[i], f]));
  const features: unknown[] = [];
  results.forEach((r, q) => {
    const v = villages[q];
    if (r.nearest.length === 0) {
      features.push({
        type: 'Feature',
        properties: { village: r.village, status: 'none-within-max-distance', 'marker-color': '#d7191c' },
        geometry: { type: 'Point', coordinates: [v.lon, v.lat] },
      });
    }
    for (const n of r.nearest) {
      const f = byId.get(n.facility)!;
      features.push({
        type: 'Feature',
        properties: { village: r.village, rank: n.rank, facility: n.facility, distanceM: n.distanceM, stroke: n.rank === 1 ? '#2b83ba' : '#abdda4', 'stroke-width': n.rank === 1 ? 2 : 1 },
        geometry: { type: 'LineString', coordinates: [[v.lon, v.lat], [f.lon, f.lat]] },
      });
    }
  });
  return { type: 'FeatureCollection', features };
}
