import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import Graph from 'graphology';
import { singleSource } from 'graphology-shortest-path/dijkstra';
import createGraph from 'ngraph.graph';
import ngraphPath from 'ngraph.path';
import { buildNetworkFromGeoJson, nearestFacilities, type RoadNetwork, SearchEngine } from '../src/index';
import { loadNetwork } from '../src/node';
import { mulberry32 } from '../test/helpers/random';
import { type BenchRow, time } from './harness';
import { gridRoads } from './network-build';

const OSM = resolve(import.meta.dirname, '../../shared/data/osm');

/** The textbook baseline: adjacency lists of objects and a binary heap of {node, t} objects. */
function plainDijkstra(adj: { to: number; t: number }[][], s: number): Float64Array {
  const dist = new Float64Array(adj.length).fill(Infinity);
  const heap: { node: number; t: number }[] = [{ node: s, t: 0 }];
  dist[s] = 0;
  while (heap.length) {
    const top = heap[0];
    const last = heap.pop()!;
    if (heap.length) {
      heap[0] = last;
      for (let i = 0; ; ) {
        let c = 2 * i + 1;
        if (c >= heap.length) break;
        if (c + 1 < heap.length && heap[c + 1].t < heap[c].t) c++;
        if (heap[c].t >= heap[i].t) break;
        [heap[c], heap[i]] = [heap[i], heap[c]];
        i = c;
      }
    }
    if (top.t > dist[top.node]) continue;
    for (const { to, t } of adj[top.node]) {
      const nt = top.t + t;
      if (nt < dist[to]) {
        dist[to] = nt;
        heap.push({ node: to, t: nt });
        for (let i = heap.length - 1; i > 0; ) {
          const p = (i - 1) >> 1;
          if (heap[p].t <= heap[i].t) break;
          [heap[p], heap[i]] = [heap[i], heap[p]];
          i = p;
        }
      }
    }
  }
  return dist;
}

/** One-to-all on Andorra and a ≥1M-node grid against peers; multi-source nearest for 10,000 villages. */
export async function searchBench(quick: boolean): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const cases: [string, () => Promise<RoadNetwork>][] = [];
  const andorra = `${OSM}/andorra-2025.osm.pbf`;
  if (existsSync(andorra)) cases.push(['Andorra (car)', () => loadNetwork(andorra, { profile: 'car' })]);
  const side = quick ? 300 : 1000;
  cases.push([`synthetic grid ${side}×${side} (walk)`, async () => buildNetworkFromGeoJson(gridRoads(side), { profile: 'walk' })]);
  for (const [name, make] of cases) {
    const net = await make();
    const n = net.nodeCount;
    const suite = `one-to-all, ${name}, ${n} nodes`;
    const rnd = mulberry32(5);
    const sources = Array.from({ length: 5 }, () => Math.floor(rnd() * n));
    const engine = new SearchEngine(net);
    let checksum = 0;
    const oursMs = await time(() => {
      for (const s of sources) engine.run([{ node: s, timeS: 0, source: 0 }]);
      checksum = engine.reached().length;
    });
    rows.push({ suite, name: 'SearchEngine (per search)', medianMs: oursMs / sources.length, figure: `${((n / (oursMs / sources.length)) * 1000 / 1e6).toFixed(2)}M nodes/s`, baseline: 'plain binary-heap Dijkstra (per search)' });
    const adj: { to: number; t: number }[][] = Array.from({ length: n }, () => []);
    for (let u = 0; u < n; u++) for (let e = net.arrays.firstEdge[u]; e < net.arrays.firstEdge[u + 1]; e++) adj[u].push({ to: net.arrays.edgeTarget[e], t: net.arrays.edgeTimeS[e] });
    const plainMs = await time(() => {
      for (const s of sources) plainDijkstra(adj, s);
    }, 3);
    rows.push({ suite, name: 'plain binary-heap Dijkstra (per search)', medianMs: plainMs / sources.length });
    if (n <= 300_000) {
      const gg = new Graph({ type: 'directed', multi: true });
      for (let u = 0; u < n; u++) gg.addNode(u);
      for (let u = 0; u < n; u++) for (let e = net.arrays.firstEdge[u]; e < net.arrays.firstEdge[u + 1]; e++) gg.addEdge(u, net.arrays.edgeTarget[e], { t: net.arrays.edgeTimeS[e] });
      const gMs = await time(() => {
        for (const s of sources.slice(0, 2)) singleSource(gg, String(s), 't');
      }, 3);
      rows.push({ suite, name: 'graphology-shortest-path singleSource (per search)', medianMs: gMs / 2, baseline: 'SearchEngine (per search)' });
    }
    const ng = createGraph<unknown, { t: number }>({ multigraph: true });
    for (let u = 0; u < n; u++) for (let e = net.arrays.firstEdge[u]; e < net.arrays.firstEdge[u + 1]; e++) ng.addLink(u, net.arrays.edgeTarget[e], { t: net.arrays.edgeTimeS[e] });
    const finder = ngraphPath.aStar(ng, { oriented: true, distance: (_a, _b, l) => l.data.t });
    const pairs = Array.from({ length: 5 }, () => [Math.floor(rnd() * n), Math.floor(rnd() * n)]);
    const ngMs = await time(() => {
      for (const [s, t] of pairs) finder.find(s, t);
    }, 3);
    rows.push({ suite, name: 'ngraph.path Dijkstra, one pair (per pair)', medianMs: ngMs / pairs.length, baseline: 'SearchEngine (per search)' });
    if (checksum < 0) throw new Error('unreachable');
  }
  // Nearest facility for 10,000 villages in one multi-source pass, snapping included.
  const net = buildNetworkFromGeoJson(gridRoads(side), { profile: 'walk' });
  const rnd = mulberry32(8);
  const box = (k: number) => Array.from({ length: 2 * k }, (_, i) => (i % 2 ? 25 : 100) + rnd() * side * 0.001);
  const villages = box(10_000);
  const facilities = box(200);
  const suite = `nearest facility by travel time, 10,000 villages × 200 facilities, grid ${side}×${side}, ${net.nodeCount} nodes`;
  nearestFacilities(net, villages.slice(0, 20), facilities); // builds the segment index once
  const allMs = await time(() => nearestFacilities(net, villages, facilities, { k: 1 }), 3);
  rows.push({ suite, name: 'nearestFacilities k=1 (snap + one pass)', medianMs: allMs });
  const k3Ms = await time(() => nearestFacilities(net, villages, facilities, { k: 3 }), 3);
  rows.push({ suite, name: 'nearestFacilities k=3', medianMs: k3Ms, baseline: 'nearestFacilities k=1 (snap + one pass)' });
  return rows;
}
