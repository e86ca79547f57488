import type { PreparedProblem } from './vrp-problem';

/**
 * The solver's working solution: each tour as `[depot, customer…, depot]` with its load, travel
 * cost and service sum, and prefix sums that let local search price a move in O(1). Internal.
 */
export class TourSet {
  /** Each tour as `[depot, c1, …, ck, depot]`. */
  seq: number[][] = [];
  load: number[] = [];
  arc: number[] = [];
  svc: number[] = [];
  /** `fwd[r][i]`: travel cost from position 0 to position i; `bwd` the same driven backwards. */
  fwd: number[][] = [];
  bwd: number[][] = [];
  /** `loadPre[r][i]`, `svcPre[r][i]`: demand and service of positions 0…i. */
  loadPre: number[][] = [];
  svcPre: number[][] = [];
  routeOf: Int32Array;
  posOf: Int32Array;

  /**
   * An empty solution for a problem.
   *
   * @param p - The prepared problem.
   * @example
   * const s = new TourSet(prepared);
   */
  constructor(readonly p: PreparedProblem) {
    this.routeOf = new Int32Array(p.n).fill(-1);
    this.posOf = new Int32Array(p.n).fill(-1);
  }

  /**
   * A deep copy.
   *
   * @example
   * const copy = tours.clone();
   */
  clone(): TourSet {
    const t = new TourSet(this.p);
    t.seq = this.seq.map((s) => s.slice());
    t.load = this.load.slice();
    t.arc = this.arc.slice();
    t.svc = this.svc.slice();
    t.fwd = this.fwd.map((s) => s.slice());
    t.bwd = this.bwd.map((s) => s.slice());
    t.loadPre = this.loadPre.map((s) => s.slice());
    t.svcPre = this.svcPre.map((s) => s.slice());
    t.routeOf.set(this.routeOf);
    t.posOf.set(this.posOf);
    return t;
  }

  /**
   * Append a tour and index it.
   *
   * @param seq - `[depot, …, depot]`.
   * @example
   * tours.add([0, 3, 1, 0]);
   */
  add(seq: number[]): number {
    const r = this.seq.length;
    this.seq.push(seq);
    this.load.push(0);
    this.arc.push(0);
    this.svc.push(0);
    this.fwd.push([]);
    this.bwd.push([]);
    this.loadPre.push([]);
    this.svcPre.push([]);
    this.refresh(r);
    return r;
  }

  /**
   * Recompute tour `r`'s sums and positions after its sequence changed.
   *
   * @param r - The tour.
   * @example
   * tours.refresh(2);
   */
  refresh(r: number): void {
    const { m, n, demand, service } = this.p;
    const s = this.seq[r];
    const k = s.length;
    const fwd = this.fwd[r];
    const bwd = this.bwd[r];
    const lp = this.loadPre[r];
    const sp = this.svcPre[r];
    fwd.length = bwd.length = lp.length = sp.length = k;
    fwd[0] = bwd[0] = 0;
    lp[0] = sp[0] = 0;
    for (let i = 1; i < k; i++) {
      const a = s[i - 1];
      const b = s[i];
      fwd[i] = fwd[i - 1] + m[a * n + b];
      bwd[i] = bwd[i - 1] + m[b * n + a];
      lp[i] = lp[i - 1] + (i < k - 1 ? demand[b] : 0);
      sp[i] = sp[i - 1] + (i < k - 1 ? service[b] : 0);
      if (i < k - 1) {
        this.routeOf[b] = r;
        this.posOf[b] = i;
      }
    }
    this.arc[r] = fwd[k - 1];
    this.load[r] = lp[k - 1];
    this.svc[r] = sp[k - 1];
  }

  /**
   * Remove tours without customers, re-indexing the rest.
   *
   * @example
   * tours.dropEmpty();
   */
  dropEmpty(): void {
    let w = 0;
    for (let r = 0; r < this.seq.length; r++) {
      if (this.seq[r].length <= 2) continue;
      if (w !== r) {
        this.seq[w] = this.seq[r];
        this.load[w] = this.load[r];
        this.arc[w] = this.arc[r];
        this.svc[w] = this.svc[r];
        this.fwd[w] = this.fwd[r];
        this.bwd[w] = this.bwd[r];
        this.loadPre[w] = this.loadPre[r];
        this.svcPre[w] = this.svcPre[r];
        const s = this.seq[w];
        for (let i = 1; i < s.length - 1; i++) this.routeOf[s[i]] = w;
      }
      w++;
    }
    for (const a of [
      this.seq,
      this.load,
      this.arc,
      this.svc,
      this.fwd,
      this.bwd,
      this.loadPre,
      this.svcPre,
    ])
      a.length = w;
  }

  /**
   * Objective: travel cost, plus the fixed cost of each tour with a customer, plus the cost of
   * the vehicles each depot needs for its tours.
   *
   * @example
   * tours.cost();
   */
  cost(): number {
    const p = this.p;
    let c = 0;
    for (let r = 0; r < this.seq.length; r++)
      if (this.seq[r].length > 2) c += this.arc[r] + p.tourCost;
    if (p.vehicleCost > 0) {
      const count = p.depotTours;
      for (const d of p.depots) count[d] = 0;
      for (const s of this.seq) if (s.length > 2) count[s[0]]++;
      for (const d of p.depots) c += p.vehicleCost * Math.ceil(count[d] / p.toursPerVehicle);
    }
    return c;
  }

  /**
   * Whether tour `r` with these totals keeps to capacity and the working day.
   *
   * @param load - Its demand.
   * @param duration - Its travel plus service.
   * @example
   * tours.fits(80, 7 * 3600);
   */
  fits(load: number, duration: number): boolean {
    return load <= this.p.capacity + 1e-9 && duration <= this.p.maxDuration + 1e-9;
  }
}
