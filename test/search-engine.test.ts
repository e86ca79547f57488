import type { Feature, LineString } from 'geojson';
import { describe, expect, it } from 'vitest';
import { buildNetworkFromGeoJson, type RoadNetwork } from '../src/index';
import { reachable, SearchEngine } from '../src/engine';
import { IndexedHeap } from '../src/search/indexed-heap';
import { expectAtLeast, expectCloseTo, expectIs } from './helpers/loop-expect';
import { mulberry32 } from './helpers/random';

/** Random directed multigraph via the cost function: one-ways, zero times, parallel edges, islands. */
function randomGraph(seed: number): RoadNetwork {
  const rnd = mulberry32(seed);
  const side = 5;
  const features: Feature<LineString>[] = [];
  const m = 8 + Math.floor(rnd() * 25);
  for (let i = 0; i < m; i++) {
    const a = Math.floor(rnd() * side * side);
    let b = Math.floor(rnd() * side * side);
    if (b === a) b = (a + 1) % (side * side);
    const p = (v: number) => [(v % side) * 0.01, Math.floor(v / side) * 0.01];
    const coords = [p(a), p(b)];
    const r = rnd();
    const t = rnd() < 0.15 ? 0 : Math.round(rnd() * 100);
    features.push({
      type: 'Feature',
      properties: {
        f: r < 0.25 ? 'fwd' : r < 0.4 ? 'bwd' : 'both',
        t,
        t2: rnd() < 0.5 ? t : Math.round(rnd() * 100),
      },
      geometry: { type: 'LineString', coordinates: coords },
    });
  }
  return buildNetworkFromGeoJson(
    { type: 'FeatureCollection', features },
    {
      cost: (f) => {
        const { f: dir, t, t2 } = f.properties as { f: string; t: number; t2: number };
        return { forward: dir === 'bwd' ? null : t, backward: dir === 'fwd' ? null : t2 };
      },
    },
  );
}

/** Floyd–Warshall over the network's edges, read here straight from the CSR arrays. */
function allPairs(net: RoadNetwork): Float64Array {
  const n = net.nodeCount;
  const d = new Float64Array(n * n).fill(Infinity);
  for (let i = 0; i < n; i++) d[i * n + i] = 0;
  for (let u = 0; u < n; u++)
    for (let e = net.arrays.firstEdge[u]; e < net.arrays.firstEdge[u + 1]; e++) {
      const v = net.arrays.edgeTarget[e];
      d[u * n + v] = Math.min(d[u * n + v], net.arrays.edgeTimeS[e]);
    }
  for (let k = 0; k < n; k++)
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++)
        if (d[i * n + k] + d[k * n + j] < d[i * n + j]) d[i * n + j] = d[i * n + k] + d[k * n + j];
  return d;
}

/** Equal times: both Infinity, or equal up to summation order. */
function same(a: number, b: number): void {
  if (b === Infinity) expectIs(a, Infinity);
  else expectCloseTo(a, b, 9);
}

describe('SearchEngine against Floyd–Warshall on random directed graphs', () => {
  for (let seed = 1; seed <= 40; seed++) {
    it(`seed ${seed}: one-to-all both directions, cutoff, multi-source, predecessor chains`, () => {
      const net = randomGraph(seed);
      const n = net.nodeCount;
      const fw = allPairs(net);
      const engine = new SearchEngine(net);
      for (let s = 0; s < n; s++) {
        engine.run([{ node: s, timeS: 0, source: 0 }]);
        for (let v = 0; v < n; v++) same(engine.timeS(v), fw[s * n + v]);
        // the predecessor chain of every reached node adds up to its time
        for (let v = 0; v < n; v++) {
          if (engine.timeS(v) === Infinity) continue;
          let t = 0;
          let x = v;
          for (let guard = 0; engine.predEdge(x) >= 0 && guard <= n; guard++) {
            const e = engine.predEdge(x);
            t += net.arrays.edgeTimeS[e];
            let from = 0;
            while (net.arrays.firstEdge[from + 1] <= e) from++;
            x = from;
          }
          expectIs(x, s);
          expectCloseTo(t, engine.timeS(v), 9);
        }
        // metres along each fastest path, asked in a shuffled order so memoised prefixes are reused
        const rndOrder = mulberry32(seed * 31 + s);
        const order = Array.from({ length: n }, (_, v) => v).sort(() => rndOrder() - 0.5);
        for (const v of order) {
          if (engine.timeS(v) === Infinity) {
            expectIs(engine.distanceM(v), Infinity);
            continue;
          }
          let m = 0;
          for (let x = v; engine.predEdge(x) >= 0; x = net.edgeSource(engine.predEdge(x)))
            m += net.arrays.linkLengthM[net.arrays.edgeLink[engine.predEdge(x)] >>> 1];
          expectCloseTo(engine.distanceM(v), m, 6);
        }
        engine.run([{ node: s, timeS: 0, source: 0, distanceM: 7 }], { direction: 'to' });
        for (let v = 0; v < n; v++) same(engine.timeS(v), fw[v * n + s]);
        for (let v = 0; v < n; v++) {
          if (engine.timeS(v) === Infinity) continue;
          let m = 7;
          for (let x = v; engine.predEdge(x) >= 0; x = net.arrays.edgeTarget[engine.predEdge(x)])
            m += net.arrays.linkLengthM[net.arrays.edgeLink[engine.predEdge(x)] >>> 1];
          expectCloseTo(engine.distanceM(v), m, 6);
        }
        engine.run([{ node: s, timeS: 0, source: 0 }], { maxSeconds: 50 });
        for (let v = 0; v < n; v++)
          if (Math.abs(fw[s * n + v] - 50) > 1e-9)
            same(engine.timeS(v), fw[s * n + v] <= 50 ? fw[s * n + v] : Infinity);
      }
      // multi-source equals the minimum of single-source runs, and labels the winner
      const rnd = mulberry32(seed * 7);
      const sources = [...new Set(Array.from({ length: 3 }, () => Math.floor(rnd() * n)))];
      const offsets = sources.map(() => Math.round(rnd() * 20));
      engine.run(sources.map((node, i) => ({ node, timeS: offsets[i], source: i })));
      for (let v = 0; v < n; v++) {
        const each = sources.map((s, i) => offsets[i] + fw[s * n + v]);
        const best = Math.min(...each);
        same(engine.timeS(v), best);
        if (best < Infinity) same(each[engine.sourceOf(v)], best);
        else expectIs(engine.sourceOf(v), -1);
      }
      // reachable() agrees with the multi-source search about which nodes have a path at all
      const reach = reachable(net, sources, 'from');
      for (let v = 0; v < n; v++) expectIs(reach[v] === 1, engine.timeS(v) < Infinity);
      // reached() lists every reached node once, in non-decreasing time
      const r = Array.from(engine.reached());
      expect(new Set(r).size).toBe(r.length);
      for (let i = 1; i < r.length; i++) expectAtLeast(engine.timeS(r[i]), engine.timeS(r[i - 1]));
    });
  }

  it('rejects a seed outside the network', () => {
    const net = randomGraph(1);
    expect(() =>
      new SearchEngine(net).run([{ node: net.nodeCount, timeS: 0, source: 0 }]),
    ).toThrowError(/seed node .* is not in the network/);
  });
});

describe('IndexedHeap', () => {
  it('pops in key order under random pushes and decrease-keys (against a sorted list)', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const rnd = mulberry32(seed);
      const n = 200;
      const heap = new IndexedHeap(n);
      const key = new Map<number, number>();
      const popped: number[] = [];
      for (let step = 0; step < 2000; step++) {
        const r = rnd();
        const node = Math.floor(rnd() * n);
        if (r < 0.45 && !key.has(node) && !popped.includes(node)) {
          const k = Math.round(rnd() * 50); // ties on purpose
          heap.push(node, k);
          key.set(node, k);
        } else if (r < 0.75 && key.has(node)) {
          const k = key.get(node)! - Math.round(rnd() * 10);
          heap.decrease(node, k);
          key.set(node, k);
        } else if (heap.length > 0) {
          const min = Math.min(...key.values());
          expectIs(heap.peekKey(), min);
          const u = heap.pop();
          expectIs(key.get(u), min);
          key.delete(u);
          popped.push(u);
        }
        expectIs(heap.length, key.size);
      }
    }
  });
});
