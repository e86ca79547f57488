import { InputError } from '../errors';
import { optionsObject } from '../geo/check-args';
import type { OptionKeys } from '../geo/option-keys';
import { sniffOsm } from '../inputs/osm/decode-osm';
import type { IndexedPoint } from '../points/indexed-point';
import {
  checkOsmPointQuery,
  OsmPointCollector,
  type OsmPointQuery,
} from '../points/osm-point-collector';
import type { OsmPointsRead } from '../points/read-osm-points';
import {
  POINT_READ_KEYS,
  type PointReadOptions,
  readPointsFromCsv,
  readPointsFromGeoJson,
} from '../points/read-points';
import { readPointsFromShapefile } from '../points/read-points-shapefile';
import { readPointsFromXlsx } from '../points/read-points-xlsx';
import { decodeText } from '../inputs/text-encoding';
import { assertFile, gzippedTextStart, readFileBytes, readHead } from './files';
import { readOsmFile } from './load-network';
import { shapefileParts, sniffBinaryTable } from './read-shapefile-file';

/** Options of `readPointsFile`. */
export interface PointsFileOptions extends PointReadOptions {
  /** For OSM files (required there): settlements or facilities by category or tag filter. */
  osm?: OsmPointQuery;
  /** Called as an OSM file streams in (bytes read so far, file size). */
  onProgress?: (bytesRead: number, totalBytes: number) => void;
  /**
   * Text encoding of a CSV/TSV/GeoJSON file or a shapefile's `.dbf` (`gbk`, `gb18030`,
   * `utf-8`…); without it a UTF-8 file is read as UTF-8 and anything else as GB18030 (GBK).
   */
  encoding?: string;
  /** The sheet of an `.xlsx` workbook (name or 1-based number; default the first). */
  sheet?: string | number;
  /** The shapefile inside a zip holding several (its base name). */
  layer?: string;
}

/** The keys of `PointsFileOptions`, for the unknown-key check. */
const POINTS_FILE_KEYS = {
  osm: true,
  onProgress: true,
  encoding: true,
  sheet: true,
  layer: true,
  ...POINT_READ_KEYS,
} satisfies OptionKeys<PointsFileOptions>;

/**
 * Villages or facilities from a GeoJSON, CSV/TSV, Excel `.xlsx`, shapefile (`.shp` with its
 * `.dbf`/`.prj`/`.cpg` siblings, or a `.zip` bundle) or OSM file (PBF, XML, `.osm.gz`), the
 * format sniffed from the content, never from the name: OSM by its magic bytes, a shapefile by
 * its file code, a zip holding `xl/workbook.xml` as a workbook, GeoJSON when the text starts with
 * `{`, otherwise CSV/TSV with lon/lat (or 经度/纬度) columns; GeoJSON and CSV may be gzipped.
 * Text in GBK/GB18030 is detected (or say `encoding`); coordinates in another CRS are converted
 * with `crs` (a shapefile's `.prj` is read by itself). OSM files need `osm`: settlements
 * (`{ places: true }`) or facilities by category or tag filter
 * (`{ facilities: ['health', 'amenity=school'] }`); buildings and areas (ways, multipolygon
 * relations) become a point on them.
 *
 * @param path - The file. Missing: `InputError` `file-not-found`; an OSM file without `osm`:
 *   `InputError` `osm-needs-query`.
 * @param options - Column and property names (`idField`, `categoryField`, `lonField`,
 *   `latField`, `nameField`, `townshipField`), `crs`, `encoding`, `sheet` (.xlsx), `layer`
 *   (zip); `osm` for OSM files; `onProgress` while an OSM file streams in.
 * @returns The points, and what could not be read as asked (e.g. a `population` tag that is not
 *   a number, naming the place) — empty for GeoJSON and CSV, whose problems are errors.
 * @example
 * const { points: villages } = await readPointsFile('data/county/villages.geojson');
 * const { points: clinics, warnings } = await readPointsFile('andorra.osm.pbf', {
 *   osm: { facilities: ['health'] },
 * });
 */
export async function readPointsFile(
  path: string,
  options: PointsFileOptions = {},
): Promise<OsmPointsRead> {
  options = optionsObject(options, 'readPointsFile', POINTS_FILE_KEYS);
  if (options.osm !== undefined) checkOsmPointQuery(options.osm, 'readPointsFile: osm');
  assertFile(path);
  const osm = sniffOsm(readHead(path, 64));
  // A gzipped GeoJSON or CSV file also starts with the gzip magic: look inside before calling it OSM.
  if (!osm || (osm === 'xml.gz' && !gzippedTextStart(path).startsWith('<')))
    return { points: readPointsNonOsm(path, options), warnings: [] };
  if (!options.osm)
    throw new InputError(
      'osm-needs-query',
      `${path} is an OSM file: say which objects to read, { osm: { places: true } } or { osm: { facilities: [...] } } (on the command line: the standard's categories or --category)`,
    );
  const collector = new OsmPointCollector(options.osm);
  await readOsmFile(path, collector, { onProgress: options.onProgress });
  // Relations come after their ways: read those ways in a second pass when one matched.
  if (collector.needsMemberPass)
    await readOsmFile(path, collector.memberPass(), { onProgress: options.onProgress });
  return collector.finish();
}

/** A GeoJSON, CSV/TSV, .xlsx or shapefile's points; the caller has checked it is no OSM file. */
function readPointsNonOsm(path: string, options: PointsFileOptions): IndexedPoint[] {
  const bytes = readFileBytes(path);
  const { osm: _osm, onProgress: _p, encoding, sheet, layer, ...read } = options;
  const opts: PointReadOptions = { source: path, ...read };
  const binary = sniffBinaryTable(bytes, path);
  if (binary === 'xlsx') return readPointsFromXlsx(bytes, { ...opts, sheet });
  if (binary)
    return readPointsFromShapefile(shapefileParts(path, bytes, layer), { ...opts, encoding });
  const { text } = decodeText(bytes, encoding, path);
  if (text.trimStart().startsWith('{')) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      throw new InputError('invalid-json', `${path}: invalid JSON: ${(e as Error).message}`, {
        zh: `${path}：不是有效的 JSON（${(e as Error).message}）`,
      });
    }
    return readPointsFromGeoJson(json, opts);
  }
  return readPointsFromCsv(text, opts);
}
