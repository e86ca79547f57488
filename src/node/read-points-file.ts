import { readFileSync } from 'node:fs';
import { InputError } from '../errors';
import { type PointReadOptions, readPointsFromCsv, readPointsFromGeoJson } from '../io/read-points';
import type { IndexedPoint } from '../spatial/point-index';
import { assertFile } from './files';

/**
 * Villages or facilities from a GeoJSON or CSV file (GeoJSON when the content starts with `{`,
 * otherwise CSV with lon/lat columns).
 *
 * @example
 * const villages = readPointsFile('villages.csv', { idField: 'code' });
 */
export function readPointsFile(path: string, options: PointReadOptions = {}): IndexedPoint[] {
  assertFile(path);
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
