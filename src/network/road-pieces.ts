import { haversineM } from '../geo/distance';
import { fromE7 } from '../geo/fixed';
import type { WayRuns } from './way-runs';

/**
 * Runs cut at every junction: piece `p` is `runs.vertex[a[p]] … runs.vertex[b[p]]` (both ends
 * junctions, no junction inside), from way `way[p]`. Pieces are the units compaction chains into
 * links; `count` of them, each array exactly that long.
 */
export interface RoadPieces {
  a: Int32Array;
  b: Int32Array;
  way: Int32Array;
  /** Haversine length of each piece over its full geometry, metres. */
  lengthM: Float64Array;
  count: number;
}

/**
 * Cut runs into pieces at junctions and measure each piece. Lengths are summed here, segment by
 * segment in vertex order, once: every later length is a sum of these, so a link's length does
 * not depend on how its pieces were chained.
 *
 * @param runs the cleaned ways with their junction marks
 * @param coords table vertex coordinates, 1e-7 degree
 * @example
 * const pieces = roadPieces(wayRuns(table), table.coords);
 * pieces.count; // 0 when no way has two distinct vertices
 */
export function roadPieces(runs: WayRuns, coords: Int32Array): RoadPieces {
  const { vertex: run, start: runStart, way: runWay, uses } = runs;
  // Counted first, so the arrays are the pieces' size: sized by the references they were 277 MB
  // of address space (mostly never written) on the 20×20 Andorra replica, 23M references for
  // 2.7M pieces, at the build's high point.
  let P = 0;
  for (let r = 0; r < runs.count; r++)
    for (let i = runStart[r] + 1; i < runStart[r + 1]; i++) if (uses[run[i]] >= 2) P++;
  const pA = new Int32Array(P);
  const pB = new Int32Array(P);
  const pWay = new Int32Array(P);
  P = 0;
  for (let r = 0; r < runs.count; r++) {
    let a = runStart[r];
    for (let i = a + 1; i < runStart[r + 1]; i++) {
      if (uses[run[i]] >= 2) {
        pA[P] = a;
        pB[P] = i;
        pWay[P++] = runWay[r];
        a = i;
      }
    }
  }
  const pLen = new Float64Array(P);
  for (let p = 0; p < P; p++) {
    let len = 0;
    for (let i = pA[p]; i < pB[p]; i++) {
      const u = run[i];
      const v = run[i + 1];
      len += haversineM(
        fromE7(coords[2 * u]),
        fromE7(coords[2 * u + 1]),
        fromE7(coords[2 * v]),
        fromE7(coords[2 * v + 1]),
      );
    }
    pLen[p] = len;
  }
  return { a: pA, b: pB, way: pWay, lengthM: pLen, count: P };
}
