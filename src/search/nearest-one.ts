import type { RoadNetwork } from '../network/road-network';
import {
  LEG_STRIDE,
  MAX_LEGS,
  type PlacedPoints,
  type PointLegTable,
  sameLinkWay,
} from './placed-points';

/** The nearest facility per village, as `nearestFacilities` returns it for k = 1. */
export interface NearestOne {
  facility: Int32Array;
  timeS: Float64Array;
  distanceM: Float64Array;
  /** 0 ok, 1 off-network, 2 unreachable, 3 outside (`SERVICE_STATUS`). */
  status: Uint8Array;
  entry: Uint8Array;
}

/**
 * What a finished multi-source search says at each village leg's node, slot by slot (parallel to
 * a `PointLegTable`): seconds (`Infinity` where not reached), the facility and metres.
 */
export interface LegLabels {
  timeS: Float64Array;
  source: Int32Array;
  /** Metres per slot, or null to ask `metresAt(node)` for the winning leg only. */
  distanceM: Float64Array | null;
  metresAt?: (node: number) => number;
}

/**
 * The per-village step of nearest facility (k = 1): for every village the best of its legs plus
 * the search's label at the leg's node, and of a facility on the same road piece, in one loop over
 * typed arrays (no objects, closures or map look-ups per village). Ties between equally near
 * facilities go to the lower index; of equal ways to one facility the first leg is kept.
 *
 * @param net - The network the points were placed on.
 * @param villages - Placed villages.
 * @param facilities - Placed facilities.
 * @param toFacility - Village → facility (`to`) or the reverse.
 * @param maxSeconds - Villages farther than this are `outside` (3), times kept.
 * @param table - The villages' legs (`pointLegTable(net, villages, toFacility)`).
 * @param at - The search's labels at those legs' nodes.
 * @returns One slot per village.
 *
 * @example
 * const r = combineNearest(net, villages, clinics, true, Infinity, table, labels);
 */
export function combineNearest(
  net: RoadNetwork,
  villages: PlacedPoints,
  facilities: PlacedPoints,
  toFacility: boolean,
  maxSeconds: number,
  table: PointLegTable,
  at: LegLabels,
): NearestOne {
  const nv = villages.snap.count;
  const nf = facilities.snap.count;
  const facility = new Int32Array(nv).fill(-1);
  const timeS = new Float64Array(nv).fill(Infinity);
  const distanceM = new Float64Array(nv).fill(Infinity);
  const status = new Uint8Array(nv);
  const entry = new Uint8Array(nv);
  const way = new Float64Array(3);
  const link = villages.snap.link;
  const mainLink = villages.snap.main.link;
  // Facilities by entry link as CSR arrays over the links facilities use.
  const linkFirst = new Int32Array(net.linkCount + 1);
  const fLinks = [facilities.snap.link, facilities.snap.main.link];
  for (const fl of fLinks) for (let f = 0; f < nf; f++) if (fl[f] >= 0) linkFirst[fl[f] + 1]++;
  for (let l = 0; l < net.linkCount; l++) linkFirst[l + 1] += linkFirst[l];
  const linkFacility = new Int32Array(linkFirst[net.linkCount]);
  const fill = linkFirst.slice(0, net.linkCount);
  for (const fl of fLinks)
    for (let f = 0; f < nf; f++) if (fl[f] >= 0) linkFacility[fill[fl[f]]++] = f;
  const { legs, count } = table;
  const { timeS: labelT, source: labelF, distanceM: labelM, metresAt } = at;
  for (let v = 0; v < nv; v++) {
    if (link[v] < 0) {
      status[v] = 1;
      continue;
    }
    let bt = Infinity;
    let bf = -1;
    let bm = Infinity;
    let be = 0;
    let bs = -1;
    for (let slot = MAX_LEGS * v, end = slot + count[v]; slot < end; slot++) {
      const t = legs[LEG_STRIDE * slot + 1] + labelT[slot];
      if (!(t < Infinity)) continue;
      const f = labelF[slot];
      if (t < bt || (t === bt && f < bf)) {
        bt = t;
        bf = f;
        bs = slot;
      }
    }
    if (bs >= 0) {
      const node = legs[LEG_STRIDE * bs];
      bm =
        legs[LEG_STRIDE * bs + 2] +
        (labelM ? labelM[bs] : (metresAt as (n: number) => number)(node));
      be = legs[LEG_STRIDE * bs + 3] >> 1;
    }
    for (let e = 0; e < 2; e++) {
      const l = e ? mainLink[v] : link[v];
      if (l < 0) continue;
      for (let j = linkFirst[l], end = linkFirst[l + 1]; j < end; j++) {
        const f = linkFacility[j];
        const t = toFacility
          ? sameLinkWay(net, villages, v, facilities, f, way)
          : sameLinkWay(net, facilities, f, villages, v, way);
        if (t < bt || (t === bt && t < Infinity && f < bf)) {
          bt = t;
          bf = f;
          bm = way[0];
          be = toFacility ? way[1] : way[2];
        }
      }
    }
    if (bf < 0) {
      status[v] = 2;
      continue;
    }
    facility[v] = bf;
    timeS[v] = bt;
    distanceM[v] = bm;
    entry[v] = be;
    status[v] = bt > maxSeconds ? 3 : 0;
  }
  return { facility, timeS, distanceM, status, entry };
}

/**
 * Empty `LegLabels` for a leg table of `points` points: with a metres array, or (given
 * `metresAt`) metres asked for the winning legs only.
 *
 * @param points - Number of points.
 * @param metresAt - Metres at a node, when cheaper asked once per village than stored per leg.
 *
 * @example
 * const at = newLegLabels(villages.snap.count);
 */
export function newLegLabels(points: number, metresAt?: (node: number) => number): LegLabels {
  return {
    timeS: new Float64Array(MAX_LEGS * points),
    source: new Int32Array(MAX_LEGS * points),
    distanceM: metresAt ? null : new Float64Array(MAX_LEGS * points),
    metresAt,
  };
}
