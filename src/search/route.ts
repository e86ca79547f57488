import type { RoadNetwork } from '../network/road-network';
import type { SnapOptions } from '../spatial/snap';
import { linkSlice } from './link-slice';
import { placePoints, pointLegs, pointSeeds, type Seed, sameLinkTime } from './placed-points';
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
}

/**
 * The fastest route between two points on the network, with its geometry: off-road leg, part of
 * the first link, whole links between nodes, part of the last link, off-road leg. Exact on
 * one-way networks; two points on the same road piece may be joined directly along it.
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
  const a = placePoints(net, from, options);
  const b = placePoints(net, to, options);
  const none = (status: Route['status']): Route => ({
    status,
    timeS: Infinity,
    distanceM: Infinity,
    coordinates: [],
    nodes: [],
  });
  if (a.snap.link[0] < 0 || b.snap.link[0] < 0) return none('off-network');
  const seeds: Seed[] = [];
  pointSeeds(net, a, 0, 'from', 0, seeds);
  const engine = new SearchEngine(net);
  engine.run(seeds);
  const lb = b.snap.link[0];
  const g = b.snap.fraction[0];
  const { linkFrom, linkTo, edgeLink, linkLengthM } = net.arrays;
  // Arrive through one of the destination link's ends, or directly along a shared link.
  let best = sameLinkTime(a, 0, b, 0);
  let endNode = -1;
  const legs = new Float64Array(6);
  for (let j = 0, n = pointLegs(net, b, 0, false, legs); j < n; j++) {
    const t = engine.timeS(legs[3 * j]) + legs[3 * j + 1];
    if (t < best) [best, endNode] = [t, legs[3 * j]];
  }
  if (best === Infinity) return none('unreachable');
  const la = a.snap.link[0];
  const f = a.snap.fraction[0];
  const coords: [number, number][] = [[from[0], from[1]]];
  const push = (pts: [number, number][]) => {
    for (const p of pts) {
      const last = coords[coords.length - 1];
      if (last[0] !== p[0] || last[1] !== p[1]) coords.push(p);
    }
  };
  let distanceM = a.snap.distanceM[0] + b.snap.distanceM[0];
  const nodes: number[] = [];
  if (endNode < 0) {
    push(linkSlice(net, la, f, g));
    distanceM += Math.abs(g - f) * linkLengthM[la];
  } else {
    const edges: number[] = [];
    for (let v = endNode; engine.predEdge(v) >= 0; ) {
      const e = engine.predEdge(v);
      edges.push(e);
      v = net.edgeSource(e);
    }
    edges.reverse();
    const startNode = edges.length ? net.edgeSource(edges[0]) : endNode;
    // Leave the origin's link towards the node the search started from.
    const toEnd =
      startNode === linkTo[la] &&
      (linkFrom[la] !== linkTo[la] || (1 - f) * a.forwardS[0] <= f * a.backwardS[0]);
    push(linkSlice(net, la, f, toEnd ? 1 : 0));
    distanceM += (toEnd ? 1 - f : f) * linkLengthM[la];
    nodes.push(startNode);
    for (const e of edges) {
      const l = edgeLink[e] >>> 1;
      push(edgeLink[e] & 1 ? net.linkCoordinates(l).reverse() : net.linkCoordinates(l));
      distanceM += linkLengthM[l];
      nodes.push(net.arrays.edgeTarget[e]);
    }
    push(linkSlice(net, lb, endNode === linkFrom[lb] ? 0 : 1, g));
    distanceM += (endNode === linkFrom[lb] ? g : 1 - g) * linkLengthM[lb];
  }
  push([[to[0], to[1]]]);
  return { status: 'ok', timeS: best, distanceM, coordinates: coords, nodes };
}
