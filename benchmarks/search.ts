import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Graph from 'graphology';
import { singleSource } from 'graphology-shortest-path/dijkstra.js';
import createGraph from 'ngraph.graph';
import ngraphPath from 'ngraph.path';
import { buildNetworkFromGeoJson, nearestFacilities, type RoadNetwork } from '../src/index';
import { SearchEngine } from '../src/engine';
import { loadNetwork } from '../src/node';
import { mulberry32 } from '../test/helpers/random';
import { type BenchRow, time } from './harness';
import { gridRoads } from './network-build';
import { OSM, PEERS } from './paths';

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

interface PythonRow {
  name: string;
  medianMs: number;
  checksum: [number, number];
}

/**
 * scipy's and igraph's Dijkstra through /usr/bin/python3 on this network's CSR arrays, when that
 * Python has them (Debian: python3-scipy, python3-igraph); null otherwise, with the reason on stderr.
 */
function pythonPeers(
  net: RoadNetwork,
  sources: number[],
  multi: number[],
): { rows: PythonRow[]; versions: Record<string, string> } | null {
  const python = '/usr/bin/python3';
  if (!existsSync(python)) {
    process.stderr.write('search bench: /usr/bin/python3 not found, scipy/igraph rows skipped\n');
    return null;
  }
  const dir = mkdtempSync(join(tmpdir(), 'servicereach-peers-'));
  try {
    const { firstEdge, edgeTarget, edgeTimeS } = net.arrays;
    const bytes = (a: ArrayBufferView) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
    writeFileSync(join(dir, 'indptr.u32'), bytes(firstEdge));
    writeFileSync(join(dir, 'indices.u32'), bytes(edgeTarget));
    writeFileSync(join(dir, 'weights.f64'), bytes(edgeTimeS));
    writeFileSync(join(dir, 'sources.i32'), bytes(Int32Array.from(sources)));
    writeFileSync(join(dir, 'multi.i32'), bytes(Int32Array.from(multi)));
    const run = spawnSync(python, [join(PEERS, 'python_search.py'), dir], {
      encoding: 'utf8',
      timeout: 900_000,
      maxBuffer: 1 << 24,
    });
    if (run.status !== 0) {
      process.stderr.write(
        `search bench: python peers failed (${run.status ?? run.signal}): ${run.stderr.slice(-500)}\n`,
      );
      return null;
    }
    const out = JSON.parse(run.stdout) as {
      rows: PythonRow[];
      versions: Record<string, string>;
      missing: string[];
    };
    if (out.missing.length)
      process.stderr.write(
        `search bench: ${out.missing.join(', ')} not importable by ${python}, rows skipped\n`,
      );
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Sum of finite times and the number reached: what a peer's answer must match. */
function checksum(engine: SearchEngine, n: number): [number, number] {
  let sum = 0;
  let count = 0;
  for (let v = 0; v < n; v++) {
    const t = engine.timeS(v);
    if (t < Infinity) {
      sum += t;
      count++;
    }
  }
  return [sum, count];
}

function sameChecksum(peer: string, a: [number, number], b: [number, number]): void {
  // Summation order differs, and scipy sees zero-time edges as the smallest positive double.
  if (a[1] !== b[1] || Math.abs(a[0] - b[0]) > 1e-9 * Math.abs(b[0]) + 1e-6)
    throw new Error(`${peer} disagrees with SearchEngine: ${a} vs ${b}`);
}

/** One-to-all on Andorra and a ≥1M-node grid against peers; multi-source nearest for 10,000 villages. */
export async function searchBench(quick: boolean): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const cases: [string, () => Promise<RoadNetwork>][] = [];
  const andorra = `${OSM}/andorra-2025.osm.pbf`;
  if (existsSync(andorra))
    cases.push(['Andorra (car)', () => loadNetwork(andorra, { profile: 'car' })]);
  const side = quick ? 300 : 1000;
  cases.push([
    `synthetic grid ${side}×${side} (walk)`,
    async () => buildNetworkFromGeoJson(gridRoads(side), { profile: 'walk' }),
  ]);
  for (const [name, make] of cases) {
    const net = await make();
    const n = net.nodeCount;
    const suite = `one-to-all, ${name}, ${n} nodes`;
    const rnd = mulberry32(5);
    const sources = Array.from({ length: 5 }, () => Math.floor(rnd() * n));
    const engine = new SearchEngine(net);
    const oursMs = await time(() => {
      for (const s of sources) engine.run([{ node: s, timeS: 0, source: 0 }]);
    });
    const oneSum = checksum(engine, n); // of the last source, as the peers report it
    rows.push({
      suite,
      name: 'SearchEngine (per search)',
      medianMs: oursMs / sources.length,
      figure: `${(((n / (oursMs / sources.length)) * 1000) / 1e6).toFixed(2)}M nodes/s`,
      baseline: 'plain binary-heap Dijkstra (per search)',
    });
    const multi = Array.from({ length: 200 }, () => Math.floor(rnd() * n));
    const multiSeeds = multi.map((node, i) => ({ node, timeS: 0, source: i }));
    const multiMs = await time(() => engine.run(multiSeeds));
    const multiSum = checksum(engine, n);
    rows.push({ suite, name: 'SearchEngine multi-source, 200 seeds', medianMs: multiMs });
    const peers = pythonPeers(net, sources, multi);
    for (const r of peers?.rows ?? []) {
      const isMulti = r.name.includes('multi');
      sameChecksum(r.name, r.checksum, isMulti ? multiSum : oneSum);
      rows.push({
        suite,
        name: r.name,
        medianMs: r.medianMs,
        baseline: isMulti ? 'SearchEngine multi-source, 200 seeds' : 'SearchEngine (per search)',
        figure: 'same times (checked)',
      });
    }
    const adj: { to: number; t: number }[][] = Array.from({ length: n }, () => []);
    for (let u = 0; u < n; u++)
      for (let e = net.arrays.firstEdge[u]; e < net.arrays.firstEdge[u + 1]; e++)
        adj[u].push({ to: net.arrays.edgeTarget[e], t: net.arrays.edgeTimeS[e] });
    const plainMs = await time(() => {
      for (const s of sources) plainDijkstra(adj, s);
    }, 3);
    rows.push({
      suite,
      name: 'plain binary-heap Dijkstra (per search)',
      medianMs: plainMs / sources.length,
    });
    if (n <= 300_000) {
      const gg = new Graph({ type: 'directed', multi: true });
      for (let u = 0; u < n; u++) gg.addNode(u);
      for (let u = 0; u < n; u++)
        for (let e = net.arrays.firstEdge[u]; e < net.arrays.firstEdge[u + 1]; e++)
          gg.addEdge(u, net.arrays.edgeTarget[e], { t: net.arrays.edgeTimeS[e] });
      const gMs = await time(() => {
        for (const s of sources.slice(0, 2)) singleSource(gg, String(s), 't');
      }, 3);
      rows.push({
        suite,
        name: 'graphology-shortest-path singleSource (per search)',
        medianMs: gMs / 2,
        baseline: 'SearchEngine (per search)',
      });
    }
    const ng = createGraph<unknown, { t: number }>({ multigraph: true });
    for (let u = 0; u < n; u++)
      for (let e = net.arrays.firstEdge[u]; e < net.arrays.firstEdge[u + 1]; e++)
        ng.addLink(u, net.arrays.edgeTarget[e], { t: net.arrays.edgeTimeS[e] });
    const finder = ngraphPath.aStar(ng, { oriented: true, distance: (_a, _b, l) => l.data.t });
    const pairs = Array.from({ length: 5 }, () => [Math.floor(rnd() * n), Math.floor(rnd() * n)]);
    const ngMs = await time(() => {
      for (const [s, t] of pairs) finder.find(s, t);
    }, 3);
    rows.push({
      suite,
      name: 'ngraph.path Dijkstra, one pair (per pair)',
      medianMs: ngMs / pairs.length,
      baseline: 'SearchEngine (per search)',
    });
  }
  // Nearest facility for 10,000 villages in one multi-source pass, snapping included.
  const net = buildNetworkFromGeoJson(gridRoads(side), { profile: 'walk' });
  const rnd = mulberry32(8);
  const box = (k: number) =>
    Array.from({ length: 2 * k }, (_, i) => (i % 2 ? 25 : 100) + rnd() * side * 0.001);
  const villages = box(10_000);
  const facilities = box(200);
  const suite = `nearest facility by travel time, 10,000 villages × 200 facilities, grid ${side}×${side}, ${net.nodeCount} nodes`;
  nearestFacilities(net, villages.slice(0, 20), facilities); // builds the segment index once
  const allMs = await time(() => nearestFacilities(net, villages, facilities, { k: 1 }), 3);
  rows.push({ suite, name: 'nearestFacilities k=1 (snap + one pass)', medianMs: allMs });
  const boundedMs = await time(
    () => nearestFacilities(net, villages, facilities, { k: 1, maxSeconds: 900, bounded: true }),
    3,
  );
  rows.push({
    suite,
    name: 'nearestFacilities k=1, search bounded at 15 min',
    medianMs: boundedMs,
    baseline: 'nearestFacilities k=1 (snap + one pass)',
  });
  const k3Ms = await time(() => nearestFacilities(net, villages, facilities, { k: 3 }), 3);
  rows.push({
    suite,
    name: 'nearestFacilities k=3',
    medianMs: k3Ms,
    baseline: 'nearestFacilities k=1 (snap + one pass)',
  });
  return rows;
}
