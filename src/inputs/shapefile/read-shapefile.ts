import { unzipSync } from 'fflate';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { FormatError, InputError } from '../../errors';
import { type Crs, type CrsSpec, resolveCrs } from '../../geo/crs/crs';
import { toWgs84GeoJson } from '../../geo/crs/reproject-geojson';
import { optionsObject } from '../../geo/check-args';
import type { OptionKeys } from '../../geo/option-keys';
import { cpgEncoding, readDbf } from './dbf';
import { readShpGeometries } from './shp-geometry';

/** The files of one shapefile: `.shp` is required, the others are used when present. */
export interface ShapefileParts {
  shp: Uint8Array;
  dbf?: Uint8Array;
  /** The `.prj` text (WKT): picks the CRS unless `crs` is given. */
  prj?: string;
  /** The `.cpg` text (`UTF-8`, `GBK`, `936`…): picks the attribute encoding unless `encoding` is given. */
  cpg?: string;
}

/** Options of `readShapefile`. */
export interface ShapefileReadOptions {
  /** The CRS of the coordinates, overriding the `.prj` (without either: WGS84). */
  crs?: CrsSpec | Crs;
  /** The attribute text encoding, overriding the `.cpg` (without either: detected). */
  encoding?: string;
  /** The file's name, for messages. */
  source?: string;
}

/** The options of `shapefileFromZip`. */
interface ShapefileZipOptions {
  layer?: string;
  source?: string;
}

// The keys of each options type, for the unknown-key check.
const SHAPEFILE_READ_KEYS = {
  crs: true,
  encoding: true,
  source: true,
} satisfies OptionKeys<ShapefileReadOptions>;
const SHAPEFILE_ZIP_KEYS = { layer: true, source: true } satisfies OptionKeys<ShapefileZipOptions>;

/** A shapefile read into GeoJSON, with what was used to read it. */
export interface ShapefileRead {
  /** Features in record order, coordinates converted to WGS84 `[lon, lat]`. */
  geojson: FeatureCollection<Geometry | null>;
  /** The CRS the coordinates were converted from (`wgs84` when neither `.prj` nor `crs` said). */
  crs: string;
  /** The encoding the attributes were decoded with. */
  encoding: string;
}

/**
 * A shapefile (`.shp` geometry, `.dbf` attributes, `.prj` CRS, `.cpg` encoding) as a GeoJSON
 * FeatureCollection in WGS84. The `.prj` WKT is read with proj4 (CGCS2000 Gauss–Krüger zones
 * named the ArcGIS way are recognised by name), and GBK attribute tables are decoded when the
 * `.cpg` or the table's language byte says so or the bytes are not UTF-8.
 *
 * @param parts - The files' contents.
 * @param options - `crs` and `encoding` to override the `.prj` and `.cpg`; `source` for messages.
 * @returns The features (properties from the `.dbf`, `{}` without one), the CRS and the
 *   encoding used. A `.dbf` with another record count than the `.shp` throws `FormatError`.
 * @example
 * const { geojson, crs } = readShapefile({ shp, dbf, prj: readFileSync('v.prj', 'utf8') });
 */
export function readShapefile(
  parts: ShapefileParts,
  options: ShapefileReadOptions = {},
): ShapefileRead {
  options = optionsObject(options, 'readShapefile', SHAPEFILE_READ_KEYS);
  const where = options.source ?? 'shapefile';
  const geometries = readShpGeometries(parts.shp, where);
  const encoding = options.encoding ?? (parts.cpg ? cpgEncoding(parts.cpg) : undefined);
  const table = parts.dbf ? readDbf(parts.dbf, encoding, `${where} (.dbf)`) : undefined;
  if (table && table.records.length !== geometries.length)
    throw new FormatError(
      'invalid-shapefile',
      `${where}: the .dbf has ${table.records.length} records and the .shp ${geometries.length}`,
    );
  const crs = resolveCrs(
    options.crs ?? parts.prj?.trim() ?? undefined,
    options.crs ? `${where} crs` : `${where} (.prj)`,
  );
  const features: Feature<Geometry | null>[] = geometries.map((geometry, i) => ({
    type: 'Feature',
    properties: table ? table.records[i] : {},
    geometry,
  }));
  const geojson = toWgs84GeoJson<FeatureCollection<Geometry | null>>(
    { type: 'FeatureCollection', features },
    crs,
  );
  return { geojson, crs: crs.name, encoding: table?.encoding ?? 'none' };
}

/**
 * The parts of a shapefile inside a zip bundle, as ArcGIS and most portals hand them out.
 *
 * @param bytes - The `.zip` file.
 * @param options - `layer`: which `.shp` (its base name) when the zip holds several; `source` for messages.
 * @returns The parts (names matched case-insensitively, folders inside the zip allowed). No
 *   `.shp`, or several without `layer`, throws `InputError` listing them.
 * @example
 * const parts = shapefileFromZip(readFileSync('villages.zip'));
 */
export function shapefileFromZip(
  bytes: Uint8Array,
  options: ShapefileZipOptions = {},
): ShapefileParts {
  options = optionsObject(options, 'shapefileFromZip', SHAPEFILE_ZIP_KEYS);
  const where = options.source ?? 'zip';
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch (e) {
    throw new FormatError('invalid-zip', `${where}: not a readable zip (${(e as Error).message})`);
  }
  const names = Object.keys(files).filter((n) => !n.startsWith('__MACOSX/'));
  const shps = names.filter((n) => n.toLowerCase().endsWith('.shp'));
  const base = (n: string) => n.slice(0, -4);
  const pick = options.layer
    ? shps.filter((n) => base(n).split('/').pop()?.toLowerCase() === options.layer?.toLowerCase())
    : shps;
  if (pick.length !== 1)
    throw new InputError(
      'shapefile-layer',
      shps.length === 0
        ? `${where}: no .shp file inside (files: ${names.join(', ')})`
        : `${where}: ${pick.length === 0 ? `no layer ${JSON.stringify(options.layer)}` : 'several layers'}; choose one of ${shps.map((n) => base(n)).join(', ')}`,
    );
  const stem = base(pick[0]).toLowerCase();
  const sibling = (ext: string) => {
    const n = names.find((x) => x.toLowerCase() === `${stem}.${ext}`);
    return n ? files[n] : undefined;
  };
  const text = (b: Uint8Array | undefined) => (b ? new TextDecoder().decode(b) : undefined);
  return {
    shp: files[pick[0]],
    dbf: sibling('dbf'),
    prj: text(sibling('prj')),
    cpg: text(sibling('cpg')),
  };
}
