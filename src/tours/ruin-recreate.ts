import type { TourSet } from './tour-set';

/** Knobs of the ruin-and-recreate step; the defaults are SISR's published ones. */
export interface RuinOptions {
  /** Average number of customers removed per ruin (SISR's c̄, default 10). */
  averageRemoved?: number;
  /** Longest string removed from one tour (SISR's L_max, default 10). */
  maxString?: number;
  /** Probability that a tour loses a plain string rather than a split one (default 0.5). */
  stringRate?: number;
  /** Probability of skipping an insertion position while recreating (default 0.01). */
  blinkRate?: number;
}

/**
 * Scratch space and settings shared by every ruin-and-recreate call of one solve. Internal.
 */
export interface RuinState {
  rand: () => number;
  averageRemoved: number;
  maxString: number;
  stringRate: number;
  blinkRate: number;
  /** Customers currently routed. */
  active: Int32Array;
  /** Round-trip cost from the nearest depot, for the "far first" insertion order. */
  far: Float64Array;
  /** `mark[c] === stamp` when c was removed in this ruin. */
  mark: Int32Array;
  stamp: number;
  removed: number[];
  /** One customer left in each ruined tour (so its tour can be found after recreating). */
  survivors: number[];
  /** After a call: the customers of every tour the call changed, for local search. */
  touched: number[];
}

/**
 * Slack Induction by String Removals (Christiaens & Vanden Berghe, 2020), our own version: remove
 * strings of consecutive customers from a few tours that lie near a random seed customer, so that
 * neighbouring tours gain slack together, then reinsert the removed customers one by one at the
 * cheapest feasible position, skipping each position with a small probability ("blinks"), in a
 * random, largest-demand, farthest or nearest order. Changes `t` in place. Internal.
 *
 * @param t - The tours to change.
 * @param s - Settings and scratch space.
 * @example
 * ruinAndRecreate(candidate, state);
 */
export function ruinAndRecreate(t: TourSet, s: RuinState): void {
  ruin(t, s);
  recreate(t, s);
  s.touched.length = 0;
  const seen: number[] = [];
  for (const list of [s.removed, s.survivors])
    for (const c of list) {
      const r = t.routeOf[c];
      if (r < 0 || seen.includes(r)) continue;
      seen.push(r);
      const seq = t.seq[r];
      for (let i = 1; i < seq.length - 1; i++) s.touched.push(seq[i]);
    }
}

function ruin(t: TourSet, s: RuinState): void {
  const { rand, active, mark } = s;
  const p = t.p;
  const routes = t.seq.length;
  if (routes === 0 || active.length === 0) return;
  s.stamp++;
  s.removed.length = 0;
  s.survivors.length = 0;
  const avgLen = active.length / routes;
  const lsMax = Math.min(s.maxString, avgLen);
  const ksMax = (4 * s.averageRemoved) / (1 + lsMax) - 1;
  const ks = Math.floor(rand() * ksMax) + 1;
  const seed = active[Math.floor(rand() * active.length)];
  const ruined: number[] = [];
  for (let k = -1; k < p.nearCount && ruined.length < ks; k++) {
    const c = k < 0 ? seed : p.near[seed * p.nearCount + k];
    const r = t.routeOf[c];
    if (r < 0 || mark[c] === s.stamp || ruined.includes(r)) continue;
    const seq = t.seq[r];
    const len = seq.length - 2;
    const l = Math.floor(rand() * Math.min(len, lsMax)) + 1;
    const pos = t.posOf[c];
    if (l === len || rand() < s.stringRate) {
      const start = pick(rand, Math.max(1, pos - l + 1), Math.min(pos, len - l + 1));
      for (let i = start; i < start + l; i++) take(seq[i], s);
    } else {
      // A split string: remove l of a window of l + m customers, keeping m consecutive ones.
      let keep = 1;
      while (l + keep < len && rand() < 0.5) keep++;
      const w = l + keep;
      const start = pick(rand, Math.max(1, pos - w + 1), Math.min(pos, len - w + 1));
      const kept = pick(rand, start, start + l);
      for (let i = start; i < start + w; i++) if (i < kept || i >= kept + keep) take(seq[i], s);
    }
    ruined.push(r);
  }
  for (const r of ruined) {
    t.seq[r] = t.seq[r].filter((c, i, a) => i === 0 || i === a.length - 1 || mark[c] !== s.stamp);
    t.refresh(r);
    if (t.seq[r].length > 2) s.survivors.push(t.seq[r][1]);
  }
  for (const c of s.removed) t.routeOf[c] = -1;
  t.dropEmpty();
}

function take(c: number, s: RuinState): void {
  s.mark[c] = s.stamp;
  s.removed.push(c);
}

/** A uniform integer in [lo, hi]. */
function pick(rand: () => number, lo: number, hi: number): number {
  return hi <= lo ? lo : lo + Math.floor(rand() * (hi - lo + 1));
}

function recreate(t: TourSet, s: RuinState): void {
  const { rand, removed } = s;
  const p = t.p;
  const { n, m, demand, service } = p;
  const order = rand();
  // SISR's weights 4 : 4 : 2 : 1 for random, largest demand, farthest, nearest.
  if (order < 4 / 11) shuffle(removed, rand);
  else if (order < 8 / 11) removed.sort((a, b) => demand[b] - demand[a] || a - b);
  else if (order < 10 / 11) removed.sort((a, b) => s.far[b] - s.far[a] || a - b);
  else removed.sort((a, b) => s.far[a] - s.far[b] || a - b);
  // Tours per depot: a new tour at a depot whose vehicles are all busy costs one more vehicle.
  const count = p.depotTours;
  for (const d of p.depots) count[d] = 0;
  for (const seq of t.seq) count[seq[0]]++;
  for (const c of removed) {
    let bestR = -1;
    let bestI = -1;
    let bestDepot = -1;
    let best = Infinity;
    const dc = demand[c];
    const sc = service[c];
    for (let r = 0; r < t.seq.length; r++) {
      if (t.load[r] + dc > p.capacity + 1e-9) continue;
      const seq = t.seq[r];
      const room = p.maxDuration + 1e-9 - t.arc[r] - t.svc[r] - sc;
      for (let i = 0; i < seq.length - 1; i++) {
        const a = seq[i];
        const b = seq[i + 1];
        const delta = m[a * n + c] + m[c * n + b] - m[a * n + b];
        if (delta < best && delta <= room && rand() >= s.blinkRate) {
          best = delta;
          bestR = r;
          bestI = i;
        }
      }
    }
    for (const d of p.depots) {
      const fixed = p.tourCost + (count[d] % p.toursPerVehicle === 0 ? p.vehicleCost : 0);
      const delta = m[d * n + c] + m[c * n + d];
      if (delta + fixed < best && t.fits(dc, delta + sc)) {
        best = delta + fixed;
        bestDepot = d;
      }
    }
    if (bestDepot >= 0) {
      t.add([bestDepot, c, bestDepot]);
      count[bestDepot]++;
    } else {
      t.seq[bestR].splice(bestI + 1, 0, c);
      t.refresh(bestR);
    }
  }
}

function shuffle(a: number[], rand: () => number): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const x = a[i];
    a[i] = a[j];
    a[j] = x;
  }
}
