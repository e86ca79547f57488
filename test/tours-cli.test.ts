import { readXlsxSheet } from '../src/inputs/xlsx/read-xlsx';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { euclideanCostMatrix, readTsplibCvrp } from '../src/index';
import { ROOT, runCli } from './helpers/cli';
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
        roundTripS: null,
        walkM: null,
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
    ); // The workbook holds the same table, cell for cell (numbers as numbers).
    const sheet = readXlsxSheet(new Uint8Array(readFileSync(join(out, 'schedule.xlsx'))));
    expect(sheet.header.join(',')).toBe(csv[0]);
    expect(sheet.rows.map((r) => r.map((c) => (c === null ? '' : String(c))).join(','))).toEqual(
      csv.slice(1).map((l) => l.replace(/"/g, '')),
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

describe('servicereach tours: what a planner reads', () => {
  // A 3.3 km road with the depot at D; X on an island road; W 1.5 km north of F, off the roads.
  const MAP = 'A--B--C--D--E--F--G--H--I--J--K--L                                     X---Y';
  const dir = join(tmp, 'planner');
  mkdirSync(dir, { recursive: true });
  const roads = join(dir, 'roads.geojson');
  writeFileSync(
    roads,
    JSON.stringify(drawnRoads(MAP, [['ABCDEFGHIJKL', { highway: 'primary' }], ['XY']])),
  );
  const P = letterPositions(MAP);
  const at = (c: string): [number, number] =>
    c === 'W' ? [P.get('F')![0], P.get('F')![1] + 1500 / 111_195] : P.get(c)!;
  const feature = (c: string, properties: Record<string, unknown>) => ({
    type: 'Feature',
    properties,
    geometry: { type: 'Point', coordinates: at(c) },
  });
  const villages = join(dir, 'villages.geojson');
  writeFileSync(
    villages,
    JSON.stringify({
      type: 'FeatureCollection',
      features: [
        feature('A', { id: 'V1', name: 'Aba', township: 'North', population: 120 }),
        feature('L', { id: 'V2', name: 'Lema', township: 'South', population: 1300 }),
        feature('W', { id: 'V3', name: 'Woshan', township: 'South', population: 80 }),
        feature('X', { id: 'V4', name: 'Xiping', township: 'East', population: 222 }),
        feature('C', { id: 'V5' }),
      ],
    }),
  );
  const depots = join(dir, 'depots.geojson');
  writeFileSync(
    depots,
    JSON.stringify({
      type: 'FeatureCollection',
      features: [feature('D', { id: 'D1', name: 'Dazhai health centre', category: 'health' })],
    }),
  );
  const base = ['tours', '--network', roads, '--villages', villages, '--depots', depots];

  it('prints each vehicle and day with the villages by name, arrivals, hours, the unserved and totals', async () => {
    const r = await runCli(...base, '--service-minutes', '30', '--iterations', '50');
    expect(r.code, r.err).toBe(0);
    const text = r.out;
    expect(text).toMatch(/^Mobile tours: all villages\. Each village once every 5 working days;/);
    expect(text).toContain('\nVehicle 1, based at Dazhai health centre\n');
    expect(text).toMatch(
      /\n {2}Day 1: 4 villages, \d+ min driving, 3\.0 h at the villages, back after \d+\.\d h\n/,
    );
    // Every served village once, by name (the one without a name by its id in brackets).
    for (const name of ['Aba (North, 120 people)', 'Lema (South, 1,300 people)', '[V5]'])
      expect(text.split(name)).toHaveLength(2);
    expect(text).toMatch(
      /\n +\d+:\d\d {2}Woshan \(South, 80 people\) — park at the nearest road, walk 1\.5 km each way \(60 min there and back at 3 km\/h\)\n/,
    );
    expect(text).toContain('  free: days 2, 3, 4, 5\n');
    expect(text).toContain(
      '\nCannot be served: 1 village, 222 people\n  Xiping (East, 222 people) — unreachable: no road path there and back from any depot\n',
    );
    expect(text).toMatch(
      /\nTotal: 4 of 5 villages served \(1,500 people\) by 1 vehicle, 1 tour and \d+ min of driving every 5 working days\.\n$/,
    );
    expect(text).not.toMatch(/NaN|undefined|null/);
  });

  it('gives names in --json and schedule.csv, and the distance to the road without the walk', async () => {
    const out = join(dir, 'out');
    const r = await runCli(
      ...base,
      '--max-walk',
      '1000',
      '--iterations',
      '50',
      '--json',
      '--out',
      out,
    );
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.populationServed).toBe(1420);
    expect(j.tours[0].depotName).toBe('Dazhai health centre');
    expect(j.tours[0].stops.map((s: { name: string }) => s.name).sort()).toEqual(
      ['Aba', 'Lema', '[V5]'].sort(),
    );
    const w = j.unserved.find((u: { village: string }) => u.village === 'V3');
    expect(w).toMatchObject({
      name: 'Woshan',
      township: 'South',
      population: 80,
      reason: 'off-network',
    });
    expect(w.detail).toBe('1.5 km from the nearest road, more than the 1.0 km the staff walk');
    const csv = readFileSync(join(out, 'schedule.csv'), 'utf8');
    expect(csv).toMatch(/\n1,1,D1,Dazhai health centre,\d,V2,Lema,South,1300,/);
    expect(csv).toMatch(
      /\n,,,,,V3,Woshan,South,80,.*,"not served: off-network: 1\.5 km from the nearest road/,
    );
    const fc = JSON.parse(readFileSync(join(out, 'tours.geojson'), 'utf8'));
    expect(fc.features[0].properties.depotName).toBe('Dazhai health centre');
    expect(fc.features[0].properties.villageNames).toHaveLength(3);
  });

  it('rejects a negative --max-walk', async () => {
    const r = await runCli(...base, '--max-walk', '-5', '--iterations', '5');
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/max-?walk/i);
  });
});

describe('tours --lang zh: villages whose round trip is longer than a day', () => {
  const county = join(ROOT, 'data/county');
  const args = [
    'tours',
    '--network',
    join(county, 'roads.geojson'),
    '--villages',
    join(county, 'villages.geojson'),
    '--facilities',
    join(county, 'facilities.geojson'),
    '--minutes',
    '30',
    '--day-hours',
    '2',
    '--iterations',
    '50',
  ];

  it('gives the round-trip hours and the walk in Chinese, as the English detail does (they were left out)', async () => {
    const json = await runCli(...args, '--lang', 'zh', '--json');
    expect(json.code, json.err).toBe(0);
    const long = JSON.parse(json.out).unserved.filter(
      (u: { reason: string }) => u.reason === 'longer-than-day',
    );
    expect(long.length).toBeGreaterThan(1);
    const zh = await runCli(...args, '--lang', 'zh');
    expect(zh.code, zh.err).toBe(0);
    for (const u of long) {
      // --json stays English for programs, with the numbers behind the detail beside it.
      // Minutes under an hour, hours from an hour on.
      const min = Math.round(u.roundTripS / 60);
      const h = min < 60 ? `${min}` : (u.roundTripS / 3600).toFixed(1);
      const [en, zh1] = min < 60 ? ['min', '分钟'] : ['h', '小时'];
      expect(u.detail).toContain(`the round trip from the nearest depot (${h} ${en})`);
      const walk =
        u.walkM > 0
          ? `及往返步行 ${(u.walkM / 500).toFixed(1)} 公里（${Math.round((120 * u.walkM) / 1000 / 3)} 分钟）`
          : '';
      expect(zh.out).toContain(
        `${u.name}（${u.township}，${u.population} 人） — 一天内往返不完：从最近基地往返 ${h} ${zh1}，加上 45 分钟服务${walk}，超过 2 小时工作日\n`,
      );
    }
    expect(long.some((u: { walkM: number }) => u.walkM > 0)).toBe(true);
  });
});
