import type { RoadNetwork } from '../../network/road-network';
import { type PlacedPoints, placePoints, pointSeeds, type Seed } from '../placed-points';
import { type Direction, SearchEngine } from '../search-engine';
import { preparedHierarchy } from './network-hierarchy';

/**
 * Contracting a network costs about as much CPU as plain searches settling this many nodes per
 * node of the network: measured 130–540 when this was set (county ×32 car and walk, Andorra car
 * and walk; CPU time of `contract` against that of bounded Dijkstra runs in one process), 93–307
 * after the contraction got faster (2026-12-02: `hierarchyFor` on Andorra car 164–243 ms against
 * 230–307 one-to-all searches, walk 179–200 ms against 93–147). Building pays once the plain
 * searches of one job would settle more than that, with room for the searches on the hierarchy,
 * which are cheaper but not free (at a seventh of a plain search, break-even is ~1.2× the ratio).
 */
export const HIERARCHY_PAYS_SETTLED_PER_NODE = 400;

/** Starts sampled to estimate how far one plain search goes. */
const SAMPLE = 16;

/** Options of `hierarchyPays`. */
export interface HierarchyPaysOptions {
  /** The job's time limit in seconds (default none: every search runs over the whole network). */
  maxSeconds?: number;
  /** The searches' direction from the starts (default `from`; `to` runs backwards). */
  direction?: Direction;
  /** Threads that share the plain searches (default 1); contraction runs on one. */
  threads?: number;
  /** Snapping distance for starts given as coordinates (metres, default 1000). */
  maxSnapDistanceM?: number;
}

/**
 * Whether building the network's contraction hierarchy (`hierarchyFor`) pays for one job of one
 * search per start (a matrix's origins, siting candidates): false when it already has one or the
 * job is small, else true when the plain searches would settle more than
 * `HIERARCHY_PAYS_SETTLED_PER_NODE` × nodes × `threads` in all. How far one search goes is
 * measured on up to 16 starts spread over the list (bounded searches, cheap beside the job).
 * One 15-minute walk catchment per village stays plain; 5,000 90-minute drives, or a 1,000 × 1,000
 * matrix on Andorra, build it.
 *
 * @param net - The network.
 * @param starts - One search per start: coordinates `[lon0, lat0, …]` (only the sampled ones are
 *   snapped) or placed points, whose off-network starts count for nothing.
 * @param options - `maxSeconds`, `direction` and `threads` of the job, `maxSnapDistanceM` for
 *   coordinates.
 * @returns True when building the hierarchy first should make the job faster.
 * @example
 * if (hierarchyPays(net, candidateCoords, { maxSeconds: 5400, direction: 'to' })) hierarchyFor(net);
 */
export function hierarchyPays(
  net: RoadNetwork,
  starts: ArrayLike<number> | PlacedPoints,
  options: HierarchyPaysOptions = {},
): boolean {
  if (preparedHierarchy(net)) return false;
  const threads = Math.max(1, options.threads ?? 1);
  const budget = HIERARCHY_PAYS_SETTLED_PER_NODE * net.nodeCount * threads;
  let count: number;
  let sample: PlacedPoints;
  let picks: number[];
  if ('snap' in starts) {
    const on: number[] = [];
    for (let i = 0; i < starts.snap.count; i++) if (starts.snap.link[i] >= 0) on.push(i);
    count = on.length;
    sample = starts;
    const k = Math.min(SAMPLE, count);
    picks = Array.from({ length: k }, (_, j) => on[Math.floor((j * count) / k)]);
  } else {
    count = Math.floor(starts.length / 2);
    const k = Math.min(SAMPLE, count);
    const coords = new Float64Array(2 * k);
    for (let j = 0; j < k; j++) {
      const i = Math.floor((j * count) / k);
      coords[2 * j] = starts[2 * i];
      coords[2 * j + 1] = starts[2 * i + 1];
    }
    sample = placePoints(net, coords, { maxSnapDistanceM: options.maxSnapDistanceM });
    picks = Array.from({ length: k }, (_, j) => j);
  }
  // Even searches that reach every node could not add up to the budget.
  if (count * net.nodeCount <= budget) return false;
  const direction = options.direction ?? 'from';
  const engine = new SearchEngine(net);
  const seeds: Seed[] = [];
  let settled = 0;
  let searched = 0;
  for (const i of picks) {
    if (sample.snap.link[i] < 0) continue;
    seeds.length = 0;
    pointSeeds(net, sample, i, direction, 0, seeds);
    engine.run(seeds, { direction, maxSeconds: options.maxSeconds });
    settled += engine.reached().length;
    searched++;
  }
  return searched > 0 && (settled / searched) * count > budget;
}
