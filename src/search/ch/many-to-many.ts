import { BucketTable, type LegList } from './bucket-table';
import type { ContractionHierarchy } from './hierarchy';

/**
 * Times from every origin to every destination on a contraction hierarchy with buckets
 * (`BucketTable`): one backward upward search per destination, one forward upward search per
 * origin, so the cost grows with origins + destinations and the bucket entries read, not with
 * origins × network.
 *
 * @param ch - The hierarchy.
 * @param origins - Origins' legs into the network.
 * @param destinations - Destinations' legs out of it.
 * @param max - Searches stop at this many seconds; sums above it may remain (callers cut them).
 * @returns Row-major `origins × destinations` seconds, `Infinity` where no meeting node was found.
 *
 * @example
 * const t = manyToMany(ch, originLegs, destinationLegs, Infinity);
 * t[o * destinationCount + d];
 */
export function manyToMany(
  ch: ContractionHierarchy,
  origins: LegList,
  destinations: LegList,
  max: number,
): Float64Array {
  const no = origins.start.length - 1;
  const nd = destinations.start.length - 1;
  const table = new BucketTable(ch, destinations, false, max);
  const out = new Float64Array(no * nd).fill(Infinity);
  const touched = new Int32Array(nd);
  for (let o = 0; o < no; o++) table.scan(origins, o, out.subarray(o * nd, (o + 1) * nd), touched);
  return out;
}
