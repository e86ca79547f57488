import { readFileSync } from 'node:fs';
import { InputError } from '../errors';
import {
  type PointReadOptions,
  readPointsFromCsv,
  readPointsFromGeoJson,
} from '../points/read-points';
import { sniffOsm } from '../inputs/osm/decode-osm';
import { OsmPointCollector, type OsmPointQuery } from '../points/osm-point-collector';
import type { IndexedPoint } from '../points/indexed-point';
import { assertFile, readHead } from './files';
import { readOsmFile } from './load-network';

/**
 * Villages or facilities from a GeoJSON or CSV file (GeoJSON when the content starts with `{`,
 * otherwise CSV with lon/lat columns).
 *
 * @param path - The file. Missing: `InputError` `file-not-found`; an OSM file: `InputError`
 *   `osm-needs-query` (use `readPointSource`).
 * @param options - Column and property names (`idField`, `categoryField`, `lonField`,
 *   `latField`); error messages name the file unless `source` says otherwise.
 *
 * @example
 * const villages = readPointsFile('villages.csv', { idField: 'code' });
 */
export function readPointsFile(path: string, options: PointReadOptions = {}): IndexedPoint[] {
  assertFile(path);
  if (sniffOsm(readHead(path, 64)))
    throw new InputError(
      'osm-needs-query',
      `${path} is an OSM file: read it with readPointSource(path, { osm: { places: true } }) or { osm: { facilities: [...] } }`,
    );
  const text = readFileSync(path, 'utf8');
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

/**
 * Villages or facilities from a GeoJSON, CSV or OSM file (PBF, XML, .osm.gz; sniffed from the
 * content). OSM files need `osm`: settlements (`{ places: true }`) or facilities by category or
 * tag filter (`{ facilities: ['health', 'amenity=school'] }`); see `OsmPointCollector`.
 * `warnings` lists what could not be read as asked (e.g. a population tag that is not a number).
 *
 * @param path - The file. Missing: `InputError` `file-not-found`.
 * @param options - For GeoJSON and CSV, the options of `readPointsFile`; for OSM, `osm` (the
 *   query; without it `InputError` `osm-needs-query`) and `onProgress(bytesRead, totalBytes)`.
 *
 * @example
 * const { points } = await readPointSource('andorra.osm.pbf', { osm: { facilities: ['health'] } });
 */
export async function readPointSource(
  path: string,
  options: PointReadOptions & {
    osm?: OsmPointQuery;
    onProgress?: (bytesRead: number, totalBytes: number) => void;
  } = {},
): Promise<{ points: IndexedPoint[]; warnings: string[] }> {
  assertFile(path);
  if (!sniffOsm(readHead(path, 64))) return { points: readPointsFile(path, options), warnings: [] };
  if (!options.osm)
    throw new InputError(
      'osm-needs-query',
      `${path} is an OSM file: say which objects to read (places, or facility categories)`,
    );
  const collector = new OsmPointCollector(options.osm);
  await readOsmFile(path, collector, { onProgress: options.onProgress });
  return collector.finish();
}
