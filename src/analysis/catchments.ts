import { checkObject } from '../geo/check-args';
import { checkOptionKeys, type OptionKeys, pickOptions } from '../geo/option-keys';
import { InputError } from '../errors';
import type { RoadNetwork } from '../network/road-network';
import {
  asPlaced,
  type PlacedPoints,
  LEG_STRIDE,
  newLegs,
  pointLegs,
  pointSeeds,
  pointsByEntryLink,
  type Seed,
  sameLinkTime,
} from '../search/placed-points';
import { bucketCatchments } from '../search/ch/bucket-catchments';
import { preparedHierarchy } from '../search/ch/network-hierarchy';
import { type Direction, SearchEngine } from '../search/search-engine';
import { SNAP_KEYS, type SnapOptions } from '../spatial/snap';

/**
 * Which villages each site reaches within a time, as compressed rows: site `s` covers villages
 * `village[start[s]] … village[start[s + 1] - 1]` (ascending) with times `timeS[…]`.
 */
export interface Catchments {
  /** Number of sites and of villages, as given. */
  sites: number;
  villages: number;
  /** Row offsets, length `sites + 1`: site `s`'s villages are `start[s] … start[s + 1] - 1`. */
  start: Int32Array;
  /** Village indices, ascending within each site's row. */
  village: Int32Array;
  /** Seconds between the site and that village (direction as asked). */
  timeS: Float64Array;
  /** The threshold the catchments were computed for, seconds. */
  maxSeconds: number;
}

/** Options of `catchments`. */
export interface CatchmentOptions extends SnapOptions {
  /** The service threshold: villages farther than this are outside a site's catchment. */
  maxSeconds: number;
  /** `to` (default): village → site, what residents travel; `from`: site → village (outreach). */
  direction?: Direction;
  /**
   * Use the network's contraction hierarchy when it has one (`hierarchyFor`): buckets instead of
   * one Dijkstra per site, same rows. Default true; false forces the plain searches.
   */
  hierarchy?: boolean;
}

/** The keys of `CatchmentOptions`, for the unknown-key check. */
export const CATCHMENT_KEYS = {
  maxSeconds: true,
  direction: true,
  hierarchy: true,
  ...SNAP_KEYS,
} satisfies OptionKeys<CatchmentOptions>;

/**
 * Catchments of candidate (or existing) sites: one bounded search per site, reusing one search
 * state, read back through an index from road nodes to the villages whose access legs touch them,
 * so each search costs only what it reaches. Exact like `travelTimeMatrix` (its oracle in tests)
 * but proportional to the catchments, not to villages × sites.
 *
 * @param net - The road network.
 * @param villageCoords - Villages as `[lon0, lat0, lon1, lat1, …]` in degrees, or placed points;
 *   an off-network village is in no catchment.
 * @param siteCoords - Candidate or existing sites, likewise; an off-network site has an empty row.
 * @param options - `maxSeconds` (required: the threshold, a finite number ≥ 0), `direction`
 *   (`'to'`, the default: village → site), `maxSnapDistanceM` (metres, default 1000).
 * @returns Compressed rows, one per site; the input to `maximalCovering`, `setCovering`,
 *   `pMedian`, `twoStepFca` and `supplyDemand`. In Node, `SearchPool.catchments` runs the sites
 *   on worker threads.
 *
 * @example
 * const c = catchments(net, villageCoords, candidateCoords, { maxSeconds: 15 * 60 });
 * for (let k = c.start[s]; k < c.start[s + 1]; k++) c.village[k], c.timeS[k];
 */
export function catchments(
  net: RoadNetwork,
  villageCoords: ArrayLike<number> | PlacedPoints,
  siteCoords: ArrayLike<number> | PlacedPoints,
  options: CatchmentOptions,
): Catchments {
  checkObject(options, 'catchments: options ({ maxSeconds })');
  checkOptionKeys(options, CATCHMENT_KEYS, 'catchments');
  const max = options.maxSeconds;
  if (!(max >= 0 && Number.isFinite(max)))
    throw new InputError('invalid-option', `maxSeconds must be a finite number ≥ 0, got ${max}`);
  const direction = options.direction ?? 'to';
  const snap = pickOptions(options, SNAP_KEYS);
  const V = asPlaced(net, villageCoords, snap);
  const S = asPlaced(net, siteCoords, snap);
  const nv = V.snap.count;
  const ns = S.snap.count;
  const ch = (options.hierarchy ?? true) ? preparedHierarchy(net) : null;
  if (ch) {
    const rows = bucketCatchments(net, ch, V, S, direction, max);
    return { sites: ns, villages: nv, ...rows, maxSeconds: max };
  }

  // Node → (village, seconds of its leg) lists. `to`: the village leaves towards the node.
  const legs = newLegs();
  const count = new Int32Array(net.nodeCount + 1);
  const legOf: [number, number, number][] = [];
  const onLink = pointsByEntryLink(V);
  for (let v = 0; v < nv; v++) {
    const n = pointLegs(net, V, v, direction === 'to', legs);
    for (let j = 0; j < n; j++) {
      legOf.push([legs[LEG_STRIDE * j], v, legs[LEG_STRIDE * j + 1]]);
      count[legs[LEG_STRIDE * j] + 1]++;
    }
  }
  for (let i = 0; i < net.nodeCount; i++) count[i + 1] += count[i];
  const legVillage = new Int32Array(legOf.length);
  const legSeconds = new Float64Array(legOf.length);
  const fill = count.slice(0, net.nodeCount);
  for (const [node, v, sec] of legOf) {
    const k = fill[node]++;
    legVillage[k] = v;
    legSeconds[k] = sec;
  }

  const engine = new SearchEngine(net);
  const best = new Float64Array(nv).fill(Infinity);
  const touched: number[] = [];
  const start = new Int32Array(ns + 1);
  // Growable typed arrays: 90-minute catchments of thousands of sites run to tens of millions of pairs.
  let outVillage = new Int32Array(1 << 16);
  let outTime = new Float64Array(1 << 16);
  let size = 0;
  const seeds: Seed[] = [];
  const offer = (v: number, t: number) => {
    if (!(t <= max)) return;
    if (best[v] === Infinity) touched.push(v);
    if (t < best[v]) best[v] = t;
  };
  for (let s = 0; s < ns; s++) {
    start[s] = size;
    if (S.snap.link[s] < 0) continue;
    seeds.length = 0;
    // A `to` search runs backwards from the site: node times are node → site.
    pointSeeds(net, S, s, direction, 0, seeds);
    engine.run(seeds, { direction, maxSeconds: max });
    for (const node of engine.reached()) {
      const t = engine.timeS(node);
      for (let k = count[node]; k < count[node + 1]; k++) offer(legVillage[k], t + legSeconds[k]);
    }
    // Along a shared link, through any pair of entries (a village met twice keeps its best).
    for (let e = 0; e < 2; e++)
      for (const v of onLink.get(e ? S.snap.main.link[s] : S.snap.link[s]) ?? [])
        offer(v, direction === 'to' ? sameLinkTime(V, v, S, s) : sameLinkTime(S, s, V, v));
    touched.sort((a, b) => a - b);
    if (size + touched.length > outVillage.length) {
      const cap = Math.max(2 * outVillage.length, size + touched.length);
      const nv2 = new Int32Array(cap);
      nv2.set(outVillage.subarray(0, size));
      outVillage = nv2;
      const nt2 = new Float64Array(cap);
      nt2.set(outTime.subarray(0, size));
      outTime = nt2;
    }
    for (const v of touched) {
      outVillage[size] = v;
      outTime[size++] = best[v];
      best[v] = Infinity;
    }
    touched.length = 0;
  }
  start[ns] = size;
  return {
    sites: ns,
    villages: nv,
    start,
    village: outVillage.slice(0, size),
    timeS: outTime.slice(0, size),
    maxSeconds: max,
  };
}

/**
 * Catchments of consecutive blocks of sites joined into one, as if computed in a single call:
 * the rows of the blocks one after another, offsets shifted. How a long run is cut into slices
 * (for progress, for a memory check, for a worker pool) and put back together.
 *
 * @param parts - Catchments of sites `0…a-1`, `a…b-1`, … in order, all over the same villages.
 * @param villages - Number of villages.
 * @param maxSeconds - The threshold they were computed for.
 * @returns One `Catchments` over every site of the parts.
 * @example
 * const all = joinCatchments([catchments(net, v, s1, o), catchments(net, v, s2, o)], nv, o.maxSeconds);
 */
export function joinCatchments(
  parts: readonly Catchments[],
  villages: number,
  maxSeconds: number,
): Catchments {
  let sites = 0;
  let pairs = 0;
  for (const p of parts) {
    sites += p.sites;
    pairs += p.village.length;
  }
  const start = new Int32Array(sites + 1);
  const village = new Int32Array(pairs);
  const timeS = new Float64Array(pairs);
  let site = 0;
  let offset = 0;
  for (const p of parts) {
    for (let s = 0; s < p.sites; s++) start[site + s] = offset + p.start[s];
    village.set(p.village, offset);
    timeS.set(p.timeS, offset);
    site += p.sites;
    offset += p.village.length;
  }
  start[sites] = offset;
  return { sites, villages, start, village, timeS, maxSeconds };
}

/**
 * Throws `InputError` `invalid-argument` unless `c` is a `Catchments` (from `catchments`), for
 * the analyses that take one from plain-JS callers.
 *
 * @param c - What the caller passed.
 * @param where - The function, for the message (`maximalCovering`).
 * @example
 * checkCatchments(c, 'twoStepFca');
 */
export function checkCatchments(c: unknown, where: string): void {
  const x = c as Partial<Catchments> | null;
  if (
    !x ||
    typeof x !== 'object' ||
    !Number.isInteger(x.villages) ||
    !Number.isInteger(x.sites) ||
    !x.start ||
    !x.village
  )
    throw new InputError(
      'invalid-argument',
      `${where}: the catchments must be what catchments(net, villages, sites, options) returns, got ${x === null ? 'null' : typeof x}`,
    );
}
