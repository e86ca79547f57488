import { TourSet } from './tour-set';
import type { PreparedProblem } from './vrp-problem';

/**
 * Clarke and Wright's parallel savings (1964): start with one out-and-back tour per customer,
 * then, best saving `c(i,d) + c(d,j) − c(i,j)` first, join the tour ending at i to the tour
 * starting at j while capacity and the working day allow. With several depots each customer
 * starts at the depot of its cheapest round trip. On symmetric costs a tour may be reversed to
 * bring i to its end or j to its start. Customers listed in `skip` are left out. Internal.
 *
 * @param p - The prepared problem.
 * @param skip - Customers not to route (`skip[c] = 1`).
 * @returns The tours.
 * @example
 * const start = savingsTours(prepared, new Uint8Array(prepared.n));
 */
export function savingsTours(p: PreparedProblem, skip: Uint8Array): TourSet {
  const { n, m, demand, service } = p;
  const home = new Int32Array(n).fill(-1);
  const byDepot = new Map<number, number[]>();
  for (const c of p.customers) {
    if (skip[c]) continue;
    let best = -1;
    let bestCost = Infinity;
    for (const d of p.depots) {
      const rt = m[d * n + c] + m[c * n + d];
      if (rt < bestCost) {
        bestCost = rt;
        best = d;
      }
    }
    home[c] = best;
    const list = byDepot.get(best);
    if (list) list.push(c);
    else byDepot.set(best, [c]);
  }
  const tours = new TourSet(p);
  for (const [d, cs] of byDepot) {
    // Tours as arrays of customers; `tourOf` maps a customer to its tour's index.
    const seqs: number[][] = cs.map((c) => [c]);
    const tourOf = new Int32Array(n).fill(-1);
    const load: number[] = [];
    const dur: number[] = [];
    cs.forEach((c, i) => {
      tourOf[c] = i;
      load.push(demand[c]);
      dur.push(m[d * n + c] + m[c * n + d] + service[c]);
    });
    const pairs: number[] = [];
    const value: number[] = [];
    const ends: number[] = [];
    for (let a = 0; a < cs.length; a++)
      for (let b = p.symmetric ? a + 1 : 0; b < cs.length; b++) {
        if (a === b) continue;
        const i = cs[a];
        const j = cs[b];
        const s = m[i * n + d] + m[d * n + j] - m[i * n + j];
        if (s > 0) {
          pairs.push(pairs.length);
          value.push(s);
          ends.push(i, j);
        }
      }
    pairs.sort((x, y) => value[y] - value[x] || x - y);
    for (const k of pairs) {
      const i = ends[2 * k];
      const j = ends[2 * k + 1];
      const A = tourOf[i];
      const B = tourOf[j];
      if (A === B) continue;
      let sa = seqs[A];
      let sb = seqs[B];
      if (p.symmetric) {
        if (sa[sa.length - 1] !== i && sa[0] === i) sa = seqs[A] = sa.reverse();
        if (sb[0] !== j && sb[sb.length - 1] === j) sb = seqs[B] = sb.reverse();
      }
      if (sa[sa.length - 1] !== i || sb[0] !== j) continue;
      const newDur = dur[A] + dur[B] - m[i * n + d] - m[d * n + j] + m[i * n + j];
      if (!tours.fits(load[A] + load[B], newDur)) continue;
      for (const c of sb) {
        sa.push(c);
        tourOf[c] = A;
      }
      seqs[B] = [];
      load[A] += load[B];
      dur[A] = newDur;
    }
    for (const s of seqs) if (s.length > 0) tours.add([d].concat(s, [d]));
  }
  return tours;
}
