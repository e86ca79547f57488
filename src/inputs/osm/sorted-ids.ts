import { sortedIndexOf } from './node-store';
const HIGH = 2 ** 32;

/**
 * An ascending list of distinct OSM ids in 4 bytes an id instead of 8: the low 32 bits of each,
 * and the high part once per run of ids that share it (OSM node ids are integers below 2⁵³, sorted,
 * so a planet's ids make a handful of runs). Ids that are not safe integers (a hand-written XML
 * file may hold anything) keep the plain 8-byte list.
 */
export class SortedIds {
  /** Number of ids. */
  readonly length: number;
  private readonly low: Uint32Array;
  /** High part, `floor(id / 2³²)`, of each run. */
  private readonly highs: Float64Array;
  /** First index of each run, then `length`. */
  private readonly runStart: Uint32Array;
  /** The ids as given, when one of them is not a safe integer; else null. */
  private readonly exact: Float64Array | null;

  /**
   * The list of `ids`, which must be ascending and distinct; not kept.
   *
   * @param ids - Ascending distinct ids.
   * @example
   * const ids = new SortedIds(Float64Array.of(3, 8, 2 ** 40));
   * ids.id(2); // 1099511627776
   */
  constructor(ids: Float64Array) {
    const n = ids.length;
    this.length = n;
    let safe = true;
    let runs = 0;
    let high = Number.NaN;
    for (let i = 0; i < n; i++) {
      const id = ids[i];
      if (!Number.isSafeInteger(id)) {
        safe = false;
        break;
      }
      const h = Math.floor(id / HIGH);
      if (h !== high) {
        runs++;
        high = h;
      }
    }
    if (!safe) {
      this.exact = ids.slice();
      this.low = new Uint32Array(0);
      this.highs = new Float64Array(0);
      this.runStart = Uint32Array.of(0, n);
      return;
    }
    this.exact = null;
    this.low = new Uint32Array(n);
    this.highs = new Float64Array(runs);
    this.runStart = new Uint32Array(runs + 1);
    let r = -1;
    for (let i = 0; i < n; i++) {
      const id = ids[i];
      const h = Math.floor(id / HIGH);
      if (r < 0 || h !== this.highs[r]) {
        this.highs[++r] = h;
        this.runStart[r] = i;
      }
      this.low[i] = id - h * HIGH;
    }
    this.runStart[runs] = n;
  }

  /**
   * The id at index `i`.
   *
   * @param i - An index below `length`.
   * @example
   * new SortedIds(Float64Array.of(3, 8)).id(1); // 8
   */
  id(i: number): number {
    if (this.exact !== null) return this.exact[i];
    const highs = this.highs;
    if (highs.length === 1) return highs[0] * HIGH + this.low[i];
    const starts = this.runStart;
    let lo = 0;
    let hi = highs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (starts[mid] <= i) lo = mid;
      else hi = mid - 1;
    }
    return highs[lo] * HIGH + this.low[i];
  }

  /**
   * Index of `id` (binary search), or -1.
   *
   * @param id - An id.
   * @example
   * new SortedIds(Float64Array.of(3, 8, 21)).indexOf(8); // 1
   */
  indexOf(id: number): number {
    if (this.exact !== null) return sortedIndexOf(this.exact, this.exact.length, id);
    if (!Number.isSafeInteger(id)) return -1;
    const h = Math.floor(id / HIGH);
    const highs = this.highs;
    let r = 0;
    while (r < highs.length && highs[r] < h) r++;
    if (r === highs.length || highs[r] !== h) return -1;
    const low = this.low;
    const l = id - h * HIGH;
    let lo = this.runStart[r];
    let hi = this.runStart[r + 1] - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = low[mid];
      if (v < l) lo = mid + 1;
      else if (v > l) hi = mid - 1;
      else return mid;
    }
    return -1;
  }
}
