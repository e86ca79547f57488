import { InputError } from '../../errors';
import { type Crs, type CrsSpec, resolveCrs } from './crs';

/**
 * A copy of GeoJSON with every position converted from `crs` to WGS84 `[lon, lat]` (a third
 * value, elevation, is kept). Any object works: a FeatureCollection, a Feature, a geometry; what
 * is not a position array (properties, ids) is copied as is. With `wgs84` or `cgcs2000` the input
 * itself is returned.
 *
 * @param geojson - The GeoJSON object (parsed, not a string).
 * @param crs - The CRS its coordinates are in (see `CrsSpec`).
 * @param inverse - True to convert the other way: WGS84 → `crs` (to write results back in the
 *   input's CRS).
 * @returns The converted copy (or the input for an identity CRS).
 * @example
 * const roads = toWgs84GeoJson(JSON.parse(text), 'EPSG:4547');
 */
export function toWgs84GeoJson<T>(geojson: T, crs: CrsSpec | Crs | undefined, inverse = false): T {
  const c = resolveCrs(crs);
  // A bare position is no GeoJSON object; a list of features is what the readers pass.
  if (
    !geojson ||
    typeof geojson !== 'object' ||
    (Array.isArray(geojson) && typeof geojson[0] === 'number')
  )
    throw new InputError(
      'invalid-geojson',
      `toWgs84GeoJson: expected a GeoJSON object, got ${geojson === null ? 'null' : typeof geojson}`,
    );
  if (c.identity) return geojson;
  const conv = inverse ? c.fromWgs84 : c.toWgs84;
  return mapValue(geojson, conv) as T;
}

function mapValue(v: unknown, conv: Crs['toWgs84']): unknown {
  if (Array.isArray(v)) {
    if (v.length >= 2 && typeof v[0] === 'number' && typeof v[1] === 'number') {
      const [x, y] = conv(v[0], v[1]);
      return v.length > 2 ? [x, y, ...v.slice(2)] : [x, y]; // spread-ok: a position's extra values
    }
    return v.map((e) => mapValue(e, conv));
  }
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, e] of Object.entries(v)) {
      if (k === 'bbox') continue; // stale once converted
      // Only geometry carries positions; properties and bounding boxes stay as written.
      out[k] =
        k === 'coordinates' || k === 'geometry' || k === 'geometries' || k === 'features'
          ? mapValue(e, conv)
          : e;
    }
    return out;
  }
  return v;
}

/**
 * A copy of WGS84 GeoJSON (what every function here returns) with its positions in `crs`, to
 * hand results back in the CRS the inputs came in: GCJ-02 for an Amap basemap, a CGCS2000
 * Gauss–Krüger zone for a county's projected layers. A projected CRS with an EPSG code is named
 * in a `crs` member (`urn:ogc:def:crs:EPSG::4547`, the pre-RFC 7946 form QGIS and GDAL read);
 * WGS84 and CGCS2000 return the input itself.
 *
 * @param geojson - WGS84 GeoJSON (parsed).
 * @param crs - The CRS to write in (see `CrsSpec`).
 * @returns The converted copy.
 * @example
 * const amap = fromWgs84GeoJson(coverageGeoJson(result, villages), 'gcj02');
 */
export function fromWgs84GeoJson<T>(geojson: T, crs: CrsSpec | Crs | undefined): T {
  const c = resolveCrs(crs);
  if (c.identity) return geojson;
  const out = toWgs84GeoJson(geojson, c, true);
  const code = /^EPSG:(\d+)$/.exec(c.name)?.[1];
  if (c.kind === 'projected' && code && out && typeof out === 'object' && !Array.isArray(out))
    return {
      ...(out as object),
      crs: { type: 'name', properties: { name: `urn:ogc:def:crs:EPSG::${code}` } },
    } as T;
  return out;
}
