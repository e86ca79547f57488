import { RoadNetwork } from './road-network';

const cache = new WeakMap<RoadNetwork, RoadNetwork>();

/**
 * The same roads with metres as the cost: every edge's "seconds" are its link's length and the
 * off-road leg runs at 1 m/s (3.6 km/h), so any search on it measures network distance — the
 * "5 km along the roads" standards. Shares every array but the edge costs with `net` (and its
 * segment index), and is made once per network.
 *
 * @param net - Any network; the result for the same object is cached, so calling again is free.
 * @returns A network whose times are metres: read every `…S` / `maxSeconds` of a search on it as
 *   metres (and access legs at 1 m/s make snap distances count in full).
 *
 * @example
 * const r = nearestFacilities(distanceNetwork(net), villageCoords, schoolCoords, { maxSeconds: 5000 });
 * r.timeS[v]; // metres, not seconds; status `outside` beyond 5 km
 */
export function distanceNetwork(net: RoadNetwork): RoadNetwork {
  const have = cache.get(net);
  if (have) return have;
  const { edgeLink, linkLengthM } = net.arrays;
  const metres = new Float64Array(net.edgeCount);
  for (let e = 0; e < metres.length; e++) metres[e] = linkLengthM[edgeLink[e] >>> 1];
  const out = new RoadNetwork(
    { ...net.arrays, edgeTimeS: metres },
    { ...net.meta, profile: `${net.meta.profile} (metres)`, accessKmh: 3.6 },
  );
  cache.set(net, out);
  return out;
}
