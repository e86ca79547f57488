import { fromE7 } from '../geo/fixed';
import { expandedGeometry } from '../network/link-geometry';
import type { RoadNetwork } from '../network/road-network';

/**
 * Number of vertices of link `l`'s polyline, end nodes included.
 *
 * @param net - The network.
 * @param l - Link id.
 * @example
 * const segments = linkVertexCount(net, l) - 1;
 */
export function linkVertexCount(net: RoadNetwork, l: number): number {
  const { vertexStart } = expandedGeometry(net.arrays);
  return vertexStart[l + 1] - vertexStart[l] + 2;
}

/**
 * Vertex `j` of link `l`'s polyline (0 = `linkFrom`, last = `linkTo`) written into `out` as
 * `[lon, lat]` degrees; no allocation, for the snapping inner loop. Snapping tests segments in any
 * order, so this reads the network's geometry decoded once into random access
 * (`expandedGeometry`, built on first use and cached with the network) rather than decoding the
 * link's delta stream up to `j` each time.
 *
 * @param net - The network.
 * @param l - Link id.
 * @param j - Vertex, `0 … linkVertexCount(net, l) - 1`.
 * @param out - Receives `[lon, lat]`.
 * @example
 * const a = new Float64Array(2);
 * linkVertex(net, l, 0, a); // the linkFrom node
 */
export function linkVertex(
  net: RoadNetwork,
  l: number,
  j: number,
  out: Float64Array | number[],
): void {
  const { vertexStart, e7 } = expandedGeometry(net.arrays);
  const interior = vertexStart[l + 1] - vertexStart[l];
  if (j === 0 || j === interior + 1) {
    const node = j === 0 ? net.arrays.linkFrom[l] : net.arrays.linkTo[l];
    out[0] = net.nodeLon(node);
    out[1] = net.nodeLat(node);
  } else {
    const v = vertexStart[l] + j - 1;
    out[0] = fromE7(e7[2 * v]);
    out[1] = fromE7(e7[2 * v + 1]);
  }
}
