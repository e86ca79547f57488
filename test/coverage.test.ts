import type { Feature, FeatureCollection, LineString } from 'geojson';
import { describe, expect, it } from 'vitest';
import {
  buildNetworkFromGeoJson,
  type CoverageOptions,
  coverage,
  coverageGeoJson,
  defineStandard,
  gini,
  haversineM,
  type IndexedPoint,
  nearestFacilities,
  outsideCsv,
  STANDARDS,
  standardById,
  WhatIfSession,
  whatIf,
} from '../src/index';
import { parseCsv } from '../src/engine';
import { joinPopulation } from '../src/points/population-table';
import { categoriesFromTags } from '../src/engine';
import { mulberry32 } from './helpers/random';
import { randomRoads } from './helpers/random-roads';

const WALK = 5 / 3.6; // m/s, the speed the cost function below gives every road

/** A road along the equator from lon 0 to 0.1, and an island road near lon 1 (another component). */
function roads(): FeatureCollection<LineString> {
  const line = (coords: number[][]): Feature<LineString> => ({
    type: 'Feature',
    properties: { highway: 'footway' },
    geometry: { type: 'LineString', coordinates: coords },
  });
  return {
    type: 'FeatureCollection',
    features: [
      line(Array.from({ length: 11 }, (_, i) => [i * 0.01, 0])),
      line([
        [1, 0],
        [1.01, 0],
      ]),
    ],
  };
}
const net = buildNetworkFromGeoJson(roads(), {
  profile: 'walk',
  cost: (_f, lengthM) => lengthM / WALK,
});
const along = (lon: number) => haversineM(0, 0, lon, 0);

const villages: IndexedPoint[] = [
  { lon: 0.005, lat: 0, id: 'near', properties: { population: 100, township: 'A' } },
  { lon: 0.02, lat: 0, id: 'mid', properties: { population: '1,000', township: 'A' } },
  { lon: 0.09, lat: 0, id: 'far', properties: { population: 50, township: 'B' } },
  { lon: 1.005, lat: 0, id: 'island', properties: { population: 7, township: 'B' } },
  { lon: 0.05, lat: 0.5, id: 'mountain', properties: { population: 3, township: 'B' } },
  { lon: 0.01, lat: 0, id: 'unknown', properties: { township: 'A' } },
];
const facilities: IndexedPoint[] = [
  { lon: 0, lat: 0, id: 'care home', category: 'elderly-care' },
  { lon: 0.03, lat: 0, id: 'gym', properties: { leisure: 'fitness_centre' } },
  { lon: 0.05, lat: 0, id: 'library', properties: { amenity: 'library' } },
];

describe('coverage(network, villages, facilities, options)', () => {
  it('finds who is inside the 15-minute elderly-care circle, with statuses and reasons for everyone', () => {
    const r = coverage(net, villages, facilities, {
      standard: 'elderly-care-15min',
      thresholdsMinutes: [30],
      groupBy: 'township',
    });
    expect(r.thresholdsMinutes).toEqual([15, 30]);
    expect(r.thresholdsMeters).toBeNull();
    const by = Object.fromEntries(r.villages.map((v) => [v.id, v]));
    expect(by.near.status).toBe('covered');
    expect(by.near.minutes).toBeCloseTo(along(0.005) / WALK / 60, 9);
    expect(by.near.meters).toBeCloseTo(along(0.005), 6); // the length of that path
    expect(by.near.facility).toBe('care home');
    expect(by.near.withinMinutes).toBe(15);
    expect(by.near.withinMeters).toBeNull();
    expect(by.mid.status).toBe('outside'); // 2.2 km at 5 km/h = 26.7 min
    expect(by.mid.minutes).toBeCloseTo(along(0.02) / WALK / 60, 9);
    expect(by.mid.meters).toBeCloseTo(along(0.02), 6);
    expect(by.mid.withinMinutes).toBe(30);
    expect(by.mid.reason).toMatch(/care home at 26\.7 min, beyond 15 min/);
    expect(by.far.status).toBe('outside');
    expect(by.far.withinMinutes).toBeNull();
    expect(by.island.status).toBe('unreachable');
    expect(by.island.minutes).toBe(Infinity);
    expect(by.island.meters).toBe(Infinity);
    expect(by.island.reason).toMatch(/no road path to any elderly-care facility/);
    expect(by.mountain.status).toBe('off-network');
    expect(by.mountain.reason).toMatch(/m from the nearest road, beyond the 1000 m snap distance/);
    expect(by.unknown.population).toBeNull();
    expect(by.unknown.status).toBe('covered');
    expect(r.villages).toHaveLength(villages.length); // nobody is dropped

    const all = r.summary.all;
    expect(all.villages).toBe(6);
    expect(all.population).toBe(100 + 1000 + 50 + 7 + 3);
    expect(all.populationUnknownVillages).toBe(1);
    expect(all.status.covered).toEqual({
      villages: 2,
      population: 100,
      populationUnknownVillages: 1,
    });
    expect(all.status.outside).toEqual({
      villages: 2,
      population: 1050,
      populationUnknownVillages: 0,
    });
    expect(all.thresholds[0]).toMatchObject({ minutes: 15, meters: null });
    expect(all.thresholds[0].within.population).toBe(100);
    expect(all.thresholds[1].within.population).toBe(1100);
    expect(all.thresholds[1].beyond).toEqual({
      villages: 3,
      population: 60,
      populationUnknownVillages: 0,
    });
    expect(all.thresholds[0].shareOfPopulationWithin).toBeCloseTo(100 / 1160, 12);
    // weighted over villages with a time and a population: near (100), mid (1000), far (50)
    const t = (lon: number) => along(lon) / WALK / 60;
    expect(all.weightedMeanMinutes).toBeCloseTo(
      (100 * t(0.005) + 1000 * t(0.02) + 50 * t(0.09)) / 1150,
      9,
    );
    expect(all.weightedP90Minutes).toBeCloseTo(t(0.02), 9); // 100 + 1000 ≥ 0.9 × 1150
    // the same villages' path lengths, in metres
    expect(all.weightedMeanMeters).toBeCloseTo(
      (100 * along(0.005) + 1000 * along(0.02) + 50 * along(0.09)) / 1150,
      6,
    );
    expect(all.weightedP90Meters).toBeCloseTo(along(0.02), 6);
    expect(all.gini).toBeCloseTo(gini([t(0.005), t(0.02), t(0.09)], [100, 1000, 50]), 12);
    expect(all.theil).toBeGreaterThan(0);
    expect(Object.keys(r.summary.groups!)).toEqual(['A', 'B']);
    // group gap: B (far, 50 people) waits longer on average than A
    expect(r.summary.gap!.highest.group).toBe('B');
    expect(r.summary.gap!.lowest.group).toBe('A');
    expect(r.summary.gap!.ratio).toBeCloseTo(
      r.summary.groups!.B.weightedMeanMinutes! / r.summary.groups!.A.weightedMeanMinutes!,
      12,
    );
    expect(r.summary.groups!.A.villages).toBe(3);
    expect(r.summary.groups!.B.status.unreachable.population).toBe(7);
  });

  it('with require "all" the worst of the required kinds decides (15-minute community circle needs four)', () => {
    const s = defineStandard({
      id: 'care+fitness',
      title: 'care and fitness',
      profile: 'walk',
      thresholdMinutes: 15,
      categories: ['elderly-care', 'fitness'],
      require: 'all',
      source: 'test',
    });
    const r = coverage(net, villages, facilities, { standard: s });
    const mid = r.villages.find((v) => v.id === 'mid')!;
    expect(mid.nearest.map((n) => n.facility)).toEqual(['care home', 'gym']);
    expect(mid.minutes).toBeCloseTo(along(0.02) / WALK / 60, 9); // care home is the farther
    expect(mid.meters).toBeCloseTo(along(0.02), 6);
    expect(mid.nearest.map((n) => n.minutes)).toEqual([
      mid.minutes,
      expect.closeTo((along(0.03) - along(0.02)) / WALK / 60, 9),
    ]);
    const near = r.villages.find((v) => v.id === 'near')!;
    expect(near.facility).toBe('gym');
    expect(near.status).toBe('outside'); // gym 2.8 km away
    // the community preset also needs employment and culture: no employment point is given
    const c = coverage(net, villages, facilities, { standard: 'community-15min' });
    expect(c.warnings).toEqual([
      'standard "community-15min" requires each of elderly-care, fitness, employment, culture, but the input has no employment facility: every village counts as unreachable (that kind is missing, not far away); give facilities of every required kind, or use a standard or categories of the kinds you have',
    ]);
    expect(c.villages.find((v) => v.id === 'near')!.reason).toBe(
      'no employment facility in the input',
    );
    // beside the combined figures, each kind alone: care home, gym and library reach some villages
    expect(c.summary.byCategory!.map((k) => [k.category, k.facilities])).toEqual([
      ['elderly-care', 1],
      ['fitness', 1],
      ['employment', 0],
      ['culture', 1],
    ]);
    const care = c.summary.byCategory![0].thresholds[0];
    expect(care).toMatchObject({ minutes: 15, meters: null });
    expect(care.within).toEqual({ villages: 2, population: 100, populationUnknownVillages: 1 });
    expect(care.shareOfVillagesWithin).toBeCloseTo(2 / 6, 12);
    expect(care.shareOfPopulationWithin).toBeCloseTo(100 / 1160, 12);
    expect(c.summary.byCategory![2].thresholds[0].within.villages).toBe(0);
    expect(c.summary.all.thresholds[0].within.villages).toBe(0);
    // one kind only: no per-kind figures, and the plain warning
    expect(
      coverage(net, villages, facilities, { standard: 'employment-15min' }).summary,
    ).toMatchObject({ byCategory: null });
  });

  it('gives each required kind the coverage a run of that kind alone gives (random networks)', () => {
    for (let seed = 1; seed <= 12; seed++) {
      const n = buildNetworkFromGeoJson(randomRoads(seed), { profile: 'car' });
      const rnd = mulberry32(900 + seed);
      const pt = (i: number, category?: string): IndexedPoint => ({
        lon: -0.002 + rnd() * 0.026,
        lat: 30 - 0.002 + rnd() * 0.026,
        id: i,
        category,
        properties: { population: rnd() < 0.3 ? null : Math.floor(rnd() * 500) },
      });
      const vs = Array.from({ length: 16 }, (_, i) => pt(i));
      // some seeds give no education facility at all
      const kinds = seed % 4 === 0 ? ['health'] : ['health', 'education'];
      const fs = Array.from({ length: 4 }, (_, i) =>
        pt(i, kinds[Math.floor(rnd() * kinds.length)]),
      );
      const opts = { thresholdsMinutes: [1, 2], maxSnapDistanceM: 300 };
      const r = coverage(n, vs, fs, {
        ...opts,
        categories: ['health', 'education'],
        require: 'all',
      });
      const known = vs.filter((v) => v.properties?.population !== null).length;
      expect(r.summary.all.populationKnown).toEqual({ villages: known, ofVillages: 16 });
      const missing = ['health', 'education'].filter((k) => !fs.some((f) => f.category === k));
      expect(r.warnings).toEqual(
        missing.length
          ? [
              expect.stringMatching(
                new RegExp(
                  `requires each of health, education, but the input has no ${missing.join(' and no ')} facility`,
                ),
              ),
            ]
          : [],
      );
      r.summary.byCategory!.forEach((k, j) => {
        const alone = coverage(n, vs, fs, { ...opts, categories: [k.category] });
        expect(k.category).toBe(['health', 'education'][j]);
        expect(k.facilities).toBe(fs.filter((f) => f.category === k.category).length);
        k.thresholds.forEach((t, i) => {
          const a = alone.summary.all.thresholds[i];
          expect([t.minutes, t.within]).toEqual([a.minutes, a.within]);
          expect(t.shareOfPopulationWithin).toBe(a.shareOfPopulationWithin);
          expect(t.shareOfVillagesWithin).toBe(a.within.villages / 16);
        });
      });
    }
  });

  it('measures the 5 km rural culture circle along the network, not as the crow flies', () => {
    const r = coverage(net, villages, facilities, { standard: 'rural-culture-5km' });
    expect(r.thresholdsMeters).toEqual([5000]);
    expect(r.thresholdsMinutes).toBeNull();
    const by = Object.fromEntries(r.villages.map((v) => [v.id, v]));
    expect(by.mid.meters).toBeCloseTo(along(0.05) - along(0.02), 6);
    expect(by.mid.minutes).toBeNull(); // a distance search measures no time
    expect(by.mid.withinMeters).toBe(5000);
    expect(by.mid.withinMinutes).toBeNull();
    expect(by.mid.status).toBe('covered');
    expect(by.near.meters).toBeCloseTo(along(0.05) - along(0.005), 6);
    expect(by.near.status).toBe('outside'); // 5004 m
    expect(by.near.withinMeters).toBeNull();
    expect(by.near.reason).toMatch(/library at 5004 m, beyond 5000 m/);
    expect(by.island.meters).toBe(Infinity);
    expect(by.island.minutes).toBeNull();
    const all = r.summary.all;
    expect(all.thresholds).toHaveLength(1);
    expect(all.thresholds[0]).toMatchObject({ minutes: null, meters: 5000 });
    expect(all.weightedMeanMinutes).toBeNull();
    expect(all.weightedP90Minutes).toBeNull();
    expect(all.weightedMeanMeters).toBeGreaterThan(0);
    // extra thresholds in metres are summarised too; without a standard they make it a distance run
    const extra = coverage(net, villages, facilities, {
      standard: 'rural-culture-5km',
      thresholdsMeters: [3000, 10_000],
    });
    expect(extra.thresholdsMeters).toEqual([3000, 5000, 10_000]);
    const extraBy = Object.fromEntries(extra.villages.map((v) => [v.id, v]));
    expect(extraBy.mid.withinMeters).toBe(5000); // 3336 m
    expect(extraBy.near.withinMeters).toBe(10_000); // 5004 m
    expect(extra.summary.all.thresholds.map((t) => t.meters)).toEqual([3000, 5000, 10_000]);
    const plain = coverage(net, villages, facilities, {
      thresholdsMeters: [5000],
      categories: ['culture'],
    });
    expect(plain.standard.thresholdMeters).toBe(5000);
    expect(plain.villages.map((v) => v.meters)).toEqual(r.villages.map((v) => v.meters));
  });

  it('rejects a standard measured with another profile, bad populations and missing thresholds', () => {
    expect(() =>
      coverage(net, villages, facilities, { standard: 'rural-basic-90min' }),
    ).toThrowError(/measured with the car profile, but the network was built with "walk"/);
    expect(() =>
      coverage(net, [{ lon: 0, lat: 0, id: 'x', properties: { population: 'many' } }], facilities, {
        thresholdsMinutes: [15],
      }),
    ).toThrowError(/village "x" \(#0\): population must be a number ≥ 0, got "many"/);
    expect(() => coverage(net, villages, facilities, {})).toThrowError(
      /needs a standard or at least one threshold/,
    );
    expect(() => coverage(net, villages, facilities, { standard: 'nope' })).toThrowError(
      /unknown standard "nope"; presets: community-15min/,
    );
    expect(() =>
      defineStandard({
        id: 'x',
        title: 'x',
        profile: 'car',
        thresholdMinutes: -1,
        categories: [],
        source: '',
      }),
    ).toThrowError(/standard "x": thresholdMinutes must be a number > 0, got -1/);
  });

  it('says precisely what is wrong with a threshold: both units, neither, or the old names', () => {
    const base = { id: 'x', title: 'x', profile: 'walk', categories: [], source: '' };
    expect(() =>
      // @ts-expect-error exactly one of thresholdMinutes and thresholdMeters
      defineStandard({ ...base, thresholdMinutes: 15, thresholdMeters: 5000 }),
    ).toThrowError(
      /standard "x": give thresholdMinutes or thresholdMeters, not both \(got 15 min and 5000 m\)/,
    );
    // @ts-expect-error a standard needs a threshold
    expect(() => defineStandard(base)).toThrowError(
      /standard "x": needs thresholdMinutes \(travel time\) or thresholdMeters \(distance along the network\)/,
    );
    expect(() => defineStandard({ ...base, thresholdMeters: Number.NaN })).toThrowError(
      /standard "x": thresholdMeters must be a number > 0, got NaN/,
    );
    expect(() =>
      defineStandard({ ...base, threshold: 5000, metric: 'distance' } as unknown as Parameters<
        typeof defineStandard
      >[0]),
    ).toThrowError(
      /standard "x": threshold and metric are no longer read; give thresholdMinutes \(travel time\) or thresholdMeters/,
    );
    expect(() =>
      coverage(net, villages, facilities, { thresholdsMinutes: [15], thresholdsMeters: [5000] }),
    ).toThrowError(
      /give thresholdsMinutes or thresholdsMeters, not both \(got \[15\] min and \[5000\] m\)/,
    );
    expect(() =>
      coverage(net, villages, facilities, {
        standard: 'elderly-care-15min',
        thresholdsMeters: [5000],
      }),
    ).toThrowError(
      /standard "elderly-care-15min" is measured in minutes \(15 min\); give extra thresholds as thresholdsMinutes/,
    );
    expect(() =>
      coverage(net, villages, facilities, {
        standard: 'rural-culture-5km',
        thresholdsMinutes: [15],
      }),
    ).toThrowError(
      /standard "rural-culture-5km" is measured in metres along the network \(5000 m\); give extra thresholds as thresholdsMeters/,
    );
    expect(() =>
      coverage(net, villages, facilities, { thresholds: [15] } as unknown as CoverageOptions),
    ).toThrowError(
      /coverage option thresholds is no longer read; give thresholdsMinutes \(travel time\) or thresholdsMeters/,
    );
    // whatIf and WhatIfSession check their options before `coverage` sees them: the same words
    // (the unknown-key check alone suggested thresholdsMeters for what were minutes).
    const retired = { thresholds: [15] } as unknown as CoverageOptions;
    for (const call of [
      () => whatIf(net, villages, facilities, {}, retired),
      () => new WhatIfSession(net, villages, facilities, retired),
    ])
      expect(call).toThrowError(
        /^coverage option thresholds is no longer read; give thresholdsMinutes \(travel time\) or thresholdsMeters/,
      );
    expect(() => coverage(net, villages, facilities, { thresholdsMinutes: [15, -5] })).toThrowError(
      /thresholdsMinutes must be numbers > 0, got -5/,
    );
  });

  it('counts villages without population apart, or with an explicit default', () => {
    const r = coverage(net, villages, facilities, {
      thresholdsMinutes: [15],
      defaultPopulation: 10,
    });
    expect(r.summary.all.populationUnknownVillages).toBe(0);
    expect(r.summary.all.populationKnown).toEqual({ villages: 6, ofVillages: 6 });
    expect(r.villages.find((v) => v.id === 'unknown')!.population).toBe(10);
    const g = coverage(net, villages, facilities, { thresholdsMinutes: [15], groupBy: 'township' });
    expect(g.summary.all.populationKnown).toEqual({ villages: 5, ofVillages: 6 });
    expect(g.summary.groups!.A.populationKnown).toEqual({ villages: 2, ofVillages: 3 });
    expect(g.summary.groups!.B.populationKnown).toEqual({ villages: 3, ofVillages: 3 });
  });

  it('writes GeoJSON a person can open on a map and a CSV of who is not covered', () => {
    const r = coverage(net, villages, facilities, { standard: 'elderly-care-15min' });
    const g = coverageGeoJson(r, villages);
    expect(g.features).toHaveLength(6);
    const island = g.features.find((f) => f.id === 'island')!;
    expect(island.properties).toMatchObject({
      status: 'unreachable',
      minutes: null,
      meters: null,
      withinMinutes: null,
      township: 'B',
      'marker-color': '#d7191c',
      standard: 'elderly-care-15min',
    });
    expect(JSON.parse(JSON.stringify(g))).toEqual(g); // nothing JSON cannot hold
    const csv = outsideCsv(r).trim().split('\n');
    expect(g.features.find((f) => f.id === 'near')!.properties).toMatchObject({
      minutes: expect.closeTo(along(0.005) / WALK / 60, 9),
      meters: expect.closeTo(along(0.005), 6),
      withinMinutes: 15,
      withinMeters: null,
      'nearest_elderly-care': 'care home',
      'nearest_elderly-care_minutes': expect.closeTo(along(0.005) / WALK / 60, 9),
      'nearest_elderly-care_meters': expect.closeTo(along(0.005), 6),
    });
    expect(csv[0]).toBe('id,status,reason,minutes,meters,facility,population,group,lon,lat');
    const parsed = parseCsv(outsideCsv(r));
    const far = parsed.rows.find((row) => row[0] === 'far')!;
    expect(far.slice(3, 5).map(Number)).toEqual([
      Math.round((along(0.09) / WALK / 60) * 10) / 10,
      Math.round(along(0.09) * 10) / 10,
    ]);
    expect(csv.slice(1).map((l) => l.split(',')[0])).toEqual(['mountain', 'island', 'far', 'mid']);
  });
});

describe('whatIf(network, villages, facilities, change, options)', () => {
  it('closing the care home and opening one further east changes exactly the villages it should', () => {
    const r = whatIf(
      net,
      villages,
      facilities,
      {
        close: ['care home'],
        open: [{ lon: 0.06, lat: 0, id: 'new care', category: 'elderly-care' }],
      },
      { standard: 'elderly-care-15min' },
    );
    expect(r.before.villages.find((v) => v.id === 'near')!.status).toBe('covered');
    const byId = Object.fromEntries(r.changed.map((c) => [c.id, c]));
    expect(byId.near.after.facility).toBe('new care');
    expect(byId.near.after.status).toBe('outside');
    expect(byId.far.after.status).toBe('outside'); // 3.3 km from the new one: still outside 15 min
    expect(byId.far.after.minutes).toBeCloseTo((along(0.09) - along(0.06)) / WALK / 60, 9);
    expect(byId.far.after.meters).toBeCloseTo(along(0.09) - along(0.06), 6);
    expect(byId.far.before.meters).toBeCloseTo(along(0.09), 6);
    expect(byId.island).toBeUndefined(); // unreachable before and after
    // the recomputed "after" equals a plain coverage run on the changed facility list
    const direct = coverage(
      net,
      villages,
      [
        facilities[1],
        facilities[2],
        { lon: 0.06, lat: 0, id: 'new care', category: 'elderly-care' },
      ],
      { standard: 'elderly-care-15min' },
    );
    expect(r.after.summary).toEqual(direct.summary);
    expect(() =>
      whatIf(net, villages, facilities, { close: ['nope'] }, { standard: 'elderly-care-15min' }),
    ).toThrowError(/cannot close facility "nope"/);
  });
});

describe('standards and categories', () => {
  it('every preset is valid and names its source', () => {
    for (const s of STANDARDS) {
      expect(defineStandard(s)).toEqual(s);
      expect(s.source.length).toBeGreaterThan(20);
    }
    expect(standardById('rural-basic-90min')).toMatchObject({
      profile: 'car',
      thresholdMinutes: 90,
    });
    expect(standardById('rural-basic-90min').thresholdMeters).toBeUndefined();
    expect(standardById('rural-culture-5km')).toMatchObject({
      profile: 'walk',
      thresholdMeters: 5000,
    });
    expect(standardById('rural-culture-5km').thresholdMinutes).toBeUndefined();
  });

  it('reads categories from OSM tags', () => {
    expect(categoriesFromTags({ healthcare: 'yes', building: 'yes' })).toEqual(['health']);
    expect(categoriesFromTags({ amenity: 'hospital' })).toEqual(['health', 'hospital']);
    expect(categoriesFromTags({ social_facility: 'nursing_home' })).toEqual(['elderly-care']);
    expect(categoriesFromTags({ healthcare: 'no' })).toEqual([]);
    expect(categoriesFromTags({ amenity: 'pharmacy', healthcare: 'pharmacy' })).toEqual([]);
    expect(categoriesFromTags({ amenity: 'school;library' })).toEqual([
      'education',
      'school',
      'culture',
    ]);
  });
});

describe('coverage agrees with nearestFacilities and with a recount (random networks)', () => {
  for (let seed = 1; seed <= 15; seed++) {
    it(`seed ${seed}`, () => {
      const n = buildNetworkFromGeoJson(randomRoads(seed), { profile: 'car' });
      const rnd = mulberry32(700 + seed);
      const pt = (i: number): IndexedPoint => ({
        lon: -0.002 + rnd() * 0.026,
        lat: 30 - 0.002 + rnd() * 0.026,
        id: i,
        properties: {
          population: rnd() < 0.2 ? null : Math.floor(rnd() * 500),
          g: rnd() < 0.5 ? 'x' : 'y',
        },
      });
      const vs = Array.from({ length: 20 }, (_, i) => pt(i));
      const fs = Array.from({ length: 3 }, (_, i) => pt(i));
      const r = coverage(n, vs, fs, {
        thresholdsMinutes: [1, 2],
        groupBy: 'g',
        maxSnapDistanceM: 300,
      });
      const coords = vs.flatMap((v) => [v.lon, v.lat]);
      const nf = nearestFacilities(
        n,
        coords,
        fs.flatMap((f) => [f.lon, f.lat]),
        { maxSeconds: 60, maxSnapDistanceM: 300 },
      );
      for (const v of r.villages) {
        expect(v.minutes).toBe(nf.timeS[v.index] / 60);
        expect(v.meters).toBe(nf.distanceM[v.index]);
        const expected = {
          0: (v.minutes as number) <= 1 ? 'covered' : 'outside',
          1: 'off-network',
          2: 'unreachable',
          3: 'outside',
        }[nf.status[v.index]];
        expect(v.status).toBe(expected);
      }
      for (const [i, t] of r.thresholdsMinutes!.entries()) {
        const inside = r.villages.filter((v) => (v.minutes as number) <= t);
        expect(r.summary.all.thresholds[i].within.villages).toBe(inside.length);
        expect(r.summary.all.thresholds[i].within.population).toBe(
          inside.reduce((s, v) => s + (v.population ?? 0), 0),
        );
        const groups = r.summary.groups!;
        expect(Object.values(groups).reduce((s, g) => s + g.thresholds[i].within.villages, 0)).toBe(
          inside.length,
        );
      }
    });
  }
});

describe('joinPopulation(villages, csv)', () => {
  const vs: IndexedPoint[] = [
    { lon: 0, lat: 0, id: 'node/1', properties: { name: 'Canillo' } },
    { lon: 0, lat: 0, id: 'node/2', properties: { name: 'Encamp', population: 5 } },
    { lon: 0, lat: 0, id: 'node/3', properties: { name: 'Soldeu' } },
    { lon: 0, lat: 0, id: 'node/4', properties: { name: 'Soldeu' } },
  ];
  it('joins by id, or by name without an id column, and lists the rows that match no village', () => {
    const byId = joinPopulation(vs, 'id,population\nnode/2,"1,250"\nnode/4,30\nnode/9,7\n');
    expect(byId.by).toBe('id');
    expect(byId.villages.map((v) => v.properties?.population)).toEqual([
      undefined,
      1250,
      undefined,
      30,
    ]);
    expect([byId.matched, byId.unmatched]).toEqual([2, ['node/9']]);
    expect(vs[1].properties?.population).toBe(5); // the input is not changed
    const byName = joinPopulation(vs, 'name,population\nCanillo,4826\nEncamp,\n', {
      field: 'people',
    });
    expect(byName.by).toBe('name');
    expect(byName.villages[0].properties).toEqual({ name: 'Canillo', people: 4826 });
    expect(byName.matched).toBe(1); // an empty population is no value
    const r = coverage(net, byName.villages, facilities, {
      thresholdsMinutes: [15],
      populationField: 'people',
    });
    expect(r.summary.all.populationKnown).toEqual({ villages: 1, ofVillages: 4 });
  });
  it('refuses what it cannot join for certain, naming the line', () => {
    expect(() => joinPopulation(vs, 'name,population\nSoldeu,12\n', { where: 'p.csv' })).toThrow(
      'p.csv, line 2: several villages are named "Soldeu"; match by an id column instead',
    );
    expect(() => joinPopulation(vs, 'id,population\nnode/1,3\nnode/1,4\n')).toThrow(
      'population table, line 3: id "node/1" is listed already on line 2',
    );
    expect(() => joinPopulation(vs, 'id,population\nnode/1,-3\n')).toThrow(
      'population table, line 2: population of "node/1" must be a number ≥ 0, got "-3"',
    );
    expect(() => joinPopulation(vs, 'village,people\nx,3\n')).toThrow(
      'population table: needs a population column and an id or name column, got village, people',
    );
  });
});
