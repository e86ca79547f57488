import type { RoadNetwork } from './road-network';

/** Connected components of a network: `label[node]`, 0 for the largest; `sizes[label]` descending. */
export interface Components {
  readonly count: number;
  readonly label: Uint32Array;
  readonly sizes: Uint32Array;
}

/**
 * Weakly connected components (edge direction ignored), by union–find over the links.
 *
 * @example
 * weakComponents(net).count;
 */
export function weakComponents(net: RoadNetwork): Components {
  const n = net.nodeCount;
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]]; // path halving
      x = parent[x];
    }
    return x;
  };
  const { linkFrom, linkTo } = net.arrays;
  for (let l = 0; l < net.linkCount; l++) {
    const a = find(linkFrom[l]);
    const b = find(linkTo[l]);
    if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
  }
  const raw = new Uint32Array(n);
  for (let i = 0; i < n; i++) raw[i] = find(i);
  return relabel(raw, n);
}

/**
 * Strongly connected components (mutual reachability along edge directions), by Tarjan's
 * algorithm with an explicit stack so million-node networks cannot overflow the call stack.
 *
 * @example
 * strongComponents(net).sizes[0]; // nodes in the largest strongly connected part
 */
export function strongComponents(net: RoadNetwork): Components {
  const n = net.nodeCount;
  const { firstEdge, edgeTarget } = net.arrays;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack = new Int32Array(n);
  const callNode = new Int32Array(n);
  const callEdge = new Uint32Array(n);
  const raw = new Uint32Array(n);
  let sp = 0;
  let next = 0;
  let comps = 0;
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    let depth = 0;
    callNode[0] = root;
    callEdge[0] = firstEdge[root];
    index[root] = low[root] = next++;
    stack[sp++] = root;
    onStack[root] = 1;
    while (depth >= 0) {
      const v = callNode[depth];
      const e = callEdge[depth];
      if (e < firstEdge[v + 1]) {
        callEdge[depth] = e + 1;
        const w = edgeTarget[e];
        if (index[w] === -1) {
          index[w] = low[w] = next++;
          stack[sp++] = w;
          onStack[w] = 1;
          depth++;
          callNode[depth] = w;
          callEdge[depth] = firstEdge[w];
        } else if (onStack[w] && index[w] < low[v]) {
          low[v] = index[w];
        }
        continue;
      }
      if (low[v] === index[v]) {
        let w: number;
        do {
          w = stack[--sp];
          onStack[w] = 0;
          raw[w] = comps;
        } while (w !== v);
        comps++;
      }
      depth--;
      if (depth >= 0) {
        const u = callNode[depth];
        if (low[v] < low[u]) low[u] = low[v];
      }
    }
  }
  return relabel(raw, n);
}

// Labels ordered by size (largest first), ties by the lowest node id, so output is deterministic.
// Raw labels are < n, so typed arrays indexed by them replace hash maps.
function relabel(raw: Uint32Array, n: number): Components {
  const size = new Uint32Array(n);
  const roots: number[] = []; // raw labels in order of their lowest node id
  for (let i = 0; i < n; i++) if (size[raw[i]]++ === 0) roots.push(raw[i]);
  const order = roots.map((_, k) => k).sort((a, b) => size[roots[b]] - size[roots[a]] || a - b);
  const map = new Uint32Array(n);
  const sizes = new Uint32Array(order.length);
  order.forEach((k, rank) => {
    map[roots[k]] = rank;
    sizes[rank] = size[roots[k]];
  });
  const label = new Uint32Array(n);
  for (let i = 0; i < n; i++) label[i] = map[raw[i]];
  return { count: order.length, label, sizes };
}
