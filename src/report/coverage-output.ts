import { optionsObject } from '../geo/check-args';
import type { OptionKeys } from '../geo/option-keys';
import { type Crs, type CrsSpec, outputXy, resolveCrs } from '../geo/crs/crs';
import type { Feature, FeatureCollection, Point } from 'geojson';
import { csvField } from './csv-field';
import { coverageReasonZh } from './coverage-reason-zh';
import { type Lang, STATUS_ZH } from './lang';
import type { IndexedPoint } from '../points/indexed-point';
import type { CoverageResult, CoverageStatus, VillageCoverage } from '../analysis/coverage';

/** The options of `outsideCsv`. */
interface OutsideCsvOptions {
  crs?: CrsSpec | Crs;
  lang?: Lang;
  villages?: readonly IndexedPoint[];
}
const OUTSIDE_CSV_KEYS = {
  crs: true,
  lang: true,
  villages: true,
} satisfies OptionKeys<OutsideCsvOptions>;

/** simplestyle marker colours: covered green, outside orange, unreachable red, off-network grey. */
export const STATUS_COLORS: Readonly<Record<CoverageStatus, string>> = {
  covered: '#1a9641',
  outside: '#f4a340',
  unreachable: '#d7191c',
  'off-network': '#7f7f7f',
};

/**
 * Villages as GeoJSON points with their own properties and every coverage field (`status`,
 * `reason`, `minutes`, `meters`, `facility`, `withinMinutes`, `withinMeters`, `snapDistanceM`,
 * `nearest_<category>` with `nearest_<category>_minutes` and `nearest_<category>_meters`), styled
 * with simplestyle `marker-color` by status so the file reads on a map as it is. Every key names
 * its unit, so the columns are the same for time and distance standards; unknown values are null
 * (JSON has no Infinity), and the minutes of a distance standard are null.
 *
 * @param result - A `coverage` result.
 * @param originals - The villages as given to `coverage`: their own properties are kept.
 * @returns A FeatureCollection of points, one per village, in input order.
 *
 * @example
 * writeFileSync('villages.geojson', JSON.stringify(coverageGeoJson(result, villages)));
 */
export function coverageGeoJson(
  result: CoverageResult,
  originals?: readonly { properties?: Record<string, unknown> | null }[],
): FeatureCollection<Point> {
  return {
    type: 'FeatureCollection',
    features: result.villages.map((_, i) => coverageFeature(result, i, originals)),
  };
}

/**
 * Village `i` of a coverage result as the GeoJSON point `coverageGeoJson` writes for it, built
 * alone: with `featureCollectionChunks` a million villages stream to a file one chunk at a time.
 *
 * @param result - A `coverage` result.
 * @param i - The village's index in `result.villages` (its input order).
 * @param originals - The villages as given to `coverage`: their own properties are kept.
 * @returns The feature.
 *
 * @example
 * const first = coverageFeature(result, 0, villages); // as coverageGeoJson(result, villages).features[0]
 */
export function coverageFeature(
  result: CoverageResult,
  i: number,
  originals?: readonly { properties?: Record<string, unknown> | null }[],
): Feature<Point> {
  const v = result.villages[i];
  const nearest: Record<string, unknown> = {};
  for (const n of v.nearest) {
    nearest[`nearest_${n.category}`] = n.facility;
    nearest[`nearest_${n.category}_minutes`] = finite(n.minutes);
    nearest[`nearest_${n.category}_meters`] = finite(n.meters);
  }
  return {
    type: 'Feature',
    id: v.id,
    geometry: { type: 'Point', coordinates: [v.lon, v.lat] },
    properties: {
      ...(originals?.[v.index]?.properties ?? {}),
      id: v.id,
      population: v.population,
      ...(v.group !== null ? { group: v.group } : {}),
      status: v.status,
      reason: v.reason,
      minutes: finite(v.minutes),
      meters: finite(v.meters),
      facility: v.facility,
      withinMinutes: v.withinMinutes,
      withinMeters: v.withinMeters,
      snapDistanceM: finite(Math.round(v.snapDistanceM * 10) / 10),
      ...nearest,
      standard: result.standard.id,
      'marker-color': STATUS_COLORS[v.status],
      'marker-size': 'small',
    },
  };
}

/**
 * CSV of the villages that are not covered (outside, unreachable, off-network), farthest first
 * within each status (by the standard's measure), with the reason:
 * `id,status,reason,minutes,meters,facility,population,group,lon,lat`. `minutes` is empty for
 * distance standards and wherever no facility is reached. With `crs` the coordinates are in
 * that CRS (the last two columns then `x,y` for a projected one). With `lang: 'zh'` the headers,
 * statuses and reasons are in Chinese and a village-name column follows the id (names from the
 * `villages` given, their `name` property).
 *
 * @param result - A `coverage` result.
 * @param options - `crs` of the coordinates written (default WGS84; see `CrsSpec`); `lang`
 *   (`en` default, `zh`); `villages`, the points the run was given, for their names.
 * @returns The CSV text, header first, ending in a newline.
 *
 * @example
 * writeFileSync('outside.csv', outsideCsv(result));
 */
export function outsideCsv(result: CoverageResult, options: OutsideCsvOptions = {}): string {
  options = optionsObject(options, 'outsideCsv', OUTSIDE_CSV_KEYS);
  const crs = resolveCrs(options.crs);
  const zh = options.lang === 'zh';
  const order: CoverageStatus[] = ['off-network', 'unreachable', 'outside'];
  const timed = result.standard.thresholdMinutes !== undefined;
  const value = (v: VillageCoverage) => (timed ? (v.minutes as number) : v.meters);
  const rows = result.villages
    .filter((v) => v.status !== 'covered')
    .sort(
      (a, b) =>
        order.indexOf(a.status) - order.indexOf(b.status) ||
        value(b) - value(a) ||
        a.index - b.index,
    );
  const projected = crs.kind === 'projected';
  const lines = [
    zh
      ? `村庄编号,村名,状态,原因,分钟,米,设施,人口,分组,${projected ? '横坐标,纵坐标' : '经度,纬度'}`
      : `id,status,reason,minutes,meters,facility,population,group,${projected ? 'x,y' : 'lon,lat'}`,
  ];
  const name = (v: VillageCoverage) => {
    const n = options.villages?.[v.index]?.properties?.name;
    return typeof n === 'string' || typeof n === 'number' ? csvField(String(n).trim()) : '';
  };
  const cell = (x: number | null) =>
    x !== null && x < Infinity ? String(Math.round(x * 10) / 10) : '';
  for (const v of rows) {
    const [x, y] = crs.identity ? [v.lon, v.lat] : outputXy(crs, v.lon, v.lat);
    lines.push(
      [
        ...(zh ? [csvField(v.id), name(v)] : [csvField(v.id)]),
        zh ? STATUS_ZH[v.status] : v.status,
        csvField(zh ? coverageReasonZh(v, result) : v.reason),
        cell(v.minutes),
        cell(v.meters),
        v.facility === null ? '' : csvField(v.facility),
        v.population ?? '',
        v.group === null ? '' : csvField(v.group),
        x,
        y,
      ].join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

function finite(x: number | null): number | null {
  return x !== null && Number.isFinite(x) ? x : null;
}
