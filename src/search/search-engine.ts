import { InputError } from '../errors';
import { optionsObject } from '../geo/check-args';
import type { OptionKeys } from '../geo/option-keys';
import type { RoadNetwork } from '../network/road-network';
import { IndexedHeap } from './indexed-heap';

/** `from`: times from the seeds outwards along edges; `to`: times from every node to the seeds. */
export type Direction = 'from' | 'to';

/** Options of one search. */
export interface SearchOptions {
  /** `from` (default): outwards from the seeds; `to`: towards them, over the reverse edges. */
  direction?: Direction;
  /** Stop at this many seconds: nodes farther away stay unreached (`Infinity`). */
  maxSeconds?: number;
}

/** The keys of `SearchOptions`, for the unknown-key check. */
const SEARCH_KEYS = { direction: true, maxSeconds: true } satisfies OptionKeys<SearchOptions>;

/**
 * Dijkstra on a network's CSR arrays with state reused across queries: times, predecessor edges
 * and source labels live in typed arrays sized once, and a generation stamp marks which entries
 * belong to the current search, so a new query clears nothing. Multi-source: every seed carries a
 * source label, and each node ends up labelled with the source that reaches it first — one pass
 * answers "nearest facility" for a whole network.
 *
 * @example
 * const engine = new SearchEngine(net);
 * engine.run([{ node: 12, timeS: 0, source: 0 }], { maxSeconds: 900 });
 * engine.timeS(40); // seconds from node 12 to node 40, or Infinity
 */
export class SearchEngine {
  private readonly time: Float64Array;
  private readonly dist: Float64Array;
  private readonly pred: Int32Array;
  private readonly src: Int32Array;
  private readonly stamp: Uint32Array;
  private readonly order: Int32Array;
  private gen = 0;
  private reachedCount = 0;
  private readonly heap: IndexedHeap;
  // Metres along fastest paths, worked out on request from the predecessor edges and memoised.
  private readonly distStamp: Uint32Array;
  private readonly walk: Int32Array;
  /** Direction of the last run. */
  direction: Direction = 'from';

  /**
   * Allocates the per-node state once (56 bytes per node); reuse one engine for many runs
   * rather than making one per query. Each run overwrites the results of the previous one.
   *
   * @param net - The network to search; the engine is tied to it.
   */
  constructor(readonly net: RoadNetwork) {
    const n = net.nodeCount;
    this.time = new Float64Array(n);
    this.dist = new Float64Array(n);
    this.heap = new IndexedHeap(n);
    this.distStamp = new Uint32Array(n);
    this.walk = new Int32Array(n);
    this.pred = new Int32Array(n);
    this.src = new Int32Array(n);
    this.stamp = new Uint32Array(n);
    this.order = new Int32Array(n);
  }

  /**
   * Run a search from `seeds` (node, starting time, source label). A node seeded twice keeps its
   * smallest time. Results stay readable until the next run.
   *
   * @param seeds - Start nodes with their starting time in seconds (e.g. the off-road leg, from
   *   `pointSeeds`), a source label the nodes they reach inherit, and optionally metres already
   *   travelled. A seed with a negative or NaN time, or one beyond `maxSeconds`, is ignored; a
   *   node id outside the network throws `InputError` `invalid-node`. No seeds: nothing is reached.
   * @param options - `direction`: `'from'` (default) or `'to'`; `maxSeconds`: stop there (default
   *   no limit), nodes farther away read as unreached.
   *
   * @example
   * engine.run([{ node: a, timeS: 0, source: 0 }, { node: b, timeS: 0, source: 1 }], { direction: 'to' });
   * engine.sourceOf(v); // 0 or 1: which of a and b node v reaches first, -1 if neither
   */
  run(
    seeds: ArrayLike<{ node: number; timeS: number; source: number; distanceM?: number }>,
    options: SearchOptions = {},
  ): void {
    options = optionsObject(options, 'SearchEngine.run', SEARCH_KEYS);
    const direction = options.direction ?? 'from';
    const max = options.maxSeconds ?? Infinity;
    if (!(max >= 0))
      throw new InputError('invalid-option', `maxSeconds must be ≥ 0, got ${options.maxSeconds}`);
    this.direction = direction;
    this.nextGeneration();
    const gen = this.gen;
    const { time, dist, pred, src, stamp, heap } = this;
    // Carrying metres through the search cost ~30% on the 1M-node grid; callers need them for a
    // few thousand villages, so distanceM() derives them afterwards instead.
    heap.clear();
    for (let i = 0; i < seeds.length; i++) {
      const { node, timeS, source } = seeds[i];
      if (!(node >= 0 && node < this.net.nodeCount))
        throw new InputError(
          'invalid-node',
          `seed node ${node} is not in the network (0…${this.net.nodeCount - 1})`,
        );
      if (!(timeS >= 0) || timeS > max) continue;
      const queued = stamp[node] === gen;
      if (queued && time[node] <= timeS) continue;
      stamp[node] = gen;
      time[node] = timeS;
      dist[node] = seeds[i].distanceM ?? 0;
      pred[node] = -1;
      src[node] = source;
      if (queued) heap.decrease(node, timeS);
      else heap.push(node, timeS);
    }
    let first: Uint32Array;
    let target: Uint32Array;
    let weight: Float64Array;
    let forwardEdge: Uint32Array | null = null;
    if (direction === 'from') {
      first = this.net.arrays.firstEdge;
      target = this.net.arrays.edgeTarget;
      weight = this.net.arrays.edgeTimeS;
    } else {
      const rev = this.net.reverse();
      first = rev.firstEdge;
      target = rev.edgeSource;
      weight = rev.edgeTimeS;
      forwardEdge = rev.forwardEdge;
    }
    let reached = 0;
    const order = this.order;
    // Each node is queued at most once (decrease-key), so every pop settles a node for good, and
    // a node stamped by this run is settled by the time the run ends (nothing past the cutoff is
    // queued): the stamp alone answers "reached?" afterwards.
    while (heap.length > 0) {
      const u = heap.pop();
      order[reached++] = u;
      const tu = time[u];
      const su = src[u];
      for (let e = first[u], end = first[u + 1]; e < end; e++) {
        const v = target[e];
        const tv = tu + weight[e];
        if (tv > max) continue;
        if (stamp[v] !== gen) {
          stamp[v] = gen;
          heap.push(v, tv);
        } else if (tv < time[v]) {
          // Never a settled node: times are ≥ 0 (validated at build), so tv ≥ its time.
          heap.decrease(v, tv);
        } else continue;
        time[v] = tv;
        pred[v] = forwardEdge ? forwardEdge[e] : e;
        src[v] = su;
      }
    }
    this.reachedCount = reached;
  }

  /**
   * Seconds of the last search at `node` (from or to the seeds), `Infinity` when not reached.
   *
   * @param node - Node id, `0 … net.nodeCount - 1`.
   *
   * @example
   * engine.run([{ node: 12, timeS: 0, source: 0 }]);
   * engine.timeS(40) / 60; // minutes from node 12 to node 40
   */
  timeS(node: number): number {
    return this.stamp[node] === this.gen ? this.time[node] : Infinity;
  }

  /**
   * Metres along the fastest path of the last search at `node`, the seed's own `distanceM`
   * included; `Infinity` when not reached. Worked out from the predecessor edges on the first
   * call for a node and remembered for the nodes on its path, so asking for every node costs one
   * pass over the tree.
   *
   * @param node - Node id, `0 … net.nodeCount - 1`.
   *
   * @example
   * const kmh = (engine.distanceM(v) / engine.timeS(v)) * 3.6; // mean speed on the way to v
   */
  distanceM(node: number): number {
    const gen = this.gen;
    if (this.stamp[node] !== gen) return Infinity;
    const { dist, distStamp, pred, walk } = this;
    const { edgeTarget, edgeLink, linkLengthM } = this.net.arrays;
    let n = 0;
    let v = node;
    while (distStamp[v] !== gen) {
      const e = pred[v];
      if (e < 0) break; // a seed: dist holds its own distance
      walk[n++] = v;
      v = this.direction === 'from' ? this.net.edgeSource(e) : edgeTarget[e];
    }
    let d = dist[v];
    distStamp[v] = gen;
    while (n > 0) {
      const w = walk[--n];
      d += linkLengthM[edgeLink[pred[w]] >>> 1];
      dist[w] = d;
      distStamp[w] = gen;
    }
    return d;
  }

  /**
   * Source label that reached `node` first, or -1 when no seed reached it.
   *
   * @param node - Node id, `0 … net.nodeCount - 1`.
   *
   * @example
   * engine.run(clinicNodes.map((node, i) => ({ node, timeS: 0, source: i })), { direction: 'to' });
   * engine.sourceOf(v); // the clinic nearest to node v
   */
  sourceOf(node: number): number {
    return this.stamp[node] === this.gen ? this.src[node] : -1;
  }

  /**
   * The edge (forward arrays' index) by which the search reached `node`: for `from` searches the
   * edge arriving at it, for `to` searches the edge leaving it towards the seeds; -1 at a seed or
   * when unreached.
   *
   * @param node - Node id, `0 … net.nodeCount - 1`.
   *
   * @example
   * const path: number[] = []; // edges of a 'from' search, from node v back to its seed
   * for (let e = engine.predEdge(v); e >= 0; e = engine.predEdge(net.edgeSource(e))) path.push(e);
   */
  predEdge(node: number): number {
    return this.stamp[node] === this.gen ? this.pred[node] : -1;
  }

  /**
   * Nodes reached by the last search, in the order they were settled (nearest first). A view on
   * the engine's state: copy it (`.slice()`) to keep it past the next run.
   *
   * @example
   * const within = engine.reached().length; // nodes within maxSeconds of the seeds
   */
  reached(): Int32Array {
    return this.order.subarray(0, this.reachedCount);
  }

  private nextGeneration(): void {
    this.gen = (this.gen + 1) >>> 0;
    if (this.gen === 0) {
      // 2^32 searches later the stamps would alias: clear once and start over.
      this.stamp.fill(0);
      this.distStamp.fill(0);
      this.gen = 1;
    }
  }
}
