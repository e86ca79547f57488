import type { RoadNetwork } from '../network/road-network';

const cache = new WeakMap<RoadNetwork, Float64Array>();

/**
 * Seconds to travel every link, `[2l]` forward (`linkFrom` → `linkTo`) and `[2l + 1]` back,
 * `Infinity` where the profile may not go that way: `net.linkTimeS` for all links at once, built
 * once per network (16 bytes a link). Placing points reads one cache line per point instead of
 * scanning the edges of both link ends (three dependent loads each, at random places).
 *
 * @param net - The network.
 * @returns The table, shared: do not write to it.
 *
 * @example
 * const times = linkTimes(net);
 * const oneway = times[2 * l + 1] === Infinity;
 */
export function linkTimes(net: RoadNetwork): Float64Array {
  const have = cache.get(net);
  if (have) return have;
  const { firstEdge, edgeLink, edgeTimeS, linkFrom, linkTo } = net.arrays;
  const out = new Float64Array(2 * net.linkCount).fill(Infinity);
  for (let l = 0; l < net.linkCount; l++) {
    out[2 * l] = edgeTime(firstEdge, edgeLink, edgeTimeS, linkFrom[l], 2 * l);
    out[2 * l + 1] = edgeTime(firstEdge, edgeLink, edgeTimeS, linkTo[l], 2 * l + 1);
  }
  cache.set(net, out);
  return out;
}

/** Seconds of the first edge leaving `u` with `edgeLink` code `code`, `Infinity` when none. */
function edgeTime(
  firstEdge: Uint32Array,
  edgeLink: Uint32Array,
  edgeTimeS: Float64Array,
  u: number,
  code: number,
): number {
  for (let e = firstEdge[u], end = firstEdge[u + 1]; e < end; e++)
    if (edgeLink[e] === code) return edgeTimeS[e];
  return Infinity;
}
