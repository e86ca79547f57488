import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildNetworkFromGeoJson,
  type CoverageOptions,
  coverage,
  type IndexedPoint,
  readPointsFromGeoJson,
  type RoadNetwork,
  WhatIfSession,
} from '../src/index';
import { mulberry32 } from './helpers/random';
import { randomRoads } from './helpers/random-roads';

const ROOT = join(import.meta.dirname, '..');
const county = (name: string) =>
  JSON.parse(readFileSync(join(ROOT, 'data/county', `${name}.geojson`), 'utf8'));
const roads = county('roads');
const villages = readPointsFromGeoJson(county('villages'), { idField: 'id' });
const facilities = readPointsFromGeoJson(county('facilities'), { idField: 'id' });
const nets: Record<string, RoadNetwork> = {
  walk: buildNetworkFromGeoJson(roads, { profile: 'walk' }),
  car: buildNetworkFromGeoJson(roads, { profile: 'car' }),
};

/** The session's state against a full `coverage` run on its facilities: equal, village by village. */
function expectSameAsFullRun(
  net: RoadNetwork,
  v: readonly IndexedPoint[],
  s: WhatIfSession,
  options: CoverageOptions,
): void {
  const full = coverage(net, v, s.facilities(), options);
  const top = s.limits[s.limits.length - 1];
  full.villages.forEach((row, i) => {
    const value = s.unit === 'minutes' ? (row.minutes as number) : row.meters;
    const expected = {
      status: row.status === 'covered' ? 0 : row.status === 'off-network' ? 2 : 1,
      value: value <= top ? value : Infinity,
      meters: value <= top ? row.meters : Infinity,
      facility: value <= top ? row.facility : null,
    };
    const got = {
      status: s.status[i],
      value: s.value[i],
      meters: s.meters[i],
      facility: s.facilityOf(i),
    };
    if (JSON.stringify(got) !== JSON.stringify(expected))
      expect({ village: i, ...got }).toEqual({ village: i, ...expected });
  });
  expect(s.thresholds()).toEqual(
    full.summary.all.thresholds.map((t) => ({
      minutes: t.minutes,
      meters: t.meters,
      within: t.within,
      shareOfPopulationWithin: t.shareOfPopulationWithin,
    })),
  );
}

/** Random add / move / close steps, each checked against a full recomputation. */
function randomSteps(
  net: RoadNetwork,
  v: readonly IndexedPoint[],
  start: readonly IndexedPoint[],
  options: CoverageOptions,
  seed: number,
  steps: number,
  box: [number, number, number, number],
  categories: string[],
): WhatIfSession {
  const rnd = mulberry32(seed);
  const s = new WhatIfSession(net, v, start, options);
  expectSameAsFullRun(net, v, s, options);
  const at = () => [box[0] + rnd() * (box[2] - box[0]), box[1] + rnd() * (box[3] - box[1])];
  for (let step = 0; step < steps; step++) {
    const list = s.facilities();
    const r = rnd();
    const pick = list[Math.floor(rnd() * list.length)];
    if (r < 0.5 && pick) {
      const [lon, lat] = at();
      s.move(pick.id as string, lon, lat);
    } else if (r < 0.75 && pick) s.close(pick.id as string);
    else {
      const [lon, lat] = at();
      const category = categories[Math.floor(rnd() * categories.length)];
      s.add({ id: `new${step}`, lon, lat, category });
    }
    expectSameAsFullRun(net, v, s, options);
  }
  return s;
}

const COUNTY_BOX: [number, number, number, number] = [100.0, 25.0, 100.4, 25.34];
const KINDS = ['health', 'elderly-care', 'culture', 'fitness', 'employment', 'hospital'];

describe('WhatIfSession: incremental coverage equals a full coverage run after every change', () => {
  it('on the sample county, a 15-minute walk standard, 30 random moves, adds and closes', () => {
    randomSteps(
      nets.walk,
      villages,
      facilities,
      { standard: 'elderly-care-15min' },
      1,
      30,
      COUNTY_BOX,
      KINDS,
    );
  });
  it('on the sample county by car, with extra thresholds (20 random steps)', () => {
    randomSteps(
      nets.car,
      villages,
      facilities,
      { standard: 'rural-basic-90min', thresholdsMinutes: [10, 30] },
      2,
      20,
      COUNTY_BOX,
      KINDS,
    );
  });
  it('a standard needing every one of several kinds, and a distance standard', () => {
    randomSteps(
      nets.walk,
      villages,
      facilities,
      { standard: 'community-15min' },
      3,
      20,
      COUNTY_BOX,
      KINDS,
    );
    randomSteps(
      nets.walk,
      villages,
      facilities,
      { standard: 'rural-culture-5km' },
      4,
      20,
      COUNTY_BOX,
      KINDS,
    );
  });
  it('on random one-way networks, both directions, random villages and facilities', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const rnd = mulberry32(seed * 7);
      const net = buildNetworkFromGeoJson(randomRoads(seed), {
        profile: seed % 2 ? 'car' : 'walk',
      });
      const pt = (i: number, id: string): IndexedPoint => ({
        id: `${id}${i}`,
        lon: -0.002 + rnd() * 0.026,
        lat: 29.998 + rnd() * 0.026,
        category: 'health',
        properties: { population: rnd() < 0.1 ? null : Math.floor(rnd() * 1000) },
      });
      const v = Array.from({ length: 40 }, (_, i) => pt(i, 'v'));
      const f = Array.from({ length: 4 }, (_, i) => pt(i, 'f'));
      const options: CoverageOptions = {
        thresholdsMinutes: [1 + rnd() * 4, 3 + rnd() * 6],
        direction: seed % 3 ? 'to' : 'from',
      };
      randomSteps(net, v, f, options, seed, 12, [-0.002, 29.998, 0.024, 30.024], ['health']);
    }
  });
  it('names facilities by id and refuses unknown or duplicate ones', () => {
    const s = new WhatIfSession(nets.walk, villages, facilities.slice(0, 5), {
      standard: 'fitness-15min',
    });
    expect(() => s.close('nope')).toThrowError(/no facility has id "nope"/);
    expect(() => s.add({ ...facilities[0] })).toThrowError(/facility id "F0001" is used twice/);
    expect(() => s.add({ lon: 100.1, lat: 25.1 })).toThrowError(/needs an id/);
    expect(() => s.move('F0001', 25.1, 100.1)).toThrowError(/looks like \[lat, lon\]/);
  });
});
