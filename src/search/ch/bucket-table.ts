import type { ContractionHierarchy } from './hierarchy';
import { UpwardSearch } from './upward-search';

/**
 * Points joining the network: point `i` at nodes `node[start[i]] … node[start[i + 1] - 1]`
 * (original ids), each with the seconds of its leg.
 */
export interface LegList {
  start: Int32Array;
  node: Int32Array;
  timeS: Float64Array;
}

/**
 * The bucket half of many-to-many on a contraction hierarchy (Knopp et al. 2007, what OSRM's
 * table service does): one upward search per target leaves `(target, seconds)` in a bucket at
 * every node it settles; a query then runs one upward search the other way and scans the buckets
 * of the nodes it settles. The best sum over the meeting nodes is the travel time, since the most
 * important node of a fastest path is settled, at its exact time, by both searches.
 *
 * @example
 * const table = new BucketTable(ch, destinationLegs, false, Infinity); // times arriving at them
 * const c = table.scan(originLegs, o, best, touched); // best[d] for touched[0 … c-1]
 */
export class BucketTable {
  private readonly first: Uint32Array;
  private readonly target: Int32Array;
  private readonly time: Float64Array;
  private readonly search: UpwardSearch;
  private readonly nodes = new Int32Array(64);
  private readonly times = new Float64Array(64);

  /**
   * @param ch - The hierarchy.
   * @param targets - The targets' legs.
   * @param forward - `true`: bucket times run from the targets (their legs leave them, queries
   *   then arrive from the network); `false`: they run to the targets.
   * @param max - Searches stop at this many seconds.
   */
  constructor(
    readonly ch: ContractionHierarchy,
    targets: LegList,
    readonly forward: boolean,
    readonly max: number,
  ) {
    const n = ch.nodeCount;
    const search = new UpwardSearch(ch);
    this.search = search;
    const nt = targets.start.length - 1;
    let cap = 1024;
    let eNode = new Int32Array(cap);
    let eTarget = new Int32Array(cap);
    let eTime = new Float64Array(cap);
    let m = 0;
    for (let d = 0; d < nt; d++) {
      search.run(this.nodes, this.times, this.load(targets, d), forward, max);
      const c = search.count;
      if (m + c > cap) {
        while (m + c > cap) cap *= 2;
        eNode = grow(eNode, cap, m);
        eTarget = grow(eTarget, cap, m);
        eTime = grow(eTime, cap, m);
      }
      eNode.set(search.settled.subarray(0, c), m);
      eTime.set(search.settledTime.subarray(0, c), m);
      eTarget.fill(d, m, m + c);
      m += c;
    }
    const first = new Uint32Array(n + 1);
    for (let i = 0; i < m; i++) first[eNode[i] + 1]++;
    for (let i = 0; i < n; i++) first[i + 1] += first[i];
    const fill = first.slice(0, n);
    this.target = new Int32Array(m);
    this.time = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      const k = fill[eNode[i]]++;
      this.target[k] = eTarget[i];
      this.time[k] = eTime[i];
    }
    this.first = first;
  }

  /** Bucket entries held (one per target and node its search settled). */
  get size(): number {
    return this.target.length;
  }

  /**
   * Times between query point `i` of `legs` and every target it meets: lowers `best[target]`
   * (which the caller keeps at `Infinity` between queries) and lists the targets whose entry
   * went from `Infinity` to a time in `touched`.
   *
   * @param legs - The query points' legs (leaving them when the buckets run to the targets).
   * @param i - Which query point.
   * @param best - Per target, seconds; only lowered.
   * @param touched - Receives the targets first given a time by this call.
   * @returns How many targets `touched` holds.
   *
   * @example
   * const c = table.scan(originLegs, o, row, touched);
   */
  scan(legs: LegList, i: number, best: Float64Array, touched: Int32Array): number {
    const { search, first, target, time } = this;
    search.run(this.nodes, this.times, this.load(legs, i), !this.forward, this.max);
    const { settled, settledTime } = search;
    let c = 0;
    for (let s = 0, count = search.count; s < count; s++) {
      const x = settled[s];
      const tx = settledTime[s];
      for (let k = first[x], end = first[x + 1]; k < end; k++) {
        const t = tx + time[k];
        const d = target[k];
        const old = best[d];
        if (t < old) {
          if (old === Infinity) touched[c++] = d;
          best[d] = t;
        }
      }
    }
    return c;
  }

  private load(legs: LegList, i: number): number {
    let k = 0;
    for (let j = legs.start[i]; j < legs.start[i + 1] && k < 64; j++) {
      this.nodes[k] = this.ch.internal[legs.node[j]];
      this.times[k++] = legs.timeS[j];
    }
    return k;
  }
}

function grow<T extends Int32Array | Float64Array>(a: T, cap: number, used: number): T {
  const b = new (a.constructor as new (k: number) => T)(cap);
  b.set(a.subarray(0, used));
  return b;
}
