import { describe, expect, it } from 'vitest';
import {
  buildNetworkFromGeoJson,
  catchments,
  nearestFacilities,
  travelTimeMatrix,
} from '../src/index';
import { placePoints } from '../src/engine';
import { contract } from '../src/search/ch/contract';
import { manyToMany } from '../src/search/ch/many-to-many';
import { hierarchyFor, preparedHierarchy } from '../src/search/ch/network-hierarchy';
import { Phast } from '../src/search/ch/phast';
import { mulberry32 } from './helpers/random';
import { randomRoads } from './helpers/random-roads';
import { haveExtract, sharedNetwork } from './helpers/shared-data';
import { splitOracle } from './helpers/split-oracle';

interface Graph {
  nodeCount: number;
  firstEdge: Uint32Array;
  edgeTarget: Uint32Array;
  edgeTimeS: Float64Array;
  edgeMetres: Float64Array;
}

/**
 * A random directed graph: a sparse road-like mesh of two-way and one-way edges, small integer
 * times (many ties), some zero-time edges, parallel edges and loops.
 */
function randomGraph(seed: number): Graph {
  const rnd = mulberry32(seed);
  const n = 2 + Math.floor(rnd() * 60);
  const edges: [number, number, number][] = [];
  const m = Math.floor(n * (1 + rnd() * 2));
  for (let i = 0; i < m; i++) {
    const u = Math.floor(rnd() * n);
    const v = rnd() < 0.05 ? u : Math.floor(rnd() * n);
    const t = rnd() < 0.1 ? 0 : 1 + Math.floor(rnd() * 9);
    edges.push([u, v, t]);
    if (rnd() < 0.6) edges.push([v, u, rnd() < 0.3 ? t : 1 + Math.floor(rnd() * 9)]);
    if (rnd() < 0.05) edges.push([u, v, t + 1]);
  }
  edges.sort((a, b) => a[0] - b[0]);
  const firstEdge = new Uint32Array(n + 1);
  for (const [u] of edges) firstEdge[u + 1]++;
  for (let i = 0; i < n; i++) firstEdge[i + 1] += firstEdge[i];
  return {
    nodeCount: n,
    firstEdge,
    edgeTarget: Uint32Array.from(edges, (e) => e[1]),
    edgeTimeS: Float64Array.from(edges, (e) => e[2]),
    edgeMetres: Float64Array.from(edges, (e) => 10 * e[2]),
  };
}

/** Textbook Dijkstra (array scan, no heap): the oracle. `to`: over reversed edges. */
function dijkstra(g: Graph, starts: [number, number][], to: boolean): Float64Array {
  const n = g.nodeCount;
  const d = new Float64Array(n).fill(Infinity);
  const done = new Uint8Array(n);
  for (const [s, t] of starts) d[s] = Math.min(d[s], t);
  for (;;) {
    let u = -1;
    for (let v = 0; v < n; v++) if (!done[v] && d[v] < Infinity && (u < 0 || d[v] < d[u])) u = v;
    if (u < 0) return d;
    done[u] = 1;
    for (let x = 0; x < n; x++)
      for (let e = g.firstEdge[x]; e < g.firstEdge[x + 1]; e++) {
        const a = to ? g.edgeTarget[e] : x;
        const b = to ? x : g.edgeTarget[e];
        if (a === u && d[u] + g.edgeTimeS[e] < d[b]) d[b] = d[u] + g.edgeTimeS[e];
      }
  }
}

describe('contraction hierarchy against Dijkstra on random directed graphs', () => {
  for (let seed = 1; seed <= 60; seed++)
    it(`seed ${seed}: PHAST from / to every node, multi-source labels, buckets`, () => {
      const g = randomGraph(seed);
      // Tight witness limits on some seeds: more shortcuts, still exact.
      const ch = contract(
        g,
        seed % 3 === 0 ? { settleLimit: 2, estimateSettleLimit: 1, estimateHopLimit: 1 } : {},
      );
      const phast = new Phast(ch);
      const n = g.nodeCount;
      for (let s = 0; s < n; s++)
        for (const dir of ['from', 'to'] as const) {
          phast.run([{ node: s, timeS: 0, source: 7 }], dir);
          const want = dijkstra(g, [[s, 0]], dir === 'to');
          const got = Array.from({ length: n }, (_, v) => [phast.timeS(v), phast.sourceOf(v)]);
          expect(got).toEqual(Array.from(want, (t) => [t, t < Infinity ? 7 : -1]));
        }
      // Several labelled seeds: each node gets the best time and a label achieving it.
      const rnd = mulberry32(1000 + seed);
      const seeds = Array.from({ length: 1 + Math.floor(rnd() * 4) }, (_, i) => ({
        node: Math.floor(rnd() * n),
        timeS: Math.floor(rnd() * 5),
        source: i,
      }));
      for (const dir of ['from', 'to'] as const) {
        phast.run(seeds, dir);
        const want = dijkstra(
          g,
          seeds.map((x) => [x.node, x.timeS]),
          dir === 'to',
        );
        const each = seeds.map((x) => dijkstra(g, [[x.node, x.timeS]], dir === 'to'));
        for (let v = 0; v < n; v++) {
          expect(phast.timeS(v)).toBe(want[v]);
          if (want[v] < Infinity) expect(each[phast.sourceOf(v)][v]).toBe(want[v]);
        }
      }
      // Many-to-many with several legs per point and a cutoff.
      const legs = (k: number) => {
        const start = new Int32Array(k + 1);
        const node: number[] = [];
        const time: number[] = [];
        for (let i = 0; i < k; i++) {
          const c = Math.floor(rnd() * 3); // 0 legs: an off-network point
          for (let j = 0; j < c; j++) {
            node.push(Math.floor(rnd() * n));
            time.push(Math.floor(rnd() * 4));
          }
          start[i + 1] = node.length;
        }
        return { start, node: Int32Array.from(node), timeS: Float64Array.from(time) };
      };
      const o = legs(6);
      const d = legs(7);
      const max = rnd() < 0.5 ? Infinity : 12;
      const got = manyToMany(ch, o, d, max);
      for (let i = 0; i < 6; i++) {
        const starts: [number, number][] = [];
        for (let j = o.start[i]; j < o.start[i + 1]; j++) starts.push([o.node[j], o.timeS[j]]);
        const dist = dijkstra(g, starts, false);
        for (let k = 0; k < 7; k++) {
          let want = Infinity;
          for (let j = d.start[k]; j < d.start[k + 1]; j++)
            want = Math.min(want, dist[d.node[j]] + d.timeS[j]);
          const t = got[i * 7 + k];
          if (want <= max) expect(t).toBe(want);
          else expect(t === Infinity || t >= want).toBe(true);
        }
      }
    });
});

describe('searches on a network with a hierarchy give the plain searches’ results', () => {
  for (let seed = 1; seed <= 12; seed++)
    it(`seed ${seed}: travelTimeMatrix against the split-graph oracle, nearestFacilities k=1`, () => {
      const net = buildNetworkFromGeoJson(randomRoads(seed), { profile: 'car' });
      const rnd = mulberry32(900 + seed);
      const pts = (n: number) =>
        Array.from({ length: 2 * n }, (_, i) => (i % 2 ? 30 - 0.002 : -0.002) + rnd() * 0.026);
      const opts = { maxSnapDistanceM: 400 };
      const po = placePoints(net, pts(6), opts);
      const pd = placePoints(net, pts(8), opts);
      const plain = travelTimeMatrix(net, po, pd, { hierarchy: false });
      const plainNear = nearestFacilities(net, po, pd, { hierarchy: false });
      const plainCut = travelTimeMatrix(net, po, pd, { hierarchy: false, maxSeconds: 150 });
      const plainRows = (['to', 'from'] as const).map((direction) =>
        catchments(net, pd, po, { maxSeconds: 150, direction, hierarchy: false }),
      );
      expect(preparedHierarchy(net)).toBe(null);
      hierarchyFor(net);
      const m = travelTimeMatrix(net, po, pd);
      const cut = travelTimeMatrix(net, po, pd, { maxSeconds: 150 });
      const { d: fw, size, outer } = splitOracle(net, [po, pd]);
      for (let i = 0; i < 6; i++)
        for (let j = 0; j < 8; j++) {
          const want =
            po.snap.link[i] < 0 || pd.snap.link[j] < 0
              ? Infinity
              : fw[outer[0][i] * size + outer[1][j]];
          const got = m.timeS[i * 8 + j];
          if (want === Infinity) expect(got).toBe(Infinity);
          else expect(got).toBeCloseTo(want, 6);
          expect(got).toBeCloseTo(plain.timeS[i * 8 + j], 9);
          expect(cut.timeS[i * 8 + j] === Infinity).toBe(plainCut.timeS[i * 8 + j] === Infinity);
        }
      for (const [i, direction] of (['to', 'from'] as const).entries()) {
        const c = catchments(net, pd, po, { maxSeconds: 150, direction });
        const p = plainRows[i];
        expect(Array.from(c.start)).toEqual(Array.from(p.start));
        expect(Array.from(c.village)).toEqual(Array.from(p.village));
        for (let k = 0; k < c.timeS.length; k++) expect(c.timeS[k]).toBeCloseTo(p.timeS[k], 9);
      }
      for (const direction of ['to', 'from'] as const) {
        const a =
          direction === 'to'
            ? plainNear
            : nearestFacilities(net, po, pd, { direction, hierarchy: false });
        const b = nearestFacilities(net, po, pd, { direction });
        expect(Array.from(b.status)).toEqual(Array.from(a.status));
        for (let v = 0; v < 6; v++) {
          expect(b.timeS[v]).toBeCloseTo(a.timeS[v], 9);
          // The facility may differ only where two are equally near.
          if (b.facility[v] !== a.facility[v]) {
            const row = direction === 'to' ? v : b.facility[v];
            const col = direction === 'to' ? b.facility[v] : v;
            const t =
              direction === 'to'
                ? m.timeS[row * 8 + col]
                : travelTimeMatrix(net, pd, po).timeS[row * 6 + col];
            expect(t).toBeCloseTo(a.timeS[v], 9);
          }
        }
      }
    });
});

describe.skipIf(!haveExtract('andorra'))('hierarchy on Andorra by car', () => {
  it('matrix and nearest facility equal the plain searches', async () => {
    const net = await sharedNetwork('andorra', 'car');
    const rnd = mulberry32(77);
    const pts = (n: number) => {
      const out: number[] = [];
      for (let i = 0; i < n; i++) {
        const c = net.linkCoordinates(Math.floor(rnd() * net.linkCount));
        out.push(c[0][0] + (rnd() - 0.5) * 0.002, c[0][1] + (rnd() - 0.5) * 0.002);
      }
      return out;
    };
    const o = placePoints(net, pts(60));
    const d = placePoints(net, pts(300));
    const plain = travelTimeMatrix(net, o, d, { hierarchy: false });
    const plainNear = nearestFacilities(net, d, o, { hierarchy: false });
    hierarchyFor(net);
    const m = travelTimeMatrix(net, o, d);
    let reached = 0;
    for (let i = 0; i < m.timeS.length; i++) {
      expect(m.timeS[i]).toBeCloseTo(plain.timeS[i], 6);
      if (m.timeS[i] < Infinity) reached++;
    }
    expect(reached).toBeGreaterThan(m.timeS.length / 2);
    const near = nearestFacilities(net, d, o);
    for (let v = 0; v < 300; v++) {
      expect(near.timeS[v]).toBeCloseTo(plainNear.timeS[v], 6);
      expect(near.distanceM[v]).toBeCloseTo(plainNear.distanceM[v], 3);
    }
  });
});

describe('contraction with random witness limits (property)', () => {
  /** A grid of two-way streets with equal times: ties everywhere, the witness search's worst case. */
  function tiedGrid(side: number, rnd: () => number): Graph {
    const edges: [number, number, number][] = [];
    const t = 1 + Math.floor(rnd() * 3);
    for (let i = 0; i < side; i++)
      for (let j = 0; j < side; j++) {
        const v = i * side + j;
        if (j + 1 < side) edges.push([v, v + 1, t], [v + 1, v, t]);
        if (i + 1 < side) edges.push([v, v + side, t], [v + side, v, rnd() < 0.2 ? t + 1 : t]);
      }
    edges.sort((a, b) => a[0] - b[0]);
    const n = side * side;
    const firstEdge = new Uint32Array(n + 1);
    for (const [u] of edges) firstEdge[u + 1]++;
    for (let i = 0; i < n; i++) firstEdge[i + 1] += firstEdge[i];
    return {
      nodeCount: n,
      firstEdge,
      edgeTarget: Uint32Array.from(edges, (e) => e[1]),
      edgeTimeS: Float64Array.from(edges, (e) => e[2]),
      edgeMetres: Float64Array.from(edges, (e) => 10 * e[2]),
    };
  }

  for (let seed = 1; seed <= 40; seed++)
    it(`seed ${seed}: ranks order every edge, PHAST equals Dijkstra`, () => {
      const rnd = mulberry32(5000 + seed);
      const g = seed % 2 ? randomGraph(seed + 100) : tiedGrid(2 + Math.floor(rnd() * 6), rnd);
      const options = {
        settleLimit: 1 + Math.floor(rnd() * 200),
        estimateSettleLimit: 1 + Math.floor(rnd() * 80),
        estimateHopLimit: 1 + Math.floor(rnd() * 4),
      };
      const ch = contract(g, options);
      const n = g.nodeCount;
      // Internal ids are a permutation; upward edges lead to, downward edges come from, lower ids.
      expect(Array.from(ch.internal).sort((a, b) => a - b)).toEqual(range(n));
      for (let v = 0; v < n; v++) expect(ch.original[ch.internal[v]]).toBe(v);
      for (let i = 0; i < n; i++) {
        for (let e = ch.upFirst[i]; e < ch.upFirst[i + 1]; e++)
          expect(ch.upHead[e]).toBeLessThan(i);
        for (let e = ch.downFirst[i]; e < ch.downFirst[i + 1]; e++)
          expect(ch.downTail[e]).toBeLessThan(i);
      }
      const phast = new Phast(ch);
      for (let q = 0; q < 4; q++) {
        const s = Math.floor(rnd() * n);
        const dir = q % 2 ? 'to' : 'from';
        phast.run([{ node: s, timeS: 0, source: 0 }], dir);
        const want = dijkstra(g, [[s, 0]], dir === 'to');
        expect(Array.from({ length: n }, (_, v) => phast.timeS(v))).toEqual(Array.from(want));
      }
      // More than 8 seeds: the upward phase is a pass over the ids instead of a queue.
      const many = Array.from({ length: 9 + Math.floor(rnd() * 12) }, (_, i) => ({
        node: Math.floor(rnd() * n),
        timeS: Math.floor(rnd() * 4),
        source: i,
      }));
      for (const dir of ['from', 'to'] as const) {
        phast.run(many, dir);
        const want = dijkstra(
          g,
          many.map((x) => [x.node, x.timeS]),
          dir === 'to',
        );
        const each = many.map((x) => dijkstra(g, [[x.node, x.timeS]], dir === 'to'));
        for (let v = 0; v < n; v++) {
          expect(phast.timeS(v)).toBe(want[v]);
          if (want[v] < Infinity) expect(each[phast.sourceOf(v)][v]).toBe(want[v]);
        }
      }
    });
});

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
