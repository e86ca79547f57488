import { linkArrivalNodes } from '../network/junction-copies';
import type { RoadNetwork } from '../network/road-network';
import { linkTimes } from './link-times';
import {
  SNAP_KEYS,
  type SnapEntries,
  type SnapOptions,
  type SnapResult,
  snapPoints,
} from '../spatial/snap';
import type { Direction } from './search-engine';
import { checkCoordArray, checkNetwork, optionsObject } from '../geo/check-args';

/**
 * Points snapped onto a network with what travel from or to them needs: the off-road access time
 * (snap distance at the profile's `accessKmh`) and the times of their link in both directions.
 * Travel along part of a link takes that fraction of the link's time (a link's speed is taken as
 * uniform along it).
 */
export interface PlacedPoints extends PlacedEntries {
  snap: SnapResult;
  /** The same for the second entry, onto the main network (`snap.main`); link times NaN where none. */
  main: PlacedEntries;
}

/** Times of one entry per point (parallel to a `SnapEntries`). */
export interface PlacedEntries {
  /** Seconds of the off-road leg at the profile's access speed. */
  accessS: Float64Array;
  /** Link time from `linkFrom` to `linkTo`, and back (`Infinity` when closed); NaN off-network. */
  forwardS: Float64Array;
  backwardS: Float64Array;
}

/**
 * Snap `coords` (`[lon0, lat0, …]`) and prepare them for searches.
 *
 * @param net - The network the points will be searched on; placed points belong to it.
 * @param coords - Points as `[lon0, lat0, lon1, lat1, …]`, degrees.
 * @param options - `maxSnapDistanceM`: metres, default 1000; points farther from every road are
 *   placed off-network (`snap.link` -1) and kept, so indices still match the input.
 *
 * @example
 * const villages = placePoints(net, coords, { maxSnapDistanceM: 1000 });
 */
export function placePoints(
  net: RoadNetwork,
  coords: ArrayLike<number>,
  options: SnapOptions = {},
): PlacedPoints {
  options = optionsObject(options, 'placePoints', SNAP_KEYS);
  const snap = snapPoints(net, coords, options);
  return {
    snap,
    ...placeEntries(net, snap, snap.count),
    main: placeEntries(net, snap.main, snap.count),
  };
}

function placeEntries(net: RoadNetwork, e: SnapEntries, n: number): PlacedEntries {
  const accessS = new Float64Array(n);
  const forwardS = new Float64Array(n).fill(Number.NaN);
  const backwardS = new Float64Array(n).fill(Number.NaN);
  // Made before the loop: the loop is compiled on the first call while it runs (on-stack
  // replacement), before the return ever ran, and that code then deoptimised at a result object
  // built after the loop on every later call (up to 80 times in 230 calls of the main job), each
  // call running its loop in the interpreter until replaced again.
  const out: PlacedEntries = { accessS, forwardS, backwardS };
  const speed = net.meta.accessKmh / 3.6;
  // Both link times from one per-network table (`linkTimes`): scanning the edges of the link's
  // ends per point was a third of the per-village work after snapping.
  const { link, distanceM } = e;
  const times = linkTimes(net);
  for (let i = 0; i < n; i++) {
    const l = link[i];
    accessS[i] = distanceM[i] / speed;
    if (l < 0) continue;
    forwardS[i] = times[2 * l];
    backwardS[i] = times[2 * l + 1];
  }
  return out;
}

/**
 * `points` as they are when already placed (on this network), else snapped now: lets callers
 * that run several searches over the same villages snap them once.
 *
 * @param net - The network to search.
 * @param points - Coordinates `[lon0, lat0, …]` in degrees, or `placePoints` output, which is
 *   returned as is — it must come from this same network (not checked).
 * @param options - `maxSnapDistanceM` for coordinates (metres, default 1000); ignored for points
 *   already placed.
 *
 * @example
 * const villages = asPlaced(net, coordsOrPlaced, { maxSnapDistanceM: 500 });
 */
export function asPlaced(
  net: RoadNetwork,
  points: ArrayLike<number> | PlacedPoints,
  options: SnapOptions = {},
): PlacedPoints {
  options = optionsObject(options, 'asPlaced', SNAP_KEYS);
  checkNetwork(net, 'asPlaced');
  if (!points || typeof points !== 'object') checkCoordArray(points, 'points');
  return 'snap' in points ? points : placePoints(net, points, options);
}

/** A function from a typed array to one of the same type (a slice, a copy, a shared copy). */
export type PlacedArrayMap = <T extends Int32Array | Float64Array | Uint8Array>(a: T) => T;

/**
 * PlacedPoints of `count` points whose every typed array is `f` of the one in `p`: the one list of
 * its fields, for slicing points or copying them into shared memory for worker threads.
 *
 * @example
 * const firstHundred = mapPlaced(villages, 100, (a) => a.slice(0, 100));
 */
export function mapPlaced(p: PlacedPoints, count: number, f: PlacedArrayMap): PlacedPoints {
  const entries = (e: SnapEntries): SnapEntries => ({
    link: f(e.link),
    fraction: f(e.fraction),
    offsetM: f(e.offsetM),
    lon: f(e.lon),
    lat: f(e.lat),
    distanceM: f(e.distanceM),
    node: f(e.node),
  });
  const times = (e: PlacedEntries): PlacedEntries => ({
    accessS: f(e.accessS),
    forwardS: f(e.forwardS),
    backwardS: f(e.backwardS),
  });
  return {
    snap: { count, ...entries(p.snap), status: f(p.snap.status), main: entries(p.snap.main) },
    ...times(p),
    main: times(p.main),
  };
}

/**
 * Indices of the points on each link through any of their entries, for travel between two points
 * on the same road piece, which no node-based search sees (`sameLinkTime` picks the entries).
 *
 * @param p - The placed points.
 *
 * @example
 * const byLink = pointsByEntryLink(facilities);
 * for (const f of byLink.get(l) ?? []) sameLinkTime(villages, v, facilities, f);
 */
export function pointsByEntryLink(p: PlacedPoints): Map<number, number[]> {
  return byLink(p.snap.count, [p.snap.link, p.snap.main.link]);
}

/**
 * Every entry of every point on each link, as `2 * point + entry` (entry 0 the nearest road, 1 the
 * main network's), for code that samples travel along a link from the points on it.
 *
 * @param p - The placed points.
 *
 * @example
 * for (const code of entriesByLink(origins).get(l) ?? []) entryAt(origins, code); // fraction, seconds
 */
export function entriesByLink(p: PlacedPoints): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (let e = 0; e < 2; e++) {
    const link = e ? p.snap.main.link : p.snap.link;
    for (let i = 0; i < p.snap.count; i++) {
      const l = link[i];
      if (l < 0) continue;
      const list = out.get(l);
      if (list) list.push(2 * i + e);
      else out.set(l, [2 * i + e]);
    }
  }
  return out;
}

const at = { fraction: 0, accessS: 0 };

/**
 * Where entry `code` (`2 * point + entry`, from `entriesByLink`) lies on its link and its off-road
 * seconds; the returned object is reused by the next call.
 *
 * @param p - The placed points.
 * @param code - `2 * point + entry`.
 *
 * @example
 * const { fraction, accessS } = entryAt(origins, code);
 */
export function entryAt(p: PlacedPoints, code: number): { fraction: number; accessS: number } {
  const i = code >> 1;
  at.fraction = code & 1 ? p.snap.main.fraction[i] : p.snap.fraction[i];
  at.accessS = code & 1 ? p.main.accessS[i] : p.accessS[i];
  return at;
}

function byLink(n: number, links: Int32Array[]): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (const link of links)
    for (let i = 0; i < n; i++) {
      const l = link[i];
      if (l < 0) continue;
      const list = out.get(l);
      if (list) list.push(i);
      else out.set(l, [i]);
    }
  return out;
}

/** The links point `i` enters the network by (nearest, then main-network; -1 for none). */
function entryLink(p: PlacedPoints, i: number, e: number): number {
  return e === 0 ? p.snap.link[i] : p.snap.main.link[i];
}

/** A search seed: start `node` at `timeS` with label `source`. */
export interface Seed {
  node: number;
  timeS: number;
  source: number;
  /** Metres travelled to reach the node (off-road leg plus part of the link). */
  distanceM?: number;
}

/** Numbers per leg in a `pointLegs` buffer: node, seconds, metres, `2 * entry + end`. */
export const LEG_STRIDE = 4;
/** Most legs a point has: two entries, two link ends each. */
export const MAX_LEGS = 4;

/**
 * A buffer for `pointLegs`.
 *
 * @example
 * const legs = newLegs();
 */
export function newLegs(): Float64Array {
  return new Float64Array(LEG_STRIDE * MAX_LEGS);
}

/**
 * The ways between point `i` and the ends of the links it enters the network by, as
 * `[node, seconds, metres, 2 * entry + end]` records (`LEG_STRIDE` numbers each) written to `out`
 * (at most `MAX_LEGS`; returns how many). `entry` 0 is the nearest road (`snap`), 1 the road of the
 * main network (`snap.main`); `end` 1 is the link's `linkTo` node, 0 its `linkFrom`. `leaving`: from
 * the point to the node (off-road leg, then the part of the link towards that end, if the profile
 * may travel that way); otherwise from the node to the point. Every search start and every arrival
 * at a point goes through these legs, so every search sees every entry.
 *
 * @param net - The network the points were placed on.
 * @param p - The placed points.
 * @param i - Which point.
 * @param leaving - From the point (true) or to it.
 * @param out - At least `LEG_STRIDE * MAX_LEGS` numbers (`newLegs()`).
 *
 * @example
 * const legs = newLegs();
 * for (let j = 0, n = pointLegs(net, p, i, true, legs); j < n; j++) legs[LEG_STRIDE * j]; // a node
 */
export function pointLegs(
  net: RoadNetwork,
  p: PlacedPoints,
  i: number,
  leaving: boolean,
  out: Float64Array,
): number {
  const arrive = leaving ? linkArrivalNodes(net) : null;
  const n = entryLegs(net, p.snap, p, 0, i, leaving, arrive, out, 0);
  return entryLegs(net, p.snap.main, p.main, 1, i, leaving, arrive, out, n);
}

function entryLegs(
  net: RoadNetwork,
  s: SnapEntries,
  t: PlacedEntries,
  entry: number,
  i: number,
  leaving: boolean,
  arrive: Uint32Array | null,
  out: Float64Array,
  n: number,
): number {
  const l = s.link[i];
  if (l < 0) return n;
  const f = s.fraction[i];
  const a = t.accessS[i];
  const d = s.distanceM[i];
  const len = net.arrays.linkLengthM[l];
  // Leaving the point, travel arrives at a link end; at a junction split for turn restrictions
  // that is the link's arrival node, not its end node (from which travel leaves onto the link):
  // `arrive` is `linkArrivalNodes(net)` when leaving, else null.
  const from = arrive ? arrive[2 * l] : net.arrays.linkFrom[l];
  const to = arrive ? arrive[2 * l + 1] : net.arrays.linkTo[l];
  // The first leg travels the link forward (leaving: towards `to`; arriving: from `from`), the
  // second backward; `g` and `h` are the parts of the link they travel. `combineNearest` walks
  // the same legs in the same order without writing them down.
  const e = 2 * entry;
  const g = leaving ? 1 - f : f;
  const fw = t.forwardS[i];
  if (legOpen(g, fw))
    n = putLeg(out, n, leaving ? to : from, legSeconds(a, g, fw), d + g * len, leaving ? e + 1 : e);
  const h = leaving ? f : 1 - f;
  const bw = t.backwardS[i];
  if (legOpen(h, bw))
    n = putLeg(out, n, leaving ? from : to, legSeconds(a, h, bw), d + h * len, leaving ? e : e + 1);
  return n;
}

/**
 * Whether a leg travelling part `g` (0…1) of a link that takes `seconds` that way is open: the
 * link is open that way, or the point lies exactly at the end — the zero-length piece has no
 * direction, so a point at an end reaches it even against a one-way (else arrivals would loop
 * round the link).
 *
 * @param g - The part of the link travelled.
 * @param seconds - The link's time in the direction travelled (`Infinity` when closed).
 *
 * @example
 * legOpen(0, Infinity); // true: the point is at that end already
 */
export function legOpen(g: number, seconds: number): boolean {
  return seconds < Infinity || g === 0;
}

/**
 * Seconds of a leg: the off-road `accessS` plus part `g` of the link's `seconds` (nothing for a
 * zero part, even when that direction is closed). Every leg is timed by this one expression, so
 * `pointLegs` and the per-village step of nearest facility agree to the last bit.
 *
 * @param accessS - Seconds off-road.
 * @param g - The part of the link travelled.
 * @param seconds - The link's time in the direction travelled.
 *
 * @example
 * legSeconds(12, 0.25, 40); // 22
 */
export function legSeconds(accessS: number, g: number, seconds: number): number {
  return accessS + (g === 0 ? 0 : g * seconds);
}

/** Write leg `n` (node, seconds, metres, entry and end) into `out`; the count after it. */
function putLeg(
  out: Float64Array,
  n: number,
  node: number,
  seconds: number,
  metres: number,
  entryEnd: number,
): number {
  out[LEG_STRIDE * n] = node;
  out[LEG_STRIDE * n + 1] = seconds;
  out[LEG_STRIDE * n + 2] = metres;
  out[LEG_STRIDE * n + 3] = entryEnd;
  return n + 1;
}

const legs = newLegs();

/**
 * Seeds that start a search at point `i`. `from`: leaving the point; `to`: arriving at it (the
 * search then runs backwards, so each end node gets the time from that node to the point).
 *
 * @param net - The network the points were placed on.
 * @param p - The placed points.
 * @param i - Which point, `0 … p.snap.count - 1`. An off-network point adds no seed.
 * @param direction - `'from'` to search away from the point, `'to'` to search towards it.
 * @param source - The label the seeds carry (usually `i`, or the point's index in your own list).
 * @param out - Seeds are appended here (at most four: one per end of each road link the point
 *   enters by — its nearest road and, when that is an island, a road of the main network — that
 *   can be travelled to or from the point), so many points can seed one search.
 *
 * @example
 * const seeds: Seed[] = [];
 * for (let f = 0; f < clinics.snap.count; f++) pointSeeds(net, clinics, f, 'to', f, seeds);
 * engine.run(seeds, { direction: 'to' }); // engine.sourceOf(node): the clinic nearest to it
 */
export function pointSeeds(
  net: RoadNetwork,
  p: PlacedPoints,
  i: number,
  direction: Direction,
  source: number,
  out: Seed[],
): void {
  const n = pointLegs(net, p, i, direction === 'from', legs);
  for (let j = 0; j < n; j++)
    out.push({
      node: legs[LEG_STRIDE * j],
      timeS: legs[LEG_STRIDE * j + 1],
      source,
      distanceM: legs[LEG_STRIDE * j + 2],
    });
}

/**
 * Time at point `i` from a node-time function of a finished search: `from` searches reach the
 * point from its links' ends; `to` searches leave the point towards them. `Infinity` when no end
 * is reached or the point is off-network.
 *
 * @param net - The network the points were placed on.
 * @param p - The placed points.
 * @param i - Which point.
 * @param direction - The direction the search ran.
 * @param nodeTime - Seconds at a node.
 *
 * @example
 * timeAtPoint(net, villages, v, 'from', (node) => engine.timeS(node));
 */
export function timeAtPoint(
  net: RoadNetwork,
  p: PlacedPoints,
  i: number,
  direction: Direction,
  nodeTime: (node: number) => number,
): number {
  const n = pointLegs(net, p, i, direction === 'to', legs);
  let best = Infinity;
  for (let j = 0; j < n; j++)
    best = Math.min(best, nodeTime(legs[LEG_STRIDE * j]) + legs[LEG_STRIDE * j + 1]);
  return best;
}

/**
 * Time along a shared link from point `i` of `a` to point `j` of `b` without passing a node, or
 * `Infinity` (no link in common, or the direction of travel is closed). Access legs included;
 * every pair of entries is tried.
 *
 * @param a - Placed points holding the start.
 * @param i - The start's index in `a`.
 * @param b - Placed points holding the end.
 * @param j - The end's index in `b`.
 *
 * @example
 * sameLinkTime(villages, v, clinics, f); // seconds, or Infinity
 */
export function sameLinkTime(a: PlacedPoints, i: number, b: PlacedPoints, j: number): number {
  return sameLinkWay(null, a, i, b, j, null);
}

/**
 * `sameLinkTime`, also writing `[metres, entry of i, entry of j]` of the best way into `out`
 * (metres: off-road legs and the part of the link; entries 0 = nearest road, 1 = main network).
 *
 * @param net - The network the points were placed on (for link lengths).
 * @param a - Placed points holding the start.
 * @param i - The start's index in `a`.
 * @param b - Placed points holding the end.
 * @param j - The end's index in `b`.
 * @param out - Receives metres and the entries, untouched when there is no way.
 *
 * @example
 * const way = new Float64Array(3);
 * sameLinkWay(net, villages, v, clinics, f, way); // seconds; way[0] metres
 */
export function sameLinkWay(
  net: RoadNetwork | null,
  a: PlacedPoints,
  i: number,
  b: PlacedPoints,
  j: number,
  out: Float64Array | null,
): number {
  let best = Infinity;
  for (let ea = 0; ea < 2; ea++) {
    const l = entryLink(a, i, ea);
    if (l < 0) continue;
    for (let eb = 0; eb < 2; eb++) {
      if (l !== entryLink(b, j, eb)) continue;
      const sa = ea ? a.snap.main : a.snap;
      const ta = ea ? a.main : a;
      const sb = eb ? b.snap.main : b.snap;
      const tb = eb ? b.main : b;
      const fi = sa.fraction[i];
      const fj = sb.fraction[j];
      const along =
        fj === fi ? 0 : fj > fi ? (fj - fi) * ta.forwardS[i] : (fi - fj) * ta.backwardS[i];
      if (along === Infinity || Number.isNaN(along)) continue;
      const t = ta.accessS[i] + along + tb.accessS[j];
      if (!(t < best)) continue;
      best = t;
      if (out && net) {
        out[0] = sa.distanceM[i] + Math.abs(fj - fi) * net.arrays.linkLengthM[l] + sb.distanceM[j];
        out[1] = ea;
        out[2] = eb;
      }
    }
  }
  return best;
}
