import { cpuUsage } from 'node:process';
import { generateCounty } from '/work/h-A/data/generate-county';
import { buildNetworkFromGeoJson, catchments, readPointsFromGeoJson } from '/work/h-A/src/index.ts';
import { placePoints } from '/work/h-A/src/search/placed-points';
import { hierarchyFor } from '/work/h-A/src/search/ch/network-hierarchy';
const cpu = () => { const u = cpuUsage(); return (u.user + u.system) / 1000; };
const county = generateCounty({ seed: 3, scale: 32 });
const villages = readPointsFromGeoJson(county.villages);
const step = Math.max(1, Math.floor(villages.length / 5000));
const candidates = villages.filter((_, i) => i % step === 0).slice(0, 5000);
const cc = candidates.flatMap((c) => [c.lon, c.lat]);
const net = buildNetworkFromGeoJson(county.roads, { profile: 'car' });
const V = placePoints(net, villages.flatMap((v) => [v.lon, v.lat]));
const maxSeconds = 5400;
const mode = process.argv[2];
let t = cpu();
const plain = catchments(net, V, cc, { maxSeconds, hierarchy: false });
const plainMs = cpu() - t;
t = cpu(); const ch = hierarchyFor(net); const cMs = cpu() - t;
const runs: number[] = [];
for (let r = 0; r < 3; r++) {
  if (global.gc) global.gc();
  t = cpu(); const h = catchments(net, V, cc, { maxSeconds }); runs.push(cpu() - t);
  if (h.village.length !== plain.village.length) throw new Error('differ');
}
const t2 = cpu();
const plain2 = catchments(net, V, cc, { maxSeconds, hierarchy: false });
const plain2Ms = cpu() - t2;
console.log(JSON.stringify({ villages: villages.length, pairs: plain.village.length, plainMs, plain2Ms, contractMs: cMs, chRuns: runs, ratio: ((plainMs + plain2Ms) / 2 / Math.min(...runs)).toFixed(2), chEdges: ch.edgeCount, heapMB: process.memoryUsage().heapUsed / 1e6 }));
