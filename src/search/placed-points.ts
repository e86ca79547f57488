import type { RoadNetwork } from '../network/road-network';
import { type SnapOptions, type SnapResult, snapPoints } from '../spatial/snap';
import type { Direction } from './search-engine';

/**
 * Points snapped onto a network with what travel from or to them needs: the off-road access time
 * (snap distance at the profile's `accessKmh`) and the times of their link in both directions.
 * Travel along part of a link takes that fraction of the link's time (a link's speed is taken as
 * uniform along it).
 */
export interface PlacedPoints {
  snap: SnapResult;
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
  const snap = snapPoints(net, coords, options);
  const n = snap.count;
  const accessS = new Float64Array(n);
  const forwardS = new Float64Array(n).fill(Number.NaN);
  const backwardS = new Float64Array(n).fill(Number.NaN);
  const speed = net.meta.accessKmh / 3.6;
  for (let i = 0; i < n; i++) {
    accessS[i] = snap.distanceM[i] / speed;
    const l = snap.link[i];
    if (l < 0) continue;
    forwardS[i] = net.linkTimeS(l, true);
    backwardS[i] = net.linkTimeS(l, false);
  }
  return { snap, accessS, forwardS, backwardS };
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
  const s = p.snap;
  return {
    snap: {
      count,
      link: f(s.link),
      fraction: f(s.fraction),
      offsetM: f(s.offsetM),
      lon: f(s.lon),
      lat: f(s.lat),
      distanceM: f(s.distanceM),
      node: f(s.node),
      status: f(s.status),
    },
    accessS: f(p.accessS),
    forwardS: f(p.forwardS),
    backwardS: f(p.backwardS),
  };
}

/**
 * Indices of the points on each link (points off the network left out), for travel between two
 * points on the same road piece, which no node-based search sees.
 *
 * @example
 * const byLink = pointsByLink(facilities);
 * for (const f of byLink.get(villages.snap.link[v]) ?? []) sameLinkTime(villages, v, facilities, f);
 */
export function pointsByLink(p: PlacedPoints): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (let i = 0; i < p.snap.count; i++) {
    const l = p.snap.link[i];
    if (l < 0) continue;
    const list = out.get(l);
    if (list) list.push(i);
    else out.set(l, [i]);
  }
  return out;
}

/** A search seed: start `node` at `timeS` with label `source`. */
export interface Seed {
  node: number;
  timeS: number;
  source: number;
  /** Metres travelled to reach the node (off-road leg plus part of the link). */
  distanceM?: number;
}

/**
 * The ways between point `i` and its link's ends, as `[node, seconds, metres]` triples written to
 * `out` (at most two; returns how many). `leaving`: from the point to the node (off-road leg, then
 * the part of the link towards that end, if the profile may travel that way); otherwise from the
 * node to the point. Every search start and every arrival at a point goes through these legs.
 */
export function pointLegs(
  net: RoadNetwork,
  p: PlacedPoints,
  i: number,
  leaving: boolean,
  out: Float64Array,
): number {
  const l = p.snap.link[i];
  if (l < 0) return 0;
  const f = p.snap.fraction[i];
  const a = p.accessS[i];
  const d = p.snap.distanceM[i];
  const len = net.arrays.linkLengthM[l];
  const from = net.arrays.linkFrom[l];
  const to = net.arrays.linkTo[l];
  // Leaving towards `to` and arriving from `from` both travel the link forward.
  const fw = p.forwardS[i];
  const bw = p.backwardS[i];
  let n = 0;
  // A point exactly at an end reaches that node without travelling the link, even against a
  // one-way: the zero-length piece has no direction (else arrivals would loop round the link).
  if (leaving) {
    if (fw < Infinity || f === 1) n = putLeg(out, n, to, a + part(1 - f, fw), d + (1 - f) * len);
    if (bw < Infinity || f === 0) n = putLeg(out, n, from, a + part(f, bw), d + f * len);
  } else {
    if (fw < Infinity || f === 0) n = putLeg(out, n, from, part(f, fw) + a, f * len + d);
    if (bw < Infinity || f === 1) n = putLeg(out, n, to, part(1 - f, bw) + a, (1 - f) * len + d);
  }
  return n;
}

/** Write leg `n` (node, seconds, metres) into `out`; the count after it. */
function putLeg(
  out: Float64Array,
  n: number,
  node: number,
  seconds: number,
  metres: number,
): number {
  out[3 * n] = node;
  out[3 * n + 1] = seconds;
  out[3 * n + 2] = metres;
  return n + 1;
}

/** Seconds for a fraction of a link; none for a zero fraction, even when that direction is closed. */
function part(fraction: number, seconds: number): number {
  return fraction === 0 ? 0 : fraction * seconds;
}

const legs = new Float64Array(6);

/**
 * Seeds that start a search at point `i`. `from`: leaving the point; `to`: arriving at it (the
 * search then runs backwards, so each end node gets the time from that node to the point).
 *
 * @param net - The network the points were placed on.
 * @param p - The placed points.
 * @param i - Which point, `0 … p.snap.count - 1`. An off-network point adds no seed.
 * @param direction - `'from'` to search away from the point, `'to'` to search towards it.
 * @param source - The label the seeds carry (usually `i`, or the point's index in your own list).
 * @param out - Seeds are appended here (at most two: one per end of the point's road link that
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
    out.push({ node: legs[3 * j], timeS: legs[3 * j + 1], source, distanceM: legs[3 * j + 2] });
}

/**
 * Time at point `i` from a node-time function of a finished search: `from` searches reach the
 * point from its link's ends; `to` searches leave the point towards them. `Infinity` when neither
 * end is reached or the point is off-network.
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
  for (let j = 0; j < n; j++) best = Math.min(best, nodeTime(legs[3 * j]) + legs[3 * j + 1]);
  return best;
}

/**
 * Time along a shared link from point `i` of `a` to point `j` of `b` without passing a node, or
 * `Infinity` (different links, or the direction of travel is closed). Access legs included.
 */
export function sameLinkTime(a: PlacedPoints, i: number, b: PlacedPoints, j: number): number {
  const l = a.snap.link[i];
  if (l < 0 || l !== b.snap.link[j]) return Infinity;
  const fi = a.snap.fraction[i];
  const fj = b.snap.fraction[j];
  const along = fj === fi ? 0 : fj > fi ? (fj - fi) * a.forwardS[i] : (fi - fj) * a.backwardS[i];
  return along === Infinity || Number.isNaN(along) ? Infinity : a.accessS[i] + along + b.accessS[j];
}
