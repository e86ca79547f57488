import { pointOnFeature } from '@turf/point-on-feature';
import type { Feature, Geometry } from 'geojson';
import { InputError } from '../errors';
import { checkLonLat } from '../geo/check-lon-lat';
import type { IndexedPoint } from './indexed-point';
import { parseCsv } from '../inputs/csv';

/** How to read villages or facilities. */
export interface PointReadOptions {
  /** Property / column holding the id (default `id`; GeoJSON also uses `feature.id` first). */
  idField?: string;
  /** Property / column holding the facility category (default `category`). */
  categoryField?: string;
  /** CSV longitude column (default: the first of lon, lng, long, longitude, x). */
  lonField?: string;
  /** CSV latitude column (default: the first of lat, latitude, y). */
  latField?: string;
  /** Name used in error messages (a file name). */
  source?: string;
}

const LON_NAMES = ['lon', 'lng', 'long', 'longitude', 'x'];
const LAT_NAMES = ['lat', 'latitude', 'y'];

/**
 * Points from a GeoJSON FeatureCollection. Points are used as they are; every other geometry is
 * reduced to a representative point *on* it (`@turf/point-on-feature`: inside a polygon, on a
 * line), so a facility mapped as a building outline still lands on its footprint. The first
 * position of a MultiPoint is used. Each point keeps its id (`feature.id`, else the id property,
 * else its index), its category and its properties; a feature without geometry is an error.
 *
 * @param input - A parsed GeoJSON FeatureCollection (an object, not a JSON string); positions
 *   `[lon, lat]` in degrees. No features gives an empty array.
 * @param options - `idField` (default `id`), `categoryField` (default `category`), and `source`,
 *   the name error messages use (default `GeoJSON`).
 * @returns One point per feature, in input order. Throws `InputError` for a missing geometry or
 *   coordinates out of range (the message hints when `[lat, lon]` looks swapped).
 *
 * @example
 * readPointsFromGeoJson(villagesGeoJson, { idField: 'code' });
 */
export function readPointsFromGeoJson(
  input: unknown,
  options: PointReadOptions = {},
): IndexedPoint[] {
  const where = options.source ?? 'GeoJSON';
  const o = input as { type?: unknown; features?: unknown };
  if (!o || typeof o !== 'object' || o.type !== 'FeatureCollection' || !Array.isArray(o.features)) {
    throw new InputError(
      'invalid-geojson',
      `${where}: expected a GeoJSON FeatureCollection, got ${o && typeof o === 'object' ? `type ${JSON.stringify(o.type)}` : typeof o}`,
    );
  }
  const idField = options.idField ?? 'id';
  const categoryField = options.categoryField ?? 'category';
  return (o.features as Feature[]).map((f, i) => {
    const props = (f?.properties ?? {}) as Record<string, unknown>;
    const id = f?.id ?? (props[idField] as string | number | undefined) ?? i;
    const name = `${where} feature #${i} (id ${JSON.stringify(id)})`;
    const g = f?.geometry as Geometry | null | undefined;
    if (!g) throw new InputError('missing-geometry', `${name} has no geometry`);
    let lon: unknown;
    let lat: unknown;
    if (typeof g !== 'object')
      throw new InputError(
        'invalid-geometry',
        `${name}: geometry is ${JSON.stringify(g)}, not an object`,
      );
    if (g.type === 'Point') [lon, lat] = position(g.coordinates, name, 'Point');
    else if (g.type === 'MultiPoint' && Array.isArray(g.coordinates) && g.coordinates.length > 0)
      [lon, lat] = position(g.coordinates[0], name, 'MultiPoint');
    else {
      try {
        [lon, lat] = pointOnFeature(f as Feature).geometry.coordinates;
      } catch (e) {
        throw new InputError(
          'invalid-geometry',
          `${name}: cannot find a point on its ${g.type}: ${(e as Error).message}`,
        );
      }
    }
    checkLonLat(lon, lat, name);
    const category = props[categoryField];
    return {
      id: id as string | number,
      lon: lon as number,
      lat: lat as number,
      category: category === undefined || category === null ? undefined : String(category),
      properties: props,
    };
  });
}

/**
 * Points from CSV text with longitude/latitude columns (names configurable, found
 * case-insensitively), keeping the id and category columns and every column as properties.
 *
 * @param text - The whole CSV, header first (RFC 4180 quoting; a UTF-8 byte-order mark is
 *   ignored). A header without rows gives an empty array.
 * @param options - Column names: `lonField` (default: the first of lon, lng, long, longitude, x),
 *   `latField` (lat, latitude, y), `idField` (default `id`; with no such column the id is the row index),
 *   `categoryField` (default `category`); `source` names the file in error messages.
 * @returns One point per row. Properties keep the cells as strings (`population: '830'`).
 *   Throws `InputError` for a missing coordinate column, a cell that is not a number or a
 *   coordinate out of range, naming the line.
 *
 * @example
 * readPointsFromCsv('id,lon,lat,population\nv1,100.1,25.6,830\n');
 * // [{ id: 'v1', lon: 100.1, lat: 25.6, category: undefined, properties: { id: 'v1', lon: '100.1', … } }]
 */
export function readPointsFromCsv(text: string, options: PointReadOptions = {}): IndexedPoint[] {
  const where = options.source ?? 'CSV';
  const { header, rows, lines } = parseCsv(text, where);
  const lower = header.map((h) => h.toLowerCase());
  const find = (wanted: string | undefined, names: string[], what: string) => {
    const candidates = wanted ? [wanted.toLowerCase()] : names;
    for (const n of candidates) {
      const i = lower.indexOf(n);
      if (i >= 0) return i;
    }
    throw new InputError(
      'missing-column',
      `${where}: no ${what} column (looked for ${candidates.join(', ')}; the header is ${header.join(',')})`,
    );
  };
  const lonCol = find(options.lonField, LON_NAMES, 'longitude');
  const latCol = find(options.latField, LAT_NAMES, 'latitude');
  const idCol = lower.indexOf((options.idField ?? 'id').toLowerCase());
  const catCol = lower.indexOf((options.categoryField ?? 'category').toLowerCase());
  return rows.map((r, i) => {
    const id = idCol >= 0 ? r[idCol] : i;
    const name = `${where}, line ${lines[i]} (id ${JSON.stringify(id)})`;
    const lon = parseNumber(r[lonCol], `${name}: ${header[lonCol]}`);
    const lat = parseNumber(r[latCol], `${name}: ${header[latCol]}`);
    checkLonLat(lon, lat, name);
    const properties: Record<string, unknown> = {};
    header.forEach((h, c) => {
      properties[h] = r[c];
    });
    return {
      id,
      lon,
      lat,
      category: catCol >= 0 && r[catCol] !== '' ? r[catCol] : undefined,
      properties,
    };
  });
}

// A GeoJSON position must be an array of at least two numbers; a null, a number or an object
// there would otherwise surface as a TypeError ("not iterable") naming nothing.
function position(value: unknown, name: string, type: string): [unknown, unknown] {
  if (!Array.isArray(value) || value.length < 2)
    throw new InputError(
      'invalid-geometry',
      `${name}: ${type} coordinates must be [lon, lat], got ${describeValue(value)}`,
    );
  return [value[0], value[1]];
}

function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing (missing)';
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

function parseNumber(s: string, where: string): number {
  const t = s.trim();
  const v = t === '' ? Number.NaN : Number(t);
  if (!Number.isFinite(v))
    throw new InputError('invalid-coordinate', `${where} is not a number: ${JSON.stringify(s)}`);
  return v;
}
