import type { TourSet } from './tour-set';

const EPS = 1e-9;

/**
 * Granular local search (Toth & Vigo's granular neighbourhoods, as in HGS-CVRP and VROOM): for
 * each customer u and each of its `granular` nearest customers v, try, and apply the first that
 * lowers the cost while keeping capacity and the working day:
 * - relocate u, or the string of 2 or 3 customers starting at u (as is or reversed: or-opt),
 *   next to v (after it or before it);
 * - swap u and v;
 * - 2-opt* between two tours (exchange their tails so that u and v become consecutive);
 * - 2-opt within a tour (reverse the customers between u and v).
 * Every move is priced in O(1) from the tours' prefix sums; reversals price the backward
 * direction, so one-way (asymmetric) costs are handled. Only customers in `start` are tried at
 * first; when a move changes two tours, their customers are queued again (HGS skips route pairs
 * unchanged since their last test for the same reason), until the queue is empty. Internal.
 *
 * @param t - The tours, improved in place.
 * @param start - The customers to try first, in this order (the caller shuffles them).
 * @param granular - How many nearest customers of u are tried as v.
 * @param queued - Scratch flags, one per node, all 0 (left all 0).
 * @example
 * localSearch(tours, customers, 20, new Uint8Array(prepared.n));
 */
export function localSearch(
  t: TourSet,
  start: ArrayLike<number>,
  granular: number,
  queued: Uint8Array,
): void {
  const p = t.p;
  const g = Math.min(granular, p.nearCount);
  const queue: number[] = [];
  for (let k = start.length - 1; k >= 0; k--) {
    const u = start[k];
    if (!queued[u] && t.routeOf[u] >= 0) {
      queued[u] = 1;
      queue.push(u);
    }
  }
  const requeue = (r: number) => {
    const s = t.seq[r];
    for (let i = s.length - 2; i >= 1; i--)
      if (!queued[s[i]]) {
        queued[s[i]] = 1;
        queue.push(s[i]);
      }
  };
  while (queue.length > 0) {
    const u = queue.pop()!;
    queued[u] = 0;
    for (let q = 0; q < g; q++) {
      const v = p.near[u * p.nearCount + q];
      if (t.routeOf[v] < 0) continue;
      const ru = t.routeOf[u];
      const rv = t.routeOf[v];
      if (tryMoves(t, u, v)) {
        requeue(ru);
        if (rv !== ru) requeue(rv);
        // u moved (or its neighbours changed): look at it again from its first neighbour.
        if (!queued[u]) {
          queued[u] = 1;
          queue.push(u);
        }
        break;
      }
    }
  }
  t.dropEmpty();
}

function tryMoves(t: TourSet, u: number, v: number): boolean {
  const ru = t.routeOf[u];
  const rv = t.routeOf[v];
  const i = t.posOf[u];
  const j = t.posOf[v];
  const S = t.seq[ru];
  for (let len = 1; len <= 3; len++) {
    if (i + len - 1 > S.length - 2) break;
    for (let rev = 0; rev < (len > 1 ? 2 : 1); rev++) {
      if (relocate(t, ru, i, len, rev === 1, rv, j)) return true;
      if (relocate(t, ru, i, len, rev === 1, rv, j - 1)) return true;
    }
  }
  if (swap(t, u, v)) return true;
  if (ru !== rv) {
    if (twoOptStar(t, ru, i, rv, j - 1)) return true;
    if (twoOptStar(t, ru, i - 1, rv, j)) return true;
  } else if (i < j) {
    if (twoOpt(t, ru, i, j)) return true;
  } else if (twoOpt(t, ru, j - 1, i - 1)) return true;
  return false;
}

/** Move positions i…i+len−1 of tour ru (reversed if asked) between positions p and p+1 of rv. */
function relocate(
  t: TourSet,
  ru: number,
  i: number,
  len: number,
  reversed: boolean,
  rv: number,
  pos: number,
): boolean {
  const { m, n } = t.p;
  const S = t.seq[ru];
  const T = t.seq[rv];
  const e = i + len - 1;
  if (ru === rv && pos >= i - 1 && pos <= e) return false;
  const first = S[i];
  const last = S[e];
  const prev = S[i - 1];
  const next = S[e + 1];
  const a = T[pos];
  const b = T[pos + 1];
  const removeDelta = m[prev * n + next] - m[prev * n + first] - m[last * n + next];
  const fs = t.fwd[ru];
  const bs = t.bwd[ru];
  const insertDelta = reversed
    ? m[a * n + last] + m[first * n + b] - m[a * n + b] + (bs[e] - bs[i]) - (fs[e] - fs[i])
    : m[a * n + first] + m[last * n + b] - m[a * n + b];
  const delta = removeDelta + insertDelta;
  if (!(delta < -EPS)) return false;
  if (ru === rv) {
    if (!t.fits(t.load[ru], t.arc[ru] + delta + t.svc[ru])) return false;
  } else {
    const segLoad = t.loadPre[ru][e] - t.loadPre[ru][i - 1];
    const segSvc = t.svcPre[ru][e] - t.svcPre[ru][i - 1];
    // The string's own arcs move with it (insertDelta and removeDelta leave them out).
    const inner = fs[e] - fs[i];
    if (!t.fits(t.load[rv] + segLoad, t.arc[rv] + inner + insertDelta + t.svc[rv] + segSvc))
      return false;
    if (!t.fits(t.load[ru] - segLoad, t.arc[ru] - inner + removeDelta + t.svc[ru] - segSvc))
      return false;
  }
  const seg = S.splice(i, len);
  if (reversed) seg.reverse();
  const at = ru === rv && pos > e ? pos - len + 1 : pos + 1;
  T.splice(at, 0, ...seg); // spread-ok: at most 3 customers
  t.refresh(ru);
  if (rv !== ru) t.refresh(rv);
  return true;
}

function swap(t: TourSet, u: number, v: number): boolean {
  const { m, n, demand, service } = t.p;
  let ru = t.routeOf[u];
  let rv = t.routeOf[v];
  let i = t.posOf[u];
  let j = t.posOf[v];
  if (ru === rv && j < i) {
    [u, v, i, j, ru, rv] = [v, u, j, i, rv, ru];
  }
  const S = t.seq[ru];
  const T = t.seq[rv];
  if (ru === rv && j === i + 1) {
    const a = S[i - 1];
    const b = S[j + 1];
    const delta =
      m[a * n + v] + m[v * n + u] + m[u * n + b] - m[a * n + u] - m[u * n + v] - m[v * n + b];
    if (!(delta < -EPS) || !t.fits(t.load[ru], t.arc[ru] + delta + t.svc[ru])) return false;
  } else {
    const dS =
      m[S[i - 1] * n + v] + m[v * n + S[i + 1]] - m[S[i - 1] * n + u] - m[u * n + S[i + 1]];
    const dT =
      m[T[j - 1] * n + u] + m[u * n + T[j + 1]] - m[T[j - 1] * n + v] - m[v * n + T[j + 1]];
    if (!(dS + dT < -EPS)) return false;
    if (ru === rv) {
      if (!t.fits(t.load[ru], t.arc[ru] + dS + dT + t.svc[ru])) return false;
    } else {
      const dl = demand[v] - demand[u];
      const ds = service[v] - service[u];
      if (!t.fits(t.load[ru] + dl, t.arc[ru] + dS + t.svc[ru] + ds)) return false;
      if (!t.fits(t.load[rv] - dl, t.arc[rv] + dT + t.svc[rv] - ds)) return false;
    }
  }
  S[i] = v;
  T[j] = u;
  t.refresh(ru);
  if (rv !== ru) t.refresh(rv);
  return true;
}

/** Cost of driving from `from` through X's customers after position j, then to `depot`. */
function tailCost(t: TourSet, r: number, j: number, from: number, depot: number): number {
  const { m, n } = t.p;
  const X = t.seq[r];
  const last = X.length - 2;
  if (j + 1 > last) return m[from * n + depot];
  const f = t.fwd[r];
  return m[from * n + X[j + 1]] + (f[last] - f[j + 1]) + m[X[last] * n + depot];
}

/** Tours ru and rv exchange the customers after positions i and j. */
function twoOptStar(t: TourSet, ru: number, i: number, rv: number, j: number): boolean {
  const S = t.seq[ru];
  const T = t.seq[rv];
  if (i < 0 || j < 0) return false;
  if (i === S.length - 2 && j === T.length - 2) return false;
  const dS = S[0];
  const dT = T[0];
  const costS = t.fwd[ru][i] + tailCost(t, rv, j, S[i], dS);
  const costT = t.fwd[rv][j] + tailCost(t, ru, i, T[j], dT);
  const delta = costS + costT - t.arc[ru] - t.arc[rv];
  if (!(delta < -EPS)) return false;
  const lS = t.loadPre[ru][i];
  const lT = t.loadPre[rv][j];
  const sS = t.svcPre[ru][i];
  const sT = t.svcPre[rv][j];
  if (!t.fits(lS + t.load[rv] - lT, costS + sS + t.svc[rv] - sT)) return false;
  if (!t.fits(lT + t.load[ru] - lS, costT + sT + t.svc[ru] - sS)) return false;
  t.seq[ru] = S.slice(0, i + 1).concat(T.slice(j + 1, T.length - 1), [dS]);
  t.seq[rv] = T.slice(0, j + 1).concat(S.slice(i + 1, S.length - 1), [dT]);
  t.refresh(ru);
  t.refresh(rv);
  return true;
}

/** Reverse positions a+1…b of tour r (new arcs S[a]→S[b] and S[a+1]→S[b+1]). */
function twoOpt(t: TourSet, r: number, a: number, b: number): boolean {
  if (a < 0 || b - a < 2) return false;
  const { m, n } = t.p;
  const S = t.seq[r];
  const f = t.fwd[r];
  const bw = t.bwd[r];
  const delta =
    m[S[a] * n + S[b]] + m[S[a + 1] * n + S[b + 1]] + (bw[b] - bw[a + 1]) - (f[b + 1] - f[a]);
  if (!(delta < -EPS) || !t.fits(t.load[r], t.arc[r] + delta + t.svc[r])) return false;
  for (let x = a + 1, y = b; x < y; x++, y--) {
    const c = S[x];
    S[x] = S[y];
    S[y] = c;
  }
  t.refresh(r);
  return true;
}
