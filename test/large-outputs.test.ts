// Issue 15: outputs of a million villages are written in chunks (never one string past V8's
// 512 MB limit), the HTML report draws a sample of the villages above a size and says so, and
// the quadratic matrix computes its origins in blocks and refuses up front what it cannot write.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { prettyJsonChunks, lineChunks } from '../src/cli/text-chunks';
import {
  buildNetworkFromGeoJson,
  coverage,
  coverageGeoJson,
  type IndexedPoint,
  reportHtml,
  travelTimeMatrix,
} from '../src/index';
import { coverageFeature } from '../src/report/coverage-output';
import { featureCollectionChunks } from '../src/report/geojson-chunks';
import { runCli } from './helpers/cli';
import { mulberry32 } from './helpers/random';
import { randomRoads } from './helpers/random-roads';

const tmp = mkdtempSync(join(tmpdir(), 'servicereach-large-'));

function randomValue(rnd: () => number, depth = 0): unknown {
  const r = rnd();
  if (depth > 2 || r < 0.3) return Math.round(rnd() * 1e4) / 100;
  if (r < 0.45) return `s${Math.floor(rnd() * 100)}"\n`;
  if (r < 0.5) return null;
  if (r < 0.75)
    return Array.from({ length: Math.floor(rnd() * 3) }, () => randomValue(rnd, depth + 1));
  const o: Record<string, unknown> = {};
  for (let i = 0; i < Math.floor(rnd() * 3); i++) o[`k${i}`] = randomValue(rnd, depth + 1);
  return o;
}

describe('chunked text outputs', () => {
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    it(`seed ${seed}: the chunks join to exactly the one-string output`, () => {
      const rnd = mulberry32(seed);
      const n = Math.floor(rnd() * 12);
      const items = Array.from({ length: n }, () => randomValue(rnd));
      const per = 1 + Math.floor(rnd() * 5);
      const head = rnd() < 0.3 ? {} : { summary: randomValue(rnd), n };
      expect([...prettyJsonChunks(head, 'results', items, per)].join('')).toBe(
        `${JSON.stringify({ ...head, results: items }, null, 2)}\n`,
      );
      const features = items.map((p) => ({ type: 'Feature', properties: { p }, geometry: null }));
      expect([...featureCollectionChunks(features, per)].join('')).toBe(
        JSON.stringify({ type: 'FeatureCollection', features }),
      );
      const lines = items.map((x) => JSON.stringify(x));
      expect([...lineChunks(lines, per)].join('')).toBe(n ? `${lines.join('\n')}\n` : '');
    });
  }
});

describe('coverage output of many villages', () => {
  const net = buildNetworkFromGeoJson(randomRoads(3), { profile: 'walk' });
  const rnd = mulberry32(11);
  const villages: IndexedPoint[] = Array.from({ length: 300 }, (_, i) => ({
    lon: rnd() * 0.024,
    lat: 30 + rnd() * 0.024,
    id: `v${i}`,
    properties: { name: `Village ${i}`, population: 10 + i },
  }));
  const facilities: IndexedPoint[] = [{ lon: 0.01, lat: 30.01, id: 'f', category: 'elderly-care' }];
  const r = coverage(net, villages, facilities, { standard: 'elderly-care-15min' });

  it('streams villages.geojson feature by feature, identical to coverageGeoJson', () => {
    function* all() {
      for (let i = 0; i < r.villages.length; i++) yield coverageFeature(r, i, villages);
    }
    expect([...featureCollectionChunks(all(), 7)].join('')).toBe(
      JSON.stringify(coverageGeoJson(r, villages)),
    );
  });

  it('draws every k-th village on the report map above maxMapVillages and says so', () => {
    const data = (html: string) =>
      JSON.parse(/<script type="application\/json" id="sr-data">(.*?)<\/script>/s.exec(html)![1]);
    const input = { title: 'T', roads: net, facilities, coverage: [r], villages };
    const full = data(reportHtml(input));
    const html = reportHtml({ ...input, maxMapVillages: 100 });
    const part = data(html);
    expect(part.v.x.length).toBe(100);
    const every = (xs: unknown[]) => xs.filter((_, i) => i % 3 === 0);
    for (const k of ['x', 'y', 'name', 'pop', 'grp'])
      expect(part.v[k], k).toEqual(every(full.v[k]));
    expect(part.runs[0].status).toBe(every([...full.runs[0].status]).join(''));
    expect(part.runs[0].val).toEqual(every(full.runs[0].val));
    expect(part.runs[0].fac).toEqual(every(full.runs[0].fac));
    expect(html).toContain('The map draws 100 of 300 villages (one in 3)');
    expect(reportHtml(input)).not.toContain('The map draws');
    // the tables count every village still
    expect(html).toContain(`of ${villages.length})`);
    const zh = reportHtml({ ...input, maxMapVillages: 100, lang: 'zh' });
    expect(zh).toContain('地图绘出 300 个村中的 100 个');
  });
});

describe('matrix in blocks of origins', () => {
  for (const seed of [1, 2, 3]) {
    it(`seed ${seed}: the rows of origin slices are the rows of the whole matrix`, () => {
      const net = buildNetworkFromGeoJson(randomRoads(seed), { profile: 'walk' });
      const rnd = mulberry32(seed + 100);
      const pts = (n: number) =>
        Float64Array.from({ length: 2 * n }, (_, i) => (i % 2 ? 30 : 0) + rnd() * 0.024);
      const from = pts(37);
      const to = pts(6);
      const whole = travelTimeMatrix(net, from, to, { maxSeconds: 900 });
      const block = 1 + Math.floor(rnd() * 9);
      for (let a = 0; a < 37; a += block) {
        const part = travelTimeMatrix(net, from.slice(2 * a, 2 * (a + block)), to, {
          maxSeconds: 900,
        });
        expect(Array.from(part.timeS)).toEqual(
          Array.from(whole.timeS.subarray(a * 6, (a + part.origins) * 6)),
        );
      }
    });
  }

  it('refuses, before any search, a matrix of more pairs than it writes', async () => {
    const roads = join(tmp, 'roads.geojson');
    writeFileSync(roads, JSON.stringify(randomRoads(1)));
    const csv = (n: number) =>
      `id,lon,lat\n${Array.from({ length: n }, (_, i) => `p${i},${(i % 100) * 0.0002},${30 + Math.floor(i / 100) * 0.0002}`).join('\n')}\n`;
    const from = join(tmp, 'from.csv');
    const to = join(tmp, 'to.csv');
    writeFileSync(from, csv(10_001));
    writeFileSync(to, csv(10_000));
    const t0 = performance.now();
    const r = await runCli(
      'matrix',
      '--network',
      roads,
      '--from',
      from,
      '--to',
      to,
      '--out',
      join(tmp, 'm.csv'),
    );
    expect(r.code).toBe(1);
    expect(r.err).toContain('too-many-pairs');
    expect(r.err).toContain('10,001 origins × 10,000 destinations = 100,010,000 pairs');
    expect(r.err).toContain('nearest --mode network --k');
    expect(performance.now() - t0).toBeLessThan(20_000);
    expect(() => readFileSync(join(tmp, 'm.csv'))).toThrow();
  });
});

describe('progress on long steps', () => {
  it('names each step on a terminal (reading, snapping and searching, writing), never under --json', async () => {
    const { runCliOnTty } = await import('./helpers/cli');
    const roads = join(tmp, 'roads-p.geojson');
    writeFileSync(roads, JSON.stringify(randomRoads(2)));
    const villages = join(tmp, 'villages-p.csv');
    writeFileSync(villages, 'id,population,lon,lat\na,10,0.004,30.004\nb,20,0.012,30.008\n');
    const facilities = join(tmp, 'facilities-p.csv');
    writeFileSync(facilities, 'id,category,lon,lat\nf,health,0.008,30.008\n');
    const args = [
      'coverage',
      '--network',
      roads,
      '--villages',
      villages,
      '--facilities',
      facilities,
    ];
    const tty = await runCliOnTty(...args, '--minutes', '15', '--out', join(tmp, 'cov-p'));
    expect(tty.code).toBe(0);
    expect(tty.err).toContain(`reading villages (${villages})…`);
    expect(tty.err).toContain('snapping and searching: 2 villages…');
    expect(tty.err).toContain(`writing ${join(tmp, 'cov-p')}…`);
    const json = await runCliOnTty(...args, '--minutes', '15', '--json');
    expect(json.err).not.toContain('…');
    const piped = await runCli(...args, '--minutes', '15');
    expect(piped.err).not.toContain('…');
  });
});

describe('tours of too many villages', () => {
  it('refuses before any search, naming the matrix it would need', async () => {
    const { planTours } = await import('../src/index');
    const net = buildNetworkFromGeoJson(randomRoads(1), { profile: 'car' });
    const villages = Array.from({ length: 10_000 }, (_, i) => ({
      lon: (i % 100) * 0.0002,
      lat: 30 + Math.floor(i / 100) * 0.0002,
    }));
    const t0 = performance.now();
    expect(() => planTours(net, villages, [{ lon: 0.01, lat: 30.01 }])).toThrow(
      /too-many-villages|10,001 × 10,001 travel-time matrix \(0\.8 GB/,
    );
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});
