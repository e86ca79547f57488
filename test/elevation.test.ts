import { attachElevation } from '../src/network/elevation-buffer';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Feature, LineString } from 'geojson';
import { describe, expect, it } from 'vitest';
import {
  bicycleSlopeFactor,
  buildNetworkFromGeoJson,
  buildNetworkFromOsm,
  car,
  carSlopeFactor,
  Dem,
  DemGrid,
  haversineM,
  linkClimb,
  linkElevations,
  readHgt,
  type RoadNetwork,
  RoadNetwork as Net,
  route,
  toblerSlopeFactor,
  travelTimeMatrix,
  walk,
} from '../src/index';
import { placePoints } from '../src/engine';
import { simplifyProfile } from '../src/network/elevation';
import { mulberry32 } from './helpers/random';
import { randomRoads } from './helpers/random-roads';
import { extractPath, haveExtract, sharedOsmPoints } from './helpers/shared-data';
import { splitOracle } from './helpers/split-oracle';

/** A DEM of `f(lon, lat)` sampled on a grid covering [w, e] × [s, n] at `step` degrees. */
function gridOf(
  f: (lon: number, lat: number) => number,
  w: number,
  s: number,
  e: number,
  n: number,
  step: number,
): DemGrid {
  const cols = Math.round((e - w) / step) + 1;
  const rows = Math.round((n - s) / step) + 1;
  const h = new Float32Array(cols * rows);
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) h[r * cols + c] = f(w + c * step, n - r * step);
  return new DemGrid(h, cols, rows, w, n, step, step);
}

const line = (coords: number[][], highway = 'residential'): Feature<LineString> => ({
  type: 'Feature',
  properties: { highway },
  geometry: { type: 'LineString', coordinates: coords },
});

describe('slope models', () => {
  it("toblerSlopeFactor follows Tobler's hiking function relative to the flat", () => {
    for (const g of [-0.3, -0.1, -0.05, 0, 0.03, 0.1, 0.25]) {
      const tobler = 6 * Math.exp(-3.5 * Math.abs(g + 0.05));
      expect(toblerSlopeFactor(g)).toBeCloseTo(
        tobler === 0 ? 0 : (6 * Math.exp(-0.175)) / tobler,
        12,
      );
    }
    expect(toblerSlopeFactor(0)).toBe(1);
    expect(toblerSlopeFactor(-0.05)).toBeLessThan(1); // fastest 5 % downhill
  });

  it('bicycleSlopeFactor balances 100 W against gravity, rolling and air, within push and brake limits', () => {
    expect(bicycleSlopeFactor(0)).toBeCloseTo(1, 9);
    let lo = 0;
    let hi = 20;
    for (let i = 0; i < 80; i++) {
      const v = (lo + hi) / 2;
      if (85 * 9.81 * 0.006 * v + 0.3 * v ** 3 < 100) lo = v;
      else hi = v;
    }
    const flatMps = lo; // ≈ 6.0 m/s, 21.6 km/h
    for (const g of [0.01, 0.02, 0.04]) {
      const v = flatMps / bicycleSlopeFactor(g);
      const cos = 1 / Math.sqrt(1 + g * g);
      const power = 85 * 9.81 * (0.006 * cos + g * cos) * v + 0.5 * 1.2 * 0.5 * v ** 3;
      expect(power).toBeCloseTo(100, 3);
    }
    // Monotone: steeper is never faster uphill, and pushing / braking bound it.
    let last = 0;
    for (let g = -0.3; g <= 0.3; g += 0.01) {
      const f = bicycleSlopeFactor(g);
      expect(f).toBeGreaterThanOrEqual(last - 1e-12);
      last = f;
    }
    expect(bicycleSlopeFactor(0.3)).toBeCloseTo(flatMps / (4 / 3.6), 9); // pushed
    expect(bicycleSlopeFactor(-0.3)).toBeCloseTo(flatMps / (40 / 3.6), 9); // braking
  });

  it('carSlopeFactor is free up to freeGrade and linear beyond, both ways; bad options throw', () => {
    const f = carSlopeFactor();
    expect(f(0.06)).toBe(1);
    expect(f(-0.12)).toBeCloseTo(1.3, 12);
    expect(carSlopeFactor({ freeGrade: 0.08, perGrade: 3 })(0.12)).toBeCloseTo(1.12, 12);
    expect(() => carSlopeFactor({ perGrade: -1 })).toThrow(/perGrade/);
  });
});

describe('a synthetic ramp: known Tobler times both ways', () => {
  // A plane rising 100 m per 0.009° of latitude (≈ 1 km): bilinear interpolation of a plane is exact.
  const rise = (_lon: number, lat: number) => (lat - 25) * (100 / 0.009);
  const dem = new Dem([gridOf(rise, 99.99, 24.99, 100.02, 25.02, 0.001)]);
  const ramp = {
    type: 'FeatureCollection',
    features: [
      line([
        [100, 25],
        [100, 25.009],
      ]),
    ],
  };

  for (const sampleM of [1e9, 30]) {
    it(`walk up and down a ${sampleM > 1e6 ? 'single-segment' : 'densified'} ramp`, () => {
      const flat = buildNetworkFromGeoJson(ramp, { profile: 'walk' });
      const net = buildNetworkFromGeoJson(ramp, { profile: 'walk', elevation: { dem, sampleM } });
      expect(net.nodeCount).toBe(2);
      expect(net.linkCount).toBe(1);
      const len = haversineM(100, 25, 100, 25.009);
      const grade = 100 / len;
      const pace = 3.6 / 4.5; // walk, residential
      expect(flat.linkTimeS(0, true)).toBeCloseTo(len * pace, 9);
      const up = net.linkTimeS(0, net.nodeLat(net.arrays.linkFrom[0]) < 25.001);
      const down = net.linkTimeS(0, net.nodeLat(net.arrays.linkFrom[0]) > 25.001);
      expect(up).toBeCloseTo(len * pace * Math.exp(3.5 * (grade + 0.05 - 0.05)), 6);
      expect(down).toBeCloseTo(len * pace * Math.exp(3.5 * (Math.abs(0.05 - grade) - 0.05)), 6);
      expect(up / down).toBeGreaterThan(1.4);
      expect(net.meta.elevation?.model).toBe('walk');
      expect(net.meta.elevation?.densifiedVertices).toBe(sampleM > 1e6 ? 0 : 33);
      const h = linkElevations(net, 0) as Float32Array;
      expect(Math.abs(h[h.length - 1] - h[0])).toBeCloseTo(100, 3);
      const forward = linkClimb(net, 0, true);
      expect(forward.ascentM + forward.descentM).toBeCloseTo(100, 3);
      expect(linkElevations(flat, 0)).toBeNull();
    });
  }

  it('a road over a ridge is slower both ways than the flat, and its two halves keep their own paces', () => {
    const ridge = (lon: number) => 200 - Math.abs(lon - 100.005) * (200 / 0.005);
    const d = new Dem([gridOf(ridge, 99.99, 24.99, 100.02, 25.02, 0.0005)]);
    const road = {
      type: 'FeatureCollection',
      features: [
        line([
          [100, 25],
          [100.005, 25],
          [100.01, 25],
        ]),
      ],
    };
    const net = buildNetworkFromGeoJson(road, { profile: 'walk', elevation: { dem: d } });
    expect(net.linkCount).toBe(2); // the pace changes at the crest: a node stays there
    for (let l = 0; l < 2; l++)
      expect(net.linkTimeS(l, true)).not.toBeCloseTo(net.linkTimeS(l, false), 3);
  });

  it('a bridge or tunnel runs evenly between its ends instead of following the ground', () => {
    // A valley 100 m deep between two rims at the same height.
    const valley = (lon: number) => Math.abs(lon - 100.005) * (100 / 0.005);
    const d = new Dem([gridOf(valley, 99.99, 24.99, 100.02, 25.02, 0.0005)]);
    const across = (props: Record<string, unknown>) => ({
      type: 'FeatureCollection',
      features: [
        {
          ...line([
            [100, 25],
            [100.005, 25],
            [100.01, 25],
          ]),
          properties: { highway: 'residential', ...props },
        },
      ],
    });
    const flat = buildNetworkFromGeoJson(across({}), { profile: 'walk' });
    const ground = buildNetworkFromGeoJson(across({}), { profile: 'walk', elevation: { dem: d } });
    for (const props of [{ bridge: 'yes' }, { tunnel: 'culvert' }]) {
      const bridge = buildNetworkFromGeoJson(across(props), {
        profile: 'walk',
        elevation: { dem: d },
      });
      expect(bridge.linkCount).toBe(1);
      expect(bridge.linkTimeS(0, true)).toBeCloseTo(flat.linkTimeS(0, true), 6);
      const h = linkElevations(bridge, 0) as Float32Array;
      for (const v of h) expect(v).toBeCloseTo(100, 3);
    }
    expect(ground.linkTimeS(0, true) + ground.linkTimeS(1, true)).toBeGreaterThan(
      1.2 * flat.linkTimeS(0, true),
    );
    const no = buildNetworkFromGeoJson(across({ bridge: 'no' }), {
      profile: 'walk',
      elevation: { dem: d },
    });
    expect(no.linkCount).toBe(2);
  });

  it('validates its options', () => {
    expect(() =>
      buildNetworkFromGeoJson(ramp, { profile: 'walk', elevation: { dem, gradeStep: -1 } }),
    ).toThrow(/gradeStep/);
    expect(() =>
      buildNetworkFromGeoJson(ramp, { profile: { ...walk, name: 'hike' }, elevation: { dem } }),
    ).toThrow(/no slope model for profile "hike"/);
    const custom = buildNetworkFromGeoJson(ramp, {
      profile: { ...walk, name: 'hike' },
      elevation: { dem, model: () => 2 },
    });
    expect(custom.linkTimeS(0, true)).toBeCloseTo(2 * haversineM(100, 25, 100, 25.009) * 0.8, 6);
  });

  it('roads outside the DEM count as flat and are reported', () => {
    const far = {
      type: 'FeatureCollection',
      features: [
        line([
          [101, 25],
          [101.001, 25],
        ]),
      ],
    };
    const net = buildNetworkFromGeoJson(far, { profile: 'walk', elevation: { dem } });
    const flat = buildNetworkFromGeoJson(far, { profile: 'walk' });
    expect(net.linkTimeS(0, true)).toBe(flat.linkTimeS(0, true));
    expect(net.meta.warnings.find((w) => w.code === 'no-elevation')?.count).toBe(2);
  });
});

/** A smooth random terrain over the random-roads area (lon 0…0.02, lat 30…30.02), 0–300 m. */
function randomDem(seed: number): Dem {
  const rnd = mulberry32(seed);
  const waves = Array.from({ length: 4 }, () => [
    rnd() * 400,
    rnd() * 400,
    rnd() * 6,
    40 + rnd() * 60,
  ]);
  const f = (lon: number, lat: number) =>
    150 + waves.reduce((z, [a, b, p, amp]) => z + amp * Math.sin(a * lon + b * (lat - 30) + p), 0);
  return new Dem([gridOf(f, -0.01, 29.99, 0.04, 30.04, 0.00083)]);
}

/** Seconds per metre the oracle expects on a segment from its two ends' heights. */
function segmentPace(
  dem: Dem,
  a: number[],
  b: number[],
  basePace: number,
  factor: (g: number) => number,
) {
  const len = haversineM(a[0], a[1], b[0], b[1]);
  const g = len > 0 ? (dem.elevationAt(b[0], b[1]) - dem.elevationAt(a[0], a[1])) / len : 0;
  return basePace * factor(g);
}

describe('every link keeps one pace per direction, the pace its grade gives (oracle: each segment on its own)', () => {
  for (let seed = 1; seed <= 12; seed++) {
    for (const profile of ['walk', 'car'] as const) {
      it(`seed ${seed}, ${profile}`, () => {
        const dem = randomDem(seed);
        const roads = randomRoads(seed);
        const net = buildNetworkFromGeoJson(roads, {
          profile,
          elevation: { dem, profileToleranceM: 0, sampleM: 150 },
        });
        const flat = buildNetworkFromGeoJson(roads, { profile });
        const factor = profile === 'walk' ? toblerSlopeFactor : carSlopeFactor();
        const kmh = (cls: string) => (profile === 'walk' ? walk : car).highway[cls];
        let checked = 0;
        for (let l = 0; l < net.linkCount; l++) {
          const c = net.linkCoordinates(l);
          const base = 3.6 / kmh(net.meta.classNames[net.arrays.linkClass[l]]);
          for (const forward of [true, false]) {
            const t = net.linkTimeS(l, forward);
            if (t === Infinity) continue;
            let sum = 0;
            for (let i = 0; i + 1 < c.length; i++) {
              const [a, b] = forward ? [c[i], c[i + 1]] : [c[i + 1], c[i]];
              const p = segmentPace(dem, a, b, base, factor);
              const seg = haversineM(a[0], a[1], b[0], b[1]);
              sum += p * seg;
              // one pace per direction: every segment's pace is the link's
              expect(p).toBeCloseTo(t / net.arrays.linkLengthM[l], 9);
              checked++;
            }
            expect(t).toBeCloseTo(sum, 6);
          }
        }
        expect(checked).toBeGreaterThan(20);
        // Terrain only adds nodes where the pace changes: every flat node is still a node.
        expect(net.nodeCount).toBeGreaterThanOrEqual(flat.nodeCount);
      });
    }
  }
});

describe('snapped points keep exact partial times on a terrain network (split-graph oracle)', () => {
  for (let seed = 1; seed <= 10; seed++) {
    it(`seed ${seed}`, () => {
      const net = buildNetworkFromGeoJson(randomRoads(seed), {
        profile: 'car',
        elevation: { dem: randomDem(seed + 100) },
      });
      const rnd = mulberry32(900 + seed);
      const pts = (n: number) =>
        Array.from({ length: 2 * n }, (_, i) => (i % 2 ? 30 - 0.002 : -0.002) + rnd() * 0.026);
      const o = pts(5);
      const d = pts(5);
      const m = travelTimeMatrix(net, o, d, { maxSnapDistanceM: 400 });
      const po = placePoints(net, o, { maxSnapDistanceM: 400 });
      const pd = placePoints(net, d, { maxSnapDistanceM: 400 });
      const { d: fw, size, outer } = splitOracle(net, [po, pd]);
      for (let i = 0; i < 5; i++)
        for (let j = 0; j < 5; j++) {
          const want =
            po.snap.link[i] < 0 || pd.snap.link[j] < 0
              ? Infinity
              : fw[outer[0][i] * size + outer[1][j]];
          const got = m.timeS[i * 5 + j];
          if (want === Infinity) expect(got).toBe(Infinity);
          else expect(got).toBeCloseTo(want, 6);
        }
    });
  }
});

describe('saving', () => {
  const dem = randomDem(7);
  it('a terrain network round-trips through toBuffer with its elevation profile', () => {
    const net = buildNetworkFromGeoJson(randomRoads(7), { profile: 'walk', elevation: { dem } });
    const again = Net.fromBuffer(net.toBuffer());
    expect(again.meta).toEqual(net.meta);
    expect(again.arrays.nodeElevM).toEqual(net.arrays.nodeElevM);
    expect(again.arrays.geomElevM).toEqual(net.arrays.geomElevM);
    expect(new Uint8Array(again.toBuffer())).toEqual(new Uint8Array(net.toBuffer()));
    const shared = Net.fromBuffer(net.toBuffer({ shared: true }));
    expect(shared.arrays.nodeElevM).toEqual(net.arrays.nodeElevM);
  });

  it('without elevation nothing changes: same buffer as a build that never heard of it', () => {
    const a = buildNetworkFromGeoJson(randomRoads(3), { profile: 'walk' });
    const b = buildNetworkFromGeoJson(randomRoads(3), { profile: 'walk', elevation: undefined });
    expect(new Uint8Array(a.toBuffer())).toEqual(new Uint8Array(b.toBuffer()));
    expect(a.arrays.nodeElevM).toBeUndefined();
    expect('elevation' in a.meta).toBe(false);
    const text = new TextDecoder().decode(new Uint8Array(a.toBuffer()).subarray(16, 400));
    expect(text).not.toContain('optional');
  });

  it('a damaged elevation section is refused', () => {
    const net = buildNetworkFromGeoJson(randomRoads(7), { profile: 'walk', elevation: { dem } });
    const bytes = new Uint8Array(net.toBuffer());
    const text = new TextDecoder().decode(bytes);
    const at = text.indexOf('"nodeElevM"') + 2;
    bytes[at] ^= 0x01; // the section's name in the table: the checksum no longer matches
    expect(() => Net.fromBuffer(bytes)).toThrow(/checksum/);
    // Past the checksum (a writer of its own), the heights are still checked one by one.
    const arrays = { ...net.arrays, nodeElevM: undefined, geomElevM: undefined };
    const bad = new Float32Array(net.arrays.nodeElevM!);
    bad[3] = Number.NaN;
    expect(() =>
      attachElevation(
        arrays,
        { nodeElevM: bad, geomElevM: net.arrays.geomElevM },
        net.arrays.geomElevM!.length,
      ),
    ).toThrow(/height of NaN at 3/);
    expect(() =>
      attachElevation(arrays, { nodeElevM: bad.subarray(1) }, net.arrays.geomElevM!.length),
    ).toThrow(/should hold/);
  });
});

const SRTM = join(extractPath('ordino'), '..', 'srtm', 'N42E001.hgt.zip');

describe.skipIf(!haveExtract('ordino'))(
  'Ordino valley, Andorra, with SRTM3 N42E001 (skipped: ../shared/data/osm not found)',
  () => {
    it('the walk up from the valley floor to the highest settlement is slower than the walk down', async () => {
      const grid = readHgt(new Uint8Array(readFileSync(SRTM)), 'N42E001.hgt.zip');
      expect(grid.cols).toBe(1201);
      const dem = new Dem([grid]);
      const bytes = new Uint8Array(readFileSync(extractPath('ordino')));
      const net: RoadNetwork = buildNetworkFromOsm(bytes, { profile: 'walk', elevation: { dem } });
      const flat = buildNetworkFromOsm(bytes, { profile: 'walk' });
      const places = await sharedOsmPoints('ordino', (t) =>
        ['town', 'village', 'hamlet'].includes(t.place),
      );
      const inBox = places.filter(
        (p) => p.lon > 1.5 && p.lon < 1.58 && p.lat > 42.55 && p.lat < 42.62,
      );
      const z = (p: (typeof inBox)[number]) => dem.elevationAt(p.lon, p.lat);
      inBox.sort((a, b) => z(a) - z(b));
      const low = inBox[0];
      const high = inBox[inBox.length - 1];
      expect(z(high) - z(low)).toBeGreaterThan(150);
      const a: [number, number] = [low.lon, low.lat];
      const b: [number, number] = [high.lon, high.lat];
      const up = route(net, a, b);
      const down = route(net, b, a);
      const flatUp = route(flat, a, b);
      expect(up.status).toBe('ok');
      expect(down.status).toBe('ok');
      expect(up.timeS).toBeGreaterThan(1.1 * down.timeS);
      expect(up.timeS).toBeGreaterThan(flatUp.timeS);
      // Exactness on the real network: every link of an unsimplified build has one pace per
      // direction, the one each of its OSM segments' grades gives.
      const raw = buildNetworkFromOsm(bytes, {
        profile: 'walk',
        elevation: { dem, profileToleranceM: 0, sampleM: 1e9 },
      });
      let segments = 0;
      for (let l = 0; l < raw.linkCount; l++) {
        const c = raw.linkCoordinates(l);
        const base = 3.6 / walk.highway[raw.meta.classNames[raw.arrays.linkClass[l]]];
        const t = raw.linkTimeS(l, true);
        for (let i = 0; i + 1 < c.length; i++) {
          const p = segmentPace(dem, c[i], c[i + 1], base, toblerSlopeFactor);
          if (Math.abs(p - t / raw.arrays.linkLengthM[l]) > 1e-9 * p)
            expect(p).toBeCloseTo(t / raw.arrays.linkLengthM[l], 9);
          segments++;
        }
      }
      expect(segments).toBeGreaterThan(10_000);
    }, 60_000);
  },
);

describe.skipIf(!haveExtract('andorra'))(
  'all of Andorra with SRTM3 N42E001 (skipped: ../shared/data/osm not found)',
  () => {
    it('walking from the lowest town up to the highest hamlet is slower than walking back down', async () => {
      const dem = new Dem([readHgt(new Uint8Array(readFileSync(SRTM)), 'N42E001.hgt.zip')]);
      const bytes = new Uint8Array(readFileSync(extractPath('andorra')));
      const net = buildNetworkFromOsm(bytes, { profile: 'walk', elevation: { dem } });
      const z = (p: { lon: number; lat: number }) => dem.elevationAt(p.lon, p.lat);
      const byHeight = (a: { lon: number; lat: number }, b: { lon: number; lat: number }) =>
        z(a) - z(b);
      const towns = (await sharedOsmPoints('andorra', (t) => t.place === 'town')).sort(byHeight);
      const hamlets = (await sharedOsmPoints('andorra', (t) => t.place === 'hamlet')).sort(
        byHeight,
      );
      const low = towns[0];
      const high = hamlets[hamlets.length - 1];
      expect(z(high) - z(low)).toBeGreaterThan(500);
      const a: [number, number] = [low.lon, low.lat];
      const b: [number, number] = [high.lon, high.lat];
      const up = route(net, a, b);
      const down = route(net, b, a);
      expect(up.status).toBe('ok');
      expect(down.status).toBe('ok');
      expect(up.timeS).toBeGreaterThan(1.1 * down.timeS); // measured: 339 min up, 289 down
    }, 60_000);
  },
);

/** Oracle: textbook recursive Douglas–Peucker (first farthest point, strictly beyond tol). */
function dpReference(
  d: number[],
  h: number[],
  a: number,
  b: number,
  tol: number,
  keep: Set<number>,
) {
  let worst = tol;
  let at = -1;
  for (let i = a + 1; i < b; i++) {
    const span = d[b] - d[a];
    const line = span > 0 ? h[a] + ((d[i] - d[a]) / span) * (h[b] - h[a]) : h[a];
    if (Math.abs(h[i] - line) > worst) {
      worst = Math.abs(h[i] - line);
      at = i;
    }
  }
  if (at < 0) return;
  keep.add(at);
  dpReference(d, h, a, at, tol, keep);
  dpReference(d, h, at, b, tol, keep);
}

describe('simplifyProfile (the height profile of a road, Douglas–Peucker)', () => {
  for (let seed = 1; seed <= 40; seed++) {
    it(`keeps what recursive Douglas–Peucker keeps, and stays within the tolerance, seed ${seed}`, () => {
      const rnd = mulberry32(3000 + seed);
      const n = 2 + Math.floor(rnd() * 60);
      const d = [0];
      const h = [rnd() * 100];
      for (let i = 1; i < n; i++) {
        d.push(d[i - 1] + (rnd() < 0.1 ? 0 : rnd() * 80));
        h.push(h[i - 1] + (rnd() - 0.5) * 30);
      }
      const tol = [0, 1, 5, 20][seed % 4];
      const keep = new Uint8Array(n);
      simplifyProfile(Float64Array.from(d), Float64Array.from(h), 0, n - 1, tol, keep);
      const want = new Set([0, n - 1]);
      if (tol > 0) dpReference(d, h, 0, n - 1, tol, want);
      else for (let i = 0; i < n; i++) want.add(i);
      expect([...keep.keys()].filter((i) => keep[i])).toEqual([...want].sort((x, y) => x - y));
      // Property: every dropped position lies within tol of the chord between its kept neighbours.
      let k0 = 0;
      for (let i = 1; i < n; i++) {
        if (keep[i]) {
          for (let j = k0 + 1; j < i; j++) {
            const span = d[i] - d[k0];
            const line = span > 0 ? h[k0] + ((d[j] - d[k0]) / span) * (h[i] - h[k0]) : h[k0];
            expect(Math.abs(h[j] - line)).toBeLessThanOrEqual(tol + 1e-9);
          }
          k0 = i;
        }
      }
    });
  }
});
