import type { CompactLinks } from './compact-links';
import type { HilbertNodes } from './hilbert-nodes';

/** Directed edges in compressed sparse row order, and each link's end nodes. */
export interface CsrEdges {
  firstEdge: Uint32Array;
  edgeTarget: Uint32Array;
  edgeTimeS: Float64Array;
  edgeLink: Uint32Array;
  linkFrom: Uint32Array;
  linkTo: Uint32Array;
}

/**
 * Turn each open direction of a link into an edge, grouped by source node (a counting sort: count,
 * prefix sum, fill). Within a node, edges follow link order, forward before backward, so the
 * layout depends on the input alone. A closed direction (`Infinity`) gets no edge: searches never
 * test for it.
 *
 * @param links the compacted links with their times
 * @param nodes node numbers of the link ends
 * @example
 * const { firstEdge, edgeTarget } = csrEdges(links, nodes);
 * // edges leaving node u: firstEdge[u] … firstEdge[u + 1] - 1
 */
export function csrEdges(links: CompactLinks, nodes: HilbertNodes): CsrEdges {
  const { from: lFrom, to: lTo, forwardS: lFwd, backwardS: lBwd, count: L } = links;
  const { of: nodeOf, count: n } = nodes;
  const firstEdge = new Uint32Array(n + 1);
  for (let l = 0; l < L; l++) {
    if (lFwd[l] !== Infinity) firstEdge[nodeOf[lFrom[l]] + 1]++;
    if (lBwd[l] !== Infinity) firstEdge[nodeOf[lTo[l]] + 1]++;
  }
  for (let i = 0; i < n; i++) firstEdge[i + 1] += firstEdge[i];
  const m = firstEdge[n];
  const fill = firstEdge.slice(0, n);
  const edgeTarget = new Uint32Array(m);
  const edgeTimeS = new Float64Array(m);
  const edgeLink = new Uint32Array(m);
  const linkFrom = new Uint32Array(L);
  const linkTo = new Uint32Array(L);
  for (let l = 0; l < L; l++) {
    const a = nodeOf[lFrom[l]];
    const b = nodeOf[lTo[l]];
    linkFrom[l] = a;
    linkTo[l] = b;
    if (lFwd[l] !== Infinity) {
      const e = fill[a]++;
      edgeTarget[e] = b;
      edgeTimeS[e] = lFwd[l];
      edgeLink[e] = 2 * l;
    }
    if (lBwd[l] !== Infinity) {
      const e = fill[b]++;
      edgeTarget[e] = a;
      edgeTimeS[e] = lBwd[l];
      edgeLink[e] = 2 * l + 1;
    }
  }
  return { firstEdge, edgeTarget, edgeTimeS, edgeLink, linkFrom, linkTo };
}
