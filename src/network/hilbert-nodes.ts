import { hilbert16 } from '../geo/hilbert';
import type { CompactLinks } from './compact-links';
import { radixOrder } from './radix-order';
import type { WayTable } from './way-table';

/** The network's nodes: link ends, numbered along a Hilbert curve. */
export interface HilbertNodes {
  /** Node number of each table vertex, -1 for vertices that are no link end. */
  of: Int32Array;
  /** `[lon, lat, …]` in 1e-7 degree per node, the network's `nodeE7`. */
  coords: Int32Array;
  /** Table vertex id per node, or -1 without `vertexIds` (GeoJSON). */
  sourceId: Float64Array;
  count: number;
}

/**
 * Number the link ends along a Hilbert curve over their bounding box (16 bits per axis), so nodes
 * near on the map are near in memory and a search frontier stays in cache. The radix order is
 * stable: nodes with equal keys keep the order links first reach them, so the numbering, and the
 * saved buffer, depend on the input alone.
 *
 * @param t the builder's input (coordinates and vertex ids)
 * @param links the compacted links, whose ends become nodes
 * @param scratch a per-vertex array no longer needed (the junctions' `otherEnd`), overwritten
 *   and returned as `of`: a new one would be allocated while the compaction's arrays are still
 *   uncollected garbage (84 MB at the build's peak on the 20×20 Andorra replica)
 * @example
 * const nodes = hilbertNodes(table, links);
 * nodes.of[links.from[0]]; // node number of the first link's start
 */
export function hilbertNodes(t: WayTable, links: CompactLinks, scratch?: Int32Array): HilbertNodes {
  const { coords } = t;
  const V = coords.length / 2;
  const L = links.count;
  const { from: lFrom, to: lTo } = links;
  const nodeOf = (scratch?.length === V ? scratch : new Int32Array(V)).fill(-1);
  const verts = new Int32Array(2 * L);
  let n = 0;
  for (let i = 0; i < 2 * L; i++) {
    const v = i & 1 ? lTo[i >> 1] : lFrom[i >> 1];
    if (nodeOf[v] === -1) {
      nodeOf[v] = 0;
      verts[n++] = v;
    }
  }
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = verts[i];
    minX = Math.min(minX, coords[2 * v]);
    maxX = Math.max(maxX, coords[2 * v]);
    minY = Math.min(minY, coords[2 * v + 1]);
    maxY = Math.max(maxY, coords[2 * v + 1]);
  }
  // max(1, …): a single node, or nodes on one meridian, would divide by zero.
  const sx = 65535 / Math.max(1, maxX - minX);
  const sy = 65535 / Math.max(1, maxY - minY);
  const keys = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const v = verts[i];
    keys[i] = hilbert16(
      Math.floor((coords[2 * v] - minX) * sx),
      Math.floor((coords[2 * v + 1] - minY) * sy),
    );
  }
  const order = radixOrder(keys);
  const nodeE7 = new Int32Array(2 * n);
  const nodeSourceId = new Float64Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const v = verts[order[i]];
    nodeOf[v] = i;
    nodeE7[2 * i] = coords[2 * v];
    nodeE7[2 * i + 1] = coords[2 * v + 1];
    if (t.vertexIds) nodeSourceId[i] = t.vertexIds.id(v);
  }
  return { of: nodeOf, coords: nodeE7, sourceId: nodeSourceId, count: n };
}
