import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hierarchyFor, nearestFacilities, type RoadNetwork, snapPoints } from '../src/index';
import { segmentIndexFor } from '../src/spatial/segment-index';
import { loadNetwork } from '../src/node';
import { nearRoads } from './near-roads';
import { type BenchRow, time } from './harness';
import { OSM, PEERS } from './paths';

/**
 * The main job end to end on Andorra by car: 10,000 villages and 100 facilities as coordinates,
 * snapped onto road segments and searched (`nearestFacilities` k = 1, the segment index already
 * built), against the nearest-node pipeline (KD-tree nearest node + scipy `min_only`), timed in
 * Python on the same network and points.
 */
export async function mainJobBench(_quick: boolean): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const andorra = `${OSM}/andorra-2025.osm.pbf`;
  if (!existsSync(andorra)) return rows;
  const net = await loadNetwork(andorra, { profile: 'car' });
  const villages = nearRoads(net, 10_000, 41);
  const facilities = nearRoads(net, 100, 42);
  const suite = `main job: nearest facility for 10,000 villages × 100 facilities from coordinates, Andorra (car), ${net.nodeCount} nodes`;
  segmentIndexFor(net);
  const snapMs = await time(() => snapPoints(net, villages));
  rows.push({ suite, name: 'snapPoints, the 10,000 villages (index built)', medianMs: snapMs });
  let mean = 0;
  const plainMs = await time(() => {
    const r = nearestFacilities(net, villages, facilities, { hierarchy: false });
    mean = meanFinite(r.timeS);
  });
  rows.push({
    suite,
    name: 'nearestFacilities k=1 from coordinates (snap both, plain search)',
    medianMs: plainMs,
    figure: `mean ${mean.toFixed(1)} s`,
  });
  hierarchyFor(net);
  const chMs = await time(() => nearestFacilities(net, villages, facilities));
  rows.push({
    suite,
    name: 'nearestFacilities k=1 from coordinates (snap both, PHAST on the hierarchy)',
    medianMs: chMs,
    baseline: 'nearestFacilities k=1 from coordinates (snap both, plain search)',
  });
  const peer = pipelinePeer(net, villages, facilities);
  if (peer)
    rows.push({
      suite,
      name: 'KD-tree nearest node (scipy cKDTree) + scipy dijkstra min_only (tree and matrix built beforehand)',
      medianMs: peer.medianMs,
      figure: `mean ${peer.meanS.toFixed(1)} s (to nearest nodes, not road positions)`,
      baseline: 'nearestFacilities k=1 from coordinates (snap both, plain search)',
    });
  return rows;
}

function meanFinite(a: Float64Array): number {
  let s = 0;
  let n = 0;
  for (const x of a)
    if (x < Infinity) {
      s += x;
      n++;
    }
  return s / Math.max(1, n);
}

function pipelinePeer(
  net: RoadNetwork,
  villages: Float64Array,
  facilities: Float64Array,
): { medianMs: number; meanS: number } | null {
  const python = '/usr/bin/python3';
  if (!existsSync(python)) return null;
  const dir = mkdtempSync(join(tmpdir(), 'servicereach-pipeline-'));
  try {
    const bytes = (a: ArrayBufferView) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
    const { firstEdge, edgeTarget, edgeTimeS, nodeE7 } = net.arrays;
    const nodeCoords = Float64Array.from(nodeE7, (v) => v / 1e7);
    writeFileSync(join(dir, 'indptr.u32'), bytes(Uint32Array.from(firstEdge)));
    writeFileSync(join(dir, 'indices.u32'), bytes(Uint32Array.from(edgeTarget)));
    writeFileSync(join(dir, 'weights.f64'), bytes(Float64Array.from(edgeTimeS)));
    writeFileSync(join(dir, 'nodes.f64'), bytes(nodeCoords));
    writeFileSync(join(dir, 'villages.f64'), bytes(villages));
    writeFileSync(join(dir, 'facilities.f64'), bytes(facilities));
    const run = spawnSync(python, [join(PEERS, 'python_pipeline.py'), dir], {
      encoding: 'utf8',
      timeout: 600_000,
    });
    if (run.status !== 0) {
      process.stderr.write(`main-job bench: pipeline peer failed: ${run.stderr.slice(-800)}\n`);
      return null;
    }
    return JSON.parse(run.stdout);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
