import { optionsObject } from '../../geo/check-args';
import type { OptionKeys } from '../../geo/option-keys';
import { ContractionQueue } from './contraction-queue';
import { ContractionGraph } from './contraction-graph';
import { ContractionHierarchy } from './hierarchy';
import { WitnessSearch } from './witness-search';

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
  /**
   * The same while only estimating a node's priority (cheaper, only ordering suffers); unused at
   * the default hop limit of 2, where estimates scan the two-hop neighbourhood without a queue.
   */
  estimateSettleLimit?: number;
  /** Edges a witness path may have while estimating (1, 2 or more). */
  estimateHopLimit?: number;
}

/** The keys of `ContractOptions`, for the unknown-key check. */
export const CONTRACT_KEYS = {
  settleLimit: true,
  estimateSettleLimit: true,
  estimateHopLimit: true,
} satisfies OptionKeys<ContractOptions>;

/**
 * Contraction hierarchy of a directed graph (Geisberger et al. 2008): nodes are removed one at a
 * time, least important first, and every shortest path through a removed node that no other path
 * of at most its length replaces ("witness") becomes a shortcut edge between its neighbours. The
 * order is by edge difference (shortcuts added minus edges removed) plus the neighbours already
 * removed; removing a node re-estimates its neighbours (stale queue entries are skipped), except
 * neighbours with more than 32 entries, which are estimated again only when they reach the top.
 * Witnesses are first sought among paths of two edges (a plain scan of the neighbours' lists, no
 * queue), then, for the pairs still open, by a local Dijkstra bounded by the longest of them that
 * stops after a fixed number of settled nodes; missing a witness only ever adds a shortcut, so
 * every distance stays exact. The
 * shrinking graph keeps each node's neighbours, with the time each way, in one slice of shared
 * typed arrays (`ContractionGraph`). Edge times are taken as they are,
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
  options = optionsObject(options, 'contract', CONTRACT_KEYS);
  const settleLimit = options.settleLimit ?? 100;
  const estimateLimit = options.estimateSettleLimit ?? 60;
  const estimateHops = options.estimateHopLimit ?? 2;
  const n = g.nodeCount;
  const room = new Int32Array(n);
  for (let u = 0; u < n; u++)
    for (let e = g.firstEdge[u], end = g.firstEdge[u + 1]; e < end; e++) {
      room[u]++;
      room[g.edgeTarget[e]]++;
    }
  const cg = new ContractionGraph(n, room);
  for (let u = 0; u < n; u++)
    for (let e = g.firstEdge[u], end = g.firstEdge[u + 1]; e < end; e++) {
      const v = g.edgeTarget[e];
      const s = g.edgeTimeS[e];
      // A loop never shortens a path; an infinite edge is never on one.
      if (v !== u && s < Infinity) cg.link(u, v, s, g.edgeMetres ? g.edgeMetres[e] : 0);
    }

  const contracted = new Uint8Array(n);
  const removedNeighbours = new Float64Array(n);
  const priority = new Float64Array(n);
  const dirty = new Uint8Array(n);
  const witness = new WitnessSearch(n);
  const queue = new ContractionQueue(n);
  let need = new Uint8Array(64); // per slot of the contracted node's list: pair still open
  const sc: number[] = []; // shortcuts of one contraction: (u, w, seconds, metres) quads
  for (let v = 0; v < n; v++) {
    priority[v] = estimate(v);
    queue.push(v, priority[v]);
  }

  // Each node's edges when it is removed, in removal order: all lead to nodes removed later.
  const rank = new Int32Array(n);
  const up = new EdgeList(n);
  const down = new EdgeList(n);
  let next = 0;
  while (queue.length > 0) {
    queue.pop();
    const v = queue.poppedValue;
    // A node's priority is re-estimated whenever a neighbour goes, so an entry with its current
    // priority is current: no second estimate at the pop.
    if (contracted[v] || queue.poppedKey !== priority[v]) continue;
    if (dirty[v]) {
      // A busy node's estimate was put off: make it now, and requeue it if it went up.
      dirty[v] = 0;
      const p = estimate(v);
      if (p !== priority[v]) {
        priority[v] = p;
        if (queue.length > 0 && p > queue.keys[0]) {
          queue.push(v, p);
          continue;
        }
      }
    }
    shortcuts(v, settleLimit, 255, sc);
    const first = cg.start[v];
    const last = first + cg.size[v];
    for (let i = first; i < last; i++) {
      if (cg.outS[i] < Infinity) up.add(cg.nb[i], cg.outS[i], cg.outM[i]);
      if (cg.inS[i] < Infinity) down.add(cg.nb[i], cg.inS[i], cg.inM[i]);
    }
    up.close(next);
    down.close(next);
    contracted[v] = 1;
    rank[v] = next++;
    for (let i = 0; i < sc.length; i += 4) cg.link(sc[i], sc[i + 1], sc[i + 2], sc[i + 3]);
    // Detach v from its neighbours' lists and re-estimate them.
    for (let i = first; i < last; i++) {
      const x = cg.nb[i];
      cg.remove(x, v);
      removedNeighbours[x]++;
    }
    for (let i = first; i < last; i++) touch(cg.nb[i]);
  }
  return hierarchy(n, rank, up, down);

  function touch(u: number): void {
    if (contracted[u]) return;
    if (cg.size[u] > BUSY) {
      dirty[u] = 1;
      return;
    }
    const p = estimate(u);
    if (p !== priority[u]) {
      priority[u] = p;
      queue.push(u, p);
    }
  }

  function estimate(v: number): number {
    const added = shortcuts(v, estimateLimit, estimateHops, null);
    let edges = 0;
    for (let i = cg.start[v], end = i + cg.size[v]; i < end; i++)
      edges += (cg.outS[i] < Infinity ? 1 : 0) + (cg.inS[i] < Infinity ? 1 : 0);
    return 2 * (added - edges) + removedNeighbours[v];
  }

  /** How many shortcuts removing `v` needs; with `res`, them as (u, w, seconds, metres). */
  function shortcuts(v: number, limit: number, hops: number, res: number[] | null): number {
    if (res) res.length = 0;
    const first = cg.start[v];
    const last = first + cg.size[v];
    const { nb, outS, inS, outM, inM } = cg;
    let maxOut = -1;
    let outs = 0;
    for (let i = first; i < last; i++)
      if (outS[i] < Infinity) {
        outs++;
        if (outS[i] > maxOut) maxOut = outS[i];
      }
    if (outs === 0) return 0;
    if (last - first > need.length) need = new Uint8Array(2 * (last - first));
    let count = 0;
    for (let i = first; i < last; i++) {
      const a = inS[i];
      if (a === Infinity) continue;
      const u = nb[i];
      // Pairs (u, w) still without a witness, flagged per slot of v's list.
      let open = 0;
      let maxB = -1;
      if (hops >= 2) {
        // Two-edge witnesses first: a scan of the neighbours' lists, no queue.
        witness.twoHops(cg, u, v, a + maxOut);
        for (let j = first; j < last; j++) {
          const b = outS[j];
          const lacks = b !== Infinity && j !== i && witness.distance(nb[j]) > a + b;
          need[j - first] = lacks ? 1 : 0;
          if (lacks) {
            open++;
            if (b > maxB) maxB = b;
          }
        }
      } else
        for (let j = first; j < last; j++) {
          const b = outS[j];
          const lacks = b !== Infinity && j !== i;
          need[j - first] = lacks ? 1 : 0;
          if (lacks) {
            open++;
            if (b > maxB) maxB = b;
          }
        }
      if (open === 0) continue;
      if (hops !== 2) {
        // A local Dijkstra for the pairs left, bounded by the longest of them and stopping once
        // their ends are all settled.
        witness.clearTargets();
        for (let j = first; j < last; j++) if (need[j - first]) witness.markTarget(nb[j]);
        witness.run(cg, u, v, a + maxB, limit, hops, open);
        for (let j = first; j < last; j++)
          if (need[j - first] && witness.distance(nb[j]) <= a + outS[j]) {
            need[j - first] = 0;
            open--;
          }
      }
      count += open;
      if (res)
        for (let j = first; j < last; j++)
          if (need[j - first]) res.push(u, nb[j], a + outS[j], inM[i] + outM[j]);
    }
    return count;
  }
}

/**
 * Neighbours with more entries than this are not re-estimated when a neighbour goes, only marked:
 * their estimate waits until they reach the top of the queue (and they are requeued if it went up).
 * Such nodes are far from the top while their lighter neighbours go, and re-estimating them after
 * every one of those contractions was most of the late phase on grids.
 */
const BUSY = 32;
/** Per removed node (in removal order), the edges it had then: neighbour, seconds, metres. */
class EdgeList {
  readonly end: Int32Array;
  node: Int32Array;
  timeS: Float64Array;
  metres: Float64Array;
  length = 0;
  constructor(n: number) {
    this.end = new Int32Array(n);
    const room = Math.max(16, 3 * n);
    this.node = new Int32Array(room);
    this.timeS = new Float64Array(room);
    this.metres = new Float64Array(room);
  }
  add(node: number, s: number, m: number): void {
    if (this.length === this.node.length) this.grow();
    const i = this.length++;
    this.node[i] = node;
    this.timeS[i] = s;
    this.metres[i] = m;
  }
  /** The edges added since the last close belong to the node removed `r`-th. */
  close(r: number): void {
    this.end[r] = this.length;
  }
  private grow(): void {
    const size = 2 * this.node.length;
    const node = new Int32Array(size);
    node.set(this.node);
    this.node = node;
    const timeS = new Float64Array(size);
    timeS.set(this.timeS);
    this.timeS = timeS;
    const metres = new Float64Array(size);
    metres.set(this.metres);
    this.metres = metres;
  }
}

/** Lay the removal-order edge lists out as a `ContractionHierarchy` (internal id = n - 1 - rank). */
function hierarchy(
  n: number,
  rank: Int32Array,
  up: EdgeList,
  down: EdgeList,
): ContractionHierarchy {
  const internal = new Int32Array(n);
  const original = new Int32Array(n);
  for (let v = 0; v < n; v++) {
    internal[v] = n - 1 - rank[v];
    original[n - 1 - rank[v]] = v;
  }
  const csr = (list: EdgeList) => {
    const first = new Uint32Array(n + 1);
    const node = new Int32Array(list.length);
    const time = new Float64Array(node.length);
    const metres = new Float64Array(node.length);
    let k = 0;
    for (let i = 0; i < n; i++) {
      const r = n - 1 - i;
      for (let e = r > 0 ? list.end[r - 1] : 0, end = list.end[r]; e < end; e++) {
        node[k] = internal[list.node[e]];
        time[k] = list.timeS[e];
        metres[k++] = list.metres[e];
      }
      first[i + 1] = k;
    }
    return { first, node, time, metres };
  };
  const u = csr(up);
  const d = csr(down);
  return new ContractionHierarchy(
    n,
    internal,
    original,
    u.first,
    u.node,
    u.time,
    u.metres,
    d.first,
    d.node,
    d.time,
    d.metres,
  );
}
