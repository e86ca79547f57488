import type { PiecePaces } from './piece-paces';
import type { RoadPieces } from './road-pieces';
import type { WayRuns } from './way-runs';
import type { WayTable } from './way-table';

/** Where pieces meet, and which meeting points compaction may pass through. */
export interface PieceJunctions {
  /**
   * Per vertex, the XOR of the first two piece ends there, each written `piece * 2 + 1` when the
   * piece ends there (its `b`) and `piece * 2` when it starts there (its `a`): read only where
   * `through` is set, where there are exactly two, so that arriving by one end gives the other.
   * 4 bytes a vertex where two end slots took 8 (and a 32-bit degree 4 more): at 58M vertices
   * (20×20 Andorra replica) 232 MB instead of 696 MB.
   */
  otherEnd: Int32Array;
  /** 1 where a degree-2 junction can be dissolved into a link's interior. */
  through: Uint8Array;
}

/**
 * Find the junctions compaction may dissolve: degree 2, two distinct pieces, same class and the
 * same pace (seconds per metre, `Infinity` = closed) into it on one side as out of it on the
 * other, both ways. A change of class keeps the node so length by class stays exact; a change of
 * pace keeps it so every link has one pace per direction: a fraction of a link's length is then
 * the same fraction of its time, which keeps snapped points' partial-link times exact. A piece
 * meeting itself (a loop through one junction) is never dissolved: the ring pass of
 * `compactLinks` handles rings.
 *
 * @param t the builder's input (class and paces per way)
 * @param runs the cleaned ways, for the vertex at each piece end
 * @param pieces the pieces to join
 * @param paces each piece's pace both ways (its way's, or with terrain its grade's)
 * @example
 * const { through } = throughJunctions(table, runs, pieces, piecePaces(table, pieces, null));
 * through[v]; // 1: v becomes an interior vertex of a link
 */
export function throughJunctions(
  t: WayTable,
  runs: WayRuns,
  pieces: RoadPieces,
  paces: PiecePaces,
): PieceJunctions {
  const V = t.coords.length / 2;
  const { cls } = t;
  const { forward: forwardPace, backward: backwardPace } = paces;
  const run = runs.vertex;
  const { a: pA, b: pB, way: pWay } = pieces;
  // Degree saturates at 3: only "exactly 2" matters.
  const degree = new Uint8Array(V);
  const otherEnd = new Int32Array(V);
  for (let p = 0; p < pieces.count; p++) {
    for (let end = 0; end < 2; end++) {
      const v = run[end ? pB[p] : pA[p]];
      if (degree[v] < 2) otherEnd[v] ^= 2 * p + end;
      if (degree[v] < 3) degree[v]++;
    }
  }
  const through = new Uint8Array(V);
  // Each degree-2 vertex is met from both its ends; the test is symmetric, so either visit decides.
  for (let p = 0; p < pieces.count; p++) {
    for (let end = 0; end < 2; end++) {
      const v = run[end ? pB[p] : pA[p]];
      if (degree[v] !== 2) continue;
      degree[v] = 0; // decided once
      const e1 = 2 * p + end;
      const e2 = otherEnd[v] ^ e1;
      const p2 = e2 >> 1;
      if (p === p2 || cls[pWay[p]] !== cls[pWay[p2]]) continue;
      // A piece ending here (odd end) arrives along its forward direction.
      const into1 = end ? forwardPace[p] : backwardPace[p];
      const out1 = end ? backwardPace[p] : forwardPace[p];
      const into2 = e2 & 1 ? forwardPace[p2] : backwardPace[p2];
      const out2 = e2 & 1 ? backwardPace[p2] : forwardPace[p2];
      if (into1 === out2 && out1 === into2) through[v] = 1;
    }
  }
  return { otherEnd, through };
}
