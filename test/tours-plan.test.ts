import { describe, expect, it } from 'vitest';
import { buildNetworkFromGeoJson, travelTimeMatrix } from '../src/index';
import { planTours, type TourPlan } from '../src/tours/plan-tours';
import { drawnRoads, letterPositions } from './helpers/drawn-roads';
import { mulberry32 } from './helpers/random';
import { randomRoads } from './helpers/random-roads';
import { bruteForceOptimum } from './helpers/vrp-brute-force';

type LonLat = { lon: number; lat: number };

/** Hours, days, vehicles and visits of a plan checked against a travel-time matrix of our own. */
function expectValidPlan(
  plan: TourPlan,
  net: ReturnType<typeof buildNetworkFromGeoJson>,
  villages: LonLat[],
  depots: LonLat[],
  o: { dayHours: number; serviceMinutes: number; periodDays: number; maxStops?: number },
): void {
  const pts = [...depots, ...villages];
  const m = travelTimeMatrix(
    net,
    pts.flatMap((p) => [p.lon, p.lat]),
    pts.flatMap((p) => [p.lon, p.lat]),
  ).timeS;
  const n = pts.length;
  const nd = depots.length;
  const seen = new Array<number>(villages.length).fill(0);
  const slots = new Set<string>();
  for (const t of plan.tours) {
    let drive = 0;
    let prev = t.depot;
    for (const v of t.villages) {
      seen[v]++;
      drive += m[prev * n + nd + v];
      prev = nd + v;
    }
    drive += m[prev * n + t.depot];
    expect(t.driveMinutes).toBeCloseTo(drive / 60, 6);
    expect(t.serviceMinutes).toBeCloseTo(t.villages.length * o.serviceMinutes, 6);
    expect(t.hours).toBeCloseTo((drive / 60 + t.serviceMinutes) / 60, 6);
    expect(t.hours).toBeLessThanOrEqual(o.dayHours + 1e-9);
    expect(t.villages.length).toBeLessThanOrEqual(o.maxStops ?? Infinity);
    expect(t.day).toBeGreaterThanOrEqual(1);
    expect(t.day).toBeLessThanOrEqual(o.periodDays);
    const slot = `${t.vehicle}/${t.day}`;
    expect(slots.has(slot), `vehicle ${t.vehicle} twice on day ${t.day}`).toBe(false);
    slots.add(slot);
  }
  for (const u of plan.unserved) seen[u.village]++;
  expect(seen.every((s) => s === 1)).toBe(true);
  const perDepot = depots.map((_, d) => plan.tours.filter((t) => t.depot === d).length);
  expect(plan.vehiclesPerDepot).toEqual(perDepot.map((k) => Math.ceil(k / o.periodDays)));
  expect(plan.vehicles).toBe(plan.vehiclesPerDepot.reduce((a, b) => a + b, 0));
}

describe('planTours', () => {
  it('on a drawn road: the fewest tours, their days and vehicles, and who cannot be served', () => {
    // A 3.3 km road; the depot at D. Driving 110 m takes seconds, so the day is short here.
    const MAP = 'A--B--C--D--E--F--G--H--I--J--K--L                                     X---Y';
    const net = buildNetworkFromGeoJson(
      drawnRoads(MAP, [['ABCDEFGHIJKL', { highway: 'primary' }], ['XY']]),
      { profile: 'car' },
    );
    const P = letterPositions(MAP);
    const at = (c: string): LonLat => ({ lon: P.get(c)![0], lat: P.get(c)![1] });
    const villages = [...'ABCEFGHLX'].map(at);
    const depots = [at('D')];
    const o = { dayHours: 0.1, serviceMinutes: 1, periodDays: 2 };
    const plan = planTours(net, villages, depots, { ...o, iterations: 300 });
    expectValidPlan(plan, net, villages, depots, o);
    // X is on an island road: no way there from the depot.
    expect(plan.unserved).toEqual([
      { village: 8, reason: 'unreachable', detail: 'no road path there and back from any depot' },
    ]);
    // Oracle: the exhaustive optimum of tours × day + driving on the same matrix.
    const pts = [...depots, ...villages.slice(0, 8)].flatMap((p) => [p.lon, p.lat]);
    const mat = travelTimeMatrix(net, pts, pts);
    const best = bruteForceOptimum({
      matrix: { size: 9, cost: mat.timeS },
      depots: [0],
      customers: [1, 2, 3, 4, 5, 6, 7, 8],
      service: [0, 60, 60, 60, 60, 60, 60, 60, 60],
      maxDuration: 360,
      tourCost: 360,
    });
    expect(plan.tours.length * 360 + plan.driveMinutes * 60).toBeCloseTo(best, 6);
    expect(plan.vehicles).toBe(Math.ceil(plan.tours.length / 2));
  });

  it('keeps the day, the stops and the period on random roads (property test, seeded)', () => {
    for (let seed = 1; seed <= 6; seed++) {
      const rand = mulberry32(seed);
      const net = buildNetworkFromGeoJson(randomRoads(seed), { profile: 'car' });
      const pick = (): LonLat => ({ lon: rand() * 0.024, lat: 30 + rand() * 0.024 });
      const villages = Array.from({ length: 8 + Math.floor(rand() * 20) }, pick);
      const depots = Array.from({ length: 1 + Math.floor(rand() * 2) }, pick);
      const o = {
        dayHours: 0.05 + rand() * 0.2,
        serviceMinutes: rand() * 2,
        periodDays: 1 + Math.floor(rand() * 5),
        maxStops: rand() < 0.5 ? 2 + Math.floor(rand() * 4) : undefined,
      };
      const plan = planTours(net, villages, depots, { ...o, iterations: 100, seed });
      expectValidPlan(plan, net, villages, depots, o);
    }
  });

  it('rejects a bad working day or period', () => {
    const net = buildNetworkFromGeoJson(randomRoads(1), { profile: 'car' });
    const d = [{ lon: 0, lat: 30 }];
    expect(() => planTours(net, d, d, { dayHours: 0 })).toThrow(/dayHours/);
    expect(() => planTours(net, d, d, { periodDays: 1.5 })).toThrow(/periodDays/);
    expect(() => planTours(net, d, [])).toThrow(/no depot/);
  });
});
