import { toE7 } from '../../geo/fixed';
import type { NodePositions } from './node-store';
import { sortedIndexOf } from './node-store';
import type { Float64Chunks } from './float64-chunks';
import { SortedIds } from './sorted-ids';

const CHUNK = 1 << 20; // Float64Chunks' chunk length

/**
 * The positions of a known set of OSM nodes — the ones the kept ways refer to — filled by a pass
 * over every node of the file: the second pass of a two-pass read, which keeps 17 bytes for each
 * referenced node where {@link NodeStore} keeps 16 for every node of the file (most outline
 * buildings and land use). Ids are marked up front, sorted; a node stream in ascending id order (as
 * PBF and osmium XML write it) is matched by one merge walk, any other order by binary search.
 *
 * Duplicate ids among the nodes not kept cannot be counted without keeping them: a stream that is
 * not strictly ascending sets `inOrder` to false, and a reader that must count duplicates (as
 * `NodeStore` does) reads the nodes again into a `NodeStore`.
 */
export class MarkedNodeStore implements NodePositions {
  /** The marked ids, ascending, at 4 bytes each (232 MB at 58M ids where 8-byte ids took 464). */
  private readonly ids: SortedIds;
  // Allocated at the first node, after the caller has dropped the references it marked from.
  private xy = new Int32Array(0);
  /** 1 where the node at that index was given. */
  private found = new Uint8Array(0);
  /**
   * The references the store was made from, as indices into it (`id(refIndex[i])` is `refs[i]`):
   * half the bytes of the ids.
   */
  readonly refIndex: Int32Array;
  /** Next marked index the merge walk may match. */
  private cursor = 0;
  private last = Number.NEGATIVE_INFINITY;
  /** False once a node id was not above the one before it (duplicates possible, uncounted). */
  inOrder = true;
  /** Nodes given so far, kept or not. */
  seen = 0;
  readonly duplicates = 0;
  readonly duplicateIds: readonly number[] = [];

  /**
   * A store for the ids in `refs` (any order, repeats allowed). Each chunk of `refs` is released
   * as soon as it has been turned into `refIndex`, so the ids are never held twice over.
   *
   * @param refs - Node references, e.g. the concatenated node lists of the kept ways; emptied.
   */
  constructor(refs: Float64Chunks) {
    const count = refs.length;
    const sorted = new Float64Array(count);
    for (let k = 0; k < refs.chunkCount; k++) sorted.set(refs.chunk(k), k * CHUNK);
    sorted.sort();
    let m = 0;
    for (let i = 0; i < count; i++)
      if (i === 0 || sorted[i] !== sorted[m - 1]) sorted[m++] = sorted[i];
    this.refIndex = new Int32Array(count);
    for (let k = 0; k < refs.chunkCount; k++) {
      const c = refs.chunk(k);
      for (let i = 0; i < c.length; i++)
        this.refIndex[k * CHUNK + i] = sortedIndexOf(sorted, m, c[i]);
      refs.release(k);
    }
    this.ids = new SortedIds(sorted.subarray(0, m)); // the 8-byte list is garbage from here
  }

  /** Number of marked ids (found or not). */
  get size(): number {
    return this.ids.length;
  }

  /**
   * Offers one node of the file; kept when its id is marked (a later offer of the same id wins,
   * as in `NodeStore`).
   *
   * @param id - OSM node id.
   * @param lon - Longitude, degrees.
   * @param lat - Latitude, degrees.
   * @example
   * const store = new MarkedNodeStore(Float64Array.of(7, 3), 2);
   * store.add(3, 1.5, 42.5); // kept
   * store.add(5, 1.6, 42.6); // not referenced: dropped
   */
  add(id: number, lon: number, lat: number): void {
    if (this.seen++ === 0) {
      this.xy = new Int32Array(2 * this.ids.length);
      this.found = new Uint8Array(this.ids.length);
    }
    const ids = this.ids;
    if (id <= this.last) this.inOrder = false;
    this.last = id;
    let i: number;
    if (this.inOrder) {
      // Ascending stream: one merge walk over the marked ids for the whole file.
      let c = this.cursor;
      while (c < ids.length && ids.id(c) < id) c++;
      this.cursor = c;
      if (c === ids.length || ids.id(c) !== id) return;
      i = c;
    } else {
      i = ids.indexOf(id);
      if (i < 0) return;
    }
    this.found[i] = 1;
    this.xy[2 * i] = toE7(lon);
    this.xy[2 * i + 1] = toE7(lat);
  }

  /**
   * Nothing to do: the ids were sorted when marked. Present for `NodePositions`.
   *
   * @example
   * store.finish();
   */
  finish(): void {}

  /**
   * Index of node `id`, or -1 when it was not marked or the file did not contain it.
   *
   * @param id - OSM node id.
   * @example
   * store.indexOf(3); // 0
   */
  indexOf(id: number): number {
    const i = this.ids.indexOf(id);
    return i >= 0 && this.found[i] === 1 ? i : -1;
  }

  /**
   * The coordinates of every index as one array, `[lon0E7, lat0E7, …]` (0, 0 where the file lacked
   * the node): a view, not a copy.
   *
   * @example
   * const coords = store.coordsE7(); // coords[2 * i] === store.lonE7(i)
   */
  coordsE7(): Int32Array {
    return this.xy;
  }

  /**
   * The id of every index, ascending: the store's own list, not a copy.
   *
   * @example
   * store.idArray().id(0); // the smallest marked id
   */
  idArray(): SortedIds {
    return this.ids;
  }

  /**
   * Whether the file gave the node at index `i` (an index of `refIndex`).
   *
   * @param i - An index into the marked ids.
   * @example
   * store.has(store.refIndex[0]); // true once node refs[0] was read
   */
  has(i: number): boolean {
    return this.found[i] === 1;
  }

  /**
   * Longitude × 10⁷ of the node at index `i`.
   *
   * @param i - An index from `indexOf`.
   * @example
   * store.lonE7(store.indexOf(3)); // 15000000
   */
  lonE7(i: number): number {
    return this.xy[2 * i];
  }

  /**
   * Latitude × 10⁷ of the node at index `i`.
   *
   * @param i - An index from `indexOf`.
   * @example
   * store.latE7(store.indexOf(3)); // 425000000
   */
  latE7(i: number): number {
    return this.xy[2 * i + 1];
  }

  /**
   * OSM id of the node at index `i`.
   *
   * @param i - An index from `indexOf`.
   * @example
   * store.id(0); // 3
   */
  id(i: number): number {
    return this.ids.id(i);
  }
}
