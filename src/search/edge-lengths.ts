import type { RoadNetwork } from '../network/road-network';
import type { Direction } from './search-engine';

const cache = new WeakMap<RoadNetwork, { from?: Float64Array; to?: Float64Array }>();

/**
 * Metres of every edge, laid out like the adjacency a search walks (forward arrays for `from`,
 * reverse arrays for `to`), built once per network and direction: reading lengths through
 * edge → link costs two dependent random loads per relaxation.
 */
export function edgeLengths(net: RoadNetwork, direction: Direction): Float64Array {
  let c = cache.get(net);
  if (!c) {
    c = {};
    cache.set(net, c);
  }
  const have = c[direction];
  if (have) return have;
  const { edgeLink, linkLengthM } = net.arrays;
  const out = new Float64Array(net.edgeCount);
  const forwardEdge = direction === 'to' ? net.reverse().forwardEdge : null;
  for (let e = 0; e < out.length; e++)
    out[e] = linkLengthM[edgeLink[forwardEdge ? forwardEdge[e] : e] >>> 1];
  c[direction] = out;
  return out;
}
