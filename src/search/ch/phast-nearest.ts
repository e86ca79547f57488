import type { RoadNetwork } from '../../network/road-network';
import {
  LEG_STRIDE,
  MAX_LEGS,
  newLegs,
  type PlacedPoints,
  pointLegs,
  sameLinkWay,
} from '../placed-points';
import type { Direction } from '../search-engine';
import type { ContractionHierarchy } from './hierarchy';
import { Phast } from './phast';

/**
 * One sweep's state per hierarchy, reused: 25 bytes a node (25 MB on the 1M grid) allocated and
 * zeroed per call cost more than the sweep's own fills.
 */
const sweeps = new WeakMap<ContractionHierarchy, Phast>();

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
 * Nearest facility (k = 1) for every village with one PHAST sweep from all facilities at once,
 * then per village the best of its legs (and of a facility on the same link), read straight from
 * the sweep's arrays by rank: no per-node objects, no closures, nothing allocated per village.
 * Ties between equally near facilities go to the lower index.
 *
 * @param net - The network the points were placed on.
 * @param ch - Its hierarchy.
 * @param villages - Placed villages.
 * @param facilities - Placed facilities.
 * @param direction - `to`: village → facility; `from`: facility → village.
 * @param maxSeconds - Villages farther than this are `outside` (3), times kept.
 * @returns One slot per village.
 *
 * @example
 * const r = phastNearest(net, hierarchyFor(net), villages, clinics, 'to', Infinity);
 */
export function phastNearest(
  net: RoadNetwork,
  ch: ContractionHierarchy,
  villages: PlacedPoints,
  facilities: PlacedPoints,
  direction: Direction,
  maxSeconds: number,
): NearestOne {
  const nv = villages.snap.count;
  const nf = facilities.snap.count;
  const toFacility = direction === 'to';
  const legs = newLegs();
  // Facilities seed the sweep; `to` runs it backwards from them.
  const seedNode = new Int32Array(MAX_LEGS * nf);
  const seedTime = new Float64Array(MAX_LEGS * nf);
  const seedSource = new Int32Array(MAX_LEGS * nf);
  const seedMetres = new Float64Array(MAX_LEGS * nf);
  let k = 0;
  for (let f = 0; f < nf; f++) {
    const c = pointLegs(net, facilities, f, !toFacility, legs);
    for (let j = 0; j < c; j++) {
      seedNode[k] = legs[LEG_STRIDE * j];
      seedTime[k] = legs[LEG_STRIDE * j + 1];
      seedMetres[k] = legs[LEG_STRIDE * j + 2];
      seedSource[k++] = f;
    }
  }
  let phast = sweeps.get(ch);
  if (!phast) {
    phast = new Phast(ch);
    sweeps.set(ch, phast);
  }
  phast.runSeeds(seedNode, seedTime, seedSource, seedMetres, k, direction);
  const { time, source, metres } = phast;
  const internal = ch.internal;

  const facility = new Int32Array(nv).fill(-1);
  const timeS = new Float64Array(nv).fill(Infinity);
  const distanceM = new Float64Array(nv).fill(Infinity);
  const status = new Uint8Array(nv);
  const entry = new Uint8Array(nv);
  const way = new Float64Array(3);
  const link = villages.snap.link;
  const mainLink = villages.snap.main.link;
  // Facilities by entry link as CSR arrays: a Map lookup per village cost more than its legs.
  const linkFirst = new Int32Array(net.linkCount + 1);
  const fLinks = [facilities.snap.link, facilities.snap.main.link];
  for (const fl of fLinks) for (let f = 0; f < nf; f++) if (fl[f] >= 0) linkFirst[fl[f] + 1]++;
  for (let l = 0; l < net.linkCount; l++) linkFirst[l + 1] += linkFirst[l];
  const linkFacility = new Int32Array(linkFirst[net.linkCount]);
  const fill = linkFirst.slice(0, net.linkCount);
  for (const fl of fLinks)
    for (let f = 0; f < nf; f++) if (fl[f] >= 0) linkFacility[fill[fl[f]]++] = f;
  for (let v = 0; v < nv; v++) {
    if (link[v] < 0) {
      status[v] = 1;
      continue;
    }
    let bt = Infinity;
    let bf = -1;
    let bm = Infinity;
    let be = 0;
    const n = pointLegs(net, villages, v, toFacility, legs);
    for (let e = 0; e < n; e++) {
      const i = internal[legs[LEG_STRIDE * e]];
      const t = legs[LEG_STRIDE * e + 1] + time[i];
      if (!(t < Infinity)) continue;
      const f = source[i];
      if (t < bt || (t === bt && f < bf)) {
        bt = t;
        bf = f;
        bm = legs[LEG_STRIDE * e + 2] + metres[i];
        be = legs[LEG_STRIDE * e + 3] >> 1;
      }
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
