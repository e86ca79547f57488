import { fromE7 } from '../geo/fixed';
import type { RoadNetwork } from '../network/road-network';

/** Number of vertices of link `l`'s polyline, end nodes included. */
export function linkVertexCount(net: RoadNetwork, l: number): number {
  return net.arrays.geomStart[l + 1] - net.arrays.geomStart[l] + 2;
}

/**
 * Vertex `j` of link `l`'s polyline (0 = `linkFrom`, last = `linkTo`) written into `out` as
 * `[lon, lat]` degrees; no allocation, for the snapping inner loop.
 */
export function linkVertex(
  net: RoadNetwork,
  l: number,
  j: number,
  out: Float64Array | number[],
): void {
  const { geomStart, geomE7, linkFrom, linkTo, nodeCoords } = net.arrays;
  const interior = geomStart[l + 1] - geomStart[l];
  if (j === 0 || j === interior + 1) {
    const node = j === 0 ? linkFrom[l] : linkTo[l];
    out[0] = nodeCoords[2 * node];
    out[1] = nodeCoords[2 * node + 1];
  } else {
    const v = geomStart[l] + j - 1;
    out[0] = fromE7(geomE7[2 * v]);
    out[1] = fromE7(geomE7[2 * v + 1]);
  }
}
