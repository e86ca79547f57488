import Flatbush from 'flatbush';
import { haversineM } from '../geo/distance';
import type { RoadNetwork } from '../network/road-network';
import { linkVertex, linkVertexCount } from './link-vertex';

/**
 * The R-tree queries snapping makes. Typed here rather than as `Flatbush` so the published
 * declarations never import flatbush: it ships ESM only, and a CommonJS TypeScript consumer
 * (`node16` resolution, `.d.cts`) would fail with TS1479 on its types.
 */
export interface SegmentTree {
  /** Segments whose boxes meet the query box. */
  search(minX: number, minY: number, maxX: number, maxY: number): number[];
  /** Segments by distance from (x, y) to their boxes, nearest first. */
  neighbors(x: number, y: number, maxResults?: number, maxDistance?: number): number[];
}

/**
 * An R-tree (`flatbush`) over every segment of every link's geometry, with the link, the
 * segment's first vertex and the distance along the link where it starts. Snapping queries it
 * with growing boxes; a box bounds the snap metric exactly, so the search is exact.
 *
 * @example
 * const index = new SegmentIndex(net);
 * for (const s of index.search(1.52, 42.55, 1.53, 42.56)) {
 *   const l = index.segLink[s]; // the link; index.segVertex[s] is the segment within it
 * }
 */
export class SegmentIndex {
  /** The R-tree; item `s` is segment `s` (its box in degrees). */
  readonly tree: SegmentTree;
  /** Link of each segment. */
  readonly segLink: Uint32Array;
  /** Index of the segment's first vertex in its link's polyline (0 = `linkFrom`). */
  readonly segVertex: Uint32Array;
  /** Metres along the link (haversine) where the segment starts. */
  readonly segOffsetM: Float64Array;

  /**
   * Indexes every segment of the network (one R-tree item per pair of consecutive vertices).
   * Snapping keeps one index per network already, built on first use; constructing one here
   * builds another.
   *
   * @param net - The network; a network without links gives an index of size 0.
   */
  constructor(readonly net: RoadNetwork) {
    let count = 0;
    // Turn links (zero-length, at junctions split for turn restrictions) are last and not snapped to.
    const links = net.linkCount - (net.meta.turnLinks ?? 0);
    for (let l = 0; l < links; l++) count += linkVertexCount(net, l) - 1;
    this.segLink = new Uint32Array(count);
    this.segVertex = new Uint32Array(count);
    this.segOffsetM = new Float64Array(count);
    const tree = new Flatbush(Math.max(1, count));
    this.tree = tree;
    const a = new Float64Array(2);
    const b = new Float64Array(2);
    let s = 0;
    for (let l = 0; l < links; l++) {
      const nv = linkVertexCount(net, l);
      let offset = 0;
      linkVertex(net, l, 0, a);
      for (let j = 0; j + 1 < nv; j++) {
        linkVertex(net, l, j + 1, b);
        this.segLink[s] = l;
        this.segVertex[s] = j;
        this.segOffsetM[s] = offset;
        offset += haversineM(a[0], a[1], b[0], b[1]);
        tree.add(
          Math.min(a[0], b[0]),
          Math.min(a[1], b[1]),
          Math.max(a[0], b[0]),
          Math.max(a[1], b[1]),
        );
        a[0] = b[0];
        a[1] = b[1];
        s++;
      }
    }
    if (count === 0) tree.add(0, 0, 0, 0);
    tree.finish();
  }

  /** Number of segments indexed. */
  get size(): number {
    return this.segLink.length;
  }

  /**
   * Segments whose boxes meet [minX, maxX] × [minY, maxY], with longitudes wrapped across ±180°.
   *
   * @param minX - West edge, degrees of longitude; below −180 wraps to the far east.
   * @param minY - South edge, degrees of latitude.
   * @param maxX - East edge, degrees of longitude; above 180 wraps to the far west (a box 360°
   *   wide or more covers every longitude).
   * @param maxY - North edge, degrees of latitude.
   * @returns Segment ids, in no particular order; empty when nothing meets the box.
   *
   * @example
   * const near = index.search(lon - 0.001, lat - 0.001, lon + 0.001, lat + 0.001);
   */
  search(minX: number, minY: number, maxX: number, maxY: number): number[] {
    if (maxX - minX >= 360) return this.tree.search(-180, minY, 180, maxY);
    if (minX < -180)
      return [
        ...this.tree.search(minX + 360, minY, 180, maxY),
        ...this.tree.search(-180, minY, maxX, maxY),
      ];
    if (maxX > 180)
      return [
        ...this.tree.search(minX, minY, 180, maxY),
        ...this.tree.search(-180, minY, maxX - 360, maxY),
      ];
    return this.tree.search(minX, minY, maxX, maxY);
  }
}

const cache = new WeakMap<object, SegmentIndex>();

/**
 * The segment index of a network, built on first use and kept as long as the network lives.
 *
 * @example
 * segmentIndexFor(net).size; // number of road segments
 */
export function segmentIndexFor(net: RoadNetwork): SegmentIndex {
  // Keyed by the geometry array, so networks sharing the roads (distanceNetwork) share the index.
  let index = cache.get(net.arrays.geomOffset);
  if (!index) {
    index = new SegmentIndex(net);
    cache.set(net.arrays.geomOffset, index);
  }
  return index;
}
