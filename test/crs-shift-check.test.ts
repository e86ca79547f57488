import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { crsShiftCheck } from '../src/analysis/crs-shift-check';
import { wgs84ToBd09 } from '../src/geo/crs/bd09';
import { wgs84ToGcj02 } from '../src/geo/crs/gcj02';
import { buildNetworkFromGeoJson } from '../src/network/build';
import { readPointsFromGeoJson } from '../src/points/read-points';
import { mulberry32 } from './helpers/random';

// The sample county lies at 100.0–100.4° E, 25.0–25.34° N (Yunnan), inside GCJ-02's area: its
// facilities, shifted by the real GCJ-02 / BD-09 transforms, are what an Amap / Baidu scrape of
// them would give.
const county = (f: string) =>
  JSON.parse(readFileSync(resolve(import.meta.dirname, `../data/county/${f}`), 'utf8'));
const net = buildNetworkFromGeoJson(county('roads.geojson'), { profile: 'car' });
const facilities = readPointsFromGeoJson(county('facilities.geojson'));

const shifted = (conv: (x: number, y: number) => [number, number], pts = facilities) =>
  pts.map((p) => {
    const [lon, lat] = conv(p.lon, p.lat);
    return { lon, lat };
  });

describe('crsShiftCheck', () => {
  it('stays quiet on the WGS84 facilities', () => {
    const c = crsShiftCheck(net, facilities);
    expect(c.suspect).toBeNull();
    expect(c.message).toBeNull();
    expect(c.points).toBe(facilities.length);
  });

  it('names GCJ-02 for the facilities shifted as Amap publishes them', () => {
    const c = crsShiftCheck(net, shifted(wgs84ToGcj02));
    expect(c.suspect).toBe('gcj02');
    expect(c.message).toMatch(/try --crs gcj02/);
    expect(c.medianCorrectedM).toBeLessThan(c.medianGivenM / 2);
  });

  it('names BD-09 for them shifted as Baidu publishes them', () => {
    expect(crsShiftCheck(net, shifted(wgs84ToBd09)).suspect).toBe('bd09');
  });

  it('on random subsets of 8–60 facilities: never fires on WGS84, finds GCJ-02 in nearly all', () => {
    const rnd = mulberry32(4);
    let found = 0;
    const runs = 40;
    for (let k = 0; k < runs; k++) {
      const size = 8 + Math.floor(rnd() * 53);
      const pick = Array.from(
        { length: size },
        () => facilities[Math.floor(rnd() * facilities.length)],
      );
      expect(crsShiftCheck(net, pick).suspect).toBeNull();
      if (crsShiftCheck(net, shifted(wgs84ToGcj02, pick)).suspect === 'gcj02') found++;
    }
    expect(found).toBeGreaterThanOrEqual(runs - 2);
  });

  it('gives no verdict on fewer than 5 points in China, and leaves points abroad out', () => {
    const few = crsShiftCheck(net, shifted(wgs84ToGcj02, facilities.slice(0, 4)));
    expect(few.suspect).toBeNull();
    expect(crsShiftCheck(net, [{ lon: 2.5, lat: 48.8 }]).points).toBe(0);
  });
});
