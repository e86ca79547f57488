import { InputError } from '../errors';
import type { RoadNetwork } from '../network/road-network';
import { SNAP_KEYS, type SnapOptions } from '../spatial/snap';
import { preparedHierarchy } from './ch/network-hierarchy';
import { phastNearest } from './ch/phast-nearest';
import { KLabelSearch } from './k-label-search';
import {
  asPlaced,
  type PlacedPoints,
  LEG_STRIDE,
  newLegs,
  pointLegs,
  pointSeeds,
  pointsByEntryLink,
  type Seed,
  sameLinkWay,
} from './placed-points';
import { combineNearest, type NodeLabels } from './nearest-one';
import { reachable } from './reachable';
import { type Direction, SearchEngine } from './search-engine';
import { optionsObject } from '../geo/check-args';
import { type OptionKeys, pickOptions } from '../geo/option-keys';

/** Why a village has (or lacks) a facility: index into `SERVICE_STATUS`. */
export const SERVICE_STATUS = ['ok', 'off-network', 'unreachable', 'outside'] as const;
export type ServiceStatus = (typeof SERVICE_STATUS)[number];

/** Options of `nearestFacilities`. */
export interface NearestFacilitiesOptions extends SnapOptions {
  /** Facilities per village (default 1, at most 255). */
  k?: number;
  /**
   * `to` (default): time from the village to the facility, what a villager travels;
   * `from`: from the facility to the village (outreach, ambulances). They differ on one-ways.
   */
  direction?: Direction;
  /** Villages whose nearest facility is farther than this get status `outside` (times still given). */
  maxSeconds?: number;
  /**
   * Stop the search at `maxSeconds` instead of timing every village: far faster when the threshold
   * covers a small part of the network (a 15-minute walk on a county's roads). Villages beyond it
   * keep status `outside` but their time is `Infinity`; `unreachable` is still told apart (by a
   * breadth-first sweep). Default false.
   */
  bounded?: boolean;
  /**
   * Use the network's contraction hierarchy when it has one (`hierarchyFor`) for k = 1 without
   * `bounded`: one PHAST sweep instead of Dijkstra, same times. Default true; false forces the
   * plain search.
   */
  hierarchy?: boolean;
}

/** The keys of `NearestFacilitiesOptions`, for the unknown-key check. */
export const NEAREST_FACILITIES_KEYS = {
  k: true,
  direction: true,
  maxSeconds: true,
  bounded: true,
  hierarchy: true,
  ...SNAP_KEYS,
} satisfies OptionKeys<NearestFacilitiesOptions>;

/** Results per village (row-major, `k` slots each; -1 / Infinity where fewer facilities are reachable). */
export interface NearestFacilitiesResult {
  k: number;
  facility: Int32Array;
  timeS: Float64Array;
  /** Metres travelled on that fastest path, off-road legs included. */
  distanceM: Float64Array;
  /** Index into `SERVICE_STATUS` per village: ok, off-network, unreachable, outside. */
  status: Uint8Array;
  /**
   * Per slot, the road the village entered the network by: 0 its nearest road (`villages.snap`),
   * 1 the nearest road of the main network (`villages.snap.main`), taken when the nearest is an
   * island or the way through the main network is faster. Its link and off-road metres are there.
   */
  entry: Uint8Array;
  villages: PlacedPoints;
  facilities: PlacedPoints;
}

/**
 * The k nearest facilities by travel time for every village, in one multi-source pass over the
 * network (k labels per node), exact on one-way networks in either direction. Villages and
 * facilities are snapped onto road segments; their off-road legs count at the profile's access
 * speed; a village and a facility on the same road piece may reach each other directly.
 * A village is `off-network` beyond the snap distance, `unreachable` when no facility can be
 * reached at all (another component, a one-way trap), `outside` when the nearest is farther than
 * `maxSeconds` — always reported, never dropped.
 *
 * Villages and facilities are `[lon, lat, …]` coordinates or points already placed on `net`
 * (`placePoints`), so a caller searching several facility sets snaps the villages once.
 *
 * @param net - The road network.
 * @param villageCoords - Villages as `[lon0, lat0, lon1, lat1, …]` in degrees, or placed points.
 * @param facilityCoords - Facilities, likewise. None at all: every on-network village is
 *   `unreachable`.
 * @param options - `k` facilities per village (default 1, at most 255), `direction` (`'to'`,
 *   the default: village → facility), `maxSeconds` (seconds; default no limit), `bounded` (stop
 *   the search at `maxSeconds`), `maxSnapDistanceM` (metres, default 1000).
 * @returns Row-major `k` slots per village, nearest first (ties to the lower facility index):
 *   `facility` -1 and `timeS` / `distanceM` `Infinity` in slots no facility fills, in every slot
 *   of an off-network or unreachable village, and past `maxSeconds` when `bounded`. A village whose
 *   nearest road is an island also enters by the nearest main-network road within the snap
 *   distance; `entry` says per slot which one the time went through.
 *
 * @example
 * const r = nearestFacilities(net, villageCoords, clinicCoords, { k: 1, maxSeconds: 15 * 60 });
 * r.facility[v], r.timeS[v], SERVICE_STATUS[r.status[v]];
 */
export function nearestFacilities(
  net: RoadNetwork,
  villageCoords: ArrayLike<number> | PlacedPoints,
  facilityCoords: ArrayLike<number> | PlacedPoints,
  options: NearestFacilitiesOptions = {},
): NearestFacilitiesResult {
  options = optionsObject(options, 'nearestFacilities', NEAREST_FACILITIES_KEYS);
  const k = options.k ?? 1;
  if (!(Number.isInteger(k) && k >= 1 && k <= 255))
    throw new InputError(
      'invalid-option',
      `k must be a whole number from 1 to 255, got ${options.k}`,
    );
  const direction = options.direction ?? 'to';
  const maxSeconds = options.maxSeconds ?? Infinity;
  if (!(maxSeconds >= 0))
    throw new InputError('invalid-option', `maxSeconds must be ≥ 0, got ${options.maxSeconds}`);
  const snap = pickOptions(options, SNAP_KEYS);
  const villages = asPlaced(net, villageCoords, snap);
  const facilities = asPlaced(net, facilityCoords, snap);
  const nv = villages.snap.count;
  const nf = facilities.snap.count;

  // Facilities start the search; `to` (village → facility) runs it backwards from them.
  const bounded = options.bounded ?? false;
  if (bounded && maxSeconds === Infinity)
    throw new InputError('invalid-option', 'bounded: true needs a finite maxSeconds');
  const ch = k === 1 && !bounded && (options.hierarchy ?? true) ? preparedHierarchy(net) : null;
  if (ch) {
    const one = phastNearest(net, ch, villages, facilities, direction, maxSeconds);
    return { k, ...one, villages, facilities };
  }
  const seeds: Seed[] = [];
  for (let f = 0; f < nf; f++)
    pointSeeds(net, facilities, f, direction === 'to' ? 'to' : 'from', f, seeds);
  if (k === 1 && !bounded) {
    // One decrease-key search, its labels read by the shared per-village step.
    const engine = new SearchEngine(net);
    engine.run(seeds, { direction });
    const toFacility = direction === 'to';
    const labels = engineLabels(engine, net);
    const one = combineNearest(net, villages, facilities, toFacility, maxSeconds, labels);
    return { k, ...one, villages, facilities };
  }
  const onLink = pointsByEntryLink(facilities);
  const search = labelSearch(
    net,
    Math.min(k, Math.max(1, nf)),
    seeds,
    direction,
    bounded ? maxSeconds : Infinity,
  );
  let reach: Uint8Array | null = null; // bounded runs only: which nodes have any path at all

  const facility = new Int32Array(nv * k).fill(-1);
  const timeS = new Float64Array(nv * k).fill(Infinity);
  const distanceM = new Float64Array(nv * k).fill(Infinity);
  const status = new Uint8Array(nv);
  const entry = new Uint8Array(nv * k);
  // Candidates of one village (a facility at most once, at its best time), in reused typed arrays:
  // a Map and sorted arrays per village cost more than the search itself on small networks.
  let candF = new Int32Array(2 * k + 8);
  let candT = new Float64Array(2 * k + 8);
  let candM = new Float64Array(2 * k + 8);
  let candE = new Uint8Array(2 * k + 8);
  let nc = 0;
  const offer = (f: number, t: number, m: number, e: number) => {
    if (!(t < Infinity)) return;
    for (let i = 0; i < nc; i++) {
      if (candF[i] !== f) continue;
      if (t < candT[i]) {
        candT[i] = t;
        candM[i] = m;
        candE[i] = e;
      }
      return;
    }
    if (nc === candF.length)
      [candF, candT, candM, candE] = [
        grow(candF, Int32Array),
        grow(candT, Float64Array),
        grow(candM, Float64Array),
        grow(candE, Uint8Array),
      ];
    candF[nc] = f;
    candT[nc] = t;
    candM[nc] = m;
    candE[nc++] = e;
  };
  const legs = newLegs();
  const way = new Float64Array(3);
  const none: number[] = [];
  for (let v = 0; v < nv; v++) {
    if (villages.snap.link[v] < 0) {
      status[v] = 1;
      continue;
    }
    nc = 0;
    // Through the ends of the village's links (every entry), with the labels found there.
    const n = pointLegs(net, villages, v, direction === 'to', legs);
    for (let e = 0; e < n; e++) {
      const node = legs[LEG_STRIDE * e];
      for (let j = 0, c = search.count(node); j < c; j++)
        offer(
          search.sourceAt(node, j),
          legs[LEG_STRIDE * e + 1] + search.timeAt(node, j),
          legs[LEG_STRIDE * e + 2] + search.distanceAt(node, j),
          legs[LEG_STRIDE * e + 3] >> 1,
        );
    }
    // Directly along a shared link, through any pair of entries (a facility met twice is offered
    // the same best time twice: harmless).
    for (let e = 0; e < 2; e++) {
      const l = e ? villages.snap.main.link[v] : villages.snap.link[v];
      if (l < 0) continue;
      for (const f of onLink.get(l) ?? none) {
        const t =
          direction === 'to'
            ? sameLinkWay(net, villages, v, facilities, f, way)
            : sameLinkWay(net, facilities, f, villages, v, way);
        offer(f, t, way[0], direction === 'to' ? way[1] : way[2]);
      }
    }
    // The k best by time, ties to the lower facility index (selection: nc is at most a few k).
    // Swaps through locals: a destructuring swap allocated in the per-village loop.
    const ranks = Math.min(k, nc);
    for (let j = 0; j < ranks; j++) {
      let b = j;
      for (let i = j + 1; i < nc; i++)
        if (candT[i] < candT[b] || (candT[i] === candT[b] && candF[i] < candF[b])) b = i;
      const f = candF[b];
      const t = candT[b];
      const m = candM[b];
      const en = candE[b];
      candF[b] = candF[j];
      candT[b] = candT[j];
      candM[b] = candM[j];
      candE[b] = candE[j];
      candF[j] = f;
      candT[j] = t;
      candM[j] = m;
      candE[j] = en;
      facility[v * k + j] = f;
      entry[v * k + j] = en;
      timeS[v * k + j] = t;
      distanceM[v * k + j] = m;
    }
    if (nc > 0) status[v] = candT[0] > maxSeconds ? 3 : 0;
    else if (!bounded) status[v] = 2;
    else {
      reach ??= reachable(
        net,
        seeds.map((s) => s.node),
        direction,
      );
      let any = false;
      for (let e = 0; e < n; e++) any ||= reach[legs[LEG_STRIDE * e]] === 1;
      status[v] = any ? 3 : 2;
    }
  }
  return { k, facility, timeS, distanceM, status, entry, villages, facilities };
}

/** Node-indexed label arrays per network (12 bytes a node), reused as the PHAST sweep's state is. */
const labelArrays = new WeakMap<RoadNetwork, { timeS: Float64Array; source: Int32Array }>();

/**
 * A finished search's labels in node-indexed arrays (reused per network, so read them before the
 * next call), copied from the nodes it reached; metres from the search tree, asked for the
 * winning legs only. A function of its own: inside `nearestFacilities` the copy ran unoptimised.
 */
function engineLabels(engine: SearchEngine, net: RoadNetwork): NodeLabels {
  let arrays = labelArrays.get(net);
  if (!arrays) {
    arrays = {
      timeS: new Float64Array(net.nodeCount),
      source: new Int32Array(net.nodeCount),
    };
    labelArrays.set(net, arrays);
  }
  // Sources are read only where the time is finite: no need to clear them.
  const { timeS, source } = arrays;
  timeS.fill(Infinity);
  const reached = engine.reached();
  for (let i = 0; i < reached.length; i++) {
    const node = reached[i];
    timeS[node] = engine.timeS(node);
    source[node] = engine.sourceOf(node);
  }
  return { timeS, source, slotOf: null, metres: null, metresAt: (node) => engine.distanceM(node) };
}

function grow<T extends Int32Array | Float64Array | Uint8Array>(
  a: T,
  Ctor: new (n: number) => T,
): T {
  const b = new Ctor(2 * a.length);
  b.set(a);
  return b;
}

/** What the per-village step reads from a finished search: up to k labels per node. */
interface Labels {
  count(node: number): number;
  sourceAt(node: number, j: number): number;
  timeAt(node: number, j: number): number;
  distanceAt(node: number, j: number): number;
}

// k = 1 is the common case and SearchEngine's decrease-key search is ~1.5–2× faster than k labels
// (on a network with a hierarchy, k = 1 does not come here: phastNearest).
function labelSearch(
  net: RoadNetwork,
  k: number,
  seeds: Seed[],
  direction: Direction,
  maxSeconds: number,
): Labels {
  if (k > 1) {
    const search = new KLabelSearch(net, k);
    search.run(seeds, direction, maxSeconds);
    return search;
  }
  const engine = new SearchEngine(net);
  engine.run(seeds, { direction, maxSeconds });
  return new EngineLabels(engine);
}

/** One label per node from a finished `SearchEngine` run. */
class EngineLabels implements Labels {
  constructor(private readonly engine: SearchEngine) {}
  count(node: number): number {
    return this.engine.timeS(node) < Infinity ? 1 : 0;
  }
  sourceAt(node: number): number {
    return this.engine.sourceOf(node);
  }
  timeAt(node: number): number {
    return this.engine.timeS(node);
  }
  distanceAt(node: number): number {
    return this.engine.distanceM(node);
  }
}
