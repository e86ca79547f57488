import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { euclideanCostMatrix, readTsplibCvrp } from '../src/index';
import { runCli } from './helpers/cli';
import { drawnRoads, letterPositions } from './helpers/drawn-roads';

const tmp = mkdtempSync(join(tmpdir(), 'servicereach-tours-'));
const A32 = new URL('../../shared/data/vrp/augerat-a/A-n32-k5.vrp', import.meta.url).pathname;

const TINY = `NAME : tiny
COMMENT : five customers
TYPE : CVRP
DIMENSION : 6
EDGE_WEIGHT_TYPE : EUC_2D
CAPACITY : 10
NODE_COORD_SECTION
1 50 50
2 10 10
3 12 14
4 90 85
5 88 91
6 50 95
DEMAND_SECTION
1 0
2 5
3 5
4 4
5 4
6 4
DEPOT_SECTION
1
-1
EOF
`;

/** The cost of `routes` (node numbers) recomputed from the file, and every customer once. */
function checkRoutes(text: string, out: { cost: number; routes: number[][] }): void {
  const inst = readTsplibCvrp(text);
  const m = euclideanCostMatrix(inst.x, inst.y);
  const n = inst.ids.length;
  const at = (id: number) => Array.from(inst.ids).indexOf(id);
  let cost = 0;
  const seen: number[] = [];
  for (const r of out.routes) {
    let load = 0;
    let prev = inst.depot;
    for (const id of r) {
      const i = at(id);
      expect(i).toBeGreaterThanOrEqual(0);
      expect(i).not.toBe(inst.depot);
      cost += m.cost[prev * n + i];
      load += inst.demand[i];
      seen.push(id);
      prev = i;
    }
    cost += m.cost[prev * n + inst.depot];
    expect(load).toBeLessThanOrEqual(inst.capacity);
  }
  expect(out.cost).toBe(cost);
  expect(seen.sort((a, b) => a - b)).toEqual(
    Array.from(inst.ids)
      .filter((_, i) => i !== inst.depot)
      .sort((a, b) => a - b),
  );
}

describe('servicereach tours --tsplib', () => {
  it('prints exactly {"cost", "routes"} with customer numbers, cost recomputed', async () => {
    const file = join(tmp, 'tiny.vrp');
    writeFileSync(file, TINY);
    const r = await runCli('tours', '--tsplib', file, '--iterations', '50', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out);
    expect(Object.keys(out)).toEqual(['cost', 'routes']);
    checkRoutes(TINY, out);
    // Three tours are needed (5 + 5, 4 + 4 + 4 > 10): {2,3}, and 4, 5, 6 in two tours.
    expect(out.routes).toHaveLength(3);
  });

  it.skipIf(!existsSync(A32))('solves A-n32-k5 within 3% of 784 in half a second', async () => {
    const r = await runCli('tours', '--tsplib', A32, '--time-limit', '0.5', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out);
    checkRoutes(readFileSync(A32, 'utf8'), out);
    expect(out.cost).toBeLessThanOrEqual(784 * 1.03);
  });

  it('says what is wrong with the command line or the file', async () => {
    expect((await runCli('tours')).code).toBe(2);
    expect((await runCli('tours', '--tsplib', 'x.vrp', '--network', 'y')).code).toBe(2);
    expect((await runCli('tours', '--tsplib', join(tmp, 'none.vrp'))).code).toBe(1);
    const bad = join(tmp, 'bad.vrp');
    writeFileSync(bad, TINY.replace('EUC_2D', 'GEO'));
    const r = await runCli('tours', '--tsplib', bad);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/bad\.vrp line 5: EDGE_WEIGHT_TYPE GEO is not supported/);
  });
});

describe('servicereach tours --network', () => {
  // The depot at D; X sits on a road of its own that no path from D reaches.
  const MAP = 'A--B--C--D--E--F--G--H--I--J--K--L                                     X---Y';
  const roads = join(tmp, 'roads.geojson');
  writeFileSync(
    roads,
    JSON.stringify(drawnRoads(MAP, [['ABCDEFGHIJKL', { highway: 'primary' }], ['XY']])),
  );
  const P = letterPositions(MAP);
  const points = (letters: string, prefix: string) =>
    JSON.stringify({
      type: 'FeatureCollection',
      features: [...letters].map((c) => ({
        type: 'Feature',
        properties: { id: `${prefix}${c}`, category: 'health' },
        geometry: { type: 'Point', coordinates: P.get(c) },
      })),
    });
  const villages = join(tmp, 'villages.geojson');
  const depots = join(tmp, 'depots.geojson');
  writeFileSync(villages, points('ABCEFGHLX', 'V'));
  writeFileSync(depots, points('D', 'D'));

  it('writes tours.geojson and schedule.csv and names who cannot be served', async () => {
    const out = join(tmp, 'out');
    const r = await runCli(
      'tours',
      '--network',
      roads,
      '--villages',
      villages,
      '--depots',
      depots,
      '--day-hours',
      '0.1',
      '--service-minutes',
      '1',
      '--period-days',
      '2',
      '--iterations',
      '200',
      '--out',
      out,
      '--json',
    );
    expect(r.code, r.err).toBe(0);
    const summary = JSON.parse(r.out);
    expect(summary.unserved).toEqual([
      {
        village: 'VX',
        name: '[VX]',
        township: null,
        population: null,
        reason: 'unreachable',
        detail: 'no road path there and back from any depot',
        roadDistanceM: expect.any(Number),
      },
    ]);
    expect(summary.villagesVisited).toBe(8);
    expect(summary.vehicles).toBe(Math.ceil(summary.toursPerPeriod / 2));
    const fc = JSON.parse(readFileSync(join(out, 'tours.geojson'), 'utf8'));
    expect(fc.features).toHaveLength(summary.toursPerPeriod);
    for (const f of fc.features) {
      expect(f.properties.hours).toBeLessThanOrEqual(0.1);
      expect(f.geometry.coordinates.length).toBeGreaterThan(1);
      // Starts at the depot (x + 0 turns −0 into 0).
      const start = f.geometry.coordinates[0].map((x: number) => x + 0);
      expect(start).toEqual(P.get('D')!.map((x) => x + 0));
    }
    const csv = readFileSync(join(out, 'schedule.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toBe(
      'day,vehicle,depot,depot_name,stop,village,name,township,population,lon,lat,arrive_minutes,walk_m,tour_hours,note',
    );
    expect(csv).toHaveLength(1 + 8 + 1);
    expect(csv[csv.length - 1]).toMatch(
      /^,,,,,VX,\[VX\],,,.*not served: unreachable: no road path/,
    );
  });

  it('tours only the villages outside a circle with --minutes and --facilities', async () => {
    const r = await runCli(
      'tours',
      '--network',
      roads,
      '--villages',
      villages,
      '--facilities',
      depots,
      '--minutes',
      '0.3',
      '--iterations',
      '50',
    );
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^Mobile tours: \d+ of 9 villages outside 0\.3 min\./);
  });

  it('takes the circle from a standard, and bases vehicles at its kinds of facility', async () => {
    // rural-basic-90min wants a clinic and a school: there is no school, so every village is out.
    const r = await runCli(
      'tours',
      '--network',
      roads,
      '--villages',
      villages,
      '--facilities',
      depots,
      '--standard',
      'rural-basic-90min',
      '--iterations',
      '50',
      '--json',
    );
    expect(r.code, r.err).toBe(0);
    const summary = JSON.parse(r.out);
    expect(summary.selection).toBe('9 of 9 villages outside rural-basic-90min');
    expect(summary.villagesVisited).toBe(8);
  });
});
