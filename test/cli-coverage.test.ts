import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildNetworkFromGeoJson,
  catchments,
  coverage,
  coveredBy,
  isochrones,
  maximalCovering,
  nearestFacilities,
  readPointsFromGeoJson,
  STANDARDS,
  twoStepFca,
} from '../src/index';
import { ensureBuilt, ROOT, runCli } from './helpers/cli';
import { drawnRoads, letterPositions } from './helpers/drawn-roads';

const tmp = mkdtempSync(join(tmpdir(), 'servicereach-coverage-'));
const run = runCli;
// The CLI runs in this process from src/; only --threads needs the built worker (dist/pool-worker.js).
beforeAll(ensureBuilt);

// Footways ~111 m per character; E-F is an island, more than the 1000 m snap distance from the
// other roads (nearer, F would also enter the main network on foot and not be unreachable).
const MAP = `
  A-------------B-------------C
                |
                D                        E---F
`;
const roadsFc = drawnRoads(MAP, [
  ['ABC', { highway: 'footway' }],
  ['BD', { highway: 'footway' }],
  ['EF', { highway: 'footway' }],
]);
const P = letterPositions(MAP);
const ROADS = join(tmp, 'roads.geojson');
writeFileSync(ROADS, JSON.stringify(roadsFc));
const point = (letter: string, properties: Record<string, unknown>) => ({
  type: 'Feature',
  properties,
  geometry: { type: 'Point', coordinates: P.get(letter) },
});
const VILLAGES = join(tmp, 'villages.geojson');
const villagesFc = {
  type: 'FeatureCollection',
  features: [
    point('A', { id: 'a', population: 120, township: 'west' }),
    point('B', { id: 'b', population: 300, township: 'west' }),
    point('C', { id: 'c', population: 80, township: 'east' }),
    point('F', { id: 'f', population: 15, township: 'east' }),
    point('D', { id: 'd', township: 'west' }),
  ],
};
writeFileSync(VILLAGES, JSON.stringify(villagesFc));
const FACILITIES = join(tmp, 'facilities.geojson');
const facilitiesFc = {
  type: 'FeatureCollection',
  features: [
    point('A', { id: 'care', category: 'elderly-care' }),
    point('C', { id: 'gym', category: 'fitness' }),
  ],
};
writeFileSync(FACILITIES, JSON.stringify(facilitiesFc));

describe('servicereach coverage', () => {
  it('writes villages.geojson, outside.csv and summary.json that match the library', async () => {
    const out = join(tmp, 'out');
    const r = await run(
      'coverage',
      '--network',
      ROADS,
      '--villages',
      VILLAGES,
      '--facilities',
      FACILITIES,
      '--standard',
      'elderly-care-15min',
      '--minutes',
      '30',
      '--group-by',
      'township',
      '--out',
      out,
    );
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(
      /coverage: elderly-care-15min — 15-minute elderly-care circle \(on foot\)/,
    );
    expect(r.out).toMatch(/within 15 min/);
    expect(r.out).toMatch(/by group \(within 15 min\):/);
    const net = buildNetworkFromGeoJson(roadsFc, { profile: 'walk' });
    const lib = coverage(
      net,
      readPointsFromGeoJson(villagesFc),
      readPointsFromGeoJson(facilitiesFc),
      { standard: 'elderly-care-15min', thresholdsMinutes: [30], groupBy: 'township' },
    );
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.summary).toEqual(JSON.parse(JSON.stringify(lib.summary)));
    expect(summary.thresholdsMinutes).toEqual([15, 30]);
    const g = JSON.parse(readFileSync(join(out, 'villages.geojson'), 'utf8'));
    expect(g.features.map((f: { properties: { status: string } }) => f.properties.status)).toEqual(
      lib.villages.map((v) => v.status),
    );
    expect(g.features[3].properties).toMatchObject({
      id: 'f',
      status: 'unreachable',
      township: 'east',
    });
    const csv = readFileSync(join(out, 'outside.csv'), 'utf8').trim().split('\n');
    expect(csv.length - 1).toBe(lib.villages.filter((v) => v.status !== 'covered').length);
    expect(csv.some((l) => l.startsWith('f,unreachable,'))).toBe(true);
    const report = readFileSync(join(out, 'report.html'), 'utf8');
    expect(report).toMatch(/<h1>Coverage: 15-minute elderly-care circle \(on foot\)<\/h1>/);
    expect(report).not.toContain('OpenStreetMap'); // GeoJSON input: no OSM attribution claimed
  });

  it('prints JSON with --json, and takes plain thresholds with a category', async () => {
    const r = await run(
      'coverage',
      '--network',
      ROADS,
      '--villages',
      VILLAGES,
      '--facilities',
      FACILITIES,
      '--minutes',
      '10,20',
      '--profile',
      'walk',
      '--category',
      'fitness',
      '--json',
    );
    expect(r.code).toBe(0);
    const s = JSON.parse(r.out);
    expect(s.thresholdsMinutes).toEqual([10, 20]);
    expect(s.standard.categories).toEqual(['fitness']);
    expect(s.summary.all.villages).toBe(5);
    expect(s.summary.all.populationUnknownVillages).toBe(1);
  });

  it('explains bad command lines and bad data', async () => {
    const base = [
      'coverage',
      '--network',
      ROADS,
      '--villages',
      VILLAGES,
      '--facilities',
      FACILITIES,
    ];
    let r = await run(...base);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/give --standard <id> or --minutes/);
    r = await run(...base, '--standard', 'rural-basic-90min', '--profile', 'walk');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(
      /--profile walk contradicts standard rural-basic-90min, which is measured with car/,
    );
    r = await run(...base, '--standard', 'nope');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/unknown standard "nope"/);
    r = await run(...base, '--minutes', '15,abc');
    expect(r.code).toBe(2);
    const bad = join(tmp, 'bad.geojson');
    writeFileSync(
      bad,
      JSON.stringify({
        type: 'FeatureCollection',
        features: [point('A', { id: 'x', population: -5 })],
      }),
    );
    r = await run(
      'coverage',
      '--network',
      ROADS,
      '--villages',
      bad,
      '--facilities',
      FACILITIES,
      '--minutes',
      '15',
      '--profile',
      'walk',
    );
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/village "x" \(#0\): population must be a number ≥ 0, got -5/);
  });
});

describe('servicereach coverage of a standard needing several kinds', () => {
  it('prints a warning once when stdout and stderr are one terminal, twice otherwise', async () => {
    const { main } = await import('../src/cli/main');
    const args = [
      'coverage',
      '--network',
      ROADS,
      '--villages',
      VILLAGES,
      '--facilities',
      FACILITIES,
    ];
    const onTty = async (stdoutTty: boolean) => {
      let out = '';
      let err = '';
      const code = await main([...args, '--standard', 'community-15min'], {
        stdout: { isTTY: stdoutTty, write: (t: string) => (out += t) },
        stderr: { isTTY: true, write: (t: string) => (err += t) },
      });
      return { code, out, err };
    };
    const both = await onTty(true);
    expect(both.code).toBe(0);
    expect(both.out).toContain('  WARNING: standard "community-15min" requires each of');
    expect(both.err).not.toContain('warning:');
    // The table to a file (stdout not a terminal): the warning on the terminal too.
    const toFile = await onTty(false);
    expect(toFile.out).toContain('  WARNING: standard "community-15min"');
    expect(toFile.err).toContain('warning: standard "community-15min" requires each of');
  });

  it('warns first when a required kind has no facility, and shows each kind alone and how much population is known', async () => {
    const out = join(tmp, 'community');
    const args = [
      'coverage',
      '--network',
      ROADS,
      '--villages',
      VILLAGES,
      '--facilities',
      FACILITIES,
    ];
    const r = await run(...args, '--standard', 'community-15min', '--out', out);
    expect(r.code).toBe(0);
    const warning =
      'standard "community-15min" requires each of elderly-care, fitness, employment, culture, but the input has no employment and no culture facility: every village counts as unreachable (those kinds are missing, not far away); give facilities of every required kind, or use a standard or categories of the kinds you have';
    expect(r.err).toBe(`warning: ${warning}\n`);
    const lines = r.out.split('\n');
    expect(lines[1]).toBe(`  WARNING: ${warning}`);
    expect(r.out).toContain(
      '  population known for 4 of 5 villages: population and shares count only those',
    );
    expect(r.out).toContain('  each required kind alone (all are needed):');
    expect(r.out).toMatch(/ {2}elderly-care within 15 min +1 +120 +23\.3% {2}\(1 facilities\)/);
    expect(r.out).toMatch(/ {2}employment within 15 min +0 +0 +0\.0% {2}\(0 facilities\)/);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.summary.all.populationKnown).toEqual({ villages: 4, ofVillages: 5 });
    expect(summary.summary.byCategory.map((k: { category: string }) => k.category)).toEqual([
      'elderly-care',
      'fitness',
      'employment',
      'culture',
    ]);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain(
      'population known for 4 of 5 villages',
    );
    // a standard of one kind: no per-kind rows, the population note all the same
    const one = await run(...args, '--standard', 'elderly-care-15min');
    expect(one.out).not.toContain('each required kind alone');
    expect(one.out).toContain('population known for 4 of 5 villages');
  });
});

describe('servicereach coverage and site --population', () => {
  it('join population from a table by village id and say how many matched', async () => {
    const table = join(tmp, 'population.csv');
    writeFileSync(table, 'id,population\nd,40\nzz,1\n');
    const args = ['--network', ROADS, '--villages', VILLAGES, '--facilities', FACILITIES];
    const note = `population from ${table} for 1 of 5 villages (by id); 1 rows match no village (zz)\n`;
    const r = await run(
      'coverage',
      ...args,
      '--standard',
      'elderly-care-15min',
      '--population',
      table,
      '--json',
    );
    expect(r.code).toBe(0);
    expect(r.err).toBe(note);
    expect(JSON.parse(r.out).summary.all.populationKnown).toEqual({ villages: 5, ofVillages: 5 });
    const s = await run(
      'site',
      ...args,
      '--category',
      'elderly-care',
      '--add',
      '1',
      '--minutes',
      '5',
      '--profile',
      'walk',
      '--population',
      table,
      '--json',
    );
    expect(s.err).toBe(note);
    // b (300) and d (40, from the table) are within 5 minutes of b
    expect(JSON.parse(s.out).picks[0]).toMatchObject({ site: 'b', populationAdded: 340 });
    const missing = await run(
      'coverage',
      ...args,
      '--standard',
      'elderly-care-15min',
      '--population',
      join(tmp, 'nope.csv'),
    );
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/file not found: .*nope\.csv/);
  });
});

describe('a saved network without --profile', () => {
  it('keeps its own profile in coverage, isochrone, site and access (no "not car" error)', async () => {
    const county = (f: string) => join(ROOT, 'data/county', f);
    const srn = join(tmp, 'county-walk.srn');
    const built = await run('network', county('roads.geojson'), '--profile', 'walk', '--out', srn);
    expect(built.code).toBe(0);
    const common = ['--network', srn, '--villages', county('villages.geojson')];
    const health = ['--facilities', county('facilities.geojson'), '--category', 'health'];
    const runs = [
      ['coverage', ...common, ...health, '--minutes', '15', '--json'],
      ['site', ...common, ...health, '--minutes', '15', '--add', '1', '--json'],
      ['access', ...common, ...health, '--minutes', '15', '--capacity-field', 'beds'],
      ['isochrone', '--network', srn, '--from', '100.2,25.2', '--minutes', '5', '--json'],
    ];
    for (const args of runs) {
      const r = await run(...args);
      expect(r.err, args[0]).not.toMatch(/profile/);
      expect(r.code, `${args[0]}: ${r.err}`).toBe(0);
      // access prints CSV rows to stdout; the others name the network's profile
      if (args[0] !== 'access') expect(r.out, args[0]).toMatch(/walk/);
    }
    const car = await run('coverage', ...common, ...health, '--minutes', '15', '--profile', 'car');
    expect(car.code).toBe(1);
    expect(car.err).toMatch(/built with profile "walk", not "car"/);
  });
});

describe('servicereach standards', () => {
  it('lists every preset with its source', async () => {
    const r = await run('standards');
    expect(r.code).toBe(0);
    for (const s of STANDARDS) expect(r.out).toContain(s.id);
    expect(r.out).toMatch(/source: Yunnan Province 14th Five-Year/);
    expect(JSON.parse((await run('standards', '--json')).out)).toEqual(STANDARDS);
  });
});

describe('servicereach isochrone', () => {
  it('writes nested bands with area and population, matching the library', async () => {
    const out = join(tmp, 'iso.geojson');
    const [ax, ay] = P.get('A')!;
    const r = await run(
      'isochrone',
      '--network',
      ROADS,
      '--profile',
      'walk',
      '--from',
      `${ax},${ay}`,
      '--minutes',
      '5,10',
      '--cell',
      '50',
      '--villages',
      VILLAGES,
      '--out',
      out,
    );
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/isochrone \(walk, from\): 1 origin\(s\), bands 5, 10 min/);
    const fc = JSON.parse(readFileSync(out, 'utf8'));
    expect(
      fc.features.map((f: { properties: { minutes: number } }) => f.properties.minutes),
    ).toEqual([10, 5]);
    const net = buildNetworkFromGeoJson(roadsFc, { profile: 'walk' });
    const lib = isochrones(net, [ax, ay], {
      minutes: [5, 10],
      cellM: 50,
      villages: readPointsFromGeoJson(villagesFc),
    });
    expect(fc).toEqual(JSON.parse(JSON.stringify(lib)));
    expect(fc.features[0].properties.areaKm2).toBeGreaterThan(fc.features[1].properties.areaKm2);
    // from a facilities file, one set per facility
    const j = JSON.parse(
      (
        await run(
          'isochrone',
          '--network',
          ROADS,
          '--profile',
          'walk',
          '--from',
          FACILITIES,
          '--minutes',
          '5',
          '--each',
          '--json',
        )
      ).out,
    );
    // the same bands from worker threads; --threads without --each is refused
    expect(
      JSON.parse(
        (
          await run(
            'isochrone',
            '--network',
            ROADS,
            '--profile',
            'walk',
            '--from',
            FACILITIES,
            '--minutes',
            '5',
            '--each',
            '--threads',
            '2',
            '--json',
          )
        ).out,
      ),
    ).toEqual(j);
    expect(
      (
        await run(
          'isochrone',
          '--network',
          ROADS,
          '--from',
          FACILITIES,
          '--minutes',
          '5',
          '--threads',
          '2',
        )
      ).err,
    ).toMatch(/--threads shares facilities out with --each/);
    expect(j.bands.map((b: { origin: number }) => b.origin)).toEqual([0, 1]);
    const bad = await run('isochrone', '--network', ROADS, '--from', '1,2,3', '--minutes', '5');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--from point 1 must be "lon,lat", got "1,2,3"/);
  });
});

describe('servicereach site', () => {
  const county = (f: string) => join(ROOT, 'data/county', f);
  it('adds the sites that bring the most people within reach, matching the library', async () => {
    const out = join(tmp, 'site');
    const r = await run(
      'site',
      '--network',
      county('roads.geojson'),
      '--villages',
      county('villages.geojson'),
      '--facilities',
      county('facilities.geojson'),
      '--category',
      'elderly-care',
      '--add',
      '3',
      '--minutes',
      '15',
      '--profile',
      'walk',
      '--out',
      out,
      '--json',
    );
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const s = JSON.parse(r.out);
    expect(s.picks).toHaveLength(3);
    for (let i = 1; i < 3; i++)
      expect(s.picks[i].populationAdded).toBeLessThanOrEqual(s.picks[i - 1].populationAdded);
    expect(s.coveredAfter.population).toBe(
      s.coveredBefore.population +
        s.picks.reduce((a: number, x: { populationAdded: number }) => a + x.populationAdded, 0),
    );
    // the same with the library: existing coverage from the elderly-care catchments, candidates = villages
    const net = buildNetworkFromGeoJson(JSON.parse(readFileSync(county('roads.geojson'), 'utf8')), {
      profile: 'walk',
    });
    const vs = readPointsFromGeoJson(JSON.parse(readFileSync(county('villages.geojson'), 'utf8')));
    const fs = readPointsFromGeoJson(
      JSON.parse(readFileSync(county('facilities.geojson'), 'utf8')),
    ).filter((f) => String(f.category).split(';').includes('elderly-care'));
    const vc = vs.flatMap((v) => [v.lon, v.lat]);
    const existing = catchments(
      net,
      vc,
      fs.flatMap((f) => [f.lon, f.lat]),
      { maxSeconds: 900 },
    );
    const lib = maximalCovering(
      catchments(net, vc, vc, { maxSeconds: 900 }),
      vs.map((v) => (v.properties?.population as number | undefined) ?? 0),
      {
        p: 3,
        covered: coveredBy(
          existing,
          Array.from({ length: fs.length }, (_, i) => i),
        ),
      },
    );
    expect(s.picks.map((x: { site: string }) => x.site)).toEqual(lib.sites.map((i) => vs[i].id));
    expect(JSON.parse(readFileSync(join(out, 'sites.geojson'), 'utf8')).features).toHaveLength(3);
    // the same picks with the catchments computed on two worker threads
    const par = await run(
      'site',
      '--network',
      county('roads.geojson'),
      '--villages',
      county('villages.geojson'),
      '--facilities',
      county('facilities.geojson'),
      '--category',
      'elderly-care',
      '--add',
      '3',
      '--minutes',
      '15',
      '--profile',
      'walk',
      '--threads',
      '2',
      '--json',
    );
    expect(JSON.parse(par.out).picks).toEqual(s.picks);
    const bad = await run(
      'site',
      '--network',
      county('roads.geojson'),
      '--villages',
      county('villages.geojson'),
      '--facilities',
      county('facilities.geojson'),
      '--minutes',
      '15',
      '--add',
      '2',
      '--cover-all',
    );
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/give either --add <p> or --cover-all/);
  });
});

describe('servicereach site without population', () => {
  it('chooses by villages newly covered and says why fewer sites than asked come back', async () => {
    // no village has a population: every population is unknown (a --population-field no
    // village has is an input error now, so the property is left out of a copy of the villages)
    const unknown = join(tmp, 'villages-no-population.geojson');
    writeFileSync(
      unknown,
      JSON.stringify({
        ...villagesFc,
        features: villagesFc.features.map((f) => {
          const { population: _p, ...properties } = f.properties as Record<string, unknown>;
          return { ...f, properties };
        }),
      }),
    );
    const args = [
      'site',
      '--network',
      ROADS,
      '--villages',
      unknown,
      '--facilities',
      FACILITIES,
      '--category',
      'elderly-care',
      '--add',
      '5',
      '--minutes',
      '5',
      '--profile',
      'walk',
    ];
    const json = await run(...args, '--json');
    expect(json.code).toBe(0);
    const s = JSON.parse(json.out);
    expect(
      s.picks.map((x: { site: string; villagesAdded: number; chosenBy: string }) => [
        x.site,
        x.villagesAdded,
        x.chosenBy,
      ]),
    ).toEqual([
      ['b', 2, 'villages'],
      ['c', 1, 'villages'],
      ['f', 1, 'villages'],
    ]);
    expect(s.shortfall).toEqual({
      missing: 2,
      reason: 'all-covered',
      message: 'every village is covered after 3 sites: 2 more would cover no village',
    });
    expect(s.coveredAfter.villages).toBe(5);
    const text = await run(...args);
    expect(text.out).toContain('chosen by villages: no candidate adds known population');
    expect(text.out).toContain(
      '3 of 5 sites: every village is covered after 3 sites: 2 more would cover no village',
    );
    expect(text.out).toMatch(/covered after .*\(5 of 5 villages\)/);
  });
});

describe('servicereach access', () => {
  const county = (f: string) => join(ROOT, 'data/county', f);
  it('writes 2SFCA scores per 1,000 residents that match the library, and names a facility without capacity', async () => {
    const out = join(tmp, 'access.csv');
    const args = [
      'access',
      '--network',
      county('roads.geojson'),
      '--villages',
      county('villages.geojson'),
      '--facilities',
      county('facilities.geojson'),
    ];
    const r = await run(
      ...args,
      '--category',
      'health',
      '--capacity-field',
      'beds',
      '--minutes',
      '30',
      '--out',
      out,
    );
    expect(r.code).toBe(0);
    const rows = readFileSync(out, 'utf8').trim().split('\n');
    expect(rows[0]).toBe('village,score_per_1000,population,facilities_within,note');
    const net = buildNetworkFromGeoJson(JSON.parse(readFileSync(county('roads.geojson'), 'utf8')), {
      profile: 'car',
    });
    const vs = readPointsFromGeoJson(JSON.parse(readFileSync(county('villages.geojson'), 'utf8')));
    const fs = readPointsFromGeoJson(
      JSON.parse(readFileSync(county('facilities.geojson'), 'utf8')),
    ).filter((f) => String(f.category).split(';').includes('health'));
    const c = catchments(
      net,
      vs.flatMap((v) => [v.lon, v.lat]),
      fs.flatMap((f) => [f.lon, f.lat]),
      { maxSeconds: 1800 },
    );
    const lib = twoStepFca(
      c,
      fs.map((f) => f.properties?.beds as number),
      vs.map((v) => (v.properties?.population as number | undefined) ?? 0),
    );
    for (const [i, row] of rows.slice(1).entries())
      expect(Number(row.split(',')[1])).toBeCloseTo(lib.score[i] * 1000, 2);
    // every bed is shared out: Σ population × score = Σ beds of facilities anyone reaches
    const reachedBeds = fs.reduce(
      (a, f, j) =>
        a + (c.start[j + 1] > c.start[j] && lib.demand[j] > 0 ? (f.properties?.beds as number) : 0),
      0,
    );
    expect(
      vs.reduce(
        (a, v, i) => a + ((v.properties?.population as number | undefined) ?? 0) * lib.score[i],
        0,
      ),
    ).toBeCloseTo(reachedBeds, 6);
    const fOut = join(tmp, 'facilities-load.csv');
    expect(
      (
        await run(
          ...args,
          '--category',
          'health',
          '--capacity-field',
          'beds',
          '--minutes',
          '30',
          '--out',
          out,
          '--facility-out',
          fOut,
          '--standard-per-1000',
          '1.5',
        )
      ).code,
    ).toBe(0);
    const load = readFileSync(fOut, 'utf8').trim().split('\n');
    expect(load[0]).toBe(
      'facility,capacity,assigned_population,population_within,per_1000_assigned,shortfall',
    );
    expect(load.length - 1).toBe(fs.length);
    // every person with a nearest health facility is assigned to exactly one
    const assigned = load.slice(1).reduce((a, l) => a + Number(l.split(',')[2]), 0);
    const nf = nearestFacilities(
      net,
      vs.flatMap((v) => [v.lon, v.lat]),
      fs.flatMap((f) => [f.lon, f.lat]),
    );
    expect(assigned).toBe(
      vs.reduce(
        (a, v, i) =>
          a + (nf.facility[i] >= 0 ? ((v.properties?.population as number | undefined) ?? 0) : 0),
        0,
      ),
    );
    const bad = await run(...args, '--capacity-field', 'beds', '--minutes', '30');
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(
      /facilities\.geojson: facility "F0002" \(#1\) has no "beds" \(--capacity-field\); its properties are id, name/,
    );
  });
});
