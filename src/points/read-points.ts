import { checkText, optionsObject } from '../geo/check-args';
import type { OptionKeys } from '../geo/option-keys';
import { pointOnFeature } from '@turf/point-on-feature';
import type { Feature, Geometry } from 'geojson';
import { InputError } from '../errors';
import { checkLonLat } from '../geo/check-lon-lat';
import type { IndexedPoint } from './indexed-point';
import { type Crs, type CrsSpec, resolveCrs } from '../geo/crs/crs';
import { toWgs84GeoJson } from '../geo/crs/reproject-geojson';
import { parseCsv, sniffDelimiter } from '../inputs/csv';
import { readPointsFromTable } from './read-points-table';

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
  /**
   * The CRS of the coordinates (default `wgs84`): `cgcs2000`, `gcj02` (Amap), `bd09` (Baidu),
   * `EPSG:<code>`, a proj string or `.prj` WKT; converted to WGS84 as the points are read.
   */
  crs?: CrsSpec | Crs;
  /** Table column holding the name (default: name, else 名称, 村名…), kept as property `name`. */
  nameField?: string;
  /** Table column holding the township (default: township, else 乡镇…), kept as property `township`. */
  townshipField?: string;
}

/** The keys of `PointReadOptions`, for the unknown-key check. */
export const POINT_READ_KEYS = {
  idField: true,
  categoryField: true,
  lonField: true,
  latField: true,
  source: true,
  crs: true,
  nameField: true,
  townshipField: true,
} satisfies OptionKeys<PointReadOptions>;

/**
 * Points from a GeoJSON FeatureCollection. Points are used as they are; every other geometry is
 * reduced to a representative point *on* it (`@turf/point-on-feature`: inside a polygon, on a
 * line), so a facility mapped as a building outline still lands on its footprint. The first
 * position of a MultiPoint is used. Each point keeps its id (`feature.id`, else the id property,
 * else its index), its category and its properties; a feature without geometry is an error.
 *
 * @param input - A parsed GeoJSON FeatureCollection (an object, not a JSON string); positions
 *   `[lon, lat]` in degrees. No features gives an empty array.
 * @param options - `idField` (default `id`), `categoryField` (default `category`),
 *   `nameField`/`townshipField` (a property kept as `name`/`township`, as a table's column; no
 *   feature having it is `InputError` `missing-column`), and `source`, the name error messages
 *   use (default `GeoJSON`).
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
  options = optionsObject(options, 'readPointsFromGeoJson', POINT_READ_KEYS);
  const where = options.source ?? 'GeoJSON';
  const o = input as { type?: unknown; features?: unknown };
  if (!o || typeof o !== 'object' || o.type !== 'FeatureCollection' || !Array.isArray(o.features)) {
    throw new InputError(
      'invalid-geojson',
      o && typeof o === 'object' && o.type === 'FeatureCollection'
        ? `${where}: the FeatureCollection has no "features" list (got ${o.features === undefined ? 'none' : JSON.stringify(o.features).slice(0, 40)})`
        : `${where}: expected a GeoJSON FeatureCollection, got ${o && typeof o === 'object' ? `type ${JSON.stringify(o.type)}` : typeof o}`,
    );
  }
  const idField = options.idField ?? 'id';
  const categoryField = options.categoryField ?? 'category';
  // A file written with the 2008 GeoJSON `crs` member (QGIS still writes one) says its CRS.
  const named = (o as { crs?: { properties?: { name?: unknown } } }).crs?.properties?.name;
  const crs =
    options.crs ?? (typeof named === 'string' ? resolveCrs(named, `${where} "crs"`) : undefined);
  const features = toWgs84GeoJson(o.features as Feature[], crs);
  const renamed = renamedFields(features, options, where);
  return features.map((f, i) => {
    if (!f || typeof f !== 'object' || Array.isArray(f))
      throw new InputError(
        'invalid-geojson',
        `${where} feature #${i} is not a Feature object: ${JSON.stringify(f)?.slice(0, 80)}`,
      );
    const raw = f.properties;
    if (raw !== null && raw !== undefined && (typeof raw !== 'object' || Array.isArray(raw)))
      throw new InputError(
        'invalid-properties',
        `${where} feature #${i}: properties must be an object or null, got ${JSON.stringify(raw)}`,
      );
    let props = (raw ?? {}) as Record<string, unknown>;
    if (renamed.length) {
      props = { ...props };
      for (const [key, field] of renamed) props[key] = props[field];
    }
    const id: unknown = f?.id ?? props[idField] ?? i;
    const name = `${where} feature #${i} (id ${JSON.stringify(id)})`;
    // An id is written into every output: an object or a list would print as "[object Object]".
    if (typeof id !== 'string' && !(typeof id === 'number' && Number.isFinite(id)))
      throw new InputError(
        'invalid-id',
        `${name}: the id must be a string or a number${f?.id === undefined ? ` (property "${idField}")` : ''}`,
      );
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
    checkLonLat(lon, lat, name, `${where} 第 ${i + 1} 个要素（编号 ${JSON.stringify(id)}）`);
    const category = props[categoryField];
    return {
      id,
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
 * @param options - Column names: `lonField` (default: the first of lon, lng, long, longitude, x,
 *   经度), `latField` (lat, latitude, y, 纬度), `idField` (default `id`, else 编号/代码; with no such
 *   column the id is the row index), `nameField`/`townshipField` (name/名称…, township/乡镇…),
 *   `crs` of the coordinates (converted to WGS84; default `wgs84`),
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
  checkText(text, 'readPointsFromCsv: text');
  options = optionsObject(options, 'readPointsFromCsv', POINT_READ_KEYS);
  const where = options.source ?? 'CSV';
  return readPointsFromTable(parseCsv(text, where, sniffDelimiter(text)), {
    ...options,
    source: where,
  });
}

// `nameField` / `townshipField` name a feature property kept as `name` / `township`, as a table's
// column is (they were ignored for GeoJSON); one that no feature has is an error, as a missing column.
function renamedFields(
  features: readonly Feature[],
  options: PointReadOptions,
  where: string,
): [string, string][] {
  const renamed: [string, string][] = [];
  for (const [key, field, option] of [
    ['name', options.nameField, 'nameField'],
    ['township', options.townshipField, 'townshipField'],
  ] as const) {
    if (field === undefined || field === key) continue;
    const has = (f: Feature) =>
      !!f?.properties && typeof f.properties === 'object' && field in f.properties;
    if (features.length && !features.some(has)) {
      const seen = new Set<string>();
      for (const f of features.slice(0, 100))
        if (f?.properties && typeof f.properties === 'object')
          for (const k of Object.keys(f.properties)) seen.add(k);
      throw new InputError(
        'missing-column',
        `${where}: no feature has the property "${field}" (${option}, --${key}-field); their properties are ${[...seen].join(', ') || 'none'}`,
        {
          zh: `${where}：没有一个要素有字段“${field}”（--${key}-field）；现有字段为 ${[...seen].join('、') || '（无）'}`,
        },
      );
    }
    renamed.push([key, field]);
  }
  return renamed;
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
