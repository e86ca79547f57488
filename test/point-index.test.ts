import { describe, expect, it } from 'vitest';
import { haversineM, type IndexedPoint, InputError, PointIndex } from '../src/index';
import { mulberry32 } from './helpers/random';

/** Points uniform on the sphere, or crowded around a place (antimeridian, pole). */
function randomPoints(seed: number, n: number, around?: [number, number, number]): IndexedPoint[] {
  const rnd = mulberry32(seed);
  const cats = ['health', 'education', 'elderly'];
  return Array.from({ length: n }, (_, i) => {
    let lon: number;
    let lat: number;
    if (around) {
      lon = around[0] + (rnd() - 0.5) * 2 * around[2];
      lat = Math.max(-90, Math.min(90, around[1] + (rnd() - 0.5) * 2 * around[2]));
      lon = ((((lon + 180) % 360) + 360) % 360) - 180;
    } else {
      lon = rnd() * 360 - 180;
      lat = (Math.asin(2 * rnd() - 1) * 180) / Math.PI;
    }
    return { id: `p${i}`, lon, lat, category: cats[i % 3] };
  });
}

/** Oracle: every point measured, sorted by distance then index. */
function bruteForce(
  points: IndexedPoint[],
  lon: number,
  lat: number,
  k: number,
  max = Infinity,
  category?: string,
) {
  return points
    .map((p, index) => ({ index, d: haversineM(lon, lat, p.lon, p.lat), cat: p.category }))
    .filter((x) => x.d <= max && (category === undefined || x.cat === category))
    .sort((a, b) => a.d - b.d || a.index - b.index)
    .slice(0, k);
}

const scenes: [string, [number, number, number] | undefined][] = [
  ['the whole sphere', undefined],
  ['the antimeridian', [180, 10, 3]],
  ['the north pole', [0, 89, 2]],
  ['the south pole', [120, -89.5, 1]],
  ['a county', [100.2, 25.6, 0.3]],
];

describe('PointIndex.nearest equals a brute-force scan', () => {
  scenes.forEach(([name, around], s) => {
    it(`near ${name}`, () => {
      const points = randomPoints(100 + s, 400, around);
      const index = new PointIndex(points);
      const queries = randomPoints(200 + s, 60, around);
      for (const q of queries) {
        for (const [k, max, category] of [
          [1, undefined, undefined],
          [5, undefined, undefined],
          [400, undefined, undefined],
          [3, 50_000, undefined],
          [4, undefined, 'health'],
          [1000, 200_000, 'elderly'],
          // k = 1 takes the 3-D chord tree: with a limit and a filter too.
          [1, 50_000, undefined],
          [1, undefined, 'health'],
          [1, 300_000, 'elderly'],
        ] as const) {
          const got = index.nearest(q.lon, q.lat, { k, maxDistanceM: max, category });
          const want = bruteForce(points, q.lon, q.lat, k, max, category);
          expect(got.map((g) => g.distanceM)).toEqual(want.map((w) => w.d));
          expect(got.map((g) => g.index)).toEqual(want.map((w) => w.index));
          expect(got.map((g) => g.id)).toEqual(want.map((w) => `p${w.index}`));
        }
      }
    });
  });

  it('within(r) returns exactly the points inside the radius, nearest first', () => {
    const points = randomPoints(7, 500, [100.2, 25.6, 0.3]);
    const index = new PointIndex(points);
    for (const q of randomPoints(8, 30, [100.2, 25.6, 0.3])) {
      expect(index.within(q.lon, q.lat, 5000).map((g) => g.index)).toEqual(
        bruteForce(points, q.lon, q.lat, Infinity, 5000).map((w) => w.index),
      );
    }
  });

  it('nearestAll answers every query into typed arrays, padding with -1 / Infinity', () => {
    const points = randomPoints(9, 50, [100.2, 25.6, 0.3]);
    const index = new PointIndex(points);
    const queries = randomPoints(10, 40, [100.2, 25.6, 0.3]);
    const coords = Float64Array.from(queries.flatMap((q) => [q.lon, q.lat]));
    const bulk = index.nearestAll(coords, { k: 3, maxDistanceM: 3000 });
    expect(bulk.k).toBe(3);
    queries.forEach((q, i) => {
      const want = bruteForce(points, q.lon, q.lat, 3, 3000);
      for (let j = 0; j < 3; j++) {
        expect(bulk.index[i * 3 + j]).toBe(want[j]?.index ?? -1);
        expect(bulk.distanceM[i * 3 + j]).toBe(want[j]?.d ?? Infinity);
      }
    });
  });
});

describe('PointIndex k = 1 (the chord tree) on crowded and repeated points, seeded', () => {
  for (let seed = 1; seed <= 6; seed++) {
    it(`seed ${seed}: the nearest and its metres equal a scan, ties to the lower index`, () => {
      const rnd = mulberry32(seed);
      const base = randomPoints(300 + seed, 200 + Math.floor(rnd() * 800), scenes[seed % 5][1]);
      // Copies of some points (exact ties) and points on a few shared spots.
      const points = [...base, ...base.filter(() => rnd() < 0.2).map((p) => ({ ...p }))];
      for (let i = 0; i < 30; i++) points.push({ ...points[Math.floor(rnd() * 5)] });
      const index = new PointIndex(points);
      const queries = randomPoints(400 + seed, 300, scenes[seed % 5][1]);
      const coords = queries.flatMap((q) => [q.lon, q.lat]);
      // Some queries exactly on points.
      for (let i = 0; i < 20; i++) coords.push(points[i].lon, points[i].lat);
      const all = index.nearestAll(coords, { k: 1 });
      for (let q = 0; q < coords.length / 2; q++) {
        const [want] = bruteForce(points, coords[2 * q], coords[2 * q + 1], 1);
        expect(all.index[q], `query ${q}`).toBe(want.index);
        expect(all.distanceM[q]).toBe(want.d);
      }
    });
  }
});

describe('PointIndex edges and errors', () => {
  it('returns empty results for an empty set', () => {
    const index = new PointIndex([]);
    expect(index.nearest(1, 2, { k: 3 })).toEqual([]);
    expect(index.nearestAll([1, 2, 3, 4], { k: 2 }).index.length).toBe(0);
  });

  it('returns everything when k exceeds the set', () => {
    const index = new PointIndex(randomPoints(1, 4));
    expect(index.nearest(0, 0, { k: 10 }).length).toBe(4);
  });

  it('keeps ids, categories and properties, and survives a buffer round trip', () => {
    const pts: IndexedPoint[] = [
      { id: 'a', lon: 1, lat: 2, category: 'health', properties: { name: 'Clinic' } },
      { id: 7, lon: 1.1, lat: 2 },
    ];
    const back = PointIndex.fromBuffer(new PointIndex(pts).toBuffer());
    expect(back.ids).toEqual(['a', 7]);
    expect(back.categories).toEqual(['health', null]);
    expect(back.properties).toEqual([{ name: 'Clinic' }, null]);
    expect(back.nearest(1.09, 2)[0].id).toBe(7);
    expect(() => PointIndex.fromBuffer(new ArrayBuffer(32))).toThrowError(
      /not a servicereach point index/,
    );
  });

  it('names the point with bad coordinates and hints at swapped lon/lat', () => {
    expect(
      () =>
        new PointIndex([
          { id: 'v1', lon: 1, lat: 2 },
          { id: 'v2', lon: 25, lat: 100 },
        ]),
    ).toThrowError(/point #1 \(id "v2"\): \[25, 100\] is out of range.*looks like \[lat, lon\]/);
    expect(() => new PointIndex([{ lon: Number.NaN, lat: 2 }])).toThrowError(InputError);
    expect(() =>
      new PointIndex([{ id: 'a', lon: 1, lat: 2 }]).nearest(1, 2, { k: -1 }),
    ).toThrowError(/k must be a whole number/);
  });

  it('filters by category as coverage reads it: several per point, or OSM tags without one', () => {
    const rnd = mulberry32(77);
    const kinds = ['health', 'health;hospital', 'school, kindergarten', 'hospital', undefined];
    const pts: IndexedPoint[] = Array.from({ length: 300 }, (_, i) => ({
      id: i,
      lon: 100 + rnd() * 0.3,
      lat: 25 + rnd() * 0.3,
      category: kinds[i % kinds.length],
      properties: i % kinds.length === 4 ? { amenity: i % 2 ? 'clinic' : 'school' } : null,
    }));
    const index = new PointIndex(pts);
    const serves = (p: IndexedPoint, c: string) =>
      p.category === undefined
        ? (c === 'health' && p.properties?.amenity === 'clinic') ||
          (c === 'education' && p.properties?.amenity === 'school')
        : p.category.split(/[;,]/).some((x) => x.trim() === c);
    for (const category of ['health', 'hospital', 'kindergarten', 'education']) {
      for (let q = 0; q < 20; q++) {
        const lon = 100 + rnd() * 0.3;
        const lat = 25 + rnd() * 0.3;
        const brute = pts
          .map((p, i) => ({ i, d: haversineM(lon, lat, p.lon, p.lat) }))
          .filter(({ i }) => serves(pts[i], category))
          .sort((a, b) => a.d - b.d || a.i - b.i)
          .slice(0, 3)
          .map(({ i }) => i);
        expect(index.nearest(lon, lat, { k: 3, category }).map((n) => n.index)).toEqual(brute);
      }
    }
  });
});
