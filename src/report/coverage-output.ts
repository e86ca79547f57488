import type { Feature, FeatureCollection, Point } from 'geojson';
import { csvField } from './csv-field';
import type { CoverageResult, CoverageStatus } from '../analysis/coverage';

/** simplestyle marker colours: covered green, outside orange, unreachable red, off-network grey. */
export const STATUS_COLORS: Readonly<Record<CoverageStatus, string>> = {
  covered: '#1a9641',
  outside: '#f4a340',
  unreachable: '#d7191c',
  'off-network': '#7f7f7f',
};

/**
 * Villages as GeoJSON points with their own properties and every coverage field (`status`,
 * `reason`, `value` with its `unit`, `facility`, `within`, `snapDistanceM`, `nearest_<category>`),
 * styled with simplestyle `marker-color` by status so the file reads on a map as it is.
 * Unknown values are null (JSON has no Infinity).
 *
 * @example
 * writeFileSync('villages.geojson', JSON.stringify(coverageGeoJson(result)));
 */
export function coverageGeoJson(
  result: CoverageResult,
  originals?: readonly { properties?: Record<string, unknown> | null }[],
): FeatureCollection<Point> {
  const features: Feature<Point>[] = result.villages.map((v) => {
    const nearest: Record<string, unknown> = {};
    for (const n of v.nearest) {
      nearest[`nearest_${n.category}`] = n.facility;
      nearest[`nearest_${n.category}_${result.unit}`] = finite(n.value);
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
        value: finite(v.value),
        unit: result.unit,
        facility: v.facility,
        within: v.within,
        snapDistanceM: finite(Math.round(v.snapDistanceM * 10) / 10),
        ...nearest,
        standard: result.standard.id,
        'marker-color': STATUS_COLORS[v.status],
        'marker-size': 'small',
      },
    };
  });
  return { type: 'FeatureCollection', features };
}

/**
 * CSV of the villages that are not covered (outside, unreachable, off-network), farthest first
 * within each status, with the reason: `id,status,reason,value,unit,facility,population,group,lon,lat`.
 *
 * @example
 * writeFileSync('outside.csv', outsideCsv(result));
 */
export function outsideCsv(result: CoverageResult): string {
  const order: CoverageStatus[] = ['off-network', 'unreachable', 'outside'];
  const rows = result.villages
    .filter((v) => v.status !== 'covered')
    .sort(
      (a, b) =>
        order.indexOf(a.status) - order.indexOf(b.status) || b.value - a.value || a.index - b.index,
    );
  const lines = ['id,status,reason,value,unit,facility,population,group,lon,lat'];
  for (const v of rows) {
    const value = v.value < Infinity ? String(Math.round(v.value * 10) / 10) : '';
    lines.push(
      [
        csvField(v.id),
        v.status,
        csvField(v.reason),
        value,
        result.unit,
        v.facility === null ? '' : csvField(v.facility),
        v.population ?? '',
        v.group === null ? '' : csvField(v.group),
        v.lon,
        v.lat,
      ].join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

function finite(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}
