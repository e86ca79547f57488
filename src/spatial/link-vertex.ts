import { fromE7 } from '../geo/fixed';
import { expandedGeometry } from '../network/link-geometry';
import type { RoadNetwork } from '../network/road-network';

// The geometry last asked for, in module variables the inner loop reads without a WeakMap lookup
// (they keep that one network's decoded geometry alive until another network is snapped).
let offsets: Uint32Array | null = null;
let start: Uint32Array = new Uint32Array(1);
let e7: Int32Array = new Int32Array(0);

function use(net: RoadNetwork): void {
  const g = expandedGeometry(net.arrays);
  offsets = net.arrays.geomOffset;
  start = g.vertexStart;
  e7 = g.e7;
}

/**
 * Number of vertices of link `l`'s polyline, end nodes included.
 *
 * @param net - The network.
 * @param l - Link id.
 * @example
 * const segments = linkVertexCount(net, l) - 1;
 */
export function linkVertexCount(net: RoadNetwork, l: number): number {
  if (net.arrays.geomOffset !== offsets) use(net);
  return start[l + 1] - start[l] + 2;
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
  const a = net.arrays;
  if (a.geomOffset !== offsets) use(net);
  const s = start[l];
  if (j === 0 || j === start[l + 1] - s + 1) {
    const node = j === 0 ? a.linkFrom[l] : a.linkTo[l];
    out[0] = fromE7(a.nodeE7[2 * node]);
    out[1] = fromE7(a.nodeE7[2 * node + 1]);
  } else {
    const v = s + j - 1;
    out[0] = fromE7(e7[2 * v]);
    out[1] = fromE7(e7[2 * v + 1]);
  }
}
