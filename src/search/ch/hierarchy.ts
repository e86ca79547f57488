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
   * Wraps arrays laid out as described above; `contract` and `fromLevels` make them.
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

  /**
   * The hierarchy from a contraction's output: each node's rank and the edges it had when it was
   * removed (ids into the edge arrays), all of which lead to nodes removed later.
   *
   * @param n - Nodes.
   * @param rank - Contraction order, 0 first.
   * @param outEdges - Per node, its leaving edges when removed.
   * @param inEdges - Per node, its arriving edges when removed.
   * @param to - Head of each edge.
   * @param from - Tail of each edge.
   * @param w - Seconds of each edge.
   * @param m - Metres of each edge.
   *
   * @example
   * ContractionHierarchy.fromLevels(1, Int32Array.of(0), [[]], [[]], new Int32Array(0), new Int32Array(0), new Float64Array(0), new Float64Array(0));
   */
  static fromLevels(
    n: number,
    rank: Int32Array,
    outEdges: number[][],
    inEdges: number[][],
    to: Int32Array,
    from: Int32Array,
    w: Float64Array,
    m: Float64Array,
  ): ContractionHierarchy {
    const internal = new Int32Array(n);
    const original = new Int32Array(n);
    for (let v = 0; v < n; v++) {
      internal[v] = n - 1 - rank[v];
      original[n - 1 - rank[v]] = v;
    }
    const csr = (lists: number[][], other: Int32Array) => {
      const first = new Uint32Array(n + 1);
      for (let i = 0; i < n; i++) first[i + 1] = first[i] + lists[original[i]].length;
      const node = new Int32Array(first[n]);
      const time = new Float64Array(first[n]);
      const metres = new Float64Array(first[n]);
      for (let i = 0; i < n; i++) {
        let k = first[i];
        for (const e of lists[original[i]]) {
          node[k] = internal[other[e]];
          time[k] = w[e];
          metres[k++] = m[e];
        }
      }
      return { first, node, time, metres };
    };
    const up = csr(outEdges, to);
    const down = csr(inEdges, from);
    return new ContractionHierarchy(
      n,
      internal,
      original,
      up.first,
      up.node,
      up.time,
      up.metres,
      down.first,
      down.node,
      down.time,
      down.metres,
    );
  }
}
