import { pointOnFeature } from '@turf/point-on-feature';

/**
 * Joins member ways (node id lists) into rings by their shared end nodes, as OSM multipolygons
 * are drawn: a ring may be one closed way or several ways end to end, each in either direction.
 * Ways that close no ring come back in `open` (members outside the extract, a broken relation).
 *
 * @param ways - Each member way's node ids, in order.
 * @returns Closed rings (first id = last id) and the ways left over.
 * @example
 * ringsFromWays([[1, 2, 3], [3, 4, 1]]).rings; // [[1, 2, 3, 4, 1]]
 */
export function ringsFromWays(ways: readonly (readonly number[])[]): {
  rings: number[][];
  open: number[][];
} {
  const used = new Uint8Array(ways.length);
  const rings: number[][] = [];
  const open: number[][] = [];
  for (let start = 0; start < ways.length; start++) {
    if (used[start] || ways[start].length < 2) continue;
    used[start] = 1;
    const ring = [...ways[start]]; // spread-ok: one way's nodes, copied once
    const parts = [start];
    // A relation has few members; a linear scan per join keeps this simple and exact.
    while (ring[0] !== ring[ring.length - 1]) {
      const last = ring[ring.length - 1];
      let next = -1;
      let reversed = false;
      for (let w = 0; w < ways.length && next < 0; w++) {
        if (used[w] || ways[w].length < 2) continue;
        if (ways[w][0] === last) next = w;
        else if (ways[w][ways[w].length - 1] === last) {
          next = w;
          reversed = true;
        }
      }
      if (next < 0) break;
      used[next] = 1;
      parts.push(next);
      const way = ways[next];
      if (reversed) for (let i = way.length - 2; i >= 0; i--) ring.push(way[i]);
      else for (let i = 1; i < way.length; i++) ring.push(way[i]);
    }
    if (ring[0] === ring[ring.length - 1] && ring.length >= 4) rings.push(ring);
    else for (const p of parts) open.push([...ways[p]]); // spread-ok: one way's nodes
  }
  return { rings, open };
}

/**
 * A point on the surface of a multipolygon given as outer and inner rings of `[lon, lat]`: inside
 * the largest outer ring (by planar area in degrees, enough to choose) and outside the inner rings
 * within it (`@turf/point-on-feature`: the centroid when it lies there, else the nearest vertex).
 *
 * @param outers - Closed outer rings.
 * @param inners - Closed inner rings (holes); each belongs to the outer ring holding its first vertex.
 * @returns `[lon, lat]`, or null when there is no outer ring.
 * @example
 * pointOnMultipolygon([[[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]]], []); // [1, 1]
 */
export function pointOnMultipolygon(
  outers: readonly [number, number][][],
  inners: readonly [number, number][][],
): [number, number] | null {
  let best = -1;
  let bestArea = -1;
  for (let i = 0; i < outers.length; i++) {
    const a = Math.abs(ringArea(outers[i]));
    if (a > bestArea) {
      bestArea = a;
      best = i;
    }
  }
  if (best < 0) return null;
  const outer = outers[best];
  const holes = inners.filter((r) => r.length >= 4 && insideRing(r[0][0], r[0][1], outer));
  const [lon, lat] = pointOnFeature({ type: 'Polygon', coordinates: [outer, ...holes] }).geometry
    .coordinates;
  return [lon, lat];
}

/** Shoelace area of a closed ring, in square degrees (sign = winding). */
function ringArea(ring: readonly [number, number][]): number {
  let s = 0;
  for (let i = 1; i < ring.length; i++)
    s += ring[i - 1][0] * ring[i][1] - ring[i][0] * ring[i - 1][1];
  return s / 2;
}

/** Even-odd ray casting: whether (x, y) lies inside the closed ring. */
function insideRing(x: number, y: number, ring: readonly [number, number][]): boolean {
  let inside = false;
  for (let i = 1; i < ring.length; i++) {
    const [x1, y1] = ring[i - 1];
    const [x2, y2] = ring[i];
    if (y1 > y !== y2 > y && x < ((x2 - x1) * (y - y1)) / (y2 - y1) + x1) inside = !inside;
  }
  return inside;
}
