import { fromE7 } from '../geo/fixed';
import { haversineM } from '../geo/distance';
import { hilbert16 } from '../geo/hilbert';
import { InputError } from '../errors';
import { type NetworkArrays, type NetworkMeta, RoadNetwork } from './road-network';
import type { WayTable } from './way-table';

/**
 * Turn routable ways into a compact graph:
 * 1. vertices used by two ways, twice by one, or ending a way are junctions; ways are cut there
 *    into *pieces*;
 * 2. chains of pieces through junctions of degree 2 are merged into one *link* when class and
 *    allowed directions agree (a change of either keeps the node, so no travel rule is lost);
 * 3. nodes are numbered along a Hilbert curve, and each open direction of a link becomes an edge
 *    in CSR order.
 * Lengths are haversine sums over the full geometry; times are length × pace per piece, so
 * compaction preserves both exactly up to floating-point summation.
 */
export function buildNetwork(t: WayTable, meta: Omit<NetworkMeta, 'classNames'>): RoadNetwork {
  const V = t.coords.length / 2;
  const W = t.start.length - 1;
  const { coords, refs, start } = t;

  // --- 1. clean runs (gaps split, repeated consecutive vertices dropped) and junction marks
  const run = new Int32Array(refs.length); // cleaned vertex sequence
  const runWay: number[] = [];
  const runStart: number[] = [];
  const uses = new Uint8Array(V); // 0, 1, 2 = junction (saturating)
  let k = 0;
  for (let w = 0; w < W; w++) {
    let s = k;
    const flush = () => {
      if (k - s >= 2) {
        runWay.push(w);
        runStart.push(s);
        uses[run[s]] = 2;
        uses[run[k - 1]] = 2;
        for (let i = s + 1; i < k - 1; i++) if (uses[run[i]] < 2) uses[run[i]]++;
      } else k = s; // a run of one vertex carries no road
      s = k;
    };
    for (let i = start[w]; i < start[w + 1]; i++) {
      const v = refs[i];
      if (v < 0) flush();
      else if (k === s || run[k - 1] !== v) run[k++] = v;
    }
    flush();
  }
  runStart.push(k);
  const R = runWay.length;

  // --- 2. pieces between junctions
  const pA: number[] = []; // first index in `run`
  const pB: number[] = []; // last index in `run` (inclusive)
  const pWay: number[] = [];
  for (let r = 0; r < R; r++) {
    let a = runStart[r];
    const end = runStart[r + 1] - 1;
    for (let i = a + 1; i <= end; i++) {
      if (uses[run[i]] >= 2) {
        pA.push(a);
        pB.push(i);
        pWay.push(runWay[r]);
        a = i;
      }
    }
  }
  const P = pA.length;
  if (P === 0) throw new InputError('no-routable-edge', `no routable road: ${describeSkips(meta)}`);
  const pLen = new Float64Array(P);
  for (let p = 0; p < P; p++) {
    let len = 0;
    for (let i = pA[p]; i < pB[p]; i++) {
      const u = run[i];
      const v = run[i + 1];
      len += haversineM(fromE7(coords[2 * u]), fromE7(coords[2 * u + 1]), fromE7(coords[2 * v]), fromE7(coords[2 * v + 1]));
    }
    pLen[p] = len;
  }
  const from = (p: number) => run[pA[p]];
  const to = (p: number) => run[pB[p]];
  const fwdOpen = (p: number) => t.forwardPace[pWay[p]] !== Infinity;
  const bwdOpen = (p: number) => t.backwardPace[pWay[p]] !== Infinity;

  // --- 3. junction degree and the two piece-ends at degree-2 junctions
  const degree = new Uint32Array(V);
  const endAt = new Int32Array(2 * V).fill(-1); // piece * 2 + (1 if the piece ends here)
  const note = (v: number, pe: number) => {
    if (degree[v] < 2) endAt[2 * v + degree[v]] = pe;
    degree[v]++;
  };
  for (let p = 0; p < P; p++) {
    note(from(p), 2 * p);
    note(to(p), 2 * p + 1);
  }
  // A degree-2 junction is dissolved when travelling through it changes nothing: same class, and
  // the direction into it on one side is open exactly when the direction out of it on the other is.
  const through = new Uint8Array(V);
  for (let v = 0; v < V; v++) {
    if (degree[v] !== 2) continue;
    const e1 = endAt[2 * v];
    const e2 = endAt[2 * v + 1];
    const p = e1 >> 1;
    const q = e2 >> 1;
    if (p === q || t.cls[pWay[p]] !== t.cls[pWay[q]]) continue;
    const pInto = e1 & 1 ? fwdOpen(p) : bwdOpen(p);
    const pOut = e1 & 1 ? bwdOpen(p) : fwdOpen(p);
    const qInto = e2 & 1 ? fwdOpen(q) : bwdOpen(q);
    const qOut = e2 & 1 ? bwdOpen(q) : fwdOpen(q);
    if (pInto === qOut && pOut === qInto) through[v] = 1;
  }

  // --- 4. walk chains into links
  const used = new Uint8Array(P);
  const lFrom: number[] = [];
  const lTo: number[] = [];
  const lLen: number[] = [];
  const lFwd: number[] = [];
  const lBwd: number[] = [];
  const lCls: number[] = [];
  const lSrc: number[] = [];
  const geomStart: number[] = [0];
  const geom: number[] = []; // vertex indexes
  const walk = (p0: number, startVertex: number) => {
    let p = p0;
    let v = startVertex;
    let len = 0;
    let fwd = 0;
    let bwd = 0;
    lFrom.push(v);
    lCls.push(t.cls[pWay[p0]]);
    lSrc.push(t.sourceId[pWay[p0]]);
    for (;;) {
      used[p] = 1;
      const along = from(p) === v;
      const w = pWay[p];
      // Infinity × 0 would be NaN on a zero-length closed direction: closed stays Infinity.
      const a = t.forwardPace[w] === Infinity ? Infinity : t.forwardPace[w] * pLen[p];
      const b = t.backwardPace[w] === Infinity ? Infinity : t.backwardPace[w] * pLen[p];
      len += pLen[p];
      // Interior vertices only; a dissolved junction between two pieces becomes interior too.
      if (along) {
        fwd += a;
        bwd += b;
        for (let i = pA[p] + 1; i < pB[p]; i++) geom.push(run[i]);
        v = to(p);
      } else {
        fwd += b;
        bwd += a;
        for (let i = pB[p] - 1; i > pA[p]; i--) geom.push(run[i]);
        v = from(p);
      }
      if (!through[v] || v === startVertex) break;
      const e1 = endAt[2 * v];
      const e2 = endAt[2 * v + 1];
      const nextP = e1 >> 1 === p ? e2 >> 1 : e1 >> 1;
      if (used[nextP]) break;
      geom.push(v);
      p = nextP;
    }
    lTo.push(v);
    lLen.push(len);
    lFwd.push(fwd);
    lBwd.push(bwd);
    geomStart.push(geom.length);
  };
  for (let p = 0; p < P; p++) {
    if (used[p]) continue;
    if (!through[from(p)]) walk(p, from(p));
    else if (!through[to(p)]) walk(p, to(p));
  }
  // What is left are rings made only of dissolvable junctions: keep the first vertex as a node.
  for (let p = 0; p < P; p++) {
    if (used[p]) continue;
    through[from(p)] = 0;
    walk(p, from(p));
  }
  const L = lFrom.length;

  // --- 5. nodes: link ends, numbered along a Hilbert curve over the bounding box
  const nodeOf = new Int32Array(V).fill(-1);
  const verts: number[] = [];
  const addNode = (v: number) => {
    if (nodeOf[v] === -1) {
      nodeOf[v] = 0;
      verts.push(v);
    }
  };
  for (let l = 0; l < L; l++) {
    addNode(lFrom[l]);
    addNode(lTo[l]);
  }
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const v of verts) {
    minX = Math.min(minX, coords[2 * v]);
    maxX = Math.max(maxX, coords[2 * v]);
    minY = Math.min(minY, coords[2 * v + 1]);
    maxY = Math.max(maxY, coords[2 * v + 1]);
  }
  const sx = 65535 / Math.max(1, maxX - minX);
  const sy = 65535 / Math.max(1, maxY - minY);
  const key = new Float64Array(V);
  for (const v of verts) key[v] = hilbert16(Math.floor((coords[2 * v] - minX) * sx), Math.floor((coords[2 * v + 1] - minY) * sy));
  verts.sort((a, b) => key[a] - key[b] || a - b);
  const n = verts.length;
  const nodeCoords = new Float64Array(2 * n);
  const nodeSourceId = new Float64Array(n).fill(-1);
  verts.forEach((v, i) => {
    nodeOf[v] = i;
    nodeCoords[2 * i] = fromE7(coords[2 * v]);
    nodeCoords[2 * i + 1] = fromE7(coords[2 * v + 1]);
    if (t.vertexIds) nodeSourceId[i] = t.vertexIds[v];
  });

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
    const a = (linkFrom[l] = nodeOf[lFrom[l]]);
    const b = (linkTo[l] = nodeOf[lTo[l]]);
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
  const geomE7 = new Int32Array(2 * geom.length);
  geom.forEach((v, i) => {
    geomE7[2 * i] = coords[2 * v];
    geomE7[2 * i + 1] = coords[2 * v + 1];
  });
  const arrays: NetworkArrays = {
    nodeCoords,
    nodeSourceId,
    firstEdge,
    edgeTarget,
    edgeTimeS,
    edgeLink,
    linkFrom,
    linkTo,
    linkLengthM: Float64Array.from(lLen),
    linkClass: Uint8Array.from(lCls),
    linkSourceId: Float64Array.from(lSrc),
    geomStart: Uint32Array.from(geomStart),
    geomE7,
  };
  return new RoadNetwork(arrays, { ...meta, classNames: t.classNames });
}

function describeSkips(meta: Omit<NetworkMeta, 'classNames'>): string {
  const parts = meta.warnings.map((w) => `${w.count} ${w.code}`);
  return `${meta.inputWays} input ways/features, none usable by profile "${meta.profile}"${parts.length ? ` (${parts.join(', ')})` : ''}`;
}
