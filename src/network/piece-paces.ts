import type { SegmentPaces } from './elevation';
import type { RoadPieces } from './road-pieces';
import type { WayTable } from './way-table';

/** Seconds per metre of each piece along (`forward`, `a` → `b`) and against its run. */
export interface PiecePaces {
  forward: Float64Array;
  backward: Float64Array;
}

/**
 * Each piece's pace both ways: its way's, or with terrain its first segment's (pieces are cut
 * wherever the segment pace changes, so every segment of a piece has that pace).
 *
 * @param t the builder's input (paces per way)
 * @param pieces the pieces
 * @param segments per-segment paces from `segmentPaces`, or `null` without terrain
 * @example
 * const paces = piecePaces(table, pieces, null);
 * paces.forward[p] === table.forwardPace[pieces.way[p]]; // true without terrain
 */
export function piecePaces(
  t: WayTable,
  pieces: RoadPieces,
  segments: SegmentPaces | null,
): PiecePaces {
  const P = pieces.count;
  const forward = new Float64Array(P);
  const backward = new Float64Array(P);
  for (let p = 0; p < P; p++) {
    if (segments) {
      forward[p] = segments.forward[pieces.a[p]];
      backward[p] = segments.backward[pieces.a[p]];
    } else {
      forward[p] = t.forwardPace[pieces.way[p]];
      backward[p] = t.backwardPace[pieces.way[p]];
    }
  }
  return { forward, backward };
}
