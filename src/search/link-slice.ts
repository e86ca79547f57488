import { haversineM } from '../geo/distance';
import type { RoadNetwork } from '../network/road-network';

/**
 * The part of link `l`'s geometry between fractions `f0` and `f1` (by length, 0 = `linkFrom`),
 * in travel order: from f0 towards f1, which may run against the link.
 *
 * @example
 * linkSlice(net, 12, 0.25, 1); // from a quarter of the way along link 12 to its end node
 */
export function linkSlice(net: RoadNetwork, l: number, f0: number, f1: number): [number, number][] {
  const c = net.linkCoordinates(l);
  const cum = [0];
  for (let i = 1; i < c.length; i++)
    cum.push(cum[i - 1] + haversineM(c[i - 1][0], c[i - 1][1], c[i][0], c[i][1]));
  const total = cum[cum.length - 1];
  const at = (f: number): [number, number] => {
    const d = f * total;
    let i = 1;
    while (i < c.length - 1 && cum[i] < d) i++;
    const seg = cum[i] - cum[i - 1];
    const t = seg > 0 ? Math.min(1, Math.max(0, (d - cum[i - 1]) / seg)) : 0;
    return [c[i - 1][0] + t * (c[i][0] - c[i - 1][0]), c[i - 1][1] + t * (c[i][1] - c[i - 1][1])];
  };
  const lo = Math.min(f0, f1);
  const hi = Math.max(f0, f1);
  const out: [number, number][] = [at(lo)];
  for (let i = 1; i < c.length - 1; i++)
    if (cum[i] > lo * total && cum[i] < hi * total) out.push(c[i]);
  out.push(at(hi));
  return f0 <= f1 ? out : out.reverse();
}
