import type { RoadNetwork } from '../network/road-network';
import type { Direction } from './search-engine';

/**
 * Nodes reachable from (`from`) or able to reach (`to`) any of `starts`, ignoring time: a
 * breadth-first sweep, several times cheaper than Dijkstra because it needs no priority queue.
 * Tells "beyond the time limit" apart from "no path at all" after a bounded search.
 *
 * @param net - The network.
 * @param starts - Start node ids (not checked); none gives an all-zero result.
 * @param direction - `'from'`: nodes the starts can reach; `'to'`: nodes that can reach a start.
 * @returns One byte per node: 1 reachable (the starts included), 0 not.
 *
 * @example
 * const ok = reachable(net, [12, 40], 'to');
 * ok[7] === 1; // node 7 has a path to node 12 or 40
 */
export function reachable(
  net: RoadNetwork,
  starts: ArrayLike<number>,
  direction: Direction,
): Uint8Array {
  const n = net.nodeCount;
  const seen = new Uint8Array(n);
  const queue = new Int32Array(n);
  let head = 0;
  let tail = 0;
  for (let i = 0; i < starts.length; i++) {
    const s = starts[i];
    if (!seen[s]) {
      seen[s] = 1;
      queue[tail++] = s;
    }
  }
  const rev = direction === 'to' ? net.reverse() : null;
  const first = rev ? rev.firstEdge : net.arrays.firstEdge;
  const target = rev ? rev.edgeSource : net.arrays.edgeTarget;
  while (head < tail) {
    const u = queue[head++];
    for (let e = first[u], end = first[u + 1]; e < end; e++) {
      const v = target[e];
      if (!seen[v]) {
        seen[v] = 1;
        queue[tail++] = v;
      }
    }
  }
  return seen;
}
