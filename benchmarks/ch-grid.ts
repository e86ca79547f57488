/**
 * Contraction and nearest facility on the synthetic grid, in one process on CPU time:
 * `npx tsx benchmarks/ch-grid.ts [side=1000]`. Prints the contraction's cost as a multiple of the
 * network build, then for 10,000 villages × 100 and × 1,000 facilities nearestFacilities k=1 on the
 * plain path and on the hierarchy (interleaved, median of 3, times checked equal) against scipy's
 * multi-source `min_only` Dijkstra and igraph on the same exported graph.
 */
import { placePoints } from '../src/engine';
import { buildNetworkFromGeoJson, nearestFacilities } from '../src/index';
import { hierarchyFor } from '../src/search/ch/network-hierarchy';
import { mulberry32 } from '../test/helpers/random';
import { gridRoads } from './network-build';
import { pointGraph, pythonOdPeers } from './peer-graph';

process.env.BENCH_CLOCK = 'cpu';
const cpu = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};
const side = Number(process.argv[2] ?? 1000);
const roads = gridRoads(side);
let t0 = cpu();
const net = buildNetworkFromGeoJson(roads, { profile: 'walk' });
const buildMs = cpu() - t0;
t0 = cpu();
const ch = hierarchyFor(net);
const chMs = cpu() - t0;
console.log(
  `grid ${side}×${side}, ${net.nodeCount} nodes: build ${buildMs.toFixed(0)} ms, contraction ${chMs.toFixed(0)} ms CPU (${(chMs / buildMs).toFixed(2)}× the build), ${ch.edgeCount} edges up + down`,
);
const extent = (side - 1) * 0.001;
const points = (count: number, seed: number) => {
  const rnd = mulberry32(seed);
  return Float64Array.from({ length: 2 * count }, (_, i) => (i % 2 ? 25 : 100) + rnd() * extent);
};
const villages = placePoints(net, points(10_000, 41));
const median = (x: number[]) => x.sort((p, q) => p - q)[1];
for (const nf of [100, 1000]) {
  const facilities = placePoints(net, points(nf, 42));
  nearestFacilities(net, villages, facilities, { k: 1 }); // warm-up
  const plain: number[] = [];
  const onCh: number[] = [];
  let a = nearestFacilities(net, villages, facilities, { k: 1, hierarchy: false });
  let b = a;
  for (let r = 0; r < 3; r++) {
    t0 = cpu();
    a = nearestFacilities(net, villages, facilities, { k: 1, hierarchy: false });
    plain.push(cpu() - t0);
    t0 = cpu();
    b = nearestFacilities(net, villages, facilities, { k: 1 });
    onCh.push(cpu() - t0);
  }
  for (let i = 0; i < a.timeS.length; i++)
    if (a.timeS[i] !== b.timeS[i] && !(Math.abs(a.timeS[i] - b.timeS[i]) <= 1e-6))
      throw new Error(`village ${i}: ${b.timeS[i]} on the hierarchy, ${a.timeS[i]} plain`);
  const mc = median(onCh);
  console.log(
    `10,000 villages × ${nf} facilities, k=1: plain ${median(plain).toFixed(1)} ms, hierarchy ${mc.toFixed(1)} ms CPU (same times, checked)`,
  );
  const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);
  const peers = pythonOdPeers(
    [pointGraph(net, villages, facilities)],
    [
      {
        id: 'nearest',
        graph: 0,
        kind: 'nearest',
        k: 1,
        sources: range(net.nodeCount + 10_000, nf),
        targets: range(net.nodeCount, 10_000),
        peers: ['scipy', 'igraph'],
        runs: 3,
      },
    ],
  );
  for (const p of peers)
    console.log(
      `  ${p.peer} (${p.method}) ${p.medianMs.toFixed(1)} ms CPU: the hierarchy is ${(p.medianMs / mc).toFixed(2)}× faster`,
    );
}
