/**
 * A contraction hierarchy's search graph in typed arrays. Nodes are renumbered by rank, most
 * important first (internal id 0 is the node contracted last), so that every edge kept leads from
 * a higher internal id to a lower one or the other way round:
 *
 * - `up*`: edges `i → j` with `j < i` (towards more important nodes), listed at `i`: what a forward
 *   upward search walks, and what a backward PHAST sweep reads at `i`;
 * - `down*`: edges `j → i` with `j < i` (coming down from more important nodes), listed at `i`: what
 *   a backward upward search walks, and what a forward PHAST sweep reads at `i`.
 *
 * Build one with `contract` or `hierarchyFor`; immutable afterwards.
 *
 * @example
 * const ch = hierarchyFor(net);
 * ch.internal[node]; // the node's position in the rank order (0 = most important)
 */
export class ContractionHierarchy {
  /**
   * Wraps arrays laid out as described above; `contract` makes them (and `hierarchy-sections.ts` reads them back from a `.srn`).
   *
   * @param nodeCount - Nodes of the graph.
   * @param internal - Original node id → internal id.
   * @param original - Internal id → original node id.
   * @param upFirst - CSR offsets of the upward edges, length `nodeCount + 1`.
   * @param upHead - Internal id each upward edge leads to.
   * @param upTimeS - Seconds of each upward edge.
   * @param upMetres - Metres of each upward edge.
   * @param downFirst - CSR offsets of the downward edges (listed at their lower end).
   * @param downTail - Internal id each downward edge comes from.
   * @param downTimeS - Seconds of each downward edge.
   * @param downMetres - Metres of each downward edge.
   */
  constructor(
    readonly nodeCount: number,
    readonly internal: Int32Array,
    readonly original: Int32Array,
    readonly upFirst: Uint32Array,
    readonly upHead: Int32Array,
    readonly upTimeS: Float64Array,
    readonly upMetres: Float64Array,
    readonly downFirst: Uint32Array,
    readonly downTail: Int32Array,
    readonly downTimeS: Float64Array,
    readonly downMetres: Float64Array,
  ) {}

  /** Edges of the search graph, upward and downward. */
  get edgeCount(): number {
    return this.upHead.length + this.downTail.length;
  }
}
