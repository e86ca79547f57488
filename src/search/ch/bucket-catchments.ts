import type { RoadNetwork } from '../../network/road-network';
import { type PlacedPoints, pointsByEntryLink, sameLinkTime } from '../placed-points';
import type { Direction } from '../search-engine';
import { BucketTable } from './bucket-table';
import type { ContractionHierarchy } from './hierarchy';
import { legList } from './leg-list';

/** Compressed rows: site `s` reaches `village[start[s]] … village[start[s + 1] - 1]` (ascending). */
export interface CatchmentRows {
  start: Int32Array;
  village: Int32Array;
  timeS: Float64Array;
}

/**
 * The villages within `max` seconds of every site, on a contraction hierarchy: the villages' upward
 * searches fill buckets once, then each site runs one upward search and reads the buckets it meets
 * (the many-to-many of `BucketTable`), so a site costs its search space and the bucket entries
 * there rather than a Dijkstra over its whole catchment. Same rows as the plain catchments, the
 * same-link shortcut included.
 *
 * @param net - The network the points were placed on.
 * @param ch - Its hierarchy.
 * @param villages - Placed villages.
 * @param sites - Placed sites.
 * @param direction - `to`: village → site; `from`: site → village.
 * @param max - The threshold, seconds.
 * @returns Rows per site, villages ascending, with their seconds.
 *
 * @example
 * const rows = bucketCatchments(net, hierarchyFor(net), villages, sites, 'to', 5400);
 */
export function bucketCatchments(
  net: RoadNetwork,
  ch: ContractionHierarchy,
  villages: PlacedPoints,
  sites: PlacedPoints,
  direction: Direction,
  max: number,
): CatchmentRows {
  const nv = villages.snap.count;
  const ns = sites.snap.count;
  const toSite = direction === 'to';
  // `to`: buckets hold village → node times (villages' legs leave them, searched forward).
  const table = new BucketTable(ch, legList(net, villages, toSite), toSite, max);
  const siteLegs = legList(net, sites, !toSite);
  const onLink = pointsByEntryLink(villages);
  const best = new Float64Array(nv).fill(Infinity);
  const touched = new Int32Array(nv);
  const start = new Int32Array(ns + 1);
  let outVillage = new Int32Array(1 << 16);
  let outTime = new Float64Array(1 << 16);
  let size = 0;
  for (let s = 0; s < ns; s++) {
    start[s] = size;
    if (sites.snap.link[s] < 0) continue;
    let c = table.scan(siteLegs, s, best, touched);
    for (let e = 0; e < 2; e++) {
      const l = e ? sites.snap.main.link[s] : sites.snap.link[s];
      if (l < 0) continue;
      for (const v of onLink.get(l) ?? []) {
        const t = toSite
          ? sameLinkTime(villages, v, sites, s)
          : sameLinkTime(sites, s, villages, v);
        if (!(t < best[v])) continue;
        if (best[v] === Infinity) touched[c++] = v;
        best[v] = t;
      }
    }
    // Villages in ascending order: a pass over all of them beats sorting a row that holds more than
    // about one in twelve (90-minute catchments reach a third of the county).
    let row: Int32Array;
    if (c * 12 > nv) {
      let w = 0;
      for (let v = 0; v < nv; v++) if (best[v] < Infinity) touched[w++] = v;
      row = touched.subarray(0, w);
    } else row = touched.subarray(0, c).sort();
    if (size + c > outVillage.length) {
      const cap = Math.max(2 * outVillage.length, size + c);
      const a = new Int32Array(cap);
      a.set(outVillage.subarray(0, size));
      outVillage = a;
      const b = new Float64Array(cap);
      b.set(outTime.subarray(0, size));
      outTime = b;
    }
    for (let i = 0; i < row.length; i++) {
      const v = row[i];
      const t = best[v];
      if (t <= max) {
        outVillage[size] = v;
        outTime[size++] = t;
      }
      best[v] = Infinity;
    }
  }
  start[ns] = size;
  return { start, village: outVillage.slice(0, size), timeS: outTime.slice(0, size) };
}
