import type { ContractionHierarchy } from './hierarchy';
import { UpwardSearch } from './upward-search';

/**
 * Start or end points of a many-to-many query: point `i` joins the network at nodes
 * `node[start[i]] … node[start[i + 1] - 1]` (original ids), each with the seconds of its leg.
 */
export interface LegList {
  start: Int32Array;
  node: Int32Array;
  timeS: Float64Array;
}

/**
 * Times from every origin to every destination on a contraction hierarchy, with buckets as in
 * Knopp et al. 2007 (what OSRM's table service does): one backward upward search per destination
 * leaves `(destination, seconds)` in a bucket at every node it settles; one forward upward search
 * per origin then scans the buckets of the nodes it settles, and the best sum over the meeting
 * nodes is the travel time — the most important node of a fastest path is met by both. Each
 * search settles only its search space, so the cost grows with origins + destinations plus the
 * bucket entries read, not with origins × network.
 *
 * @param ch - The hierarchy.
 * @param origins - Origins' legs into the network.
 * @param destinations - Destinations' legs out of it.
 * @param max - Searches stop at this many seconds; sums above it may remain (callers cut them).
 * @returns Row-major `origins × destinations` seconds, `Infinity` where no meeting node was found.
 *
 * @example
 * const t = manyToMany(ch, originLegs, destinationLegs, Infinity);
 * t[o * destinationCount + d];
 */
export function manyToMany(
  ch: ContractionHierarchy,
  origins: LegList,
  destinations: LegList,
  max: number,
): Float64Array {
  const no = origins.start.length - 1;
  const nd = destinations.start.length - 1;
  const n = ch.nodeCount;
  const search = new UpwardSearch(ch);
  const nodes = new Int32Array(64);
  const times = new Float64Array(64);
  const load = (legs: LegList, i: number): number => {
    let k = 0;
    for (let j = legs.start[i]; j < legs.start[i + 1] && k < 64; j++) {
      nodes[k] = ch.internal[legs.node[j]];
      times[k++] = legs.timeS[j];
    }
    return k;
  };
  // Backward searches: bucket entries (node, destination, seconds), then grouped by node.
  let cap = 1024;
  let eNode = new Int32Array(cap);
  let eDest = new Int32Array(cap);
  let eTime = new Float64Array(cap);
  let m = 0;
  for (let d = 0; d < nd; d++) {
    search.run(nodes, times, load(destinations, d), false, max);
    const c = search.count;
    if (m + c > cap) {
      while (m + c > cap) cap *= 2;
      const a = new Int32Array(cap);
      a.set(eNode.subarray(0, m));
      eNode = a;
      const b = new Int32Array(cap);
      b.set(eDest.subarray(0, m));
      eDest = b;
      const t = new Float64Array(cap);
      t.set(eTime.subarray(0, m));
      eTime = t;
    }
    eNode.set(search.settled.subarray(0, c), m);
    eTime.set(search.settledTime.subarray(0, c), m);
    eDest.fill(d, m, m + c);
    m += c;
  }
  const first = new Uint32Array(n + 1);
  for (let i = 0; i < m; i++) first[eNode[i] + 1]++;
  for (let i = 0; i < n; i++) first[i + 1] += first[i];
  const fill = first.slice(0, n);
  const bDest = new Int32Array(m);
  const bTime = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const k = fill[eNode[i]]++;
    bDest[k] = eDest[i];
    bTime[k] = eTime[i];
  }
  const out = new Float64Array(no * nd).fill(Infinity);
  const { settled, settledTime } = search;
  for (let o = 0; o < no; o++) {
    search.run(nodes, times, load(origins, o), true, max);
    const row = o * nd;
    for (let i = 0, c = search.count; i < c; i++) {
      const x = settled[i];
      const tx = settledTime[i];
      for (let k = first[x], end = first[x + 1]; k < end; k++) {
        const t = tx + bTime[k];
        const j = row + bDest[k];
        if (t < out[j]) out[j] = t;
      }
    }
  }
  return out;
}
