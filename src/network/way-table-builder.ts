import { ClassTable, type VertexIds, type WayTable } from './way-table';

/**
 * Collects ways into a `WayTable`, shared by the OSM and GeoJSON readers so each only says how its
 * input becomes vertex references and paces. Ways are appended one at a time: their references
 * with `ref`, then `endWay` closes the way with its class, paces and source id.
 *
 * @example
 * const out = new WayTableBuilder();
 * out.ref(0);
 * out.ref(1);
 * out.endWay(out.classId('residential', 'way 7'), 0.144, 0.144, 7);
 * const table = out.finish(Int32Array.of(15200000, 425000000, 15210000, 425000000));
 */
export class WayTableBuilder {
  // Typed arrays throughout, grown by doubling unless the way count is known up front: JS arrays
  // of a province's millions of ways, grown and then copied into typed arrays, were ~0.3 GB of
  // transient memory at the reader's peak (20×20 Andorra replica). The references, the one list as
  // long as the input's nodes, may be the reader's own array, rewritten in place.
  private start: Uint32Array;
  private refs: Int32Array;
  private refCount = 0;
  private ways = 0;
  private forwardPace: Float64Array;
  private backwardPace: Float64Array;
  private cls: Uint8Array;
  private sourceId: Float64Array;
  // Bridges and tunnels are rare: their way numbers only.
  private readonly structure = new Map<number, 1>();
  private readonly classes = new ClassTable();

  /**
   * @param refCapacity - Expected number of references (an upper bound saves regrowing), or the
   *   array to write them into: a reader that rewrites its own references in place, never ahead
   *   of where it reads, passes them here and saves a copy.
   * @param wayCapacity - Expected number of ways (an upper bound saves regrowing).
   */
  constructor(refCapacity: number | Int32Array = 1 << 12, wayCapacity = 64) {
    this.refs =
      typeof refCapacity === 'number' ? new Int32Array(Math.max(16, refCapacity)) : refCapacity;
    const n = Math.max(1, wayCapacity);
    this.start = new Uint32Array(n + 1);
    this.forwardPace = new Float64Array(n);
    this.backwardPace = new Float64Array(n);
    this.cls = new Uint8Array(n);
    this.sourceId = new Float64Array(n);
  }

  /** Ways closed so far. */
  get wayCount(): number {
    return this.ways;
  }

  /**
   * The class id of `name`, interned; throws past 256 classes.
   *
   * @param name road class (`highway` value, `ferry`, …)
   * @param where names the way or feature for the error
   */
  classId(name: string, where: string): number {
    return this.classes.id(name, where);
  }

  /**
   * Append one vertex reference to the current way.
   *
   * @param vertex vertex index, or -1 for a gap (the way is cut there)
   */
  ref(vertex: number): void {
    if (this.refCount === this.refs.length) {
      const grown = new Int32Array(Math.max(16, this.refs.length * 2));
      grown.set(this.refs);
      this.refs = grown;
    }
    this.refs[this.refCount++] = vertex;
  }

  /**
   * Close the current way: the references added since the previous `endWay` are its vertices.
   *
   * @param cls id from `classId`
   * @param forwardPace seconds per metre along the references, `Infinity` when closed
   * @param backwardPace seconds per metre against them
   * @param sourceId OSM way id or GeoJSON feature index
   * @param structure 1 for a bridge or tunnel (heights between its ends, not the ground's)
   */
  endWay(
    cls: number,
    forwardPace: number,
    backwardPace: number,
    sourceId: number,
    structure = 0,
  ): void {
    const w = this.ways++;
    if (structure) this.structure.set(w, 1);
    if (w === this.cls.length) this.grow(2 * w);
    this.start[w + 1] = this.refCount;
    this.forwardPace[w] = forwardPace;
    this.backwardPace[w] = backwardPace;
    this.cls[w] = cls;
    this.sourceId[w] = sourceId;
  }

  private grow(n: number): void {
    const start = new Uint32Array(n + 1);
    start.set(this.start);
    this.start = start;
    this.forwardPace = grown(this.forwardPace, n);
    this.backwardPace = grown(this.backwardPace, n);
    const cls = new Uint8Array(n);
    cls.set(this.cls);
    this.cls = cls;
    this.sourceId = grown(this.sourceId, n);
  }

  /**
   * The table of the ways closed so far.
   *
   * @param coords vertex coordinates in 1e-7 degree, `[lon0, lat0, …]`, indexed by the references
   * @param vertexIds source id per vertex (OSM node id), if the input has them
   */
  finish(coords: Int32Array, vertexIds?: VertexIds): WayTable {
    const W = this.ways;
    return {
      coords,
      ...(vertexIds ? { vertexIds } : {}),
      start: firstEntries(this.start, W + 1),
      // A view when little is unused (no second copy at the peak), else a compact copy.
      refs:
        4 * this.refCount >= 3 * this.refs.length
          ? this.refs.subarray(0, this.refCount)
          : this.refs.slice(0, this.refCount),
      forwardPace: firstEntries(this.forwardPace, W),
      backwardPace: firstEntries(this.backwardPace, W),
      cls: firstEntries(this.cls, W),
      classNames: this.classes.names(),
      sourceId: firstEntries(this.sourceId, W),
      ...(this.structure.size > 0 && { structure: this.structureArray() }),
    };
  }

  private structureArray(): Uint8Array {
    const out = new Uint8Array(this.ways);
    for (const w of this.structure.keys()) out[w] = 1;
    return out;
  }
}

function grown(a: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n);
  out.set(a);
  return out;
}

/** The first `n` entries: a view when little is unused (no second copy at the peak), else a copy. */
function firstEntries<T extends Uint32Array | Float64Array | Uint8Array>(a: T, n: number): T {
  return (4 * n >= 3 * a.length ? a.subarray(0, n) : a.slice(0, n)) as T;
}
