import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { haversineM } from '../src/index';
import { runCli } from './helpers/cli';

const tmp = mkdtempSync(join(tmpdir(), 'servicereach-nearest-'));
const run = runCli;
const file = (name: string, content: string) => {
  const p = join(tmp, name);
  writeFileSync(p, content);
  return p;
};

const villages = file('v.csv', 'id,lon,lat\nv1,100.00,25.00\n"v,2",100.05,25.02\nfar,101.5,26.5\n');
const facilities = file(
  'f.geojson',
  JSON.stringify({
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        id: 'clinic',
        properties: { category: 'health' },
        geometry: { type: 'Point', coordinates: [100.01, 25.0] },
      },
      {
        type: 'Feature',
        id: 'school',
        properties: { category: 'education' },
        geometry: { type: 'Point', coordinates: [100.05, 25.03] },
      },
      {
        type: 'Feature',
        id: 'hospital',
        properties: { category: 'health' },
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [100.1, 25.1],
              [100.11, 25.1],
              [100.11, 25.11],
              [100.1, 25.11],
              [100.1, 25.1],
            ],
          ],
        },
      },
    ],
  }),
);

describe('servicereach nearest --mode straight', () => {
  it('writes long-format CSV with ids as given, and keeps unserved villages', async () => {
    const r = await run(
      'nearest',
      '--from',
      villages,
      '--to',
      facilities,
      '--mode',
      'straight',
      '--k',
      '2',
      '--max-distance',
      '20000',
    );
    expect(r.code).toBe(0);
    const rows = r.out.trim().split('\n');
    expect(rows[0]).toBe('village,rank,facility,distanceM');
    expect(rows.slice(1).map((x) => x.split(',').slice(0, -1).join(','))).toEqual([
      'v1,1,clinic',
      'v1,2,school',
      '"v,2",1,school',
      '"v,2",2,clinic',
      'far,,',
    ]);
    expect(Number(rows[1].split(',')[3])).toBeCloseTo(haversineM(100, 25, 100.01, 25), 1);
    expect(rows[5]).toBe('far,,,');
    expect(r.err).toMatch(/without \(none within\)\s+1/);
  });

  it('filters by category and writes GeoJSON', async () => {
    const out = join(tmp, 'o.geojson');
    const r = await run(
      'nearest',
      '--from',
      villages,
      '--to',
      facilities,
      '--category',
      'health',
      '--out',
      out,
    );
    expect(r.code).toBe(0);
    const fc = JSON.parse(readFileSync(out, 'utf8'));
    expect(
      fc.features.map((f: { properties: { facility: string } }) => f.properties.facility),
    ).toEqual(['clinic', 'clinic', 'hospital']);
  });

  it('prints JSON with a summary', async () => {
    const r = await run('nearest', '--from', villages, '--to', facilities, '--json', '--k', '5');
    const j = JSON.parse(r.out);
    expect(j.summary).toMatchObject({
      villages: 3,
      facilities: 3,
      k: 5,
      villagesWithoutFacility: 0,
    });
    expect(j.results[0].nearest).toHaveLength(3); // k larger than the set returns all
  });

  it('fails clearly on an empty facility set, a category nobody has, bad input and bad options', async () => {
    const empty = file('empty.geojson', '{"type":"FeatureCollection","features":[]}');
    expect((await run('nearest', '--from', villages, '--to', empty)).err).toMatch(
      /error \[no-facilities\]: .*empty\.geojson holds no facilities/,
    );
    expect(
      (await run('nearest', '--from', villages, '--to', facilities, '--category', 'police')).err,
    ).toMatch(/no facility of category police \(categories present: health, education\)/);
    const bad = file('bad.csv', 'id,lon,lat\na,100,abc\n');
    const r = await run('nearest', '--from', bad, '--to', facilities);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/bad\.csv, line 2 \(id "a"\): lat is not a number: "abc"/);
    expect((await run('nearest', '--from', villages)).code).toBe(2);
    expect((await run('nearest', '--from', villages, '--to', facilities, '--k', '0')).err).toMatch(
      /--k must be a whole number ≥ 1/,
    );
    expect(
      (await run('nearest', '--from', villages, '--to', facilities, '--mode', 'network')).code,
    ).toBe(2);
  });
});
