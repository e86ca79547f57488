import { InputError } from '../errors';
import { haversineM } from '../geo/distance';
import { fromE7 } from '../geo/fixed';
import { hilbert16 } from '../geo/hilbert';
import { radixOrder } from './radix-order';
import { type NetworkArrays, type NetworkMeta, RoadNetwork } from './road-network';
import type { WayTable } from './way-table';

/**
 * Turn routable ways into a compact graph:
 * 1. vertices used by two ways, twice by one, or ending a way are junctions; ways are cut there
 *    into *pieces*;
 * 2. chains of pieces through junctions of degree 2 are merged into one *link* when class and
 *    pace in each direction agree (a change of either keeps the node, so no travel rule is lost
 *    and a link's time is proportional to its length);
 * 3. nodes are numbered along a Hilbert curve, and each open direction of a link becomes an edge
 *    in CSR order.
 * Lengths are haversine sums over the full geometry; times are length × pace per piece, so
 * compaction preserves both exactly up to floating-point summation. Every intermediate lives in
 * typed arrays sized up front: a per-piece JS array costs several times the time and memory.
 */
export function buildNetwork(t: WayTable, meta: Omit<NetworkMeta, 'classNames'>): RoadNetwork {
  const V = t.coords.length / 2;
  const W = t.start.length - 1;
  const { coords, refs, start, forwardPace, backwardPace } = t;

  // --- 1. runs: gaps split a way, repeated consecutive vertices are dropped; junction marks
  const run = new Int32Array(refs.length); // cleaned vertex sequence, runs back to back
  const runWay = new Int32Array(refs.length);
  const runStart = new Int32Array(refs.length + 1);
  const uses = new Uint8Array(V); // 0, 1, ≥2 = junction (saturating)
  let k = 0;
  let R = 0;
  for (let w = 0; w < W; w++) {
    let s = k;
    for (let i = start[w]; i <= start[w + 1]; i++) {
      const v = i < start[w + 1] ? refs[i] : -1; // the way's end flushes like a gap
      if (v >= 0) {
        if (k === s || run[k - 1] !== v) run[k++] = v;
        continue;
      }
      if (k - s >= 2) {
        runWay[R] = w;
        runStart[R++] = s;
        uses[run[s]] = 2;
        uses[run[k - 1]] = 2;
        for (let j = s + 1; j < k - 1; j++) if (uses[run[j]] < 2) uses[run[j]]++;
      } else k = s; // a run of one vertex carries no road
      s = k;
    }
  }
  runStart[R] = k;

  // --- 2. pieces between junctions: run[pA[p]] … run[pB[p]]
  const pA = new Int32Array(k);
  const pB = new Int32Array(k);
  const pWay = new Int32Array(k);
  let P = 0;
  for (let r = 0; r < R; r++) {
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
  if (P === 0) throw new InputError('no-routable-edge', `no routable road: ${describeSkips(meta)}`);
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

  // --- 3. junction degree and the two piece-ends at degree-2 junctions (piece * 2 + 1 if it ends there)
  const degree = new Uint32Array(V);
  const endAt = new Int32Array(2 * V);
  for (let p = 0; p < P; p++) {
    for (let end = 0; end < 2; end++) {
      const v = run[end ? pB[p] : pA[p]];
      if (degree[v] < 2) endAt[2 * v + degree[v]] = 2 * p + end;
      degree[v]++;
    }
  }
  // A degree-2 junction is dissolved when travelling through it changes nothing: same class and the
  // same pace (seconds per metre, Infinity = closed) into it on one side as out of it on the other,
  // both ways. Every link then has one pace per direction, so a fraction of a link's length is the
  // same fraction of its time: snapped points' partial-link times are exact.
  const through = new Uint8Array(V);
  for (let v = 0; v < V; v++) {
    if (degree[v] !== 2) continue;
    const e1 = endAt[2 * v];
    const e2 = endAt[2 * v + 1];
    const p = pWay[e1 >> 1];
    const q = pWay[e2 >> 1];
    if (e1 >> 1 === e2 >> 1 || t.cls[p] !== t.cls[q]) continue;
    const pInto = e1 & 1 ? forwardPace[p] : backwardPace[p];
    const pOut = e1 & 1 ? backwardPace[p] : forwardPace[p];
    const qInto = e2 & 1 ? forwardPace[q] : backwardPace[q];
    const qOut = e2 & 1 ? backwardPace[q] : forwardPace[q];
    if (pInto === qOut && pOut === qInto) through[v] = 1;
  }

  // --- 4. walk chains of pieces into links
  const used = new Uint8Array(P);
  const lFrom = new Int32Array(P);
  const lTo = new Int32Array(P);
  const lLen = new Float64Array(P);
  const lFwd = new Float64Array(P);
  const lBwd = new Float64Array(P);
  const lCls = new Uint8Array(P);
  const lSrc = new Float64Array(P);
  const geomStart = new Uint32Array(P + 1);
  const geom = new Int32Array(k); // interior vertex indexes
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
      const w = pWay[p];
      // Infinity × 0 would be NaN on a zero-length closed direction: closed stays Infinity.
      const a = forwardPace[w] === Infinity ? Infinity : forwardPace[w] * pLen[p];
      const b = backwardPace[w] === Infinity ? Infinity : backwardPace[w] * pLen[p];
      len += pLen[p];
      if (run[pA[p]] === v) {
        fwd += a;
        bwd += b;
        for (let i = pA[p] + 1; i < pB[p]; i++) geom[G++] = run[i];
        v = run[pB[p]];
      } else {
        fwd += b;
        bwd += a;
        for (let i = pB[p] - 1; i > pA[p]; i--) geom[G++] = run[i];
        v = run[pA[p]];
      }
      if (!through[v] || v === startVertex) break;
      const e1 = endAt[2 * v];
      const next = e1 >> 1 === p ? endAt[2 * v + 1] >> 1 : e1 >> 1;
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
  // What is left are rings made only of dissolvable junctions: keep the first vertex as a node.
  for (let p = 0; p < P; p++) {
    if (used[p]) continue;
    through[run[pA[p]]] = 0;
    walk(p, run[pA[p]]);
  }

  // --- 5. nodes: link ends, numbered along a Hilbert curve over their bounding box
  const nodeOf = new Int32Array(V).fill(-1);
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
  const order = radixOrder(keys); // stable: ties keep first-seen order, so the result is deterministic
  const nodeCoords = new Float64Array(2 * n);
  const nodeSourceId = new Float64Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const v = verts[order[i]];
    nodeOf[v] = i;
    nodeCoords[2 * i] = fromE7(coords[2 * v]);
    nodeCoords[2 * i + 1] = fromE7(coords[2 * v + 1]);
    if (t.vertexIds) nodeSourceId[i] = t.vertexIds[v];
  }

  // --- 6. directed edges in CSR order (per source node: by link, forward before backward)
  const firstEdge = new Uint32Array(n + 1);
  for (let l = 0; l < L; l++) {
    if (lFwd[l] !== Infinity) firstEdge[nodeOf[lFrom[l]] + 1]++;
    if (lBwd[l] !== Infinity) firstEdge[nodeOf[lTo[l]] + 1]++;
  }
  for (let i = 0; i < n; i++) firstEdge[i + 1] += firstEdge[i];
  const m = firstEdge[n];
  const fill = firstEdge.slice(0, n);
  const edgeTarget = new Uint32Array(m);
  const edgeTimeS = new Float64Array(m);
  const edgeLink = new Uint32Array(m);
  const linkFrom = new Uint32Array(L);
  const linkTo = new Uint32Array(L);
  for (let l = 0; l < L; l++) {
    const a = nodeOf[lFrom[l]];
    const b = nodeOf[lTo[l]];
    linkFrom[l] = a;
    linkTo[l] = b;
    if (lFwd[l] !== Infinity) {
      const e = fill[a]++;
      edgeTarget[e] = b;
      edgeTimeS[e] = lFwd[l];
      edgeLink[e] = 2 * l;
    }
    if (lBwd[l] !== Infinity) {
      const e = fill[b]++;
      edgeTarget[e] = a;
      edgeTimeS[e] = lBwd[l];
      edgeLink[e] = 2 * l + 1;
    }
  }
  const geomE7 = new Int32Array(2 * G);
  for (let i = 0; i < G; i++) {
    geomE7[2 * i] = coords[2 * geom[i]];
    geomE7[2 * i + 1] = coords[2 * geom[i] + 1];
  }
  const arrays: NetworkArrays = {
    nodeCoords,
    nodeSourceId,
    firstEdge,
    edgeTarget,
    edgeTimeS,
    edgeLink,
    linkFrom,
    linkTo,
    linkLengthM: lLen.slice(0, L),
    linkClass: lCls.slice(0, L),
    linkSourceId: lSrc.slice(0, L),
    geomStart: geomStart.slice(0, L + 1),
    geomE7,
  };
  return new RoadNetwork(arrays, { ...meta, classNames: t.classNames });
}

function describeSkips(meta: Omit<NetworkMeta, 'classNames'>): string {
  const parts = meta.warnings.map((w) => `${w.count} ${w.code}`);
  return `${meta.inputWays} input ways/features, none usable by profile "${meta.profile}"${parts.length ? ` (${parts.join(', ')})` : ''}`;
}
