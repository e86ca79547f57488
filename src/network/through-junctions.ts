import type { PiecePaces } from './piece-paces';
import type { RoadPieces } from './road-pieces';
import type { WayRuns } from './way-runs';
import type { WayTable } from './way-table';

/** Where pieces meet, and which meeting points compaction may pass through. */
export interface PieceJunctions {
  /**
   * The first two piece ends at each vertex, as `piece * 2 + 1` when the piece ends there (its
   * `b`) and `piece * 2` when it starts there (its `a`); read only where `through` is set, where
   * there are exactly two.
   */
  endAt: Int32Array;
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
  const degree = new Uint32Array(V);
  const endAt = new Int32Array(2 * V);
  for (let p = 0; p < pieces.count; p++) {
    for (let end = 0; end < 2; end++) {
      const v = run[end ? pB[p] : pA[p]];
      if (degree[v] < 2) endAt[2 * v + degree[v]] = 2 * p + end;
      degree[v]++;
    }
  }
  const through = new Uint8Array(V);
  for (let v = 0; v < V; v++) {
    if (degree[v] !== 2) continue;
    const e1 = endAt[2 * v];
    const e2 = endAt[2 * v + 1];
    const p1 = e1 >> 1;
    const p2 = e2 >> 1;
    if (p1 === p2 || cls[pWay[p1]] !== cls[pWay[p2]]) continue;
    // A piece ending here (odd end) arrives along its forward direction.
    const into1 = e1 & 1 ? forwardPace[p1] : backwardPace[p1];
    const out1 = e1 & 1 ? backwardPace[p1] : forwardPace[p1];
    const into2 = e2 & 1 ? forwardPace[p2] : backwardPace[p2];
    const out2 = e2 & 1 ? backwardPace[p2] : forwardPace[p2];
    if (into1 === out2 && out1 === into2) through[v] = 1;
  }
  return { endAt, through };
}
