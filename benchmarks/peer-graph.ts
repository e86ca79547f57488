import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RoadNetwork } from '../src/index';
import {
  LEG_STRIDE,
  newLegs,
  type PlacedPoints,
  pointLegs,
  pointsByEntryLink,
  sameLinkTime,
} from '../src/search/placed-points';
import { PEERS } from './paths';

/**
 * A network's forward CSR arrays with extra nodes appended (`net.nodeCount` onwards): what the
 * peers search when the question is about points rather than nodes.
 */
export interface PeerGraph {
  nodeCount: number;
  indptr: Uint32Array;
  indices: Uint32Array;
  weights: Float64Array;
  /** The edges added to the network's (each has a point's node at one end at least). */
  extra: { from: number[]; to: number[]; t: number[] };
}

/**
 * `net` plus one node per point of `a` and of `b`, joined to the network exactly as our searches
 * treat points: a's node → its link's ends by the legs leaving the point, the link ends → b's node
 * by the legs arriving at it, and a → b directly where both lie on the same link (the shortcut
 * `sameLinkTime` gives). A peer's shortest path from a's node i to b's node j is then our time from
 * point i to point j, so its answers can be checked against ours. a's nodes are
 * `net.nodeCount + i`, b's `net.nodeCount + a.count + j`; off-network points get no edges.
 */
export function pointGraph(net: RoadNetwork, a: PlacedPoints, b: PlacedPoints): PeerGraph {
  const n0 = net.nodeCount;
  const na = a.snap.count;
  const nb = b.snap.count;
  const from: number[] = [];
  const to: number[] = [];
  const t: number[] = [];
  const legs = newLegs();
  for (let i = 0; i < na; i++) {
    for (let e = 0, c = pointLegs(net, a, i, true, legs); e < c; e++) {
      from.push(n0 + i);
      to.push(legs[LEG_STRIDE * e]);
      t.push(legs[LEG_STRIDE * e + 1]);
    }
  }
  for (let j = 0; j < nb; j++) {
    for (let e = 0, c = pointLegs(net, b, j, false, legs); e < c; e++) {
      from.push(legs[LEG_STRIDE * e]);
      to.push(n0 + na + j);
      t.push(legs[LEG_STRIDE * e + 1]);
    }
  }
  const onLink = pointsByEntryLink(b);
  for (let i = 0; i < na; i++) {
    for (const j of [a.snap.link[i], a.snap.main.link[i]].flatMap((l) => onLink.get(l) ?? [])) {
      const s = sameLinkTime(a, i, b, j);
      if (s < Infinity) {
        from.push(n0 + i);
        to.push(n0 + na + j);
        t.push(s);
      }
    }
  }
  const n = n0 + na + nb;
  const { firstEdge, edgeTarget, edgeTimeS } = net.arrays;
  const indptr = new Uint32Array(n + 1);
  for (let u = 0; u < n0; u++) indptr[u + 1] = firstEdge[u + 1] - firstEdge[u];
  for (const u of from) indptr[u + 1]++;
  for (let u = 0; u < n; u++) indptr[u + 1] += indptr[u];
  const m = indptr[n];
  const indices = new Uint32Array(m);
  const weights = new Float64Array(m);
  const fill = indptr.slice(0, n);
  for (let u = 0; u < n0; u++) {
    const k = fill[u];
    const len = firstEdge[u + 1] - firstEdge[u];
    indices.set(edgeTarget.subarray(firstEdge[u], firstEdge[u + 1]), k);
    weights.set(edgeTimeS.subarray(firstEdge[u], firstEdge[u + 1]), k);
    fill[u] = k + len;
  }
  for (let e = 0; e < from.length; e++) {
    const k = fill[from[e]]++;
    indices[k] = to[e];
    weights[k] = t[e];
  }
  return { nodeCount: n, indptr, indices, weights, extra: { from, to, t } };
}

/** One question for benchmarks/peers/python_od.py on one of the graphs passed along. */
export interface PeerJob {
  id: string;
  graph: number;
  /**
   * `matrix`: times from every source to every target (one search per source);
   * `nearest`: for every target, the k smallest times *from it to* the sources (searched backwards).
   */
  kind: 'matrix' | 'nearest';
  sources: number[];
  targets: number[];
  k?: number;
  /** Which peers answer: `scipy`, `igraph`. */
  peers: string[];
  /** Time on the first `sample` sources only and scale to all of them (no checksum then). */
  sample?: number;
  runs: number;
}

export interface PeerRow {
  id: string;
  peer: string;
  method: string;
  medianMs: number;
  /** Sum of finite answers and how many there are; null when timed on a sample. */
  checksum: [number, number] | null;
}

/**
 * Run `jobs` through /usr/bin/python3 (scipy and igraph, when that Python has them); [] with the
 * reason on stderr otherwise.
 */
export function pythonOdPeers(graphs: PeerGraph[], jobs: PeerJob[]): PeerRow[] {
  const python = '/usr/bin/python3';
  if (!existsSync(python)) {
    process.stderr.write('od bench: /usr/bin/python3 not found, scipy/igraph rows skipped\n');
    return [];
  }
  const dir = mkdtempSync(join(tmpdir(), 'servicereach-od-peers-'));
  try {
    const bytes = (a: ArrayBufferView) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
    graphs.forEach((g, i) => {
      writeFileSync(join(dir, `${i}.indptr.u32`), bytes(g.indptr));
      writeFileSync(join(dir, `${i}.indices.u32`), bytes(g.indices));
      writeFileSync(join(dir, `${i}.weights.f64`), bytes(g.weights));
    });
    writeFileSync(join(dir, 'jobs.json'), JSON.stringify(jobs));
    const run = spawnSync(python, [join(PEERS, 'python_od.py'), dir], {
      encoding: 'utf8',
      timeout: 1_800_000,
      maxBuffer: 1 << 24,
    });
    if (run.status !== 0) {
      process.stderr.write(
        `od bench: python peers failed (${run.status ?? run.signal}): ${run.stderr.slice(-800)}\n`,
      );
      return [];
    }
    const out = JSON.parse(run.stdout) as { rows: PeerRow[]; missing: string[] };
    if (out.missing.length)
      process.stderr.write(
        `od bench: ${out.missing.join(', ')} not importable by ${python}, rows skipped\n`,
      );
    return out.rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Throw unless a peer's checksum matches ours (summation order differs; scipy sees 0 s as the smallest double). */
export function sameChecksum(what: string, peer: [number, number], ours: [number, number]): void {
  if (peer[1] !== ours[1] || Math.abs(peer[0] - ours[0]) > 1e-9 * Math.abs(ours[0]) + 1e-6)
    throw new Error(`${what} disagrees with ours: ${peer} vs ${ours}`);
}

/** Sum of the finite values and how many there are. */
export function finiteSum(values: ArrayLike<number>): [number, number] {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    if (values[i] < Infinity) {
      sum += values[i];
      count++;
    }
  }
  return [sum, count];
}
