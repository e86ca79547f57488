import { InputError } from '../errors';
import { checkLonLat } from '../geo/check-lon-lat';
import { haversineM } from '../geo/distance';
import type { RoadNetwork } from '../network/road-network';
import { queryOrder } from './query-order';
import { type SegmentIndex, segmentIndexFor } from './segment-index';
import { checkCoordArray, checkNetwork, optionsObject } from '../geo/check-args';
import type { OptionKeys } from '../geo/option-keys';

/**
 * Default largest distance (m) from a point to the road it snaps to. Rural villages are often
 * mapped a few hundred metres from the nearest mapped road; a kilometre keeps them on the network
 * while a settlement with no road anywhere near is reported `off-network`.
 */
export const DEFAULT_MAX_SNAP_DISTANCE_M = 1000;

/** Options of `snapPoints` / `snapPoint`. */
export interface SnapOptions {
  /** Points farther than this from every road are `off-network` (default 1000 m). */
  maxSnapDistanceM?: number;
}

/** The keys of `SnapOptions`, for the unknown-key check; options that extend it spread it. */
export const SNAP_KEYS = { maxSnapDistanceM: true } satisfies OptionKeys<SnapOptions>;

/** `on-network` (snapped within the limit) or `off-network` (nearest road beyond it). */
export type SnapStatus = 'on-network' | 'off-network';

/** One entry onto the network per point: where a point joins a road (parallel typed arrays). */
export interface SnapEntries {
  /** Link snapped to, or -1 when off-network (or, for `SnapResult.main`, when there is none). */
  link: Int32Array;
  /** Position along the link, 0 at `linkFrom` … 1 at `linkTo` (by length). */
  fraction: Float64Array;
  /** Metres along the link from `linkFrom` to the snapped position. */
  offsetM: Float64Array;
  /** The nearest position on any road, degrees (also for off-network points). */
  lon: Float64Array;
  lat: Float64Array;
  /** Great-circle metres from the point to that position (the off-road access leg). */
  distanceM: Float64Array;
  /** Node id when the point snaps exactly onto a node (fraction 0 or 1), else -1. */
  node: Int32Array;
}

/** Snapping results for many points, one slot per input point: the nearest road first. */
export interface SnapResult extends SnapEntries {
  count: number;
  /** 0 = on-network, 1 = off-network. */
  status: Uint8Array;
  /**
   * A second entry for points whose nearest road is not on the main network (the largest strongly
   * connected component): the nearest road that is, when within the snap distance. `link` -1 when
   * the nearest road is already on the main network, or none is near enough. Searches use both
   * entries and keep the better, so an island road next to a village cannot cut it off.
   */
  main: SnapEntries;
}

/** One snapped point, as `snapPoint` returns it. */
export interface SnappedPoint {
  status: SnapStatus;
  link: number;
  fraction: number;
  offsetM: number;
  lon: number;
  lat: number;
  distanceM: number;
  node: number;
  /** The second entry, onto the main network, when the nearest road is not on it; else null. */
  main: Omit<SnappedPoint, 'status' | 'main'> | null;
}

/**
 * Snap points (`[lon0, lat0, lon1, lat1, …]`) to the nearest position on any road segment — not
 * merely the nearest node. Exact: the result equals a scan of every segment. Ties (equal distance)
 * go to the lower link id, then the earlier segment, so results are deterministic; a point exactly
 * on a node reports that node. Points beyond `maxSnapDistanceM` are `off-network` with the
 * distance to the nearest road; nothing is dropped.
 *
 * @param net - The road network; its segment index is built on first use and cached.
 * @param coords - Points as `[lon0, lat0, lon1, lat1, …]`, degrees; a point out of range throws
 *   `InputError` naming its position. An empty array gives `count` 0.
 * @param options - `maxSnapDistanceM`: metres, default 1000 (`DEFAULT_MAX_SNAP_DISTANCE_M`).
 * @returns One slot per point. An off-network point has `link` and `node` -1 and `fraction` /
 *   `offsetM` 0, but keeps the nearest road position and its `distanceM`.
 *
 * @example
 * const s = snapPoints(net, Float64Array.of(1.521, 42.556, 1.530, 42.570), { maxSnapDistanceM: 500 });
 * s.status[0] === 0; // on-network
 * s.link[0], s.fraction[0], s.distanceM[0];
 */
export function snapPoints(
  net: RoadNetwork,
  coords: ArrayLike<number>,
  options: SnapOptions = {},
): SnapResult {
  checkNetwork(net, 'snapPoints');
  checkCoordArray(coords, 'coordinates');
  options = optionsObject(options, 'snapPoints', SNAP_KEYS);
  if (net.linkCount === 0 && coords.length > 0)
    throw new InputError('empty-network', 'the network has no roads: there is nothing to snap to', {
      zh: '路网中没有道路：村庄和设施无处接入',
    });
  const maxSnap = options.maxSnapDistanceM ?? DEFAULT_MAX_SNAP_DISTANCE_M;
  if (!(maxSnap >= 0))
    throw new InputError(
      'invalid-option',
      `maxSnapDistanceM must be a number ≥ 0, got ${options.maxSnapDistanceM}`,
    );
  const index = segmentIndexFor(net);
  if (index.size === 0 && coords.length > 0)
    throw new InputError('empty-network', 'the network has no roads: there is nothing to snap to', {
      zh: '路网中没有道路：村庄和设施无处接入',
    });
  const onMain = mainLinks(net);
  const n = Math.floor(coords.length / 2);
  // Every point checked first: the message is built only for a bad one (a template string per
  // point cost more than its search).
  for (let q = 0; q < n; q++) {
    const qx = coords[2 * q];
    const qy = coords[2 * q + 1];
    if (
      typeof qx !== 'number' ||
      typeof qy !== 'number' ||
      !(qx >= -180 && qx <= 180 && qy >= -90 && qy <= 90)
    )
      checkLonLat(qx, qy, `point #${q}`);
  }
  // One object shape for both entries, so that writing them stays monomorphic.
  const first = newEntries(n);
  const main = newEntries(n);
  main.link.fill(-1);
  main.node.fill(-1);
  const status = new Uint8Array(n);
  const { link, node, offsetM, fraction, distanceM } = first;
  // Built before the loop: built after it, the optimised loop (entered on stack) met the object
  // without type feedback and deoptimised at the return on most calls.
  const result: SnapResult = { count: n, ...first, status, main };
  const order = queryOrder(index, coords, n);
  // The points copied in that order: one pass of independent reads rather than a cache miss at
  // the head of every search.
  const xy = order === null ? coords : inOrder(coords, order);
  for (let i = 0; i < n; i++) {
    const q = order === null ? i : order[i];
    const qx = xy[2 * i];
    const qy = xy[2 * i + 1];
    const cosLat = Math.max(Math.cos((qy * Math.PI) / 180), 1e-12);
    const best = index.nearest(qx, qy, cosLat, null, Infinity);
    writeEntry(net, index, first, q, best, index.hitT, qx, qy);
    if (distanceM[q] > maxSnap) {
      status[q] = 1;
      link[q] = -1;
      node[q] = -1;
      offsetM[q] = 0;
      fraction[q] = 0;
      continue;
    }
    if (onMain[link[q]] || !onMain.hasMain) continue;
    // The nearest road is an island (a track closed at both ends, a one-way trap): also enter the
    // main network, by its nearest road within the snap distance.
    const m = index.nearest(qx, qy, cosLat, onMain, maxSnap * 1.01 + 1);
    if (m < 0) continue;
    writeEntry(net, index, main, q, m, index.hitT, qx, qy);
    // Beyond the snap distance: no second entry (its fields back to their empty values).
    if (main.distanceM[q] > maxSnap) clearEntry(main, q);
  }
  return result;
}

/** `[lon, lat, …]` of the points `order[0]`, `order[1]`, … */
function inOrder(coords: ArrayLike<number>, order: Uint32Array): Float64Array {
  const out = new Float64Array(2 * order.length);
  for (let i = 0; i < order.length; i++) {
    out[2 * i] = coords[2 * order[i]];
    out[2 * i + 1] = coords[2 * order[i] + 1];
  }
  return out;
}

/** Entry `q` of `e` back to none: link and node -1, the rest 0. */
function clearEntry(e: SnapEntries, q: number): void {
  e.link[q] = -1;
  e.node[q] = -1;
  e.fraction[q] = 0;
  e.offsetM[q] = 0;
  e.lon[q] = 0;
  e.lat[q] = 0;
  e.distanceM[q] = 0;
}

/** Zeroed entry arrays for `n` points. */
function newEntries(n: number): SnapEntries {
  return {
    link: new Int32Array(n),
    fraction: new Float64Array(n),
    offsetM: new Float64Array(n),
    lon: new Float64Array(n),
    lat: new Float64Array(n),
    distanceM: new Float64Array(n),
    node: new Int32Array(n),
  };
}

/**
 * Entry `q` of `e`: the position at `t` along segment `seg`, seen from point (qx, qy); `seg` and
 * `t` are the answer of the index's last `nearest` (its `hitEntry` locates the geometry).
 */
function writeEntry(
  net: RoadNetwork,
  index: SegmentIndex,
  e: SnapEntries,
  q: number,
  seg: number,
  t: number,
  qx: number,
  qy: number,
): void {
  const l = index.segLink[seg];
  const j = index.segVertex[seg];
  // The segment's geometry as the search just read it (its cell entry, still in the cache).
  const g = 4 * index.hitEntry;
  const geom = index.entryGeom;
  const lon = geom[g] + t * geom[g + 2];
  const lat = geom[g + 1] + t * geom[g + 3];
  const offset = index.segOffsetM[seg] + t * index.segLengthM[seg];
  const linkLen = net.arrays.linkLengthM[l];
  e.lon[q] = lon;
  e.lat[q] = lat;
  e.distanceM[q] = haversineM(qx, qy, lon, lat);
  e.link[q] = l;
  e.offsetM[q] = offset;
  e.fraction[q] = linkLen > 0 ? Math.min(1, offset / linkLen) : 0;
  // At a vertex that is a node: the link's first, or its last (a link's segments are consecutive,
  // so the last is the one whose successor belongs to another link).
  e.node[q] =
    t === 0 && j === 0
      ? net.arrays.linkFrom[l]
      : t === 1 && (seg + 1 === index.size || index.segLink[seg + 1] !== l)
        ? net.arrays.linkTo[l]
        : -1;
}

type MainLinks = Uint8Array & { hasMain: boolean };
const mainCache = new WeakMap<RoadNetwork, MainLinks>();

/**
 * 1 for links with both ends in the largest strongly connected component (label 0): from there
 * every other such node can be reached and can reach back. Cached per network.
 */
function mainLinks(net: RoadNetwork): MainLinks {
  const cached = mainCache.get(net);
  if (cached) return cached;
  const out = new Uint8Array(net.linkCount) as MainLinks;
  out.hasMain = false;
  if (net.nodeCount > 0) {
    const { label } = net.components('strong');
    const { linkFrom, linkTo } = net.arrays;
    for (let l = 0; l < net.linkCount; l++)
      if (label[linkFrom[l]] === 0 && label[linkTo[l]] === 0) {
        out[l] = 1;
        out.hasMain = true;
      }
  }
  mainCache.set(net, out);
  return out;
}

/**
 * Snap one point; see `snapPoints`. For many points, call `snapPoints` once: it fills typed
 * arrays instead of allocating one object per point.
 *
 * @param net - The road network.
 * @param lon - Longitude, degrees.
 * @param lat - Latitude, degrees.
 * @param options - `maxSnapDistanceM`: metres, default 1000; beyond it the point is
 *   `off-network` (with `link` -1 and the distance to the nearest road).
 *
 * @example
 * snapPoint(net, 1.521, 42.556); // { status: 'on-network', link: 12, fraction: 0.41, distanceM: 37.2, main: null, … }
 */
export function snapPoint(
  net: RoadNetwork,
  lon: number,
  lat: number,
  options: SnapOptions = {},
): SnappedPoint {
  const r = snapPoints(net, [lon, lat], optionsObject(options, 'snapPoint', SNAP_KEYS));
  const entry = (e: SnapEntries) => ({
    link: e.link[0],
    fraction: e.fraction[0],
    offsetM: e.offsetM[0],
    lon: e.lon[0],
    lat: e.lat[0],
    distanceM: e.distanceM[0],
    node: e.node[0],
  });
  return {
    status: r.status[0] ? 'off-network' : 'on-network',
    ...entry(r),
    main: r.main.link[0] >= 0 ? entry(r.main) : null,
  };
}
