import type { RoadNetwork } from '../network/road-network';
import { MinHeap } from './min-heap';
import { edgeLengths } from './edge-lengths';
import type { Direction } from './search-engine';

/**
 * Multi-source Dijkstra that keeps, for every node, the `k` nearest *distinct* sources with their
 * times (k labels per node). A label is final when popped; a node stops expanding once it holds k
 * labels. Exact because the j-th nearest source of a node reaches it through a neighbour for which
 * that source is among its own k nearest. For k = 1 `SearchEngine` is faster (one slot per node
 * and a decrease-key heap instead of labels pushed per source).
 *
 * @example
 * const s = new KLabelSearch(net, 3);
 * s.run([{ node: 5, timeS: 0, source: 0 }, { node: 9, timeS: 0, source: 1 }], 'to');
 * s.count(12); s.sourceAt(12, 0); s.timeAt(12, 0);
 */
export class KLabelSearch {
  private readonly labelSource: Int32Array;
  private readonly labelTime: Float64Array;
  private readonly labelDist: Float64Array;
  private readonly counts: Uint8Array;
  private readonly heap = new MinHeap(1024);

  /**
   * Allocates `k` label slots per node (20·k + 1 bytes per node); reuse one for many runs.
   *
   * @param net - The network to search.
   * @param k - Labels (distinct sources) kept per node, a whole number from 1 to 255; anything
   *   else throws `RangeError`.
   */
  constructor(
    readonly net: RoadNetwork,
    readonly k: number,
  ) {
    if (!(Number.isInteger(k) && k >= 1 && k <= 255))
      throw new RangeError(`k must be a whole number from 1 to 255, got ${k}`);
    this.labelSource = new Int32Array(net.nodeCount * k);
    this.labelTime = new Float64Array(net.nodeCount * k);
    this.labelDist = new Float64Array(net.nodeCount * k);
    this.counts = new Uint8Array(net.nodeCount);
  }

  /**
   * Labels from the seeds, travelling away from them (`from`) or towards them (`to`). Replaces
   * the labels of the previous run.
   *
   * @param seeds - Start nodes with their starting time in seconds, the source label to keep
   *   apart and optionally metres already travelled; seeds beyond `maxSeconds` are ignored. Node
   *   ids are not checked. Several seeds may share a source (both ends of a facility's road).
   * @param direction - `'from'`: times from the sources; `'to'`: times to them, over the reverse
   *   edges. They differ on one-way networks.
   * @param maxSeconds - Stop there, seconds (default no limit): farther labels are not kept.
   *
   * @example
   * s.run(clinics.map((node, i) => ({ node, timeS: 0, source: i })), 'to', 30 * 60);
   */
  run(
    seeds: ArrayLike<{ node: number; timeS: number; source: number; distanceM?: number }>,
    direction: Direction,
    maxSeconds = Infinity,
  ): void {
    const { k, labelSource, labelTime, labelDist, counts, heap } = this;
    counts.fill(0);
    heap.clear();
    for (let i = 0; i < seeds.length; i++)
      if (seeds[i].timeS <= maxSeconds)
        heap.push(seeds[i].node, seeds[i].timeS, seeds[i].source, seeds[i].distanceM ?? 0);
    let first: Uint32Array;
    let target: Uint32Array;
    let weight: Float64Array;
    if (direction === 'from') {
      ({ firstEdge: first, edgeTarget: target, edgeTimeS: weight } = this.net.arrays);
    } else {
      const rev = this.net.reverse();
      first = rev.firstEdge;
      target = rev.edgeSource;
      weight = rev.edgeTimeS;
    }
    const length = edgeLengths(this.net, direction);
    while (heap.length > 0) {
      heap.pop();
      const u = heap.poppedValue;
      const t = heap.poppedKey;
      const s = heap.poppedExtra;
      const d = heap.poppedAux;
      const c = counts[u];
      if (c >= k || this.has(u, s)) continue;
      labelSource[u * k + c] = s;
      labelTime[u * k + c] = t;
      labelDist[u * k + c] = d;
      counts[u] = c + 1;
      for (let e = first[u], end = first[u + 1]; e < end; e++) {
        const v = target[e];
        const tv = t + weight[e];
        if (tv > maxSeconds || counts[v] >= k || this.has(v, s)) continue;
        heap.push(v, tv, s, d + length[e]);
      }
    }
  }

  /**
   * Number of labels at `node` (≤ k): fewer than k when fewer sources reach it in time, 0 when
   * none does.
   *
   * @param node - Node id, `0 … net.nodeCount - 1`.
   *
   * @example
   * for (let j = 0; j < s.count(v); j++) console.log(s.sourceAt(v, j), s.timeAt(v, j));
   */
  count(node: number): number {
    return this.counts[node];
  }

  /**
   * Source of the j-th nearest label at `node`.
   *
   * @param node - Node id, `0 … net.nodeCount - 1`.
   * @param j - Rank, 0 for the nearest; must be below `count(node)` (not checked: a higher rank
   *   reads a stale slot).
   *
   * @example
   * const second = s.count(v) > 1 ? s.sourceAt(v, 1) : -1;
   */
  sourceAt(node: number, j: number): number {
    return this.labelSource[node * this.k + j];
  }

  /**
   * Seconds from (or to) the j-th nearest source at `node`, seed time included.
   *
   * @param node - Node id, `0 … net.nodeCount - 1`.
   * @param j - Rank, 0 for the nearest; must be below `count(node)`.
   *
   * @example
   * const minutes = s.timeAt(v, 0) / 60;
   */
  timeAt(node: number, j: number): number {
    return this.labelTime[node * this.k + j];
  }

  /**
   * Metres travelled along the j-th label's path at `node` (plus the seed's own distance).
   *
   * @param node - Node id, `0 … net.nodeCount - 1`.
   * @param j - Rank, 0 for the nearest; must be below `count(node)`.
   *
   * @example
   * const km = s.distanceAt(v, 0) / 1000;
   */
  distanceAt(node: number, j: number): number {
    return this.labelDist[node * this.k + j];
  }

  private has(node: number, source: number): boolean {
    const base = node * this.k;
    for (let j = 0, c = this.counts[node]; j < c; j++)
      if (this.labelSource[base + j] === source) return true;
    return false;
  }
}
