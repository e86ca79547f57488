import { EARTH_RADIUS_M } from '../geo/distance';

/** Metres per degree of latitude on the mean-radius sphere. */
export const M_PER_DEG = (EARTH_RADIUS_M * Math.PI) / 180;

/** Where a point projects onto a segment, in the metric below. */
export interface SegmentProjection {
  /** Squared distance in m² (local metric). */
  d2: number;
  /** Position along the segment, 0 at its start, 1 at its end. */
  t: number;
}

/**
 * Squared distance (m²) from point q to segment a–b, and where it projects, in the local
 * equirectangular frame of q (longitudes scaled by cos(q.lat), longitude differences wrapped into
 * ±180°). The frame is exact to well under 0.1% over the few kilometres a snap spans, and — being
 * one metric for the whole query — it lets the segment index prune by a box exactly.
 *
 * @param qx - Longitude of the point q, degrees.
 * @param qy - Latitude of q, degrees.
 * @param ax - Longitude of the segment's start a, degrees.
 * @param ay - Latitude of a, degrees.
 * @param bx - Longitude of the segment's end b, degrees.
 * @param by - Latitude of b, degrees.
 * @param cosLat - cos(qy), passed in so a query computes it once for every segment it measures.
 * @param out - Receives `d2` (m²) and `t` (0 at a … 1 at b, clamped; 0 for a zero-length
 *   segment); nothing is allocated.
 *
 * @example
 * const out = { d2: 0, t: 0 };
 * projectOnSegment(100.0005, 25.0003, 100, 25, 100.001, 25, Math.cos(25 * Math.PI / 180), out);
 * Math.sqrt(out.d2); // ≈ 33.4 m, out.t === 0.5
 */
export function projectOnSegment(
  qx: number,
  qy: number,
  ax: number,
  ay: number,
  bx: number,
  by: number,
  cosLat: number,
  out: SegmentProjection,
): void {
  const ux = wrap(ax - qx) * cosLat;
  const uy = ay - qy;
  const vx = wrap(bx - ax) * cosLat;
  const vy = by - ay;
  const len2 = vx * vx + vy * vy;
  let t = len2 > 0 ? -(ux * vx + uy * vy) / len2 : 0;
  t = Math.min(1, Math.max(0, t));
  const dx = ux + t * vx;
  const dy = uy + t * vy;
  out.d2 = (dx * dx + dy * dy) * M_PER_DEG * M_PER_DEG;
  out.t = t;
}

function wrap(d: number): number {
  return d > 180 ? d - 360 : d < -180 ? d + 360 : d;
}
