// When the hierarchy gets built: `network --hierarchy` saves it, commands loading that .srn use it
// (same output as without), `site` and `matrix` contract a network built on the fly only when the
// job's plain searches would cost more than the contraction (hierarchyPays), with a progress line.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateCounty } from '../data/generate-county';
import { buildNetworkFromGeoJson, readPointsFromGeoJson } from '../src/index';
import { placePoints } from '../src/engine';
import { hierarchyPays } from '../src/search/ch/hierarchy-pays';
import { hierarchyFor, preparedHierarchy } from '../src/search/ch/network-hierarchy';
import { loadNetwork } from '../src/node';
import { ROOT, runCli, runCliOnTty } from './helpers/cli';

const tmp = mkdtempSync(join(tmpdir(), 'servicereach-ch-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const county = (f: string) => join(ROOT, 'data/county', f);

describe('hierarchyPays', () => {
  const c = generateCounty({ seed: 3, scale: 8 });
  const villages = readPointsFromGeoJson(c.villages);
  const coords = villages.flatMap((v) => [v.lon, v.lat]);

  it('says yes for thousands of 90-minute drives, no for 15-minute walks, few starts or a prepared network', () => {
    const car = buildNetworkFromGeoJson(c.roads, { profile: 'car' });
    const walk = buildNetworkFromGeoJson(c.roads, { profile: 'walk' });
    expect(villages.length).toBeGreaterThan(1500);
    expect(hierarchyPays(car, coords, { maxSeconds: 5400, direction: 'to' })).toBe(true);
    expect(hierarchyPays(car, placePoints(car, coords), { maxSeconds: 5400 })).toBe(true);
    // the same work split over many threads: contraction (one thread) no longer pays
    expect(hierarchyPays(car, coords, { maxSeconds: 5400, threads: 64 })).toBe(false);
    expect(hierarchyPays(walk, coords, { maxSeconds: 900, direction: 'to' })).toBe(false);
    expect(hierarchyPays(car, coords.slice(0, 200), { maxSeconds: 5400 })).toBe(false);
    expect(hierarchyPays(car, [], {})).toBe(false);
    hierarchyFor(car);
    expect(hierarchyPays(car, coords, { maxSeconds: 5400 })).toBe(false);
  });

  it('grows with the work: more starts or a longer limit never turn a yes into a no', () => {
    const car = buildNetworkFromGeoJson(c.roads, { profile: 'car' });
    let last = false;
    for (const n of [100, 400, 800, 1200, 1600, villages.length]) {
      const now = hierarchyPays(car, coords.slice(0, 2 * n), { maxSeconds: 5400 });
      expect(now || !last, `${n} starts`).toBe(true);
      last = now;
    }
    last = false;
    for (const minutes of [5, 15, 30, 60, 90, 180]) {
      const now = hierarchyPays(car, coords, { maxSeconds: minutes * 60 });
      expect(now || !last, `${minutes} minutes`).toBe(true);
      last = now;
    }
    expect(last).toBe(true);
  });
});

describe('the CLI and the hierarchy', () => {
  it('network --hierarchy saves it; matrix on that .srn gives the plain .srn’s output', async () => {
    const plain = join(tmp, 'car.srn');
    const withCh = join(tmp, 'car-ch.srn');
    expect((await runCli('network', county('roads.geojson'), '--out', plain, '--quiet')).code).toBe(
      0,
    );
    const r = await runCli(
      'network',
      county('roads.geojson'),
      '--hierarchy',
      '--out',
      withCh,
      '--json',
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).hierarchyEdges).toBeGreaterThan(0);
    const text = await runCli('network', withCh);
    expect(text.out).toMatch(/contraction hierarchy\s+[\d,]+ edges up and down/);
    expect(preparedHierarchy(await loadNetwork(withCh))).not.toBe(null);
    expect(preparedHierarchy(await loadNetwork(plain))).toBe(null);
    const args = ['--from', county('villages.geojson'), '--to', county('facilities.geojson')];
    const a = await runCli('matrix', '--network', plain, ...args);
    const b = await runCli('matrix', '--network', withCh, ...args);
    expect(a.code).toBe(0);
    const rows = (s: string) => s.trim().split('\n').slice(1);
    const ra = rows(a.out);
    const rb = rows(b.out);
    expect(rb.length).toBe(ra.length);
    for (let i = 0; i < ra.length; i++) {
      const [fa, ta, sa] = ra[i].split(',');
      const [fb, tb, sb] = rb[i].split(',');
      expect([fb, tb]).toEqual([fa, ta]);
      if (sa === '') expect(sb).toBe('');
      else expect(Math.abs(Number(sb) - Number(sa))).toBeLessThanOrEqual(0.001);
    }
  }, 180_000);

  it('site contracts a network built on the fly for many long drives (progress line), not for short walks; same sites', async () => {
    const c = generateCounty({ seed: 3, scale: 8 });
    const roads = join(tmp, 'roads8.geojson');
    const villages = join(tmp, 'villages8.geojson');
    const facilities = join(tmp, 'facilities8.geojson');
    writeFileSync(roads, JSON.stringify(c.roads));
    writeFileSync(villages, JSON.stringify(c.villages));
    writeFileSync(facilities, JSON.stringify(c.facilities));
    const base = ['site', '--network', roads, '--villages', villages, '--facilities', facilities];
    const long = await runCliOnTty(
      ...base,
      '--minutes',
      '90',
      '--add',
      '3',
      '--out',
      join(tmp, 's1'),
    );
    expect(long.code).toBe(0);
    expect(long.err).toContain('building the contraction hierarchy');
    const short = await runCliOnTty(
      ...base,
      '--minutes',
      '15',
      '--add',
      '3',
      '--profile',
      'walk',
      '--out',
      join(tmp, 's2'),
    );
    expect(short.code).toBe(0);
    expect(short.err).not.toContain('contraction hierarchy');
    // The same choice as the plain searches make: saved networks with and without, same sites.
    const sites = (dir: string) => readFileSync(join(dir, 'sites.csv'), 'utf8');
    const srn = join(tmp, 'car8.srn');
    expect((await runCli('network', roads, '--out', srn, '--quiet')).code).toBe(0);
    const few = ['--network', srn, '--villages', villages, '--facilities', facilities];
    // 200 candidates: too few to contract, so this run is the plain one
    const cand = join(tmp, 'cand.geojson');
    const cv = c.villages.features.slice(0, 200);
    writeFileSync(cand, JSON.stringify({ ...c.villages, features: cv }));
    const p = await runCliOnTty(
      'site',
      ...few,
      '--candidates',
      cand,
      '--minutes',
      '90',
      '--add',
      '3',
      '--out',
      join(tmp, 's3'),
    );
    expect(p.err).not.toContain('contraction hierarchy');
    const srnCh = join(tmp, 'car8-ch.srn');
    expect((await runCli('network', roads, '--hierarchy', '--out', srnCh, '--quiet')).code).toBe(0);
    const few2 = ['--network', srnCh, '--villages', villages, '--facilities', facilities];
    const q = await runCliOnTty(
      'site',
      ...few2,
      '--candidates',
      cand,
      '--minutes',
      '90',
      '--add',
      '3',
      '--out',
      join(tmp, 's4'),
    );
    expect(q.err).not.toContain('building the contraction hierarchy');
    expect(sites(join(tmp, 's4'))).toBe(sites(join(tmp, 's3')));
  }, 180_000);
});
