import { InputError } from '../errors';
import type { CostMatrix } from './cost-matrix';

/**
 * A vehicle-routing problem on the nodes of a cost matrix: tours leave a depot, visit customers
 * and come back to the same depot. Durations use the same unit as the costs (seconds on a road
 * network): a tour's duration is its travel cost plus the service time of its stops.
 */
export interface VrpProblem {
  /** Travel cost between every pair of nodes (depots and customers); may be asymmetric. */
  matrix: CostMatrix;
  /** Node indices of the depots (at least one). */
  depots: ArrayLike<number>;
  /** Node indices of the customers, each to be visited exactly once. */
  customers: ArrayLike<number>;
  /** Demand per node (indexed by node; default 0). */
  demand?: ArrayLike<number>;
  /** Most demand one tour may carry (default no limit). */
  capacity?: number;
  /** Service time per node (indexed by node; default 0). */
  service?: ArrayLike<number>;
  /** Longest tour: travel plus service (default no limit). */
  maxDuration?: number;
  /** A fixed cost per tour used, so that fewer tours win over slightly shorter ones (default 0). */
  tourCost?: number;
  /**
   * A cost per vehicle (default 0): a depot with k tours needs ⌈k / toursPerVehicle⌉ vehicles,
   * so tours gather at fewer depots when one vehicle can drive several (one per working day).
   */
  vehicleCost?: number;
  /** Tours one vehicle drives (per period), for `vehicleCost` (default 1). */
  toursPerVehicle?: number;
}

/** The problem with defaults filled in, validated, plus neighbour lists. Internal. */
export interface PreparedProblem {
  n: number;
  m: Float64Array;
  demand: Float64Array;
  service: Float64Array;
  capacity: number;
  maxDuration: number;
  tourCost: number;
  vehicleCost: number;
  toursPerVehicle: number;
  /** Scratch: tours per depot node while pricing vehicles. */
  depotTours: Int32Array;
  depots: Int32Array;
  customers: Int32Array;
  symmetric: boolean;
  /** For each node, the other customers nearest first (`near[i * nearCount + k]`). */
  near: Int32Array;
  nearCount: number;
}

const NEAR_MAX = 100;

function toursPerVehicle(v: number | undefined): number {
  if (v === undefined) return 1;
  if (!(Number.isInteger(v) && v >= 1))
    throw new InputError('invalid-option', `toursPerVehicle must be a whole number ≥ 1, got ${v}`);
  return v;
}

/**
 * Check a problem and fill in its defaults.
 *
 * @param p - The problem.
 * @returns The prepared problem (internal form).
 * @example
 * const prepared = prepareProblem({ matrix, depots: [0], customers: [1, 2, 3] });
 */
export function prepareProblem(p: VrpProblem): PreparedProblem {
  const n = p.matrix.size;
  if (!(n >= 1) || p.matrix.cost.length !== n * n)
    throw new InputError(
      'invalid-option',
      `cost matrix of size ${n} has ${p.matrix.cost.length} entries`,
    );
  const checkNodes = (what: string, a: ArrayLike<number>) => {
    for (let i = 0; i < a.length; i++)
      if (!Number.isInteger(a[i]) || a[i] < 0 || a[i] >= n)
        throw new InputError(
          'invalid-option',
          `${what}[${i}] = ${a[i]} is not a node of the ${n}-node matrix`,
        );
  };
  checkNodes('depots', p.depots);
  checkNodes('customers', p.customers);
  if (p.depots.length === 0) throw new InputError('invalid-option', 'no depot given');
  const seen = new Uint8Array(n);
  for (let i = 0; i < p.depots.length; i++) seen[p.depots[i]] = 1;
  for (let i = 0; i < p.customers.length; i++) {
    const c = p.customers[i];
    if (seen[c])
      throw new InputError(
        'invalid-option',
        `node ${c} is listed twice among depots and customers`,
      );
    seen[c] = 2;
  }
  const perNode = (what: string, a: ArrayLike<number> | undefined) => {
    const out = new Float64Array(n);
    if (!a) return out;
    if (a.length !== n)
      throw new InputError('invalid-option', `${what} has ${a.length} values for ${n} nodes`);
    for (let i = 0; i < n; i++) {
      if (!(a[i] >= 0 && a[i] < Infinity))
        throw new InputError('invalid-option', `${what}[${i}] = ${a[i]} is not a finite value ≥ 0`);
      out[i] = a[i];
    }
    return out;
  };
  const positive = (what: string, v: number | undefined, dflt: number) => {
    if (v === undefined) return dflt;
    if (!(v >= 0)) throw new InputError('invalid-option', `${what} must be ≥ 0, got ${v}`);
    return v;
  };
  const m = p.matrix.cost;
  for (let i = 0; i < n * n; i++)
    if (!(m[i] >= 0))
      throw new InputError(
        'invalid-option',
        `cost from node ${Math.floor(i / n)} to ${i % n} is ${m[i]}; costs must be ≥ 0 (Infinity for no way)`,
      );
  let symmetric = true;
  for (let i = 0; i < n && symmetric; i++)
    for (let j = i + 1; j < n; j++)
      if (m[i * n + j] !== m[j * n + i]) {
        symmetric = false;
        break;
      }
  const customers = Int32Array.from(p.customers);
  const nearCount = Math.min(NEAR_MAX, Math.max(0, customers.length - 1));
  const near = new Int32Array(n * nearCount);
  const order = Array.from(customers);
  for (let i = 0; i < n; i++) {
    if (seen[i] !== 2) continue;
    const d = (j: number) => Math.min(m[i * n + j], m[j * n + i]);
    const others = order.filter((j) => j !== i).sort((a, b) => d(a) - d(b) || a - b);
    for (let k = 0; k < nearCount; k++) near[i * nearCount + k] = others[k];
  }
  return {
    n,
    m,
    demand: perNode('demand', p.demand),
    service: perNode('service', p.service),
    capacity: positive('capacity', p.capacity, Infinity),
    maxDuration: positive('maxDuration', p.maxDuration, Infinity),
    tourCost: positive('tourCost', p.tourCost, 0),
    vehicleCost: positive('vehicleCost', p.vehicleCost, 0),
    toursPerVehicle: toursPerVehicle(p.toursPerVehicle),
    depotTours: new Int32Array(n),
    depots: Int32Array.from(p.depots),
    customers,
    symmetric,
    near,
    nearCount,
  };
}
