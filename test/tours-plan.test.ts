import { describe, expect, it } from 'vitest';
import { buildNetworkFromGeoJson, snapPoints, travelTimeMatrix } from '../src/index';
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
  maxSnapDistanceM?: number,
): void {
  const pts = [...depots, ...villages];
  const m = travelTimeMatrix(
    net,
    pts.flatMap((p) => [p.lon, p.lat]),
    pts.flatMap((p) => [p.lon, p.lat]),
    { maxSnapDistanceM },
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
    // Service plus the walk there and back from the road to off-network villages (3 km/h).
    const walkMinutes = t.walkM.reduce((a, w) => a + (2 * w) / 50, 0);
    expect(t.serviceMinutes).toBeCloseTo(t.villages.length * o.serviceMinutes + walkMinutes, 6);
    // Stops of walked villages are road points (driving checked in the walking test).
    if (walkMinutes === 0) expect(t.driveMinutes).toBeCloseTo(drive / 60, 6);
    expect(t.hours).toBeCloseTo((t.driveMinutes + t.serviceMinutes) / 60, 6);
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
      {
        village: 8,
        reason: 'unreachable',
        detail: 'no road path there and back from any depot',
        roadDistanceM: expect.any(Number),
      },
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
    let walked = 0;
    let offNetwork = 0;
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
      // Snap only within 50 m; some villages 60–400 m north of the roads: on foot within the
      // walk limit, else off-network.
      for (let k = 0; k < 3; k++)
        villages.push({ lon: rand() * 0.024, lat: 30.024 + (60 + rand() * 340) / 111_195 });
      const maxWalkM = rand() < 0.2 ? 0 : 50 + rand() * 350;
      const plan = planTours(net, villages, depots, {
        ...o,
        iterations: 100,
        seed,
        maxWalkM,
        maxSnapDistanceM: 50,
      });
      expectValidPlan(plan, net, villages, depots, o, 50);
      for (const t of plan.tours)
        for (const w of t.walkM) {
          expect(w).toBeLessThanOrEqual(maxWalkM);
          if (w > 0) walked++;
        }
      for (const u of plan.unserved)
        if (u.reason === 'off-network') {
          expect(u.roadDistanceM).toBeGreaterThan(maxWalkM);
          offNetwork++;
        }
    }
    expect(walked).toBeGreaterThan(0);
    expect(offNetwork).toBeGreaterThan(0);
  });

  it('serves off-network villages from the nearest road point on foot, within the walk limit', () => {
    // A straight 1.2 km road; villages 1.5 km and 2.5 km north of its middle, 10 m from its end.
    const MAP = 'A----------B';
    const net = buildNetworkFromGeoJson(drawnRoads(MAP, [['AB', { highway: 'primary' }]]), {
      profile: 'car',
    });
    const P = letterPositions(MAP);
    const [ax, ay] = P.get('A')!;
    const [bx] = P.get('B')!;
    const mid = (ax + bx) / 2;
    const north = (m: number) => ({ lon: mid, lat: ay + m / 111_195 });
    const villages = [north(1500), north(2500), { lon: bx, lat: ay + 10 / 111_195 }];
    const depots = [{ lon: ax, lat: ay }];
    const o = { dayHours: 4, serviceMinutes: 30, periodDays: 5 };
    const plan = planTours(net, villages, depots, { ...o, iterations: 50 });
    expect(plan.walkKmh).toBe(3);
    expect(plan.unserved).toHaveLength(1);
    const u = plan.unserved[0];
    expect(u.village).toBe(1);
    expect(u.reason).toBe('off-network');
    expect(u.detail).toBe('2.5 km from the nearest road, more than the 2.0 km the staff walk');
    expect(u.roadDistanceM).toBeCloseTo(2500, -1);
    // Oracle: the vehicle drives to the road point below the village (the snapped position) and
    // the staff walk 1.5 km there and back at 3 km/h: 60 minutes on top of the 30 of service.
    const road = snapPoints(net, Float64Array.of(mid, north(1500).lat), { maxSnapDistanceM: 5000 });
    const t = plan.tours.find((x) => x.villages.includes(0))!;
    const k = t.villages.indexOf(0);
    expect(t.walkM[k]).toBeCloseTo(road.distanceM[0], 6);
    expect(t.walkM[t.villages.indexOf(2)] ?? 0).toBe(0);
    const pts = [ax, ay, road.lon[0], road.lat[0], bx, villages[2].lat];
    const m = travelTimeMatrix(net, pts, pts).timeS;
    let arrive = 0;
    let prev = 0;
    for (let s = 0; s <= k; s++) {
      const node = t.villages[s] === 0 ? 1 : 2;
      arrive += m[prev * 3 + node];
      if (s < k) arrive += t.walkM[s] > 0 ? 1800 + (2 * t.walkM[s]) / (3 / 3.6) : 1800;
      prev = node;
    }
    expect(t.arriveMinutes[k]).toBeCloseTo(arrive / 60, 6);
    expect(t.serviceMinutes).toBeCloseTo(
      30 * t.villages.length + (2 * road.distanceM[0]) / (3 / 3.6) / 60,
      6,
    );
    // Without the walk, both far villages are off-network with their distance to the road.
    const none = planTours(net, villages, depots, { ...o, iterations: 50, maxWalkM: 0 });
    expect(none.unserved.map((x) => [x.village, x.reason])).toEqual([
      [0, 'off-network'],
      [1, 'off-network'],
    ]);
    expect(none.unserved[0].detail).toMatch(/^1\.5 km from the nearest road, more than the 0 m/);
    expect(() => planTours(net, villages, depots, { maxWalkM: -1 })).toThrow(/maxWalkM/);
  });

  it('rejects a bad working day or period', () => {
    const net = buildNetworkFromGeoJson(randomRoads(1), { profile: 'car' });
    const d = [{ lon: 0, lat: 30 }];
    expect(() => planTours(net, d, d, { dayHours: 0 })).toThrow(/dayHours/);
    expect(() => planTours(net, d, d, { periodDays: 1.5 })).toThrow(/periodDays/);
    expect(() => planTours(net, d, [])).toThrow(/no depot/);
  });
});
