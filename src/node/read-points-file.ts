import { InputError } from '../errors';
import { sniffOsm } from '../inputs/osm/decode-osm';
import type { IndexedPoint } from '../points/indexed-point';
import { OsmPointCollector, type OsmPointQuery } from '../points/osm-point-collector';
import type { OsmPointsRead } from '../points/read-osm-points';
import {
  type PointReadOptions,
  readPointsFromCsv,
  readPointsFromGeoJson,
} from '../points/read-points';
import { assertFile, gzippedTextStart, readHead, readTextFile } from './files';
import { readOsmFile } from './load-network';

/** Options of `readPointsFile`. */
export interface PointsFileOptions extends PointReadOptions {
  /** For OSM files (required there): settlements or facilities by category or tag filter. */
  osm?: OsmPointQuery;
  /** Called as an OSM file streams in (bytes read so far, file size). */
  onProgress?: (bytesRead: number, totalBytes: number) => void;
}

/**
 * Villages or facilities from a GeoJSON, CSV or OSM file (PBF, XML, `.osm.gz`), the format
 * sniffed from the content, never from the name: GeoJSON when it starts with `{`, OSM by its
 * magic bytes, otherwise CSV with lon/lat columns; GeoJSON and CSV may be gzipped. OSM files need `osm`: settlements
 * (`{ places: true }`) or facilities by category or tag filter
 * (`{ facilities: ['health', 'amenity=school'] }`); buildings and areas become a point on them.
 *
 * @param path - The file. Missing: `InputError` `file-not-found`; an OSM file without `osm`:
 *   `InputError` `osm-needs-query`.
 * @param options - Column and property names for GeoJSON and CSV (`idField`, `categoryField`,
 *   `lonField`, `latField`); `osm` for OSM files; `onProgress` while an OSM file streams in.
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
  assertFile(path);
  const osm = sniffOsm(readHead(path, 64));
  // A gzipped GeoJSON or CSV file also starts with the gzip magic: look inside before calling it OSM.
  if (!osm || (osm === 'xml.gz' && !gzippedTextStart(path).startsWith('<')))
    return { points: readPointsText(path, options), warnings: [] };
  if (!options.osm)
    throw new InputError(
      'osm-needs-query',
      `${path} is an OSM file: say which objects to read, { osm: { places: true } } or { osm: { facilities: [...] } } (on the command line: the standard's categories or --category)`,
    );
  const collector = new OsmPointCollector(options.osm);
  await readOsmFile(path, collector, { onProgress: options.onProgress });
  return collector.finish();
}

/** A GeoJSON or CSV file's points; the caller has checked it is no OSM file. */
function readPointsText(path: string, options: PointReadOptions): IndexedPoint[] {
  const text = readTextFile(path);
  const opts = { source: path, ...options };
  if (text.trimStart().startsWith('{')) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      throw new InputError('invalid-json', `${path}: invalid JSON: ${(e as Error).message}`);
    }
    return readPointsFromGeoJson(json, opts);
  }
  return readPointsFromCsv(text, opts);
}
