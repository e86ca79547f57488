import { checkNumberArray, checkObject, optionsObject } from '../geo/check-args';
import { checkOptionKeys, type OptionKeys } from '../geo/option-keys';
import { InputError } from '../errors';
import { localSearch } from './local-search';
import { seededRandom } from './random';
import { type RuinOptions, type RuinState, ruinAndRecreate } from './ruin-recreate';
import { savingsTours } from './savings';
import type { TourSet } from './tour-set';
import { prepareProblem, type VrpProblem } from './vrp-problem';

/** Options of `solveVrp`. */
export interface SolveVrpOptions {
  /** Seed of the random choices (default 1): same seed and `iterations` → same tours. */
  seed?: number;
  /** Wall-clock budget in seconds (default 1 when `iterations` is not given). */
  timeLimitS?: number;
  /** Number of ruin-and-recreate iterations; deterministic, unlike a time budget. */
  iterations?: number;
  /** Nearest customers tried per customer in local search (default 20). */
  granular?: number;
  /** Start and end temperature of the annealing, as fractions of the mean arc cost of the
   * first solution (default 2 and 0.02). */
  temperature?: [number, number];
  /** Local search on each candidate (default true); false polishes only the start and the end. */
  localSearchEach?: boolean;
  /** Ruin-and-recreate settings (SISR's defaults). */
  ruin?: RuinOptions;
  /** The clock `timeLimitS` is measured on, in milliseconds (default `performance.now`); the
   * CLI and benchmarks pass the process's CPU time to mean "seconds on one core". */
  clock?: () => number;
}

// The keys of `SolveVrpOptions` and its `ruin`, for the unknown-key check.
const SOLVE_VRP_KEYS = {
  seed: true,
  timeLimitS: true,
  iterations: true,
  granular: true,
  temperature: true,
  localSearchEach: true,
  ruin: true,
  clock: true,
} satisfies OptionKeys<SolveVrpOptions>;
const RUIN_KEYS = {
  averageRemoved: true,
  maxString: true,
  stringRate: true,
  blinkRate: true,
} satisfies OptionKeys<RuinOptions>;

/** One tour: depot, the customers in visiting order, and its totals. */
export interface VrpTour {
  depot: number;
  stops: number[];
  /** Travel cost (without the fixed tour cost). */
  cost: number;
  load: number;
  /** Travel plus service. */
  duration: number;
}

/** Why a customer cannot be in any tour. */
export type UnservedReason = 'demand-over-capacity' | 'unreachable' | 'longer-than-day';

/** The result of `solveVrp`. */
export interface VrpSolution {
  /** Total travel cost of the tours (fixed tour costs not included). */
  cost: number;
  tours: VrpTour[];
  /** Customers no tour can serve, each with the reason; they are not in `tours`. */
  unserved: { customer: number; reason: UnservedReason }[];
  /** Ruin-and-recreate iterations run. */
  iterations: number;
}

/**
 * Solve a vehicle-routing problem: capacity, a working-day limit (travel + service), several
 * depots, asymmetric costs. Clarke–Wright savings build a first solution; then, until the budget
 * runs out, a ruin-and-recreate step (SISR: strings of customers near a random one are removed
 * and reinserted greedily with blinks) followed by granular local search (relocate, or-opt,
 * swap, 2-opt, 2-opt*) makes a candidate, accepted by simulated annealing; the best is kept.
 * Deterministic under `seed` with an `iterations` budget; a time budget is the only source of
 * variation between runs.
 *
 * @param problem - Cost matrix, depots, customers, demand/capacity, service/maxDuration.
 * @param options - Budget (`timeLimitS` or `iterations`), `seed` and tuning.
 * @returns Tours, their total cost and the customers that cannot be served, with the reason.
 * @example
 * const inst = readTsplibCvrp(text, 'A-n32-k5.vrp');
 * const sol = solveVrp(
 *   {
 *     matrix: euclideanCostMatrix(inst.x, inst.y),
 *     depots: [inst.depot],
 *     customers: inst.ids.map((_, i) => i).filter((i) => i !== inst.depot),
 *     demand: inst.demand,
 *     capacity: inst.capacity,
 *   },
 *   { iterations: 20000, seed: 1 },
 * );
 * sol.cost; // 784 (the proven optimum) or close to it
 */
export function solveVrp(problem: VrpProblem, options: SolveVrpOptions = {}): VrpSolution {
  checkObject(problem, 'solveVrp: problem ({ matrix, depots, customers, … })');
  checkObject(problem.matrix, 'solveVrp: problem.matrix ({ size, cost })');
  checkNumberArray(problem.matrix.cost, 'solveVrp: problem.matrix.cost');
  options = optionsObject(options, 'solveVrp', SOLVE_VRP_KEYS);
  if (options.ruin && typeof options.ruin === 'object')
    checkOptionKeys(options.ruin, RUIN_KEYS, 'solveVrp: ruin');
  const p = prepareProblem(problem);
  const { n, m } = p;
  const iterations = options.iterations;
  if (iterations !== undefined && !(Number.isInteger(iterations) && iterations >= 0))
    throw new InputError('invalid-option', `iterations must be an integer ≥ 0, got ${iterations}`);
  const limitS = options.timeLimitS ?? (iterations === undefined ? 1 : Infinity);
  if (!(limitS >= 0))
    throw new InputError('invalid-option', `timeLimitS must be ≥ 0, got ${options.timeLimitS}`);
  const rand = seededRandom(options.seed ?? 1);
  const granular = options.granular ?? 20;
  const [t0, t1] = options.temperature ?? [2, 0.02];
  const lsEach = options.localSearchEach ?? true;

  // Customers no tour can serve, and each one's cheapest round trip for the insertion order.
  const unserved: VrpSolution['unserved'] = [];
  const skip = new Uint8Array(n);
  const far = new Float64Array(n);
  const active: number[] = [];
  for (const c of p.customers) {
    let rt = Infinity;
    for (const d of p.depots) rt = Math.min(rt, m[d * n + c] + m[c * n + d]);
    far[c] = rt;
    const reason: UnservedReason | null =
      p.demand[c] > p.capacity
        ? 'demand-over-capacity'
        : rt === Infinity
          ? 'unreachable'
          : rt + p.service[c] > p.maxDuration
            ? 'longer-than-day'
            : null;
    if (reason) {
      skip[c] = 1;
      unserved.push({ customer: c, reason });
    } else active.push(c);
  }
  const order = Int32Array.from(active);
  const shuffled = () => {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      const x = order[i];
      order[i] = order[j];
      order[j] = x;
    }
    return order;
  };

  const clock = options.clock ?? (() => performance.now());
  const started = clock();
  const queued = new Uint8Array(n);
  let cur = savingsTours(p, skip);
  localSearch(cur, shuffled(), granular, queued);
  let curCost = cur.cost();
  let best = cur;
  let bestCost = curCost;
  const arcs = active.length + cur.seq.length;
  // Temperatures scale with the driving only: fixed tour and vehicle costs would inflate them.
  let travel = 0;
  for (const a of cur.arc) travel += a;
  const meanArc = arcs > 0 ? travel / arcs : 0;
  const tStart = Math.max(meanArc * t0, 1e-9);
  const tEnd = Math.max(meanArc * t1, 1e-12);
  const state: RuinState = {
    rand,
    averageRemoved: options.ruin?.averageRemoved ?? 10,
    maxString: options.ruin?.maxString ?? 10,
    stringRate: options.ruin?.stringRate ?? 0.5,
    blinkRate: options.ruin?.blinkRate ?? 0.01,
    active: Int32Array.from(active),
    far,
    mark: new Int32Array(n),
    stamp: 0,
    removed: [],
    survivors: [],
    touched: [],
  };
  let it = 0;
  for (; active.length > 0; it++) {
    const elapsedS = (clock() - started) / 1000;
    const progress = iterations !== undefined ? it / Math.max(iterations, 1) : elapsedS / limitS;
    if ((iterations !== undefined && it >= iterations) || elapsedS >= limitS) break;
    const temp = tStart * (tEnd / tStart) ** Math.min(progress, 1);
    const cand: TourSet = cur.clone();
    ruinAndRecreate(cand, state);
    if (lsEach) localSearch(cand, state.touched, granular, queued);
    const c = cand.cost();
    if (c < curCost - temp * Math.log(rand())) {
      cur = cand;
      curCost = c;
    }
    if (c < bestCost - 1e-9) {
      best = cand;
      bestCost = c;
    }
  }
  if (!lsEach) {
    best = best.clone();
    localSearch(best, shuffled(), granular, queued);
  }
  const tours: VrpTour[] = best.seq.map((s, r) => ({
    depot: s[0],
    stops: s.slice(1, -1),
    cost: best.arc[r],
    load: best.load[r],
    duration: best.arc[r] + best.svc[r],
  }));
  let cost = 0;
  for (const t of tours) cost += t.cost;
  return { cost, tours, unserved, iterations: it };
}
