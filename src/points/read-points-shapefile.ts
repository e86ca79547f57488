import type { Feature } from 'geojson';
import { InputError } from '../errors';
import { optionsObject } from '../geo/check-args';
import { type OptionKeys, pickOptions } from '../geo/option-keys';
import {
  readShapefile,
  type ShapefileParts,
  type ShapefileReadOptions,
} from '../inputs/shapefile/read-shapefile';
import { PROPERTY_ALIASES } from './column-names';
import type { IndexedPoint } from './indexed-point';
import { POINT_READ_KEYS, type PointReadOptions, readPointsFromGeoJson } from './read-points';

type ShapefilePointOptions = PointReadOptions & Pick<ShapefileReadOptions, 'encoding'>;
const SHAPEFILE_POINT_KEYS = {
  encoding: true,
  ...POINT_READ_KEYS,
} satisfies OptionKeys<ShapefilePointOptions>;

/**
 * Villages or facilities from a shapefile (points, or polygons/lines reduced to a point on
 * them as for GeoJSON). The `.prj` picks the CRS unless `crs` is given, the `.cpg` (or
 * detection) the attribute encoding unless `encoding` is; Chinese attribute names get the
 * canonical `name`, `township`, `population`, `category` properties as in tables.
 *
 * @param parts - `.shp`, `.dbf`, `.prj`, `.cpg` contents (see `shapefileFromZip` for a zip).
 * @param options - Id, category, name and township fields, `crs`, `encoding`, `source`.
 * @returns One point per record. A record without geometry throws `InputError` naming it.
 * @example
 * const villages = readPointsFromShapefile({ shp, dbf, prj, cpg });
 */
export function readPointsFromShapefile(
  parts: ShapefileParts,
  options: ShapefilePointOptions = {},
): IndexedPoint[] {
  options = optionsObject(options, 'readPointsFromShapefile', SHAPEFILE_POINT_KEYS);
  const where = options.source ?? 'shapefile';
  const { geojson } = readShapefile(parts, {
    crs: options.crs,
    encoding: options.encoding,
    source: where,
  });
  geojson.features.forEach((f, i) => {
    if (!f.geometry)
      throw new InputError('missing-geometry', `${where}: record ${i + 1} has a null shape`);
    f.properties = canonical(f.properties ?? {}, options);
  });
  return readPointsFromGeoJson(geojson as { type: 'FeatureCollection'; features: Feature[] }, {
    ...pickOptions(options, POINT_READ_KEYS),
    crs: undefined, // converted already
    source: where,
  });
}

function canonical(
  props: Record<string, unknown>,
  options: PointReadOptions,
): Record<string, unknown> {
  const out = { ...props };
  const given: Record<string, string | undefined> = {
    name: options.nameField,
    township: options.townshipField,
  };
  for (const [key, names] of Object.entries(PROPERTY_ALIASES)) {
    const field = given[key] ?? (key in props ? undefined : names.find((n) => n in props));
    if (field !== undefined && field in props) out[key] = props[field];
  }
  return out;
}
