import { IndexedHeap } from '../indexed-heap';
import type { ContractionHierarchy } from './hierarchy';

/**
 * Dijkstra restricted to a hierarchy's edges towards more important nodes, from one or several
 * start nodes (internal ids) with starting times: half of every hierarchy query. `forward` walks
 * the upward edges (times from the starts), otherwise the downward edges backwards (times to the
 * starts). Each run settles only the start's search space (a few hundred nodes on a county); the
 * nodes it settled and their times are read back from `settled` / `settledTime`. State is sized
 * once and stamped by generation, so a run clears nothing.
 *
 * @example
 * const up = new UpwardSearch(ch);
 * up.run(Int32Array.of(ch.internal[node]), Float64Array.of(0), 1, true, Infinity);
 * for (let i = 0; i < up.count; i++) up.settled[i], up.settledTime[i];
 */
export class UpwardSearch {
  private readonly time: Float64Array;
  private readonly stamp: Uint32Array;
  private readonly heap: IndexedHeap;
  private gen = 0;
  /** Internal ids settled by the last run, in order, and their times. */
  readonly settled: Int32Array;
  readonly settledTime: Float64Array;
  /** How many nodes the last run settled. */
  count = 0;

  /**
   * @param ch - The hierarchy to search.
   */
  constructor(readonly ch: ContractionHierarchy) {
    const n = ch.nodeCount;
    this.time = new Float64Array(n);
    this.stamp = new Uint32Array(n);
    this.heap = new IndexedHeap(n);
    this.settled = new Int32Array(n);
    this.settledTime = new Float64Array(n);
  }

  /**
   * Search upwards from `nodes[0 … k-1]` (internal ids) starting at `times[…]`.
   *
   * @param nodes - Start nodes, internal ids.
   * @param times - Their starting seconds (a node given twice keeps the smaller).
   * @param k - How many starts to read.
   * @param forward - Upward edges (from the starts) or downward edges backwards (to them).
   * @param max - Nothing beyond this many seconds is settled.
   *
   * @example
   * up.run(nodes, times, nodes.length, false, 3600);
   */
  run(nodes: Int32Array, times: Float64Array, k: number, forward: boolean, max: number): void {
    this.gen = (this.gen + 1) >>> 0;
    if (this.gen === 0) {
      this.stamp.fill(0);
      this.gen = 1;
    }
    const gen = this.gen;
    const { time, stamp, heap, settled, settledTime } = this;
    const ch = this.ch;
    const first = forward ? ch.upFirst : ch.downFirst;
    const head = forward ? ch.upHead : ch.downTail;
    const weight = forward ? ch.upTimeS : ch.downTimeS;
    heap.clear();
    for (let i = 0; i < k; i++) {
      const v = nodes[i];
      const t = times[i];
      if (!(t <= max)) continue;
      if (stamp[v] !== gen) {
        stamp[v] = gen;
        time[v] = t;
        heap.push(v, t);
      } else if (t < time[v]) {
        time[v] = t;
        heap.decrease(v, t);
      }
    }
    let c = 0;
    while (heap.length > 0) {
      const u = heap.pop();
      const tu = time[u];
      settled[c] = u;
      settledTime[c++] = tu;
      for (let e = first[u], end = first[u + 1]; e < end; e++) {
        const v = head[e];
        const tv = tu + weight[e];
        if (tv > max) continue;
        if (stamp[v] !== gen) {
          stamp[v] = gen;
          time[v] = tv;
          heap.push(v, tv);
        } else if (tv < time[v]) {
          time[v] = tv;
          heap.decrease(v, tv);
        }
      }
    }
    this.count = c;
  }
}
