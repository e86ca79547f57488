import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { FeatureCollection, LineString, MultiPolygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import {
  buildNetworkFromGeoJson,
  haversineM,
  type IndexedPoint,
  isochrones,
  nearestFacilities,
  type RoadNetwork,
} from '../src/index';
import { EARTH_RADIUS_M } from '../src/engine';
import { SearchEngine } from '../src/engine';
import { placePoints, pointSeeds, type Seed } from '../src/search/placed-points';
import { mulberry32 } from './helpers/random';
import { randomRoads } from './helpers/random-roads';

const inside = (mp: MultiPolygon, lon: number, lat: number) =>
  booleanPointInPolygon([lon, lat], mp);

/**
 * Road positions every `stepM` metres along every link, each with its travel time from (or to)
 * the origin: `[lon, lat, seconds, …]`. One search per origin and direction; the brute force
 * below scans these positions for every point, with no grid at all.
 */
function roadSamples(
  net: RoadNetwork,
  origin: [number, number],
  direction: 'from' | 'to',
  stepM = 4,
): Float64Array {
  const placed = placePoints(net, origin);
  const seeds: Seed[] = [];
  pointSeeds(net, placed, 0, direction, 0, seeds);
  const engine = new SearchEngine(net);
  engine.run(seeds, { direction });
  const out: number[] = [];
  for (let l = 0; l < net.linkCount; l++) {
    const fw = net.linkTimeS(l, true);
    const bw = net.linkTimeS(l, false);
    const tA = engine.timeS(net.arrays.linkFrom[l]);
    const tB = engine.timeS(net.arrays.linkTo[l]);
    const coords = net.linkCoordinates(l);
    const len = net.arrays.linkLengthM[l];
    let offset = 0;
    for (let s = 0; s + 1 < coords.length; s++) {
      const [ax, ay] = coords[s];
      const [bx, by] = coords[s + 1];
      const seg = haversineM(ax, ay, bx, by);
      const n = Math.max(1, Math.ceil(seg / stepM));
      for (let j = 0; j <= n; j++) {
        const u = j / n;
        const g = Math.min(1, (offset + u * seg) / len);
        const mul = (a: number, b: number) => (a === 0 ? 0 : a * b);
        let t =
          direction === 'from'
            ? Math.min(tA + mul(g, fw), tB + mul(1 - g, bw))
            : Math.min(tA + mul(g, bw), tB + mul(1 - g, fw));
        if (placed.snap.link[0] === l) {
          const f = placed.snap.fraction[0];
          const along =
            g >= f
              ? mul(g - f, direction === 'from' ? fw : bw)
              : mul(f - g, direction === 'from' ? bw : fw);
          t = Math.min(t, placed.accessS[0] + along);
        }
        out.push(ax + u * (bx - ax), ay + u * (by - ay), t);
      }
      offset += seg;
    }
  }
  return Float64Array.from(out);
}

/**
 * Brute-force travel time of a point: the least "time at a road position + off-road walk" over
 * the road samples, off-road legs up to `capM`.
 */
function bruteTime(
  net: RoadNetwork,
  samples: Float64Array,
  lon: number,
  lat: number,
  capM: number,
) {
  const v = net.meta.accessKmh / 3.6;
  // A great-circle distance is at least its north–south part: a sample farther than the cap in
  // latitude alone (1 m spare for rounding) cannot count, and skipping it saves most haversines.
  const maxDLat = ((capM + 1) / EARTH_RADIUS_M) * (180 / Math.PI);
  let best = Infinity;
  for (let i = 0; i < samples.length; i += 3) {
    if (Math.abs(samples[i + 1] - lat) > maxDLat) continue;
    const d = haversineM(samples[i], samples[i + 1], lon, lat);
    if (d <= capM) best = Math.min(best, samples[i + 2] + d / v);
  }
  return best;
}

describe('isochrones(network, origins, options)', () => {
  for (let seed = 1; seed <= 12; seed++) {
    it(`seed ${seed}: points inside a band are reachable within it, points outside are not (± one cell of walking)`, () => {
      const net = buildNetworkFromGeoJson(randomRoads(seed), { profile: 'walk' });
      const rnd = mulberry32(40 + seed);
      const origin: [number, number] = [0.004 + rnd() * 0.016, 30.004 + rnd() * 0.016];
      const cellM = 50;
      const capM = 300;
      for (const direction of ['from', 'to'] as const) {
        const fc = isochrones(net, origin, {
          minutes: [4, 8],
          cellM,
          direction,
          maxSnapDistanceM: capM,
        });
        expect(fc.features.map((f) => f.properties.minutes)).toEqual([8, 4]);
        const samples = roadSamples(net, origin, direction);
        const v = net.meta.accessKmh / 3.6;
        const tol = (Math.SQRT2 * cellM) / v + 5; // the cell diagonal walked, plus sampling
        for (let i = 0; i < 60; i++) {
          const lon = -0.004 + rnd() * 0.032;
          const lat = 29.996 + rnd() * 0.032;
          for (const f of fc.features) {
            const limit = f.properties.minutes * 60;
            if (inside(f.geometry, lon, lat)) {
              // lenient cap: a point within a cell of the snap-distance edge may be drawn inside
              expect(
                bruteTime(net, samples, lon, lat, capM + Math.SQRT2 * cellM),
              ).toBeLessThanOrEqual(limit + tol);
            } else {
              // and one within a cell of that edge may be drawn outside
              expect(
                bruteTime(net, samples, lon, lat, capM - Math.SQRT2 * cellM),
              ).toBeGreaterThanOrEqual(limit - tol);
            }
          }
        }
        // bands nest: every vertex of the small band lies within the large one (or on its edge)
        const [big, small] = fc.features;
        for (const poly of small.geometry.coordinates)
          for (const [x, y] of poly[0])
            expect(inside(big.geometry, x, y) || booleanOnEdge(big.geometry, x, y)).toBe(true);
      }
    });
  }

  it('keeps holes: a ring road around land farther than the snap distance from any road', () => {
    // a 0.04° (≈4.4 km) square ring: its centre is ≈2.2 km from every road
    const ring: FeatureCollection<LineString> = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { highway: 'residential' },
          geometry: {
            type: 'LineString',
            coordinates: [
              [0, 0],
              [0.04, 0],
              [0.04, 0.04],
              [0, 0.04],
              [0, 0],
            ],
          },
        },
      ],
    };
    const net = buildNetworkFromGeoJson(ring, { profile: 'walk' });
    const fc = isochrones(net, [0, 0], { minutes: [300], cellM: 100 });
    const g = fc.features[0].geometry;
    expect(g.coordinates.some((p) => p.length >= 2)).toBe(true);
    expect(inside(g, 0.02, 0.02)).toBe(false);
    expect(inside(g, 0.02, 0.0005)).toBe(true);
    // area: the ring's band (≤1 km either side, less the corners' rounding) minus nothing inside
    const outer = 6.4 * 6.4; // km², square grown by 1 km each side
    const hole = 2.4 * 2.4;
    expect(fc.features[0].properties.areaKm2).toBeGreaterThan((outer - hole) * 0.9);
    expect(fc.features[0].properties.areaKm2).toBeLessThan(outer - hole);
  });

  it('counts the population whose own travel time is within each band, and makes one set per origin in each mode', () => {
    const net = buildNetworkFromGeoJson(randomRoads(2), { profile: 'walk' });
    const rnd = mulberry32(9);
    const villages: IndexedPoint[] = Array.from({ length: 30 }, (_, i) => ({
      lon: rnd() * 0.024,
      lat: 30 + rnd() * 0.024,
      id: i,
      properties: { population: i % 7 === 0 ? null : 10 * i },
    }));
    const origins = [0.008, 30.008, 0.016, 30.016];
    const fc = isochrones(net, origins, { minutes: [5, 10], villages });
    const nf = nearestFacilities(
      net,
      villages.flatMap((v) => [v.lon, v.lat]),
      origins,
      { direction: 'from' },
    );
    for (const f of fc.features) {
      const within = villages.filter((_, i) => nf.timeS[i] <= f.properties.minutes * 60);
      expect(f.properties.villages).toBe(within.length);
      expect(f.properties.population).toBe(
        within.reduce((s, v) => s + ((v.properties?.population as number | null) ?? 0), 0),
      );
      expect(f.properties.populationUnknownVillages).toBe(
        within.filter((v) => v.properties?.population === null).length,
      );
      expect(f.properties.origin).toBeNull();
    }
    const each = isochrones(net, origins, { minutes: [5, 10], mode: 'each' });
    expect(each.features.map((f) => [f.properties.origin, f.properties.minutes])).toEqual([
      [0, 10],
      [0, 5],
      [1, 10],
      [1, 5],
    ]);
    expect(() => isochrones(net, origins, { minutes: [] })).toThrowError(/at least one band/);
    expect(() => isochrones(net, [1], { minutes: [5] })).toThrowError(
      /origins must be \[lon, lat, …\] pairs/,
    );
  });
});

function booleanOnEdge(mp: MultiPolygon, x: number, y: number): boolean {
  // vertices shared with the bigger band's boundary (both bands touch an unreached edge)
  return mp.coordinates.some((poly) =>
    poly.some((ring) => ring.some(([a, b]) => Math.abs(a - x) < 1e-9 && Math.abs(b - y) < 1e-9)),
  );
}
