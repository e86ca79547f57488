import type { RoadNetwork } from '../network/road-network';
import { SNAP_KEYS, type SnapOptions } from '../spatial/snap';
import { type PlacedPoints, placePoints, pointSeeds, type Seed } from './placed-points';
import { type Direction, SearchEngine } from './search-engine';
import { optionsObject } from '../geo/check-args';
import { type OptionKeys, pickOptions } from '../geo/option-keys';

/** Options of `shortestPathTree`. */
export interface ShortestPathTreeOptions extends SnapOptions {
  /** `from` (default): travel times from the start points; `to`: times from every node to them. */
  direction?: Direction;
  /** Stop the search here, seconds (default no limit): nodes farther away stay unreached. */
  maxSeconds?: number;
}

/** The keys of `ShortestPathTreeOptions`, for the unknown-key check. */
const TREE_KEYS = {
  direction: true,
  maxSeconds: true,
  ...SNAP_KEYS,
} satisfies OptionKeys<ShortestPathTreeOptions>;

/** Every node's time from (or to) the nearest start point, and which start that is. */
export interface ShortestPathTree {
  /** Seconds per node, `Infinity` where not reached within `maxSeconds`. */
  timeS: Float64Array;
  /** Index of the start point per node, -1 where not reached. */
  source: Int32Array;
  /** Edge by which each node was reached (forward arrays' index), -1 at starts and unreached nodes. */
  predEdge: Int32Array;
  /** Nodes reached, nearest first. */
  reached: Int32Array;
  /** The start points as placed on the network (their snap status tells which were used). */
  starts: PlacedPoints;
}

/**
 * Travel times from (or to) one or several points to every node, in one search: the
 * shortest-path tree. Start points are snapped onto road segments; a point exactly on a node
 * starts there with no access time. Off-network start points are ignored (see `starts.snap.status`).
 *
 * @param net - The road network.
 * @param coords - Start points as `[lon0, lat0, lon1, lat1, …]`, degrees; each node's `source` is
 *   the index of the start that reaches it first. If none is on the network, nothing is reached.
 * @param options - `direction` (`'from'`, the default, or `'to'`), `maxSeconds` (seconds,
 *   default no limit), `maxSnapDistanceM` (metres, default 1000).
 *
 * @example
 * const tree = shortestPathTree(net, [1.5213, 42.5561], { maxSeconds: 30 * 60 });
 * tree.timeS[node]; // seconds from the point to `node`
 */
export function shortestPathTree(
  net: RoadNetwork,
  coords: ArrayLike<number>,
  options: ShortestPathTreeOptions = {},
): ShortestPathTree {
  options = optionsObject(options, 'shortestPathTree', TREE_KEYS);
  const direction = options.direction ?? 'from';
  const starts = placePoints(net, coords, pickOptions(options, SNAP_KEYS));
  const seeds: Seed[] = [];
  for (let i = 0; i < starts.snap.count; i++) pointSeeds(net, starts, i, direction, i, seeds);
  const engine = new SearchEngine(net);
  engine.run(seeds, { direction, maxSeconds: options.maxSeconds });
  const n = net.nodeCount;
  const timeS = new Float64Array(n);
  const source = new Int32Array(n);
  const predEdge = new Int32Array(n);
  for (let v = 0; v < n; v++) {
    timeS[v] = engine.timeS(v);
    source[v] = engine.sourceOf(v);
    predEdge[v] = engine.predEdge(v);
  }
  return { timeS, source, predEdge, reached: engine.reached().slice(), starts };
}
