/**
 * What an OSM decoder hands its elements to. Decoders (PBF, XML) call these in file order and keep
 * nothing themselves, so memory stays bounded by what the sink decides to keep.
 */
export interface OsmSink {
  /**
   * `false` when the sink ignores nodes (the ways pass of a two-pass read): decoders then skip
   * node groups unread and call neither `node` nor `taggedNode`.
   */
  readonly readsNodes?: boolean;
  /** `false` when the sink ignores ways (the nodes pass): decoders skip them unread. */
  readonly readsWays?: boolean;
  /** Every node, in file order. Coordinates in WGS84 degrees. */
  node(id: number, lon: number, lat: number): void;
  /**
   * Only for nodes that carry tags, called after `node` for the same id. Decoders skip building the
   * tag object entirely when the sink does not define this method.
   */
  taggedNode?(id: number, lon: number, lat: number, tags: Record<string, string>): void;
  /**
   * Every way. `refs` may be a reused buffer: copy what you keep before returning.
   * When the sink defines `wantWay`, decoders may skip decoding refs of ways it rejects.
   */
  way(id: number, refs: ArrayLike<number>, tags: Record<string, string>): void;
  /** Optional pre-filter on tags; return false to drop the way (cheaper than decoding its refs). */
  wantWay?(tags: Record<string, string>): boolean;
  /**
   * Relations, read only when the sink defines this (decoders skip them unread otherwise).
   * `types` (0 node, 1 way, 2 relation), `refs` (member ids) and `roles` are parallel, one entry
   * per member in order.
   */
  relation?(
    id: number,
    types: ArrayLike<number>,
    refs: ArrayLike<number>,
    roles: readonly string[],
    tags: Record<string, string>,
  ): void;
  /** Optional pre-filter on a relation's tags; the members of rejected relations are not decoded. */
  wantRelation?(tags: Record<string, string>): boolean;
}
