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
  // Plain arrays while the count is unknown; typed once, in `finish`. The references, the one
  // list as long as the input's nodes, grow as a typed array: a JS array of them costs twice the
  // memory and, at the end, a copy (most of a province build's peak).
  private readonly start: number[] = [0];
  private refs: Int32Array;
  private refCount = 0;

  /**
   * @param refCapacity - Expected number of references (an upper bound saves regrowing), or the
   *   array to write them into: a reader that rewrites its own references in place, never ahead
   *   of where it reads, passes them here and saves a copy.
   */
  constructor(refCapacity: number | Int32Array = 1 << 12) {
    this.refs =
      typeof refCapacity === 'number' ? new Int32Array(Math.max(16, refCapacity)) : refCapacity;
  }
  private readonly forwardPace: number[] = [];
  // Bridges and tunnels are rare: their way numbers only.
  private readonly structure = new Map<number, 1>();
  private readonly backwardPace: number[] = [];
  private readonly cls: number[] = [];
  private readonly sourceId: number[] = [];
  private readonly classes = new ClassTable();

  /** Ways closed so far. */
  get wayCount(): number {
    return this.cls.length;
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
    if (structure) this.structure.set(this.start.length - 1, 1);
    this.start.push(this.refCount);
    this.forwardPace.push(forwardPace);
    this.backwardPace.push(backwardPace);
    this.cls.push(cls);
    this.sourceId.push(sourceId);
  }

  /**
   * The table of the ways closed so far.
   *
   * @param coords vertex coordinates in 1e-7 degree, `[lon0, lat0, …]`, indexed by the references
   * @param vertexIds source id per vertex (OSM node id), if the input has them
   */
  finish(coords: Int32Array, vertexIds?: VertexIds): WayTable {
    return {
      coords,
      ...(vertexIds ? { vertexIds } : {}),
      start: Uint32Array.from(this.start),
      // A view when little is unused (no second copy at the peak), else a compact copy.
      refs:
        4 * this.refCount >= 3 * this.refs.length
          ? this.refs.subarray(0, this.refCount)
          : this.refs.slice(0, this.refCount),
      forwardPace: Float64Array.from(this.forwardPace),
      backwardPace: Float64Array.from(this.backwardPace),
      cls: Uint8Array.from(this.cls),
      classNames: this.classes.names(),
      sourceId: Float64Array.from(this.sourceId),
      ...(this.structure.size > 0 && { structure: this.structureArray() }),
    };
  }

  private structureArray(): Uint8Array {
    const out = new Uint8Array(this.sourceId.length);
    for (const w of this.structure.keys()) out[w] = 1;
    return out;
  }
}
