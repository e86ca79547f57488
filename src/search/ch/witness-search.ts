import { IndexedHeap } from '../indexed-heap';
import type { ContractionGraph } from './contraction-graph';

/**
 * Bounded local Dijkstra on a `ContractionGraph` that avoids the node being contracted: finds
 * "witnesses", paths that make a shortcut unnecessary. It stops at a time bound, after a number
 * of settled nodes, after all marked targets are settled, and does not expand nodes a given number
 * of edges from the start; stopping early only means fewer witnesses (more shortcuts), never a
 * wrong distance. Arrays are sized once; a run resets nothing (generation stamps).
 *
 * @example
 * const ws = new WitnessSearch(cg.start.length);
 * ws.markTarget(2);
 * ws.run(cg, 0, 1, 60, 100, 255, 1);
 * ws.distance(2); // ≤ the shortest 0 → 2 time avoiding node 1, or Infinity
 */
export class WitnessSearch {
  private readonly dist: Float64Array;
  private readonly stamp: Uint32Array;
  private readonly hops: Uint8Array;
  private readonly target: Uint32Array;
  private readonly heap: IndexedHeap;
  private gen = 0;
  private targetGen = 1;

  /**
   * Room for searches on graphs of `n` nodes.
   *
   * @param n - Nodes.
   *
   * @example
   * new WitnessSearch(100);
   */
  constructor(n: number) {
    this.dist = new Float64Array(n);
    this.stamp = new Uint32Array(n);
    this.hops = new Uint8Array(n);
    this.target = new Uint32Array(n);
    this.heap = new IndexedHeap(n);
  }

  /**
   * Forget the marked targets.
   *
   * @example
   * ws.clearTargets();
   */
  clearTargets(): void {
    this.targetGen++;
  }

  /**
   * Mark `v` as a node whose settling counts towards the run's `targets`.
   *
   * @param v - Node.
   *
   * @example
   * ws.markTarget(2);
   */
  markTarget(v: number): void {
    this.target[v] = this.targetGen;
  }

  /**
   * Whether `v` is marked.
   *
   * @param v - Node.
   *
   * @example
   * ws.isTarget(2);
   */
  isTarget(v: number): boolean {
    return this.target[v] === this.targetGen;
  }

  /**
   * Search from `s` over the remaining edges, never entering `skip`.
   *
   * @param g - The graph.
   * @param s - Start.
   * @param skip - The node being contracted.
   * @param max - Time bound in seconds.
   * @param limit - Most nodes settled.
   * @param maxHops - Nodes this many edges from `s` are not expanded.
   * @param targets - Marked nodes (other than `s`) after whose settling the search stops.
   *
   * @example
   * ws.run(cg, 0, 1, 60, 100, 255, 1);
   */
  run(
    g: ContractionGraph,
    s: number,
    skip: number,
    max: number,
    limit: number,
    maxHops: number,
    targets: number,
  ): void {
    const { dist, stamp, hops, target, heap } = this;
    const tg = this.targetGen;
    const gen = ++this.gen;
    const { start, size, nb, outS } = g;
    heap.clear();
    dist[s] = 0;
    stamp[s] = gen;
    hops[s] = 0;
    heap.push(s, 0);
    let settled = 0;
    while (heap.length > 0) {
      const du = heap.peekKey();
      if (du > max || ++settled > limit) break;
      const u = heap.pop();
      if (target[u] === tg && u !== s && --targets <= 0) break;
      const hu = hops[u] + 1;
      if (hu > maxHops) continue;
      for (let i = start[u], end = i + size[u]; i < end; i++) {
        const t = outS[i];
        if (t === Infinity) continue;
        const v = nb[i];
        if (v === skip) continue;
        const dv = du + t;
        if (dv > max) continue;
        if (stamp[v] !== gen) {
          stamp[v] = gen;
          dist[v] = dv;
          hops[v] = hu;
          heap.push(v, dv);
        } else if (dv < dist[v]) {
          dist[v] = dv;
          hops[v] = hu;
          heap.decrease(v, dv);
        }
      }
    }
  }

  /**
   * Shortest paths of at most two edges from `s` avoiding `skip` (no queue: every edge within two
   * hops is read once), into the same `distance` as `run`. On road networks and grids most
   * witnesses are this short, and a scan costs a fraction of a search.
   *
   * @param g - The graph.
   * @param s - Start.
   * @param skip - The node being contracted.
   * @param max - Paths longer than this many seconds are not recorded.
   *
   * @example
   * ws.twoHops(cg, 0, 1, 60);
   */
  twoHops(g: ContractionGraph, s: number, skip: number, max: number): void {
    const { dist, stamp } = this;
    const gen = ++this.gen;
    const { start, size, nb, outS } = g;
    dist[s] = 0;
    stamp[s] = gen;
    for (let i = start[s], end = i + size[s]; i < end; i++) {
      const t = outS[i];
      const x = nb[i];
      if (t > max || x === skip) continue;
      if (stamp[x] !== gen || t < dist[x]) {
        stamp[x] = gen;
        dist[x] = t;
      }
      for (let j = start[x], end2 = j + size[x]; j < end2; j++) {
        const d = t + outS[j];
        const y = nb[j];
        if (d > max || y === skip) continue;
        if (stamp[y] !== gen || d < dist[y]) {
          stamp[y] = gen;
          dist[y] = d;
        }
      }
    }
  }

  /**
   * Time to `v` found by the last run (an upper bound of the shortest), or Infinity.
   *
   * @param v - Node.
   *
   * @example
   * ws.distance(2);
   */
  distance(v: number): number {
    return this.stamp[v] === this.gen ? this.dist[v] : Infinity;
  }
}
