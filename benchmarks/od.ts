import { existsSync } from 'node:fs';
import createGraph from 'ngraph.graph';
import ngraphPath from 'ngraph.path';
import {
  buildNetworkFromGeoJson,
  type NearestFacilitiesResult,
  nearestFacilities,
  type RoadNetwork,
  travelTimeMatrix,
} from '../src/index';
import { placePoints } from '../src/engine';
import { hierarchyFor } from '../src/search/ch/network-hierarchy';
import { loadNetwork } from '../src/node';
import { mulberry32 } from '../test/helpers/random';
import { nearRoads } from './near-roads';
import { type BenchRow, now, time } from './harness';
import { gridRoads } from './network-build';
import {
  finiteSum,
  type PeerGraph,
  type PeerJob,
  type PeerRow,
  pointGraph,
  pythonOdPeers,
  sameChecksum,
} from './peer-graph';
import { OSM } from './paths';

interface Case {
  name: string;
  net: RoadNetwork;
  /** `count` random `[lon, lat, …]` points where villages and facilities would be. */
  points: (count: number, seed: number) => Float64Array;
  /** The synthetic grid: many searches are sampled and scaled. */
  grid: boolean;
  /** Seconds-long searches (the 1M-node grid): time each call once after a warm-up. */
  big: boolean;
}

/** Andorra by car (when the extract is there) and the synthetic walking grid, 1000×1000 (300×300 quick). */
async function cases(quick: boolean): Promise<Case[]> {
  const out: Case[] = [];
  const andorra = `${OSM}/andorra-2025.osm.pbf`;
  if (existsSync(andorra)) {
    const net = await loadNetwork(andorra, { profile: 'car' });
    out.push({
      name: 'Andorra (car)',
      net,
      points: (count, seed) => nearRoads(net, count, seed),
      grid: false,
      big: false,
    });
  }
  // --andorra: the real network only (the grid's rows take most of the suite's time).
  if (process.argv.includes('--andorra') && out.length > 0) return out;
  const side = quick ? 300 : 1000;
  const net = buildNetworkFromGeoJson(gridRoads(side), { profile: 'walk' });
  const extent = (side - 1) * 0.001;
  out.push({
    name: `grid ${side}×${side} (walk)`,
    net,
    points: (count, seed) => {
      const rnd = mulberry32(seed);
      return Float64Array.from(
        { length: 2 * count },
        (_, i) => (i % 2 ? 25 : 100) + rnd() * extent,
      );
    },
    grid: true,
    big: !quick,
  });
  return out;
}

/**
 * Build the case's contraction hierarchy (so later searches on `c.net` use it), with a row for
 * its cost; false where it is not built (`--no-ch-grid`: not on the 1M grid, ~20 s of contraction).
 */
function hierarchyRow(c: Case, rows: BenchRow[], what: string): boolean {
  if (c.big && process.argv.includes('--no-ch-grid')) return false;
  const t0 = now();
  const ch = hierarchyFor(c.net);
  rows.push({
    suite: `${what}, ${c.name}, ${c.net.nodeCount} nodes: preparation`,
    name: 'hierarchyFor (contraction, once per network)',
    medianMs: now() - t0,
    figure: `${ch.edgeCount} edges up + down`,
  });
  return true;
}

/** Throw unless two time arrays agree (same reached pairs, times within rounding). */
function sameTimes(what: string, a: Float64Array, b: Float64Array): void {
  for (let i = 0; i < a.length; i++)
    if (a[i] !== b[i] && !(Math.abs(a[i] - b[i]) <= 1e-9 * Math.abs(b[i]) + 1e-6))
      throw new Error(`${what} disagrees with the plain search at ${i}: ${a[i]} vs ${b[i]}`);
}

/** Say on each hierarchy row how many times faster it is than scipy and igraph in the same suite. */
function againstPeers(rows: BenchRow[]): BenchRow[] {
  return rows.map((r) => {
    if (!r.name.includes('contraction hierarchy')) return r;
    const peers = rows.filter(
      (p) =>
        p.suite === r.suite && /^(scipy|igraph)/.test(p.name) && !p.name.includes('per facility'),
    );
    const said = peers.map((p) => {
      const x = p.medianMs / r.medianMs;
      const who = p.name.split(' ')[0];
      return x >= 1
        ? `${x.toFixed(1)}× faster than ${who}`
        : `${(1 / x).toFixed(2)}× the time of ${who}`;
    });
    return said.length ? { ...r, figure: `${r.figure}; ${said.join(', ')}` } : r;
  });
}

/** Rows of each suite together (ours first, then the peers), suites in order of first appearance. */
function bySuite(rows: BenchRow[]): BenchRow[] {
  const order = [...new Set(rows.map((r) => r.suite))];
  return order.flatMap((s) => rows.filter((r) => r.suite === s));
}

const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

/** Python peers' rows for one job, checked against our checksum (unless timed on a sample). */
function peerRows(
  rows: PeerRow[],
  id: string,
  suite: string,
  baseline: string,
  ours: [number, number] | null,
  scale = 1,
  note = '',
): BenchRow[] {
  return rows
    .filter((r) => r.id === id)
    .map((r) => {
      if (r.checksum && ours) sameChecksum(`${r.peer} (${suite})`, r.checksum, ours);
      return {
        suite,
        name: `${r.peer} ${r.method}${note}`,
        medianMs: r.medianMs * scale,
        figure: r.checksum ? 'same times (checked)' : 'not checked (sampled)',
        baseline,
      };
    });
}

/**
 * OD matrices (100×100, 1000×1000, 100×10,000) with `travelTimeMatrix` against scipy and igraph
 * (one search per origin, the destination columns kept, checked) and ngraph.path one pair at a time.
 */
export async function matrixBench(quick: boolean): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const c of await cases(quick)) {
    const { net } = c;
    const runs = quick || c.big ? 1 : 3;
    const allOrigins = c.points(1000, 21);
    const allDestinations = c.points(10_000, 22);
    const sizes: [number, number][] = [
      [100, 100],
      [1000, 1000],
      [100, 10_000],
    ];
    // On the grid one search takes 20 ms (90k nodes) to 0.3 s (1M): time a sample of origins and
    // scale (a matrix costs one search per origin); the peers answer the same sample, checked.
    const sample = c.grid ? 10 : Infinity;
    const ch = hierarchyRow(c, rows, 'OD matrix');
    const graphs: PeerGraph[] = [];
    const jobs: PeerJob[] = [];
    const ours: {
      suite: string;
      scale: number;
      sum: [number, number];
      timeS: Float64Array;
      o: number;
      d: number;
      note: string;
    }[] = [];
    for (const [no, nd] of sizes) {
      const o = Math.min(no, sample);
      const oCoords = allOrigins.subarray(0, 2 * o);
      const dCoords = allDestinations.subarray(0, 2 * nd);
      const suite = `OD matrix ${no}×${nd}, ${c.name}, ${net.nodeCount} nodes`;
      const note = o < no ? `, timed on ${o} origins, scaled` : '';
      let m!: ReturnType<typeof travelTimeMatrix>; // time() calls at least twice
      const ms = await time(
        () => {
          m = travelTimeMatrix(net, oCoords, dCoords, { hierarchy: false });
        },
        runs,
        quick || c.big ? 0 : 1,
      );
      const scale = no / o;
      rows.push({
        suite,
        name: `travelTimeMatrix (snapping included${note})`,
        medianMs: ms * scale,
        figure: `${((100 * finiteSum(m.timeS)[1]) / (o * nd)).toFixed(1)}% of pairs reached`,
      });
      graphs.push(pointGraph(net, placePoints(net, oCoords), placePoints(net, dCoords)));
      jobs.push({
        id: suite,
        graph: graphs.length - 1,
        kind: 'matrix',
        sources: range(net.nodeCount, o),
        targets: range(net.nodeCount + o, nd),
        peers: ['scipy', 'igraph'],
        runs,
      });
      ours.push({ suite, scale, sum: finiteSum(m.timeS), timeS: m.timeS, o, d: nd, note });
      if (ch) {
        // Buckets cost per destination as well as per origin: the whole matrix, never scaled.
        const oAll = allOrigins.subarray(0, 2 * no);
        const plainAll = o === no ? m : travelTimeMatrix(net, oAll, dCoords, { hierarchy: false });
        let mc!: ReturnType<typeof travelTimeMatrix>;
        const chMs = await time(
          () => {
            mc = travelTimeMatrix(net, oAll, dCoords);
          },
          runs,
          1,
        );
        sameTimes('travelTimeMatrix on the hierarchy', mc.timeS, plainAll.timeS);
        rows.push({
          suite,
          name: 'travelTimeMatrix on the contraction hierarchy (buckets; snapping included)',
          medianMs: chMs,
          figure: 'same times as the plain search (checked)',
          baseline: `travelTimeMatrix (snapping included${note})`,
        });
      }
    }
    const peers = pythonOdPeers(graphs, jobs);
    const ng = ngraphOf(net);
    for (const [i, x] of ours.entries()) {
      const baseline = `travelTimeMatrix (snapping included${x.note})`;
      rows.push(...peerRows(peers, x.suite, x.suite, baseline, x.sum, x.scale, x.note));
      // ngraph.path: one A* (no heuristic: Dijkstra) per pair, on the same point graph.
      const g = graphs[i];
      const rnd = mulberry32(31 + i);
      const pairs = Array.from({ length: c.grid ? 3 : 20 }, () => [
        Math.floor(rnd() * x.o),
        Math.floor(rnd() * x.d),
      ]);
      const added = new Set(
        pairs.flatMap(([a, b]) => [net.nodeCount + a, net.nodeCount + x.o + b]),
      );
      addPoints(ng, net.nodeCount, g, added);
      const finder = ngraphPath.aStar(ng, { oriented: true, distance: (_a, _b, l) => l.data.t });
      const t0 = performance.now();
      for (const [a, b] of pairs) {
        const t = pathTime(ng, finder.find(net.nodeCount + a, net.nodeCount + x.o + b));
        const want = x.timeS[a * x.d + b];
        if (!(t === want || Math.abs(t - want) <= 1e-9 * want + 1e-6))
          throw new Error(
            `ngraph.path disagrees with travelTimeMatrix (${x.suite}): ${t} vs ${want}`,
          );
      }
      // On 1M nodes a pair takes seconds: the checked pass is the timing.
      const pairMs = c.big
        ? performance.now() - t0
        : await time(
            () => {
              for (const [a, b] of pairs) finder.find(net.nodeCount + a, net.nodeCount + x.o + b);
            },
            runs,
            c.grid ? 0 : 1,
          );
      for (const id of added) ng.removeNode(id);
      const total = (x.o * x.scale * x.d) / pairs.length;
      rows.push({
        suite: x.suite,
        name: `ngraph.path, one pair at a time (timed on ${pairs.length} pairs, scaled)`,
        medianMs: pairMs * total,
        figure: `same times on those pairs (checked); ${(pairMs / pairs.length).toFixed(2)} ms per pair`,
        baseline,
      });
    }
  }
  return againstPeers(bySuite(rows));
}

type NGraph = ReturnType<typeof createGraph<unknown, { t: number }>>;

function ngraphOf(net: RoadNetwork): NGraph {
  const ng = createGraph<unknown, { t: number }>({ multigraph: true });
  const { firstEdge, edgeTarget, edgeTimeS } = net.arrays;
  for (let u = 0; u < net.nodeCount; u++)
    for (let e = firstEdge[u]; e < firstEdge[u + 1]; e++)
      ng.addLink(u, edgeTarget[e], { t: edgeTimeS[e] });
  return ng;
}

/** The point nodes in `ids` with their edges from the point graph `g`, into `ng`. */
function addPoints(ng: NGraph, n0: number, g: PeerGraph, ids: Set<number>): void {
  const { from, to, t } = g.extra;
  for (const id of ids) ng.addNode(id); // off-network points have no links but must exist
  for (let e = 0; e < from.length; e++)
    if ((from[e] < n0 || ids.has(from[e])) && (to[e] < n0 || ids.has(to[e])))
      ng.addLink(from[e], to[e], { t: t[e] });
}

/** Seconds along a path ngraph.path returned (nodes from the target back to the source). */
function pathTime(ng: NGraph, path: { id: string | number }[]): number {
  if (path.length === 0) return Infinity;
  let t = 0;
  for (let i = path.length - 1; i > 0; i--) {
    let best = Infinity;
    for (const l of ng.getLinks(path[i].id) ?? [])
      if (l.fromId === path[i].id && l.toId === path[i - 1].id) best = Math.min(best, l.data.t);
    t += best;
  }
  return t;
}

/**
 * k nearest facilities by travel time (k = 3, and k = 1 for reference) for 1,000 and 10,000
 * villages among 100 and 1,000 facilities, against scipy and igraph: k = 1 is one multi-source
 * search for them too; for k > 1 they run one search per facility and keep the k smallest per village.
 */
export async function kNearestBench(quick: boolean): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const c of await cases(quick)) {
    const { net } = c;
    const runs = quick || c.big ? 1 : 3;
    const allVillages = c.points(10_000, 41);
    const allFacilities = c.points(1000, 42);
    const graphs: PeerGraph[] = [];
    const jobs: PeerJob[] = [];
    const ch = hierarchyRow(c, rows, 'k nearest facilities');
    const ours: { suite: string; k1: [number, number]; k3: [number, number] }[] = [];
    for (const nv of [1000, 10_000]) {
      for (const nf of [100, 1000]) {
        const suite = `k nearest facilities by travel time, ${nv} villages × ${nf} facilities, ${c.name}, ${net.nodeCount} nodes`;
        // Placed beforehand, as the peers get their points already joined to the graph.
        const villages = placePoints(net, allVillages.subarray(0, 2 * nv));
        const facilities = placePoints(net, allFacilities.subarray(0, 2 * nf));
        const sums: [number, number][] = [];
        for (const k of [1, 3]) {
          let r!: NearestFacilitiesResult; // time() calls at least twice
          const ms = await time(
            () => {
              r = nearestFacilities(net, villages, facilities, { k, hierarchy: false });
            },
            runs,
            c.big ? 0 : 1,
          );
          sums.push(finiteSum(r.timeS));
          rows.push({
            suite,
            name: `nearestFacilities k=${k} (points placed beforehand)`,
            medianMs: ms,
            figure: `${((nv / ms) * 1000).toFixed(0)} villages/s`,
            baseline: k === 1 ? undefined : 'nearestFacilities k=1 (points placed beforehand)',
          });
        }
        ours.push({ suite, k1: sums[0], k3: sums[1] });
        if (ch) {
          const plain = nearestFacilities(net, villages, facilities, { k: 1, hierarchy: false });
          let r!: NearestFacilitiesResult;
          const ms = await time(
            () => {
              r = nearestFacilities(net, villages, facilities, { k: 1 });
            },
            runs,
            1,
          );
          sameTimes('nearestFacilities on the hierarchy', r.timeS, plain.timeS);
          rows.push({
            suite,
            name: 'nearestFacilities k=1 on the contraction hierarchy (PHAST)',
            medianMs: ms,
            figure: `${((nv / ms) * 1000).toFixed(0)} villages/s; same times (checked)`,
            baseline: 'nearestFacilities k=1 (points placed beforehand)',
          });
        }
        graphs.push(pointGraph(net, villages, facilities));
        const g = graphs.length - 1;
        const sources = range(net.nodeCount + nv, nf);
        const targets = range(net.nodeCount, nv);
        jobs.push({
          id: `${suite}|1`,
          graph: g,
          kind: 'nearest',
          k: 1,
          sources,
          targets,
          peers: ['scipy', 'igraph'],
          runs,
        });
        // k > 1 costs the peers one full search per facility, seconds per call: timed once. On the
        // grid (20 ms to 0.5 s a search) only for 100 facilities, timed on 10 of them and scaled
        // (then unchecked: the k smallest need every facility); --quick only the smallest size.
        if (!c.grid && (!quick || (nv === 1000 && nf === 100)))
          jobs.push({
            id: `${suite}|3`,
            graph: g,
            kind: 'nearest',
            k: 3,
            sources,
            targets,
            peers: ['scipy', 'igraph'],
            runs: 1,
          });
        else if (c.grid && nf === 100 && (!quick || nv === 1000))
          jobs.push({
            id: `${suite}|3`,
            graph: g,
            kind: 'nearest',
            k: 3,
            sources,
            targets,
            peers: ['scipy', 'igraph'],
            runs: 1,
            sample: 10,
          });
      }
    }
    const peers = pythonOdPeers(graphs, jobs);
    for (const x of ours) {
      rows.push(
        ...peerRows(
          peers,
          `${x.suite}|1`,
          x.suite,
          'nearestFacilities k=1 (points placed beforehand)',
          x.k1,
        ),
      );
      rows.push(
        ...peerRows(
          peers,
          `${x.suite}|3`,
          x.suite,
          'nearestFacilities k=3 (points placed beforehand)',
          x.k3,
          1,
          c.grid ? ' (timed on 10 facilities, scaled)' : '',
        ),
      );
    }
  }
  return againstPeers(bySuite(rows));
}
