import type { VrpProblem } from '../../src/tours/vrp-problem';

/**
 * The exact optimum by exhaustion: the cheapest tour over each feasible subset of customers
 * (Held–Karp over visiting orders, best depot), then the cheapest partition of all customers
 * into such subsets; each tour adds `tourCost`. Exponential: for ≤ 10 customers.
 */
export function bruteForceOptimum(p: VrpProblem): number {
  const n = p.matrix.size;
  const m = p.matrix.cost;
  const cs = Array.from(p.customers);
  const k = cs.length;
  const full = (1 << k) - 1;
  const tour = new Float64Array(1 << k).fill(Infinity);
  for (const d of Array.from(p.depots)) {
    // path[mask * k + last]: cheapest path from d through mask ending at cs[last].
    const path = new Float64Array((1 << k) * k).fill(Infinity);
    for (let a = 0; a < k; a++) path[(1 << a) * k + a] = m[d * n + cs[a]];
    for (let mask = 1; mask <= full; mask++)
      for (let a = 0; a < k; a++) {
        const v = path[mask * k + a];
        if (!(mask & (1 << a)) || v === Infinity) continue;
        for (let b = 0; b < k; b++)
          if (!(mask & (1 << b))) {
            const w = v + m[cs[a] * n + cs[b]];
            const key = (mask | (1 << b)) * k + b;
            if (w < path[key]) path[key] = w;
          }
      }
    for (let mask = 1; mask <= full; mask++) {
      let load = 0;
      let service = 0;
      for (let a = 0; a < k; a++)
        if (mask & (1 << a)) {
          load += p.demand?.[cs[a]] ?? 0;
          service += p.service?.[cs[a]] ?? 0;
        }
      if (load > (p.capacity ?? Infinity)) continue;
      for (let a = 0; a < k; a++) {
        const c = path[mask * k + a] + m[cs[a] * n + d];
        if (c + service <= (p.maxDuration ?? Infinity) && c < tour[mask]) tour[mask] = c;
      }
    }
  }
  for (let mask = 1; mask <= full; mask++) tour[mask] += p.tourCost ?? 0;
  const best = new Float64Array(1 << k).fill(Infinity);
  best[0] = 0;
  for (let mask = 1; mask <= full; mask++) {
    const low = mask & -mask;
    for (let sub = mask; sub > 0; sub = (sub - 1) & mask)
      if (sub & low && tour[sub] + best[mask ^ sub] < best[mask])
        best[mask] = tour[sub] + best[mask ^ sub];
  }
  return best[full];
}
