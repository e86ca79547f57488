import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Feature, FeatureCollection, LineString } from 'geojson';
import { describe, expect, it } from 'vitest';
import {
  buildNetworkFromGeoJson,
  haversineM,
  nearestFacilities,
  readPointsFromGeoJson,
  searchRadiusM,
} from '../src/index';
import { SearchEngine } from '../src/engine';
import { ROOT } from './helpers/cli';
import { mulberry32 } from './helpers/random';
import { randomRoads } from './helpers/random-roads';

describe('searchRadiusM', () => {
  it('bounds every node a bounded search reaches (random networks, both profiles)', () => {
    const rnd = mulberry32(5);
    for (let seed = 1; seed <= 15; seed++) {
      for (const profile of ['car', 'walk'] as const) {
        const net = buildNetworkFromGeoJson(randomRoads(seed), { profile });
        const engine = new SearchEngine(net);
        for (let q = 0; q < 5; q++) {
          const s = Math.floor(rnd() * net.nodeCount);
          const max = 20 + rnd() * 400;
          const r = searchRadiusM(net, max, 0);
          expect(r).toBeLessThanOrEqual(searchRadiusM(profile, max, 0) + 1e-6); // the profile's bound is looser
          engine.run([{ node: s, timeS: 0, source: 0 }], { maxSeconds: max });
          for (const v of engine.reached())
            expect(
              haversineM(net.nodeLon(s), net.nodeLat(s), net.nodeLon(v), net.nodeLat(v)),
            ).toBeLessThanOrEqual(r + 1e-6);
        }
      }
    }
  });

  it('computes 2 × snap + seconds × fastest speed, and names bad arguments', () => {
    expect(searchRadiusM('walk', 15 * 60, 500)).toBeCloseTo(3500, 9); // walking profile: ferries at 10 km/h are its fastest
    expect(
      searchRadiusM(buildNetworkFromGeoJson(randomRoads(1), { profile: 'walk' }), 15 * 60, 500),
    ).toBeCloseTo(2125, 6); // no ferry: 4.5 km/h
    expect(searchRadiusM('car', 90 * 60)).toBeCloseTo(182_000, 6);
    expect(() => searchRadiusM('car', -1)).toThrow(
      /maxSeconds must be a finite number ≥ 0, got -1/,
    );
    expect(() => searchRadiusM('car', 60, Number.NaN)).toThrow(
      /maxSnapDistanceM must be a finite number ≥ 0, got NaN/,
    );
  });

  // The point of the bound: a region cut out with this margin answers exactly like the whole.
  it('a region grown by the radius gives its core villages exactly the whole-county times (15-minute walk)', () => {
    const read = (f: string) => JSON.parse(readFileSync(join(ROOT, 'data/county', f), 'utf8'));
    const roads = read('roads.geojson') as FeatureCollection<LineString>;
    const villages = readPointsFromGeoJson(read('villages.geojson'));
    const facilities = readPointsFromGeoJson(read('facilities.geojson'));
    const whole = buildNetworkFromGeoJson(roads, { profile: 'walk' });
    const maxSeconds = 15 * 60;
    const grow = searchRadiusM(whole, maxSeconds, 1000);
    const lons = villages.map((v) => v.lon).sort((a, b) => a - b);
    const lats = villages.map((v) => v.lat).sort((a, b) => a - b);
    const mid = Math.floor(villages.length / 2);
    const core = [lons[0], lats[0], lons[mid], lats[mid]]; // the south-west quarter, roughly
    const dLat = grow / 111_195;
    const dLon = dLat / Math.cos((core[3] * Math.PI) / 180);
    const near = (lon: number, lat: number) =>
      lon >= core[0] - dLon &&
      lon <= core[2] + dLon &&
      lat >= core[1] - dLat &&
      lat <= core[3] + dLat;
    // Whole roads that come near the grown core: a superset of every road point within the radius.
    const kept = roads.features.filter((f: Feature<LineString>) =>
      f.geometry.coordinates.some(([lon, lat]) => near(lon, lat)),
    );
    const region = buildNetworkFromGeoJson(
      { type: 'FeatureCollection', features: kept },
      { profile: 'walk' },
    );
    expect(region.nodeCount).toBeLessThan(whole.nodeCount * 0.8);
    const inCore = villages.filter(
      (v) => v.lon >= core[0] && v.lon <= core[2] && v.lat >= core[1] && v.lat <= core[3],
    );
    const coords = inCore.flatMap((v) => [v.lon, v.lat]);
    const fac = (keep: (lon: number, lat: number) => boolean) =>
      facilities.filter((f) => keep(f.lon, f.lat)).flatMap((f) => [f.lon, f.lat]);
    const a = nearestFacilities(
      whole,
      coords,
      fac(() => true),
      { maxSeconds, bounded: true },
    );
    const b = nearestFacilities(region, coords, fac(near), { maxSeconds, bounded: true });
    let within = 0;
    for (let v = 0; v < inCore.length; v++) {
      if (a.timeS[v] <= maxSeconds) {
        within++;
        expect(b.timeS[v]).toBeCloseTo(a.timeS[v], 9);
      } else expect(b.timeS[v] <= maxSeconds).toBe(false);
    }
    expect(within).toBeGreaterThan(10);
    expect(inCore.length - within).toBeGreaterThan(0);
  });
});
