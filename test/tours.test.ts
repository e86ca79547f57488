import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InputError } from '../src/errors';
import { type CostMatrix, euclideanCostMatrix } from '../src/tours/cost-matrix';
import { solveVrp, type VrpSolution } from '../src/tours/solve-vrp';
import { readTsplibCvrp } from '../src/tours/tsplib';
import type { VrpProblem } from '../src/tours/vrp-problem';
import { mulberry32 } from './helpers/random';
import { bruteForceOptimum } from './helpers/vrp-brute-force';

const AUGERAT = new URL('../../shared/data/vrp/augerat-a/', import.meta.url);
const haveAugerat = existsSync(new URL('A-n32-k5.vrp', AUGERAT));

/** A random problem: `depots` depots then `k` customers on a 100×100 square, maybe one-way costs. */
function randomProblem(
  rand: () => number,
  k: number,
  opts: { depots?: number; asymmetric?: boolean; day?: boolean; capacity?: boolean } = {},
): VrpProblem {
  const nd = opts.depots ?? 1;
  const n = nd + k;
  const x = Array.from({ length: n }, () => Math.round(rand() * 100));
  const y = Array.from({ length: n }, () => Math.round(rand() * 100));
  const matrix: CostMatrix = euclideanCostMatrix(x, y);
  if (opts.asymmetric)
    for (let i = 0; i < n * n; i++)
      if (Math.floor(i / n) !== i % n) matrix.cost[i] += Math.floor(rand() * 20);
  const demand = Array.from({ length: n }, (_, i) => (i < nd ? 0 : 1 + Math.floor(rand() * 9)));
  const service = Array.from({ length: n }, (_, i) => (i < nd ? 0 : Math.floor(rand() * 10)));
  return {
    matrix,
    depots: Array.from({ length: nd }, (_, i) => i),
    customers: Array.from({ length: k }, (_, i) => nd + i),
    demand,
    capacity: opts.capacity === false ? undefined : 10 + Math.floor(rand() * 15),
    service: opts.day ? service : undefined,
    maxDuration: opts.day ? 150 + Math.floor(rand() * 150) : undefined,
  };
}

/** Every served customer once, capacity and day kept, costs recomputed from the matrix. */
function expectFeasible(p: VrpProblem, sol: VrpSolution): void {
  const n = p.matrix.size;
  const m = p.matrix.cost;
  const seen = new Map<number, number>();
  let total = 0;
  for (const t of sol.tours) {
    expect(Array.from(p.depots)).toContain(t.depot);
    expect(t.stops.length).toBeGreaterThan(0);
    let cost = 0;
    let load = 0;
    let service = 0;
    let prev = t.depot;
    for (const c of t.stops) {
      seen.set(c, (seen.get(c) ?? 0) + 1);
      cost += m[prev * n + c];
      load += p.demand?.[c] ?? 0;
      service += p.service?.[c] ?? 0;
      prev = c;
    }
    cost += m[prev * n + t.depot];
    expect(t.cost).toBeCloseTo(cost, 6);
    expect(t.load).toBeCloseTo(load, 6);
    expect(t.duration).toBeCloseTo(cost + service, 6);
    expect(load).toBeLessThanOrEqual((p.capacity ?? Infinity) + 1e-9);
    expect(cost + service).toBeLessThanOrEqual((p.maxDuration ?? Infinity) + 1e-9);
    total += cost;
  }
  expect(sol.cost).toBeCloseTo(total, 6);
  for (const u of sol.unserved) seen.set(u.customer, (seen.get(u.customer) ?? 0) + 1);
  expect(seen.size).toBe(p.customers.length);
  for (const c of Array.from(p.customers)) expect(seen.get(c)).toBe(1);
}

describe('solveVrp', () => {
  it('finds the exhaustive optimum on tiny random instances (≤ 8 customers)', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const rand = mulberry32(seed);
      const k = 3 + (seed % 6);
      const p = randomProblem(rand, k, {
        depots: 1 + (seed % 2),
        asymmetric: seed % 3 === 0,
        day: seed % 4 === 0,
      });
      const sol = solveVrp(p, { iterations: 300, seed });
      const opt = bruteForceOptimum(p);
      if (opt === Infinity) continue; // some customer alone breaks the day: checked below
      expectFeasible(p, sol);
      expect(sol.unserved, `seed ${seed}`).toEqual([]);
      expect(sol.cost, `seed ${seed}`).toBeCloseTo(opt, 6);
    }
  });

  it('keeps every constraint on random instances (property test, seeded)', () => {
    for (let seed = 100; seed < 130; seed++) {
      const rand = mulberry32(seed);
      const p = randomProblem(rand, 10 + Math.floor(rand() * 50), {
        depots: 1 + Math.floor(rand() * 3),
        asymmetric: rand() < 0.5,
        day: rand() < 0.5,
        capacity: rand() < 0.8,
      });
      const sol = solveVrp(p, { iterations: 100, seed });
      expectFeasible(p, sol);
    }
  });

  it('reports customers no tour can serve, with the reason', () => {
    const x = [0, 10, 500, 20, 30];
    const y = [0, 0, 0, 0, 0];
    const matrix = euclideanCostMatrix(x, y);
    // Node 4 cannot be reached from anywhere.
    for (let i = 0; i < 5; i++) {
      if (i === 4) continue;
      matrix.cost[i * 5 + 4] = Infinity;
      matrix.cost[4 * 5 + i] = Infinity;
    }
    const p: VrpProblem = {
      matrix,
      depots: [0],
      customers: [1, 2, 3, 4],
      demand: [0, 1, 1, 50, 1],
      capacity: 10,
      service: [0, 5, 5, 5, 5],
      maxDuration: 200,
    };
    const sol = solveVrp(p, { iterations: 10 });
    expect(sol.unserved).toEqual([
      { customer: 2, reason: 'longer-than-day' },
      { customer: 3, reason: 'demand-over-capacity' },
      { customer: 4, reason: 'unreachable' },
    ]);
    expect(sol.tours).toEqual([{ depot: 0, stops: [1], cost: 20, load: 1, duration: 25 }]);
  });

  it('gives the same tours for the same seed and iteration budget', () => {
    const p = randomProblem(mulberry32(7), 60, { depots: 2, asymmetric: true, day: true });
    const a = solveVrp(p, { iterations: 200, seed: 3 });
    const b = solveVrp(p, { iterations: 200, seed: 3 });
    expect(b).toEqual(a);
    expect(a.iterations).toBe(200);
  });

  it('rejects bad input with an InputError naming the value', () => {
    const matrix = euclideanCostMatrix([0, 1], [0, 1]);
    expect(() => solveVrp({ matrix, depots: [0], customers: [2] })).toThrow(/customers\[0\] = 2/);
    expect(() => solveVrp({ matrix, depots: [0], customers: [0] })).toThrow(InputError);
    expect(() => solveVrp({ matrix, depots: [0], customers: [1] }, { iterations: -1 })).toThrow(
      /iterations/,
    );
    matrix.cost[1] = Number.NaN;
    expect(() => solveVrp({ matrix, depots: [0], customers: [1] })).toThrow(/from node 0 to 1/);
  });
});

describe('readTsplibCvrp', () => {
  const small = `NAME : tiny
TYPE : CVRP
DIMENSION : 3
EDGE_WEIGHT_TYPE : EUC_2D
CAPACITY : 10
NODE_COORD_SECTION
1 0 0
2 3 4
3 0 1
DEMAND_SECTION
1 0
2 4
3 5
DEPOT_SECTION
1
-1
EOF`;
  it('reads coordinates, demands and the depot; EUC_2D distances are rounded (nint)', () => {
    const inst = readTsplibCvrp(small, 'tiny.vrp');
    expect(Array.from(inst.ids)).toEqual([1, 2, 3]);
    expect(inst.capacity).toBe(10);
    expect(inst.depot).toBe(0);
    expect(Array.from(inst.demand)).toEqual([0, 4, 5]);
    const m = euclideanCostMatrix(inst.x, inst.y);
    expect(m.cost[1]).toBe(5);
    // |(3,4) − (0,1)| = 4.243 → 4; |(0.5, 0)| rounds half up as nint does.
    expect(m.cost[1 * 3 + 2]).toBe(4);
    expect(euclideanCostMatrix([0, 0.5], [0, 0]).cost[1]).toBe(1);
  });
  it('names the file and line of what it cannot read', () => {
    expect(() => readTsplibCvrp(small.replace('EUC_2D', 'GEO'), 'x.vrp')).toThrow(
      /x\.vrp line 4: EDGE_WEIGHT_TYPE GEO/,
    );
    expect(() => readTsplibCvrp(small.replace('2 3 4', '2 3 z'), 'x.vrp')).toThrow(
      /x\.vrp line 8: not a number/,
    );
    expect(() => readTsplibCvrp(small.replace('3 5', '3 50'), 'x.vrp')).toThrow(
      /node 3 demands 50, more than CAPACITY 10/,
    );
  });
});

describe.skipIf(!haveAugerat)('Augerat A instances (../shared/data/vrp)', () => {
  it('solves A-n32-k5 within 3% of the optimum 784 with a small iteration budget', () => {
    const inst = readTsplibCvrp(
      readFileSync(new URL('A-n32-k5.vrp', AUGERAT), 'utf8'),
      'A-n32-k5.vrp',
    );
    const p: VrpProblem = {
      matrix: euclideanCostMatrix(inst.x, inst.y),
      depots: [inst.depot],
      customers: Array.from(inst.ids.keys()).filter((i) => i !== inst.depot),
      demand: inst.demand,
      capacity: inst.capacity,
    };
    const sol = solveVrp(p, { iterations: 500, seed: 1 });
    expectFeasible(p, sol);
    expect(sol.cost).toBeLessThanOrEqual(784 * 1.03);
    expect(sol.cost).toBeGreaterThanOrEqual(784);
  });
});
