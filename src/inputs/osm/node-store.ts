import { toE7 } from '../../geo/fixed';

/**
 * Node positions by id as a road collector reads them: `indexOf` an id (after `finish`), then its
 * E7 coordinates and id by index. Implemented by {@link NodeStore} (every node) and
 * `MarkedNodeStore` (only the nodes an earlier pass marked).
 */
export interface NodePositions {
  /** Number of indices. */
  readonly size: number;
  /** Ids given more than once (valid after `finish`). */
  readonly duplicates: number;
  /** The first few of those ids, ascending. */
  readonly duplicateIds: readonly number[];
  /** Makes `indexOf` valid. */
  finish(): void;
  /** Index of node `id`, or -1 when the input did not contain it. */
  indexOf(id: number): number;
  /** Longitude × 10⁷ of the node at index `i`. */
  lonE7(i: number): number;
  /** Latitude × 10⁷ of the node at index `i`. */
  latE7(i: number): number;
  /** OSM id of the node at index `i`. */
  id(i: number): number;
}

/**
 * Every OSM node's id and E7 coordinates, 16 bytes a node, looked up by binary search. PBF and
 * osmium XML list nodes sorted by id, so appending keeps the arrays sorted; an unsorted input is
 * sorted once in `finish`. A hash map would need about twice the memory for the same lookups.
 */
export class NodeStore implements NodePositions {
  private ids = new Float64Array(1 << 16);
  private xy = new Int32Array(1 << 17);
  size = 0;
  private sorted = true;
  /** Ids seen more than once (counted by `finish`), and the first few of them. */
  duplicates = 0;
  readonly duplicateIds: number[] = [];

  add(id: number, lon: number, lat: number): void {
    if (this.size === this.ids.length) {
      const ids = new Float64Array(this.ids.length * 2);
      ids.set(this.ids);
      this.ids = ids;
      const xy = new Int32Array(this.xy.length * 2);
      xy.set(this.xy);
      this.xy = xy;
    }
    const i = this.size++;
    if (i > 0 && id <= this.ids[i - 1]) this.sorted = false;
    this.ids[i] = id;
    this.xy[2 * i] = toE7(lon);
    this.xy[2 * i + 1] = toE7(lat);
  }

  /**
   * Sort by id if needed; duplicate ids keep their last occurrence (as an OSM change would) and
   * are counted in `duplicates`, so a reader can warn instead of choosing silently.
   */
  finish(): void {
    if (this.sorted) return;
    const n = this.size;
    const order = Array.from({ length: n }, (_, i) => i).sort(
      (a, b) => this.ids[a] - this.ids[b] || b - a,
    );
    const ids = new Float64Array(n);
    const xy = new Int32Array(2 * n);
    let k = 0;
    for (const i of order) {
      if (k > 0 && ids[k - 1] === this.ids[i]) {
        this.duplicates++;
        if (this.duplicateIds.length < 5 && !this.duplicateIds.includes(this.ids[i]))
          this.duplicateIds.push(this.ids[i]);
        continue;
      }
      ids[k] = this.ids[i];
      xy[2 * k] = this.xy[2 * i];
      xy[2 * k + 1] = this.xy[2 * i + 1];
      k++;
    }
    this.ids = ids;
    this.xy = xy;
    this.size = k;
    this.sorted = true;
  }

  /** Index of node `id`, or -1 when the input did not contain it. Call `finish` first. */
  indexOf(id: number): number {
    return sortedIndexOf(this.ids, this.size, id);
  }

  lonE7(i: number): number {
    return this.xy[2 * i];
  }

  latE7(i: number): number {
    return this.xy[2 * i + 1];
  }

  id(i: number): number {
    return this.ids[i];
  }
}

/**
 * Index of `id` in the ascending `ids[0 … n - 1]` (binary search), or -1.
 *
 * @example
 * sortedIndexOf(Float64Array.of(3, 8, 21), 3, 8); // 1
 */
export function sortedIndexOf(ids: Float64Array, n: number, id: number): number {
  let lo = 0;
  let hi = n - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = ids[mid];
    if (v < id) lo = mid + 1;
    else if (v > id) hi = mid - 1;
    else return mid;
  }
  return -1;
}
