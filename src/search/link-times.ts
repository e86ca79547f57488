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
  // Built once per network, so the plain per-link lookup will do.
  const out = new Float64Array(2 * net.linkCount);
  for (let l = 0; l < net.linkCount; l++) {
    out[2 * l] = net.linkTimeS(l, true);
    out[2 * l + 1] = net.linkTimeS(l, false);
  }
  cache.set(net, out);
  return out;
}
