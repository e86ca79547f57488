import { InputError } from '../errors';
import type { RoadNetwork } from '../network/road-network';
import { optionsObject } from '../geo/check-args';
import { SNAP_KEYS, type SnapEntries, type SnapOptions } from '../spatial/snap';
import { linkSlice } from './link-slice';
import {
  LEG_STRIDE,
  newLegs,
  placePoints,
  pointLegs,
  pointSeeds,
  type Seed,
  sameLinkWay,
} from './placed-points';
import { SearchEngine } from './search-engine';

/** A point-to-point route. */
export interface Route {
  /** `ok`, or why there is none: an end `off-network`, or `unreachable`. */
  status: 'ok' | 'off-network' | 'unreachable';
  /** Seconds, off-road legs at the access speed included; `Infinity` when there is no route. */
  timeS: number;
  /** Length in metres, off-road legs included. */
  distanceM: number;
  /** From the origin through the snapped positions and every road vertex to the destination. */
  coordinates: [number, number][];
  /** Nodes passed, in order. */
  nodes: number[];
  /**
   * Where the origin and the destination join the network (empty when there is no route):
   * `nearest` road, or the nearest road of the `main-network` when the nearest is an island or
   * the way through the main network is faster; its link and the off-road leg in metres.
   */
  entries: RouteEntry[];
}

/** The road a route end joins the network by. */
export interface RouteEntry {
  entry: 'nearest' | 'main-network';
  link: number;
  offRoadM: number;
}

/**
 * The fastest route between two points on the network, with its geometry: off-road leg, part of
 * the first link, whole links between nodes, part of the last link, off-road leg. Exact on
 * one-way networks; two points on the same road piece may be joined directly along it. An end
 * whose nearest road is an island may join the main network by its nearest road within the snap
 * distance instead (`entries` says which road each end used and its off-road metres).
 *
 * @param net - The road network.
 * @param from - Origin `[lon, lat]`, degrees.
 * @param to - Destination `[lon, lat]`, degrees.
 * @param options - `maxSnapDistanceM`: metres, default 1000.
 * @returns The route; when an end is beyond the snap distance (`off-network`) or no path joins
 *   them (`unreachable`), `timeS` and `distanceM` are `Infinity` and the lists are empty.
 *
 * @example
 * const r = route(net, [1.5213, 42.5561], [1.5342, 42.5710]);
 * r.timeS; r.distanceM; r.coordinates; // a LineString's coordinates
 */
export function route(
  net: RoadNetwork,
  from: [number, number],
  to: [number, number],
  options: SnapOptions = {},
): Route {
  options = optionsObject(options, 'route', SNAP_KEYS);
  for (const [what, p] of [
    ['from', from],
    ['to', to],
  ] as const)
    if (!Array.isArray(p) || p.length !== 2)
      throw new InputError(
        'invalid-coordinates',
        `route: ${what} must be one [lon, lat] pair, got ${Array.isArray(p) ? `${p.length} numbers` : p === null ? 'null' : typeof p}`,
      );
  const a = placePoints(net, from, options);
  const b = placePoints(net, to, options);
  const none = (status: Route['status']): Route => ({
    status,
    timeS: Infinity,
    distanceM: Infinity,
    coordinates: [],
    nodes: [],
    entries: [],
  });
  if (a.snap.link[0] < 0 || b.snap.link[0] < 0) return none('off-network');
  const seeds: Seed[] = [];
  pointSeeds(net, a, 0, 'from', 0, seeds);
  const engine = new SearchEngine(net);
  engine.run(seeds);
  const { edgeLink, linkLengthM } = net.arrays;
  // Arrive through an end of one of the destination's links, or directly along a shared link.
  const way = new Float64Array(3);
  let best = sameLinkWay(net, a, 0, b, 0, way);
  let ea = way[1];
  let eb = way[2];
  let endNode = -1;
  let endEnd = 0;
  const legs = newLegs();
  for (let j = 0, n = pointLegs(net, b, 0, false, legs); j < n; j++) {
    const t = engine.timeS(legs[LEG_STRIDE * j]) + legs[LEG_STRIDE * j + 1];
    if (!(t < best)) continue;
    best = t;
    endNode = legs[LEG_STRIDE * j];
    eb = legs[LEG_STRIDE * j + 3] >> 1;
    endEnd = legs[LEG_STRIDE * j + 3] & 1;
  }
  if (best === Infinity) return none('unreachable');
  const coords: [number, number][] = [[from[0], from[1]]];
  const push = (pts: [number, number][]) => {
    for (const p of pts) {
      const last = coords[coords.length - 1];
      if (last[0] !== p[0] || last[1] !== p[1]) coords.push(p);
    }
  };
  const nodes: number[] = [];
  const edges: number[] = [];
  let toEnd = false;
  if (endNode >= 0) {
    for (let v = endNode; engine.predEdge(v) >= 0; ) {
      const e = engine.predEdge(v);
      edges.push(e);
      v = net.edgeSource(e);
    }
    edges.reverse();
    const startNode = edges.length ? net.edgeSource(edges[0]) : endNode;
    // The origin's entry and link end the search started from: the fastest leg to that node.
    let startS = Infinity;
    for (let j = 0, n = pointLegs(net, a, 0, true, legs); j < n; j++)
      if (legs[LEG_STRIDE * j] === startNode && legs[LEG_STRIDE * j + 1] < startS) {
        startS = legs[LEG_STRIDE * j + 1];
        ea = legs[LEG_STRIDE * j + 3] >> 1;
        toEnd = (legs[LEG_STRIDE * j + 3] & 1) === 1;
      }
    nodes.push(startNode);
  }
  const sa = ea ? a.snap.main : a.snap;
  const sb = eb ? b.snap.main : b.snap;
  const la = sa.link[0];
  const lb = sb.link[0];
  const f = sa.fraction[0];
  const g = sb.fraction[0];
  let distanceM = sa.distanceM[0] + sb.distanceM[0];
  if (endNode < 0) {
    push(linkSlice(net, la, f, g));
    distanceM += Math.abs(g - f) * linkLengthM[la];
  } else {
    // Leave the origin's link towards the node the search started from.
    push(linkSlice(net, la, f, toEnd ? 1 : 0));
    distanceM += (toEnd ? 1 - f : f) * linkLengthM[la];
    for (const e of edges) {
      const l = edgeLink[e] >>> 1;
      push(edgeLink[e] & 1 ? net.linkCoordinates(l).reverse() : net.linkCoordinates(l));
      distanceM += linkLengthM[l];
      nodes.push(net.arrays.edgeTarget[e]);
    }
    push(linkSlice(net, lb, endEnd, g));
    distanceM += (endEnd ? 1 - g : g) * linkLengthM[lb];
  }
  push([[to[0], to[1]]]);
  const entry = (e: number, sn: SnapEntries): RouteEntry => ({
    entry: e ? 'main-network' : 'nearest',
    link: sn.link[0],
    offRoadM: sn.distanceM[0],
  });
  return {
    status: 'ok',
    timeS: best,
    distanceM,
    coordinates: coords,
    nodes,
    entries: [entry(ea, sa), entry(eb, sb)],
  };
}
