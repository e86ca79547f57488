import type { PiecePaces } from './piece-paces';
import type { PieceJunctions } from './through-junctions';
import type { RoadPieces } from './road-pieces';
import type { WayRuns } from './way-runs';
import type { WayTable } from './way-table';

/**
 * Chains of pieces joined at dissolvable junctions: link `l` runs from table vertex `from[l]` to
 * `to[l]` through the interior vertices `geom[geomStart[l]] … geom[geomStart[l + 1] - 1]`.
 * Arrays are sized by the piece count, an upper bound; `count` links and `geomCount` interior
 * vertices are in use.
 */
export interface CompactLinks {
  from: Int32Array;
  to: Int32Array;
  lengthM: Float64Array;
  /** Seconds from `from` to `to` and back; `Infinity` where closed. */
  forwardS: Float64Array;
  backwardS: Float64Array;
  cls: Uint8Array;
  /** Source id of the link's first way. */
  sourceId: Float64Array;
  geomStart: Uint32Array;
  /** Interior vertices as table vertex indexes. */
  geom: Int32Array;
  count: number;
  geomCount: number;
}

/**
 * Walk chains of pieces into links. Each chain starts at a kept node, so a link's ends are nodes;
 * what is left after that are rings made only of dissolvable junctions, where the first vertex
 * is kept as a node (and cleared in `junctions.through`, which this mutates). Times are each
 * piece's length × its pace, summed in walking order; lengths likewise.
 *
 * @param t the builder's input (class and source id per way)
 * @param runs the cleaned ways, for the vertices of each piece
 * @param pieces the pieces and their lengths
 * @param junctions piece ends per vertex and the dissolvable junctions
 * @param paces each piece's pace both ways
 * @example
 * const paces = piecePaces(table, pieces, null);
 * const links = compactLinks(table, runs, pieces, throughJunctions(table, runs, pieces, paces), paces);
 * links.count; // ≤ pieces.count
 */
export function compactLinks(
  t: WayTable,
  runs: WayRuns,
  pieces: RoadPieces,
  junctions: PieceJunctions,
  paces: PiecePaces,
): CompactLinks {
  const { forward: forwardPace, backward: backwardPace } = paces;
  const run = runs.vertex;
  const { a: pA, b: pB, way: pWay, lengthM: pLen, count: P } = pieces;
  const { otherEnd, through } = junctions;
  const used = new Uint8Array(P);
  const lFrom = new Int32Array(P);
  const lTo = new Int32Array(P);
  const lLen = new Float64Array(P);
  const lFwd = new Float64Array(P);
  const lBwd = new Float64Array(P);
  const lCls = new Uint8Array(P);
  const lSrc = new Float64Array(P);
  const geomStart = new Uint32Array(P + 1);
  const geom = new Int32Array(runs.length);
  let L = 0;
  let G = 0;
  const walk = (p: number, startVertex: number) => {
    let v = startVertex;
    let len = 0;
    let fwd = 0;
    let bwd = 0;
    lFrom[L] = v;
    lCls[L] = t.cls[pWay[p]];
    lSrc[L] = t.sourceId[pWay[p]];
    for (;;) {
      used[p] = 1;
      // Infinity × 0 would be NaN on a zero-length closed direction: closed stays Infinity.
      const a = forwardPace[p] === Infinity ? Infinity : forwardPace[p] * pLen[p];
      const b = backwardPace[p] === Infinity ? Infinity : backwardPace[p] * pLen[p];
      len += pLen[p];
      let arrival: number; // the end of p at the next vertex, as in `otherEnd`
      if (run[pA[p]] === v) {
        arrival = 2 * p + 1;
        fwd += a;
        bwd += b;
        for (let i = pA[p] + 1; i < pB[p]; i++) geom[G++] = run[i];
        v = run[pB[p]];
      } else {
        arrival = 2 * p;
        fwd += b;
        bwd += a;
        for (let i = pB[p] - 1; i > pA[p]; i--) geom[G++] = run[i];
        v = run[pA[p]];
      }
      if (!through[v] || v === startVertex) break;
      const next = (otherEnd[v] ^ arrival) >> 1;
      if (used[next]) break;
      geom[G++] = v; // the dissolved junction becomes an interior vertex
      p = next;
    }
    lTo[L] = v;
    lLen[L] = len;
    lFwd[L] = fwd;
    lBwd[L] = bwd;
    geomStart[++L] = G;
  };
  for (let p = 0; p < P; p++) {
    if (used[p]) continue;
    if (!through[run[pA[p]]]) walk(p, run[pA[p]]);
    else if (!through[run[pB[p]]]) walk(p, run[pB[p]]);
  }
  for (let p = 0; p < P; p++) {
    if (used[p]) continue;
    through[run[pA[p]]] = 0;
    walk(p, run[pA[p]]);
  }
  return {
    from: lFrom,
    to: lTo,
    lengthM: lLen,
    forwardS: lFwd,
    backwardS: lBwd,
    cls: lCls,
    sourceId: lSrc,
    geomStart,
    geom,
    count: L,
    geomCount: G,
  };
}
