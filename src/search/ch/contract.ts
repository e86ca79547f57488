import { MinHeap } from '../min-heap';
import { ContractionHierarchy } from './hierarchy';

/** A directed graph in compressed sparse row form: what `contract` takes. */
export interface CsrGraph {
  nodeCount: number;
  /** Edges leaving node `u` are `firstEdge[u] … firstEdge[u + 1] - 1`. */
  firstEdge: ArrayLike<number>;
  edgeTarget: ArrayLike<number>;
  /** Seconds of each edge, ≥ 0. */
  edgeTimeS: ArrayLike<number>;
  /** Metres of each edge (carried along shortcuts, so searches can tell a path's length). */
  edgeMetres?: ArrayLike<number>;
}

/** Tuning of the contraction; the defaults are what measured best on Andorra and the 1M grid. */
export interface ContractOptions {
  /** Nodes a witness search may settle before it gives up (a shortcut is then kept). */
  settleLimit?: number;
  /** The same while only estimating a node's priority (cheaper, only ordering suffers). */
  estimateSettleLimit?: number;
  /** Edges a witness path may have while estimating. */
  estimateHopLimit?: number;
}

/**
 * Contraction hierarchy of a directed graph (Geisberger et al. 2008): nodes are removed one at a
 * time, least important first, and every shortest path through a removed node that no other path
 * of at most its length replaces ("witness") becomes a shortcut edge between its neighbours. The
 * order is by edge difference (shortcuts added minus edges removed) plus the neighbours already
 * removed, with lazy updates: a node popped from the queue is re-estimated and pushed back when it
 * no longer is the cheapest. Witness searches stop after a fixed number of settled nodes, which
 * only ever adds shortcuts, so every distance stays exact. Edge times are taken as they are,
 * per direction (one-ways, elevation, turn-split nodes); parallel edges keep the fastest.
 *
 * @param g - The graph (`RoadNetwork.arrays` fits, with metres per edge).
 * @param options - Witness search limits.
 * @returns The hierarchy: node ranks and the upward / downward edges, nodes renumbered by rank.
 *
 * @example
 * const ch = contract({ nodeCount: 3, firstEdge: [0, 1, 2, 2], edgeTarget: [1, 2], edgeTimeS: [5, 7] });
 * ch.nodeCount; // 3
 */
export function contract(g: CsrGraph, options: ContractOptions = {}): ContractionHierarchy {
  const settleLimit = options.settleLimit ?? 400;
  const estimateLimit = options.estimateSettleLimit ?? 60;
  const estimateHops = options.estimateHopLimit ?? 2;
  const n = g.nodeCount;
  const store = new EdgeStore(Math.max(16, 2 * (g.edgeTarget.length | 0)));
  const out: number[][] = new Array(n);
  const inn: number[][] = new Array(n);
  for (let u = 0; u < n; u++) {
    out[u] = [];
    inn[u] = [];
  }
  for (let u = 0; u < n; u++)
    for (let e = g.firstEdge[u], end = g.firstEdge[u + 1]; e < end; e++) {
      const v = g.edgeTarget[e];
      if (v === u) continue; // a loop never shortens a path
      addEdge(store, out, inn, u, v, g.edgeTimeS[e], g.edgeMetres ? g.edgeMetres[e] : 0);
    }

  const contracted = new Uint8Array(n);
  const deleted = new Float64Array(n);
  const priority = new Float64Array(n);
  const witness = new Witness(n);
  const queue = new MinHeap(Math.max(16, n));
  const sc: number[] = []; // shortcuts of one contraction: (u, w, edge in, edge out) quads
  for (let v = 0; v < n; v++) {
    priority[v] = estimate(v);
    queue.push(v, priority[v]);
  }

  const rank = new Int32Array(n);
  // Each node's own edges when it is removed: all lead to nodes removed later (higher ranks).
  const upOut: number[][] = new Array(n);
  const upIn: number[][] = new Array(n);
  let next = 0;
  while (queue.length > 0) {
    queue.pop();
    const v = queue.poppedValue;
    if (contracted[v] || queue.poppedKey !== priority[v]) continue;
    const p = estimate(v);
    if (queue.length > 0 && p > queue.keys[0]) {
      priority[v] = p;
      queue.push(v, p); // lazy update: no longer the cheapest
      continue;
    }
    shortcuts(v, settleLimit, 255, sc);
    for (let i = 0; i < sc.length; i += 4) {
      const a = sc[i + 2];
      const b = sc[i + 3];
      addEdge(store, out, inn, sc[i], sc[i + 1], store.w[a] + store.w[b], store.m[a] + store.m[b]);
    }
    contracted[v] = 1;
    rank[v] = next++;
    upOut[v] = out[v];
    upIn[v] = inn[v];
    // Detach v from its neighbours' lists and re-estimate them.
    for (const e of out[v]) {
      const w = store.to[e];
      remove(inn[w], e);
      deleted[w]++;
    }
    for (const e of inn[v]) {
      const u = store.from[e];
      remove(out[u], e);
      deleted[u]++;
    }
    for (const e of out[v]) touch(store.to[e]);
    for (const e of inn[v]) touch(store.from[e]);
  }
  return ContractionHierarchy.fromLevels(
    n,
    rank,
    upOut,
    upIn,
    store.to,
    store.from,
    store.w,
    store.m,
  );

  function touch(u: number): void {
    if (contracted[u]) return;
    const p = estimate(u);
    if (p !== priority[u]) {
      priority[u] = p;
      queue.push(u, p);
    }
  }

  function estimate(v: number): number {
    shortcuts(v, estimateLimit, estimateHops, sc);
    const added = sc.length / 4;
    return 2 * (added - out[v].length - inn[v].length) + deleted[v];
  }

  /** The shortcuts removing `v` needs, as (u, w, edge u→v, edge v→w) into `res`. */
  function shortcuts(v: number, limit: number, hops: number, res: number[]): void {
    res.length = 0;
    const outs = out[v];
    const ins = inn[v];
    if (outs.length === 0 || ins.length === 0) return;
    let maxOut = 0;
    for (const e of outs) if (store.w[e] > maxOut) maxOut = store.w[e];
    witness.markTargets(store, outs);
    for (const ei of ins) {
      const u = store.from[ei];
      const a = store.w[ei];
      witness.run(
        store,
        out,
        u,
        v,
        a + maxOut,
        limit,
        hops,
        outs.length - (witness.isTarget(u) ? 1 : 0),
      );
      for (const eo of outs) {
        const w = store.to[eo];
        if (w === u) continue;
        if (witness.distance(w) <= a + store.w[eo]) continue;
        res.push(u, w, ei, eo);
      }
    }
  }
}

function remove(list: number[], e: number): void {
  const i = list.indexOf(e);
  if (i < 0) return;
  list[i] = list[list.length - 1];
  list.pop();
}

/** Add u→v, or lower the time of an existing u→v (a graph has at most one edge per pair). */
function addEdge(
  store: EdgeStore,
  out: number[][],
  inn: number[][],
  u: number,
  v: number,
  w: number,
  m: number,
): void {
  for (const e of out[u])
    if (store.to[e] === v) {
      if (w < store.w[e]) {
        store.w[e] = w;
        store.m[e] = m;
      }
      return;
    }
  const e = store.add(u, v, w, m);
  out[u].push(e);
  inn[v].push(e);
}

/** Every edge ever made (original and shortcut), in growable parallel typed arrays. */
class EdgeStore {
  from: Int32Array;
  to: Int32Array;
  w: Float64Array;
  m: Float64Array;
  count = 0;
  constructor(capacity: number) {
    this.from = new Int32Array(capacity);
    this.to = new Int32Array(capacity);
    this.w = new Float64Array(capacity);
    this.m = new Float64Array(capacity);
  }
  add(u: number, v: number, w: number, m: number): number {
    if (this.count === this.to.length) {
      const grow = <T extends Int32Array | Float64Array>(a: T): T => {
        const b = new (a.constructor as new (k: number) => T)(2 * a.length);
        b.set(a);
        return b;
      };
      this.from = grow(this.from);
      this.to = grow(this.to);
      this.w = grow(this.w);
      this.m = grow(this.m);
    }
    const e = this.count++;
    this.from[e] = u;
    this.to[e] = v;
    this.w[e] = w;
    this.m[e] = m;
    return e;
  }
}

/** Bounded local Dijkstra among the nodes not yet removed, skipping the one being removed. */
class Witness {
  private readonly dist: Float64Array;
  private readonly stamp: Uint32Array;
  private gen = 0;
  private readonly heap = new MinHeap(256);
  private readonly target: Uint32Array;
  private readonly hops: Uint8Array;
  private targetGen = 0;
  constructor(n: number) {
    this.dist = new Float64Array(n);
    this.stamp = new Uint32Array(n);
    this.target = new Uint32Array(n);
    this.hops = new Uint8Array(n);
  }

  /** The nodes a search may stop after settling (the heads of `edges`). */
  markTargets(store: EdgeStore, edges: number[]): void {
    const g = ++this.targetGen;
    for (const e of edges) this.target[store.to[e]] = g;
  }

  isTarget(v: number): boolean {
    return this.target[v] === this.targetGen;
  }

  /** Search from `s` avoiding `skip` until `max` seconds, `limit` settled nodes or `targets` targets settled. */
  run(
    store: EdgeStore,
    out: number[][],
    s: number,
    skip: number,
    max: number,
    limit: number,
    maxHops: number,
    targets: number,
  ) {
    const hops = this.hops;
    const target = this.target;
    const tg = this.targetGen;
    const gen = ++this.gen;
    const { dist, stamp, heap } = this;
    heap.clear();
    dist[s] = 0;
    stamp[s] = gen;
    hops[s] = 0;
    heap.push(s, 0);
    let settled = 0;
    while (heap.length > 0) {
      heap.pop();
      const u = heap.poppedValue;
      const du = heap.poppedKey;
      if (du > dist[u]) continue;
      if (du > max || ++settled > limit) break;
      if (target[u] === tg && u !== s && --targets <= 0) break;
      const hu = hops[u] + 1;
      if (hu > maxHops) continue;
      for (const e of out[u]) {
        const v = store.to[e];
        if (v === skip) continue;
        const dv = du + store.w[e];
        if (dv > max) continue;
        if (stamp[v] !== gen || dv < dist[v]) {
          stamp[v] = gen;
          dist[v] = dv;
          hops[v] = hu;
          heap.push(v, dv);
        }
      }
    }
  }

  /** Witness distance to `v` found by the last run (an upper bound), or Infinity. */
  distance(v: number): number {
    return this.stamp[v] === this.gen ? this.dist[v] : Infinity;
  }
}
