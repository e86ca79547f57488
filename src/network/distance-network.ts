import { RoadNetwork } from './road-network';

const cache = new WeakMap<RoadNetwork, RoadNetwork>();

/**
 * The same roads with metres as the cost: every edge's "seconds" are its link's length and the
 * off-road leg runs at 1 m/s (3.6 km/h), so any search on it measures network distance — the
 * "5 km along the roads" standards. Shares every array but the edge costs with `net` (and its
 * segment index), and is made once per network.
 *
 * @example
 * const r = nearestFacilities(distanceNetwork(net), villages, facilities, { maxSeconds: 5000 });
 * r.timeS[v]; // metres
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
