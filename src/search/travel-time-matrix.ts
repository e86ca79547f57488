import { optionsObject } from '../geo/check-args';
import { type OptionKeys, pickOptions } from '../geo/option-keys';
import { InputError } from '../errors';
import type { RoadNetwork } from '../network/road-network';
import { SNAP_KEYS, type SnapOptions } from '../spatial/snap';
import {
  asPlaced,
  type PlacedPoints,
  LEG_STRIDE,
  MAX_LEGS,
  newLegs,
  pointLegs,
  pointSeeds,
  pointsByEntryLink,
  type Seed,
  sameLinkTime,
} from './placed-points';
import { legList } from './ch/leg-list';
import { manyToMany } from './ch/many-to-many';
import { preparedHierarchy } from './ch/network-hierarchy';
import { SearchEngine } from './search-engine';

/** Options of `travelTimeMatrix`. */
export interface MatrixOptions extends SnapOptions {
  /** Pairs farther apart than this are `Infinity` (each search stops there: much faster). */
  maxSeconds?: number;
  /**
   * Use the network's contraction hierarchy when it has one (`hierarchyFor`): bucket-based
   * many-to-many instead of one Dijkstra per origin, same times. Default true.
   */
  hierarchy?: boolean;
}

/** The keys of `MatrixOptions`, for the unknown-key check. */
export const MATRIX_KEYS = {
  maxSeconds: true,
  hierarchy: true,
  ...SNAP_KEYS,
} satisfies OptionKeys<MatrixOptions>;

/**
 * Travel times from every origin to every destination (row-major `origins × destinations`,
 * `Infinity` where unreachable, off-network or beyond `maxSeconds`), one search per origin with
 * the search state reused. Origins and destinations may be coordinates or points already placed
 * with `placePoints` (snapped once, reused across calls).
 *
 * @param net - The road network.
 * @param originCoords - Origins as `[lon0, lat0, lon1, lat1, …]` in degrees, or placed points;
 *   an off-network origin's row is all `Infinity`.
 * @param destinationCoords - Destinations, likewise; an off-network destination's column is all
 *   `Infinity`.
 * @param options - `maxSeconds` (seconds, default no limit; must be ≥ 0) and `maxSnapDistanceM`
 *   (metres, default 1000).
 * @returns The matrix's shape and `timeS[o * destinations + d]` in seconds. For large matrices
 *   in Node, `SearchPool.travelTimeMatrix` spreads the rows over worker threads.
 *
 * @example
 * const m = travelTimeMatrix(net, villageCoords, clinicCoords, { maxSeconds: 3600 });
 * m.timeS[v * m.destinations + f];
 */
export function travelTimeMatrix(
  net: RoadNetwork,
  originCoords: ArrayLike<number> | PlacedPoints,
  destinationCoords: ArrayLike<number> | PlacedPoints,
  options: MatrixOptions = {},
): { origins: number; destinations: number; timeS: Float64Array } {
  options = optionsObject(options, 'travelTimeMatrix', MATRIX_KEYS);
  const max = options.maxSeconds ?? Infinity;
  if (!(max >= 0))
    throw new InputError('invalid-option', `maxSeconds must be ≥ 0, got ${options.maxSeconds}`);
  const snap = pickOptions(options, SNAP_KEYS);
  const from = asPlaced(net, originCoords, snap);
  const to = asPlaced(net, destinationCoords, snap);
  const no = from.snap.count;
  const nd = to.snap.count;
  const ch = (options.hierarchy ?? true) && no > 0 && nd > 0 ? preparedHierarchy(net) : null;
  if (ch) {
    const timeS = manyToMany(ch, legList(net, from, true), legList(net, to, false), max);
    sameLinkAndCut(from, to, timeS, max);
    return { origins: no, destinations: nd, timeS };
  }
  const timeS = new Float64Array(no * nd).fill(Infinity);
  // Each destination's ways in from its links' ends, worked out once for every origin.
  const legNode = new Int32Array(MAX_LEGS * nd).fill(-1);
  const legS = new Float64Array(MAX_LEGS * nd);
  const legs = newLegs();
  for (let d = 0; d < nd; d++) {
    const n = pointLegs(net, to, d, false, legs);
    for (let j = 0; j < n; j++) {
      legNode[MAX_LEGS * d + j] = legs[LEG_STRIDE * j];
      legS[MAX_LEGS * d + j] = legs[LEG_STRIDE * j + 1];
    }
  }
  const onLink = pointsByEntryLink(to);
  const engine = new SearchEngine(net);
  const seeds: Seed[] = [];
  for (let o = 0; o < no; o++) {
    if (from.snap.link[o] < 0) continue;
    seeds.length = 0;
    pointSeeds(net, from, o, 'from', 0, seeds);
    engine.run(seeds, { maxSeconds: max });
    const row = o * nd;
    for (let d = 0; d < nd; d++) {
      let t = Infinity;
      for (let k = MAX_LEGS * d; k < MAX_LEGS * (d + 1); k++)
        if (legNode[k] >= 0) t = Math.min(t, engine.timeS(legNode[k]) + legS[k]);
      if (t <= max) timeS[row + d] = t;
    }
    // Travel along a shared link without passing a node, through any pair of entries.
    for (let e = 0; e < 2; e++)
      for (const d of onLink.get(e ? from.snap.main.link[o] : from.snap.link[o]) ?? []) {
        const t = sameLinkTime(from, o, to, d);
        if (t <= max && t < timeS[row + d]) timeS[row + d] = t;
      }
  }
  return { origins: no, destinations: nd, timeS };
}

/** The same-link shortcut for every pair on a shared link, then `Infinity` beyond `max`. */
function sameLinkAndCut(from: PlacedPoints, to: PlacedPoints, timeS: Float64Array, max: number) {
  const no = from.snap.count;
  const nd = to.snap.count;
  const onLink = pointsByEntryLink(to);
  for (let o = 0; o < no; o++) {
    if (from.snap.link[o] < 0) continue;
    const row = o * nd;
    for (let e = 0; e < 2; e++) {
      const l = e ? from.snap.main.link[o] : from.snap.link[o];
      if (l < 0) continue;
      for (const d of onLink.get(l) ?? []) {
        const t = sameLinkTime(from, o, to, d);
        if (t < timeS[row + d]) timeS[row + d] = t;
      }
    }
  }
  for (let i = 0; i < timeS.length; i++) if (timeS[i] > max) timeS[i] = Infinity;
}
