import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Feature, LineString } from 'geojson';
import { describe, expect, it } from 'vitest';
import { buildNetworkFromGeoJson, coverage, haversineM, type IndexedPoint } from '../src/index';
import { networkRoadsGeoJson } from '../src/report/network-roads';
import { reportHtml } from '../src/report/report-html';
import { runCli } from './helpers/cli';
import { mulberry32 } from './helpers/random';

// Spreading an array into call arguments (Math.max(...xs)) throws a RangeError past ~125k
// elements; a province has more villages or road vertices than that. These runs go well past it.

const tmp = mkdtempSync(join(tmpdir(), 'servicereach-scale-'));

describe('nearest --mode straight at province scale', () => {
  it('answers for 200k villages, the max nearest distance included', async () => {
    const rnd = mulberry32(7);
    const n = 200_000;
    const lon = new Float64Array(n);
    const lat = new Float64Array(n);
    const rows = ['id,lon,lat'];
    for (let i = 0; i < n; i++) {
      lon[i] = Math.round((100 + rnd()) * 1e5) / 1e5;
      lat[i] = Math.round((25 + rnd()) * 1e5) / 1e5;
      rows.push(`v${i},${lon[i]},${lat[i]}`);
    }
    const villages = join(tmp, 'villages.csv');
    writeFileSync(villages, `${rows.join('\n')}\n`);
    const clinics = [
      [100.2, 25.2],
      [100.8, 25.7],
    ];
    const facilities = join(tmp, 'clinics.csv');
    writeFileSync(facilities, `id,lon,lat\n${clinics.map((c, i) => `c${i},${c}`).join('\n')}\n`);
    const out = join(tmp, 'nearest.csv');

    const r = await runCli(
      'nearest',
      '--from',
      villages,
      '--to',
      facilities,
      '--mode',
      'straight',
      '--out',
      out,
    );
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('nearest (straight line): 200000 villages, 2 facilities, k=1');
    let farthest = 0;
    for (let i = 0; i < n; i++) {
      const d = Math.min(
        haversineM(lon[i], lat[i], clinics[0][0], clinics[0][1]),
        haversineM(lon[i], lat[i], clinics[1][0], clinics[1][1]),
      );
      farthest = Math.max(farthest, Math.round(d * 100) / 100);
    }
    const max = Number(/max nearest distance\s+([\d.]+) m/.exec(r.out)?.[1]);
    expect(max).toBeCloseTo(farthest, 1);
    expect(readFileSync(out, 'utf8').split('\n').length).toBe(n + 2); // header and last newline
  });
});

describe('reportHtml at province scale', () => {
  it('draws roads of more than 150k vertices (coverage --out with a walk network)', () => {
    // A 40 × 40 grid of 100 m cells whose roads bend every 2 m: few links, so the test stays
    // quick, but as many road vertices as a province's walk network puts on the map.
    const side = 40;
    const perCell = 52;
    const step = 0.001 / perCell;
    const n = (side - 1) * perCell + 1;
    const line = (coords: number[][]): Feature<LineString> => ({
      type: 'Feature',
      properties: { highway: 'footway' },
      geometry: { type: 'LineString', coordinates: coords },
    });
    const features: Feature<LineString>[] = [];
    for (let i = 0; i < side; i++) {
      const across = i * perCell * step;
      features.push(line(Array.from({ length: n }, (_, j) => [j * step, across])));
      features.push(line(Array.from({ length: n }, (_, j) => [across, j * step])));
    }
    const net = buildNetworkFromGeoJson(
      { type: 'FeatureCollection', features },
      { profile: 'walk', cost: (_f, lengthM) => lengthM / (5 / 3.6) },
    );
    const roads = networkRoadsGeoJson(net);
    let vertices = 0;
    for (const f of roads.features) vertices += f.geometry.coordinates.length;
    expect(vertices).toBeGreaterThan(150_000);
    const villages: IndexedPoint[] = Array.from({ length: 10 }, (_, i) => ({
      lon: 0.0031 * (i + 1),
      lat: 0.0035 * (i + 1),
      id: `v${i}`,
      properties: { population: 100 },
    }));
    const facilities: IndexedPoint[] = [
      { lon: 0.02, lat: 0.02, id: 'home', category: 'elderly-care' },
    ];
    const result = coverage(net, villages, facilities, { standard: 'elderly-care-15min' });

    const html = reportHtml({ title: 'Grid', roads, facilities, coverage: [result] });
    expect(html).toContain('<canvas id="sr-roads">');
    expect(html).toContain('Grid');
    const data = JSON.parse(
      /<script type="application\/json" id="sr-data">(.*?)<\/script>/s.exec(html)?.[1] ?? '{}',
    );
    expect(data.v.x).toHaveLength(villages.length);
    expect(data.roads.classes.map((c: { data: string }) => c.data.length > 0)).toEqual([true]);
  });
});
