import { InputError } from '../errors';

/** Source ids by vertex index: a `SortedIds` from the two-pass OSM reader, or a wrapped array. */
export interface VertexIds {
  readonly length: number;
  /** The id of vertex `v`. */
  id(v: number): number;
}

/**
 * The builder's input, whatever the source: routable ways as runs of vertex indexes with a
 * per-direction pace. OSM and GeoJSON readers produce it; `buildNetwork` turns it into a graph.
 */
export interface WayTable {
  /** Vertex coordinates in 1e-7 degree: `[lon0, lat0, lon1, lat1, …]`. */
  coords: Int32Array;
  /** Source id per vertex (OSM node id), or omitted. */
  vertexIds?: VertexIds;
  /** Way `w` is `refs[start[w]] … refs[start[w + 1] - 1]`. Length: ways + 1. */
  start: Uint32Array;
  /** Vertex indexes; `-1` marks a gap (a node missing from the input) where the way is cut. */
  refs: Int32Array;
  /** Seconds per metre along the way's vertex order; `Infinity` where the profile may not go. */
  forwardPace: Float64Array;
  backwardPace: Float64Array;
  /** Index into `classNames` per way. */
  cls: Uint8Array;
  classNames: string[];
  /** Way id (OSM) or feature index (GeoJSON) per way. */
  sourceId: Float64Array;
  /**
   * 1 per bridge or tunnel way: with elevation, its heights run evenly between its ends instead
   * of following the ground. Omitted when the reader does not know (all 0).
   */
  structure?: Uint8Array;
}

/** Interns road class names into the byte ids `WayTable.cls` holds (at most 256 classes). */
export class ClassTable {
  private readonly ids = new Map<string, number>();

  /** The id of `name`, adding it if new; `where` names the input for the error past 256 classes. */
  id(name: string, where: string): number {
    let c = this.ids.get(name);
    if (c === undefined) {
      c = this.ids.size;
      if (c > 255)
        throw new InputError(
          'too-many-classes',
          `more than 256 distinct road classes (at ${where})`,
        );
      this.ids.set(name, c);
    }
    return c;
  }

  /** Class names in id order. */
  names(): string[] {
    return [...this.ids.keys()];
  }
}
