import { describe, expect, it } from 'vitest';
import {
  buildNetworkFromGeoJson,
  catchments,
  haversineM,
  nearestFacilities,
  route,
  SERVICE_STATUS,
  snapPoints,
  travelTimeMatrix,
} from '../src/index';
import { placePoints, travelTimeSurface } from '../src/engine';
import { drawnRoads, letterPositions } from './helpers/drawn-roads';
import { mulberry32 } from './helpers/random';
import { randomRoads } from './helpers/random-roads';
import { splitOracle } from './helpers/split-oracle';

// A town T between an island track (A–B, its link to the main road closed by access=no) and the
// main road C–E–D, with the hospital at D. The track is 111 m away, the main road 333 m.
const DRAWING = `
A---B
  T |
    |
    |
C---E---D`;
const WAYS: [string, Record<string, string>][] = [
  ['AB', { highway: 'track' }],
  ['BE', { highway: 'track', access: 'no' }],
  ['CED', { highway: 'residential' }],
];
const pos = letterPositions(DRAWING);
const town = pos.get('T') as [number, number];
const hospital = pos.get('D') as [number, number];

describe('a town whose nearest road is an island enters the main network too', () => {
  for (const profile of ['car', 'walk'] as const) {
    const net = buildNetworkFromGeoJson(drawnRoads(DRAWING, WAYS), { profile });
    it(`${profile}: snapping keeps the nearest road and adds the main network's`, () => {
      const s = snapPoints(net, town);
      expect(s.distanceM[0]).toBeCloseTo(111.2, 0);
      expect(s.main.link[0]).toBeGreaterThanOrEqual(0);
      expect(s.main.link[0]).not.toBe(s.link[0]);
      expect(s.main.distanceM[0]).toBeCloseTo(333.6, 0);
      // A point already on the main network has no second entry.
      expect(snapPoints(net, hospital).main.link[0]).toBe(-1);
      // Beyond the snap distance the main road is no entry: the town is cut off again.
      expect(snapPoints(net, town, { maxSnapDistanceM: 200 }).main.link[0]).toBe(-1);
    });

    it(`${profile}: every search reaches the hospital through the main road`, () => {
      const villages = placePoints(net, town);
      const sites = placePoints(net, hospital);
      const { d, size, outer } = splitOracle(net, [villages, sites]);
      const toHospital = d[outer[0][0] * size + outer[1][0]];
      const fromHospital = d[outer[1][0] * size + outer[0][0]];
      expect(toHospital).toBeLessThan(Infinity);
      const r = nearestFacilities(net, villages, sites);
      expect(SERVICE_STATUS[r.status[0]]).toBe('ok');
      expect(r.entry[0]).toBe(1);
      expect(r.timeS[0]).toBeCloseTo(toHospital, 6);
      const back = nearestFacilities(net, villages, sites, { direction: 'from' });
      expect(back.timeS[0]).toBeCloseTo(fromHospital, 6);
      expect(travelTimeMatrix(net, town, hospital).timeS[0]).toBeCloseTo(toHospital, 6);
      expect(travelTimeMatrix(net, hospital, town).timeS[0]).toBeCloseTo(fromHospital, 6);
      const c = catchments(net, town, hospital, { maxSeconds: 3 * 3600 });
      expect([...c.village]).toEqual([0]);
      expect(c.timeS[0]).toBeCloseTo(toHospital, 6);

      const way = route(net, town, hospital);
      expect(way.status).toBe('ok');
      expect(way.timeS).toBeCloseTo(toHospital, 6);
      expect(way.entries[0].entry).toBe('main-network');
      expect(way.entries[0].offRoadM).toBeCloseTo(333.6, 0);
      expect(way.entries[1].entry).toBe('nearest');
      let len = 0;
      for (let k = 1; k < way.coordinates.length; k++)
        len += haversineM(...way.coordinates[k - 1], ...way.coordinates[k]);
      expect(len).toBeCloseTo(way.distanceM, 3);
      expect(route(net, hospital, town).timeS).toBeCloseTo(fromHospital, 6);

      // An isochrone from the town reaches the hospital.
      const surface = travelTimeSurface(net, town, { maxSeconds: 3 * 3600, cellM: 50 });
      const col = Math.round((hospital[0] - surface.lon0) / surface.dLon);
      const row = Math.round((hospital[1] - surface.lat0) / surface.dLat);
      expect(surface.timeS[row * surface.cols + col]).toBeLessThan(Infinity);

      // With the main road beyond the snap distance, nothing connects.
      const cut = nearestFacilities(net, town, hospital, { maxSnapDistanceM: 200 });
      expect(SERVICE_STATUS[cut.status[0]]).toBe('unreachable');
    });
  }
});

describe('catchments equal the split-graph oracle on random networks with islands', () => {
  let withMain = 0;
  for (let seed = 1; seed <= 20; seed++) {
    it(`seed ${seed}`, () => {
      const net = buildNetworkFromGeoJson(randomRoads(seed), { profile: 'car' });
      const rnd = mulberry32(900 + seed);
      const pts = (n: number) =>
        Array.from({ length: 2 * n }, (_, i) => (i % 2 ? 30 - 0.002 : -0.002) + rnd() * 0.026);
      const V = placePoints(net, pts(8), { maxSnapDistanceM: 400 });
      const S = placePoints(net, pts(3), { maxSnapDistanceM: 400 });
      for (let i = 0; i < 8; i++) if (V.snap.main.link[i] >= 0) withMain++;
      const { d, size, outer } = splitOracle(net, [V, S]);
      for (const direction of ['to', 'from'] as const) {
        const c = catchments(net, V, S, { maxSeconds: 300, direction });
        for (let s = 0; s < 3; s++) {
          const got = new Map<number, number>();
          for (let k = c.start[s]; k < c.start[s + 1]; k++) got.set(c.village[k], c.timeS[k]);
          for (let v = 0; v < 8; v++) {
            const want =
              V.snap.link[v] < 0 || S.snap.link[s] < 0
                ? Infinity
                : direction === 'to'
                  ? d[outer[0][v] * size + outer[1][s]]
                  : d[outer[1][s] * size + outer[0][v]];
            if (want <= 300) expect(got.get(v), `site ${s} village ${v}`).toBeCloseTo(want, 6);
            else if (want > 300 + 1e-6) expect(got.has(v)).toBe(false);
          }
        }
      }
    });
  }
  it('the random points did use second entries', () => {
    expect(withMain).toBeGreaterThan(5);
  });
});
