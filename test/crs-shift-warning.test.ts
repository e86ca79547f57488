import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { warnCrsShift } from '../src/cli/crs-shift-warning';
import { buildNetworkFromGeoJson } from '../src/network/build';
import { readPointsFromCsv } from '../src/points/read-points';
import { mulberry32 } from './helpers/random';

describe('warnCrsShift, the shift check every command runs', () => {
  const net = buildNetworkFromGeoJson(
    JSON.parse(readFileSync('data/county/roads.geojson', 'utf8')),
    { profile: 'car' },
  );
  const amap = readPointsFromCsv(readFileSync('data/county/facilities-gcj02.csv', 'utf8'));

  const run = (points: { lon: number; lat: number }[], crs?: string, quiet = false) => {
    let err = '';
    const io = { stdout: { write: () => true }, stderr: { write: (s: string) => (err += s) } };
    const found = warnCrsShift(net, [{ flag: 'to', path: 'f.csv', points, crs }], { io, quiet });
    return { err, found };
  };

  it('warns on GCJ-02 points and names the input option; not when declared or quiet', () => {
    expect(run(amap).found).toEqual([{ flag: 'to', suspect: 'gcj02' }]);
    expect(run(amap).err).toMatch(/^warning: f\.csv: .* try --to-crs gcj02\n$/);
    expect(run(amap, 'gcj02')).toEqual({ err: '', found: [] });
    expect(run(amap, undefined, true)).toEqual({ err: '', found: [] });
  });

  it('gives the same verdict on an evenly spread sample of a large input (random copies)', () => {
    const rnd = mulberry32(3);
    const many = Array.from({ length: 12_000 }, () => {
      const p = amap[Math.floor(rnd() * amap.length)];
      return { lon: p.lon + (rnd() - 0.5) * 1e-5, lat: p.lat + (rnd() - 0.5) * 1e-5 };
    });
    expect(run(many).found).toEqual([{ flag: 'to', suspect: 'gcj02' }]);
  });
});
