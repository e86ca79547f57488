import type { RoadNetwork } from '../src/index';
import { mulberry32 } from '../test/helpers/random';

/**
 * Points scattered along the roads, up to ~50 m off them: Andorra is mostly empty mountainside,
 * where uniformly random points would be off-network.
 *
 * @param net - The network whose links the points are drawn along.
 * @param count - How many points.
 * @param seed - Seed of the random draw.
 * @returns `[lon0, lat0, …]`, degrees.
 * @example
 * const villages = nearRoads(net, 10_000, 41);
 */
export function nearRoads(net: RoadNetwork, count: number, seed: number): Float64Array {
  const rnd = mulberry32(seed);
  const out = new Float64Array(2 * count);
  for (let i = 0; i < count; i++) {
    const c = net.linkCoordinates(Math.floor(rnd() * net.linkCount));
    const s = Math.floor(rnd() * (c.length - 1));
    const f = rnd();
    out[2 * i] = c[s][0] + f * (c[s + 1][0] - c[s][0]) + (rnd() - 0.5) * 0.0012;
    out[2 * i + 1] = c[s][1] + f * (c[s + 1][1] - c[s][1]) + (rnd() - 0.5) * 0.0009;
  }
  return out;
}
