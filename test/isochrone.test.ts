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
import { EARTH_RADIUS_M, SearchEngine, travelTimeSurface } from '../src/engine';
import { placePoints, pointSeeds, type Seed } from '../src/search/placed-points';
import { mulberry32 } from './helpers/random';
import { randomRoads } from './helpers/random-roads';

const inside = (mp: MultiPolygon, lon: number, lat: number) =>
  booleanPointInPolygon([lon, lat], mp);

/**
 * Brute-force travel times: a point's time is the least "time at a road position + off-road walk"
 * over positions every `stepM` metres along every link, off-road legs up to `capM` — no grid at all.
 * The search and the positions are worked out once; the function returned scans them all.
 */
function bruteSurface(
  net: RoadNetwork,
  origin: [number, number],
  direction: 'from' | 'to',
  stepM = 4,
): (lon: number, lat: number, capM: number) => number {
  const placed = placePoints(net, origin);
  const seeds: Seed[] = [];
  pointSeeds(net, placed, 0, direction, 0, seeds);
  const engine = new SearchEngine(net);
  engine.run(seeds, { direction });
  const v = net.meta.accessKmh / 3.6;
  const positions: number[] = []; // lon, lat, seconds
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
        if (t < Infinity) positions.push(ax + u * (bx - ax), ay + u * (by - ay), t);
      }
      offset += seg;
    }
  }
  return (lon, lat, capM) => {
    // A great-circle distance is at least its north–south part: a position farther than the cap
    // in latitude alone (1 m spare for rounding) cannot count, and skipping it saves most haversines.
    const maxDLat = ((capM + 1) / EARTH_RADIUS_M) * (180 / Math.PI);
    let best = Infinity;
    for (let i = 0; i < positions.length; i += 3) {
      if (Math.abs(positions[i + 1] - lat) > maxDLat) continue;
      const d = haversineM(positions[i], positions[i + 1], lon, lat);
      if (d <= capM) best = Math.min(best, positions[i + 2] + d / v);
    }
    return best;
  };
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
        const bruteTime = bruteSurface(net, origin, direction);
        const v = net.meta.accessKmh / 3.6;
        const tol = (Math.SQRT2 * cellM) / v + 5; // the cell diagonal walked, plus sampling
        for (let i = 0; i < 60; i++) {
          const lon = -0.004 + rnd() * 0.032;
          const lat = 29.996 + rnd() * 0.032;
          for (const f of fc.features) {
            const limit = f.properties.minutes * 60;
            if (inside(f.geometry, lon, lat)) {
              // lenient cap: a point within a cell of the snap-distance edge may be drawn inside
              expect(bruteTime(lon, lat, capM + Math.SQRT2 * cellM)).toBeLessThanOrEqual(
                limit + tol,
              );
            } else {
              // and one within a cell of that edge may be drawn outside
              expect(bruteTime(lon, lat, capM - Math.SQRT2 * cellM)).toBeGreaterThanOrEqual(
                limit - tol,
              );
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

  it('draws the outermost band as exactly as the inner ones: no one-sided shrink at any band edge', () => {
    // With the default snap distance (1 km) no band here reaches it, so every band edge is a time
    // edge and the brute force is the exact answer up to the interpolation between grid vertices.
    const cellM = 50;
    const bands = [4, 8];
    const within = bands.map(() => 0);
    const drawn = bands.map(() => 0);
    const worst = bands.map(() => [0, 0]); // deepest miss, farthest overclaim, seconds
    for (let seed = 1; seed <= 12; seed++) {
      const net = buildNetworkFromGeoJson(randomRoads(seed), { profile: 'walk' });
      const rnd = mulberry32(70 + seed);
      const origin: [number, number] = [0.004 + rnd() * 0.016, 30.004 + rnd() * 0.016];
      for (const direction of ['from', 'to'] as const) {
        const fc = isochrones(net, origin, { minutes: bands, cellM, direction });
        const bruteTime = bruteSurface(net, origin, direction);
        for (const f of fc.features) {
          const b = bands.indexOf(f.properties.minutes);
          const limit = f.properties.minutes * 60;
          // random points around this band (its bounding box grown by two cells), so that each
          // band, small or large, gets as many points near its edge
          const pad = (2 * cellM) / 111_195;
          const [x0, y0, x1, y1] = boundingBox(f.geometry);
          for (let i = 0; i < 150; i++) {
            const lon = x0 - pad + rnd() * (x1 - x0 + 2 * pad);
            const lat = y0 - pad + rnd() * (y1 - y0 + 2 * pad);
            const t = bruteTime(lon, lat, 1000);
            const isIn = inside(f.geometry, lon, lat);
            if (t <= limit) within[b]++;
            if (isIn) drawn[b]++;
            if (!isIn) worst[b][0] = Math.max(worst[b][0], limit - t);
            else worst[b][1] = Math.max(worst[b][1], t - limit);
          }
        }
      }
    }
    const v = buildNetworkFromGeoJson(randomRoads(1), { profile: 'walk' }).meta.accessKmh / 3.6;
    for (let b = 0; b < bands.length; b++) {
      // every band: misses and overclaims stay within half a cell of walking (the bound along a
      // grid edge between two vertices whose times are known; the outermost band's edge used to
      // sit next to its last reached vertex, up to a whole cell inside)
      expect(worst[b][0], `band ${bands[b]}: deepest miss`).toBeLessThan(cellM / 2 / v);
      expect(worst[b][1], `band ${bands[b]}: farthest overclaim`).toBeLessThan(cellM / 2 / v);
      // and no more bias than the few % inward every band has (the surface is convex around a
      // road position, so interpolating linearly between vertices overstates it a little): the
      // outermost band used to be drawn ~15% short
      expect(Math.abs(drawn[b] / within[b] - 1), `band ${bands[b]}`).toBeLessThan(0.08);
    }
  });

  it('draws a band the same whichever other bands are asked for', () => {
    for (let seed = 1; seed <= 4; seed++) {
      const roads = randomRoads(seed);
      const net = buildNetworkFromGeoJson(roads, { profile: 'walk' });
      const [x, y] = roads.features[0].geometry.coordinates[1];
      const origin: [number, number] = [x + 0.0003, y + 0.0002]; // beside a road
      for (const direction of ['from', 'to'] as const) {
        const band5 = (minutes: number[]) => {
          const fc = isochrones(net, origin, { minutes, cellM: 50, direction });
          return fc.features.find((f) => f.properties.minutes === 5)!;
        };
        const alone = band5([5]);
        expect(alone.properties.areaKm2).toBeGreaterThan(0.05);
        for (const others of [
          [5, 5.5],
          [3, 5, 10],
          [5, 30],
        ]) {
          const withOthers = band5(others);
          expect(withOthers.properties.areaKm2).toBe(alone.properties.areaKm2);
          const a = normalised(alone.geometry);
          const b = normalised(withOthers.geometry);
          expect(b.length).toBe(a.length);
          for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - b[i])).toBeLessThan(1e-9);
        }
        // underneath: the surface's times are bitwise the same at the same lattice vertex, up to
        // the band plus the margin, however far the surface is filled
        const small = travelTimeSurface(net, origin, { maxSeconds: 300, cellM: 50, direction });
        const large = travelTimeSurface(net, origin, { maxSeconds: 1800, cellM: 50, direction });
        expect(large.dLon).toBe(small.dLon);
        const dc = Math.round((small.lon0 - large.lon0) / small.dLon);
        const dr = Math.round((small.lat0 - large.lat0) / small.dLat);
        let compared = 0;
        for (let r = 0; r < small.rows; r++)
          for (let c = 0; c < small.cols; c++) {
            const t = small.timeS[r * small.cols + c];
            if (!(t <= 300 + small.marginS)) continue;
            expect(large.timeS[(r + dr) * large.cols + c + dc]).toBe(t);
            compared++;
          }
        expect(compared).toBeGreaterThan(50);
      }
    }
  });

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

function boundingBox(mp: MultiPolygon): [number, number, number, number] {
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const poly of mp.coordinates)
    for (const [x, y] of poly[0]) {
      box[0] = Math.min(box[0], x);
      box[1] = Math.min(box[1], y);
      box[2] = Math.max(box[2], x);
      box[3] = Math.max(box[3], y);
    }
  return box;
}

/** The coordinates of a MultiPolygon flattened in an order that ignores where rings start. */
function normalised(mp: MultiPolygon): number[] {
  const key = (p: number[]) => p[0] * 1e6 + p[1]; // orders by longitude, then latitude
  const rings = mp.coordinates.map((poly) =>
    poly.map((ring) => {
      const open = ring.slice(0, -1);
      let first = 0;
      for (let i = 1; i < open.length; i++) if (key(open[i]) < key(open[first])) first = i;
      return [...open.slice(first), ...open.slice(0, first)];
    }),
  );
  rings.sort((p, q) => key(p[0][0]) - key(q[0][0]));
  return rings.flat(3);
}

function booleanOnEdge(mp: MultiPolygon, x: number, y: number): boolean {
  // vertices shared with the bigger band's boundary (both bands touch an unreached edge)
  return mp.coordinates.some((poly) =>
    poly.some((ring) => ring.some(([a, b]) => Math.abs(a - x) < 1e-9 && Math.abs(b - y) < 1e-9)),
  );
}

describe('isochrone grid bounds (issue 15)', () => {
  // A 16 km square ring of footpaths: at 2 m cells every sample (each metre) spreads over a
  // 1 km disk of 2 m cells, ~1.6e10 updates, on a grid of ~10M vertices that memory would allow.
  const ring: FeatureCollection<LineString> = {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        properties: { highway: 'footway' },
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

  it('refuses a grid whose work would take minutes, up front, naming a cell size that fits', () => {
    const net = buildNetworkFromGeoJson(ring, { profile: 'walk' });
    const t0 = performance.now();
    let message = '';
    try {
      travelTimeSurface(net, [0, 0], { maxSeconds: 3600, cellM: 2 });
    } catch (e) {
      expect((e as { code?: string }).code).toBe('grid-too-slow');
      message = (e as Error).message;
    }
    expect(performance.now() - t0).toBeLessThan(2000); // refused before the grid is allocated
    const m = /--cell (\d+)/.exec(message);
    expect(m, message).not.toBeNull();
    // work ∝ 1/cell³: 1.6e10 / 3e9 → cells of 2 × ∛5.3 ≈ 3.5 m, a little more
    expect(Number(m![1])).toBeGreaterThanOrEqual(3);
    expect(Number(m![1])).toBeLessThanOrEqual(6);
    expect(() => isochrones(net, [0, 0], { minutes: [60], cellM: 2 })).toThrow(
      /grid-too-slow|--cell/,
    );
    // the ordinary cell size is untouched
    expect(travelTimeSurface(net, [0, 0], { maxSeconds: 3600, cellM: 100 }).cols).toBeGreaterThan(
      0,
    );
  });

  it('refuses a grid too large for memory with grid-too-large, before the work check', () => {
    const net = buildNetworkFromGeoJson(ring, { profile: 'walk' });
    expect(() => travelTimeSurface(net, [0, 0], { maxSeconds: 3600, cellM: 1 })).toThrow(
      /grid-too-large|cells of \d+ m or more/,
    );
  });
});
