import { InputError } from '../errors';
import type { RoadNetwork } from '../network/road-network';
import { MinHeap } from './min-heap';

/** `from`: times from the seeds outwards along edges; `to`: times from every node to the seeds. */
export type Direction = 'from' | 'to';

/** Options of one search. */
export interface SearchOptions {
  direction?: Direction;
  /** Stop at this many seconds: nodes farther away stay unreached (`Infinity`). */
  maxSeconds?: number;
}

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
  private readonly pred: Int32Array;
  private readonly src: Int32Array;
  private readonly stamp: Uint32Array;
  private readonly done: Uint32Array;
  private readonly order: Int32Array;
  private gen = 0;
  private reachedCount = 0;
  private readonly heap = new MinHeap(1024);
  /** Direction of the last run. */
  direction: Direction = 'from';

  constructor(readonly net: RoadNetwork) {
    const n = net.nodeCount;
    this.time = new Float64Array(n);
    this.pred = new Int32Array(n);
    this.src = new Int32Array(n);
    this.stamp = new Uint32Array(n);
    this.done = new Uint32Array(n);
    this.order = new Int32Array(n);
  }

  /**
   * Run a search from `seeds` (node, starting time, source label). A node seeded twice keeps its
   * smallest time. Results stay readable until the next run.
   */
  run(seeds: ArrayLike<{ node: number; timeS: number; source: number }>, options: SearchOptions = {}): void {
    const direction = options.direction ?? 'from';
    const max = options.maxSeconds ?? Infinity;
    if (!(max >= 0)) throw new InputError('invalid-option', `maxSeconds must be ≥ 0, got ${options.maxSeconds}`);
    this.direction = direction;
    this.nextGeneration();
    const gen = this.gen;
    const { time, pred, src, stamp, done, heap } = this;
    heap.clear();
    for (let i = 0; i < seeds.length; i++) {
      const { node, timeS, source } = seeds[i];
      if (!(node >= 0 && node < this.net.nodeCount)) throw new InputError('invalid-node', `seed node ${node} is not in the network (0…${this.net.nodeCount - 1})`);
      if (!(timeS >= 0) || timeS > max) continue;
      if (stamp[node] === gen && time[node] <= timeS) continue;
      stamp[node] = gen;
      time[node] = timeS;
      pred[node] = -1;
      src[node] = source;
      heap.push(node, timeS);
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
    while (heap.length > 0) {
      heap.pop();
      const u = heap.poppedValue;
      const tu = heap.poppedKey;
      if (done[u] === gen || tu > time[u]) continue; // stale entry
      done[u] = gen;
      order[reached++] = u;
      const su = src[u];
      for (let e = first[u], end = first[u + 1]; e < end; e++) {
        const v = target[e];
        const tv = tu + weight[e];
        if (tv > max) continue;
        if (stamp[v] !== gen || tv < time[v]) {
          stamp[v] = gen;
          time[v] = tv;
          pred[v] = forwardEdge ? forwardEdge[e] : e;
          src[v] = su;
          heap.push(v, tv);
        }
      }
    }
    this.reachedCount = reached;
  }

  /** Seconds of the last search at `node` (from or to the seeds), `Infinity` when not reached. */
  timeS(node: number): number {
    return this.done[node] === this.gen ? this.time[node] : Infinity;
  }

  /** Source label that reached `node` first, or -1. */
  sourceOf(node: number): number {
    return this.done[node] === this.gen ? this.src[node] : -1;
  }

  /**
   * The edge (forward arrays' index) by which the search reached `node`: for `from` searches the
   * edge arriving at it, for `to` searches the edge leaving it towards the seeds; -1 at a seed or
   * when unreached.
   */
  predEdge(node: number): number {
    return this.done[node] === this.gen ? this.pred[node] : -1;
  }

  /** Nodes reached by the last search, in the order they were settled (nearest first). */
  reached(): Int32Array {
    return this.order.subarray(0, this.reachedCount);
  }

  private nextGeneration(): void {
    this.gen = (this.gen + 1) >>> 0;
    if (this.gen === 0) {
      // 2^32 searches later the stamps would alias: clear once and start over.
      this.stamp.fill(0);
      this.done.fill(0);
      this.gen = 1;
    }
  }
}
