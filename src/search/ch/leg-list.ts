import type { RoadNetwork } from '../../network/road-network';
import { LEG_STRIDE, MAX_LEGS, newLegs, type PlacedPoints, pointLegs } from '../placed-points';
import type { LegList } from './bucket-table';

/**
 * Every point's legs into the network (`leaving`: from the point to its links' ends) or out of it,
 * as the hierarchy's many-to-many takes them; an off-network point has none.
 *
 * @param net - The network the points were placed on.
 * @param p - The placed points.
 * @param leaving - From the points (true) or to them.
 *
 * @example
 * const table = new BucketTable(ch, legList(net, clinics, false), false, Infinity);
 */
export function legList(net: RoadNetwork, p: PlacedPoints, leaving: boolean): LegList {
  const n = p.snap.count;
  const start = new Int32Array(n + 1);
  const node = new Int32Array(MAX_LEGS * n);
  const timeS = new Float64Array(MAX_LEGS * n);
  const legs = newLegs();
  let k = 0;
  for (let i = 0; i < n; i++) {
    const c = pointLegs(net, p, i, leaving, legs);
    for (let j = 0; j < c; j++) {
      node[k] = legs[LEG_STRIDE * j];
      timeS[k++] = legs[LEG_STRIDE * j + 1];
    }
    start[i + 1] = k;
  }
  return { start, node, timeS };
}
