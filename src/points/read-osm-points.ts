import { decodeOsm } from '../inputs/osm/decode-osm';
import type { IndexedPoint } from './indexed-point';
import { checkOsmPointQuery, OsmPointCollector, type OsmPointQuery } from './osm-point-collector';
import type { OsmPointWarning } from './osm-point-warning';

/** Points read from OSM data, and what could not be read as asked (never dropped silently). */
export interface OsmPointsRead {
  points: IndexedPoint[];
  /** E.g. a `population` tag that is not a number, naming the place and the value. */
  warnings: string[];
  /** The same warnings as data (`OsmPointWarning`), to word them in another language; absent
   * for files that are no OSM. */
  warningDetails?: OsmPointWarning[];
}

/**
 * Villages or facilities from OSM data held in memory (PBF, XML or gzipped XML, sniffed from the
 * bytes): settlements (`{ places: true }`) or facilities by category or tag filter. Nodes keep
 * their position; buildings and areas (ways, multipolygon relations) become a point on them. Each
 * point keeps `id` = `node/…`, `way/…` or `relation/…` and its tags. Browser-safe; in Node, `readPointsFile` streams a file from disk.
 *
 * @param bytes - The OSM file's content.
 * @param query - `{ places: true }` (optionally `placeTypes`) or `{ facilities: ['health', 'amenity=school'] }`.
 * @returns The points and the warnings.
 * @example
 * const bytes = new Uint8Array(await (await fetch('county.osm.pbf')).arrayBuffer());
 * const { points: clinics } = readPointsFromOsm(bytes, { facilities: ['health'] });
 */
export function readPointsFromOsm(bytes: Uint8Array, query: OsmPointQuery): OsmPointsRead {
  checkOsmPointQuery(query, 'readPointsFromOsm: query');
  const collector = new OsmPointCollector(query);
  decodeOsm(bytes, collector);
  if (collector.needsMemberPass) decodeOsm(bytes, collector.memberPass());
  return collector.finish();
}
