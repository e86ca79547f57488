import { describe, expect, it } from 'vitest';
import { buildNetworkFromGeoJson, type RoadNetwork } from '../src/index';
import { projectOnSegment, SegmentIndex } from '../src/engine';
import { expectIs } from './helpers/loop-expect';
import { mulberry32 } from './helpers/random';

/** Random roads in a few clusters round (lon, lat), some far apart (empty cells between). */
function clusteredRoads(seed: number, lon: number, lat: number, spread: number) {
  const rnd = mulberry32(seed);
  const features = [];
  const clusters = 1 + Math.floor(rnd() * 4);
  for (let c = 0; c < clusters; c++) {
    const cx = lon + (rnd() - 0.5) * spread;
    const cy = Math.max(-89, Math.min(89, lat + (rnd() - 0.5) * spread * 0.5));
    for (let w = 0; w < 5 + Math.floor(rnd() * 20); w++) {
      const coords: number[][] = [];
      let x = cx + (rnd() - 0.5) * 0.02;
      let y = cy + (rnd() - 0.5) * 0.02;
      for (let i = 0; i < 2 + Math.floor(rnd() * 5); i++) {
        coords.push([wrapLon(x), y]);
        // Now and then a long straight piece across many cells.
        const step = rnd() < 0.1 ? 0.2 : 0.004;
        x += (rnd() - 0.5) * step;
        y = Math.max(-89.9, Math.min(89.9, y + (rnd() - 0.5) * step));
      }
      features.push({
        type: 'Feature' as const,
        properties: { highway: 'residential' },
        geometry: { type: 'LineString' as const, coordinates: coords },
      });
    }
  }
  return { type: 'FeatureCollection' as const, features };
}

function wrapLon(x: number): number {
  return x > 180 ? x - 360 : x < -180 ? x + 360 : x;
}

/** Oracle: every segment in index order, same metric, ties to the lower segment id. */
function bruteNearest(
  index: SegmentIndex,
  net: RoadNetwork,
  qx: number,
  qy: number,
  only: Uint8Array | null,
) {
  const cos = Math.max(Math.cos((qy * Math.PI) / 180), 1e-12);
  const out = { d2: 0, t: 0 };
  let best = -1;
  let bestD2 = Infinity;
  let s = 0;
  const links = net.linkCount - (net.meta.turnLinks ?? 0);
  for (let l = 0; l < links; l++) {
    const c = net.linkCoordinates(l);
    for (let j = 0; j + 1 < c.length; j++, s++) {
      if (only && only[l] !== 1) continue;
      projectOnSegment(qx, qy, c[j][0], c[j][1], c[j + 1][0], c[j + 1][1], cos, out);
      if (out.d2 < bestD2) {
        best = s;
        bestD2 = out.d2;
      }
    }
  }
  expectIs(s, index.size);
  return { best, bestD2 };
}

describe('SegmentIndex.nearest equals a scan of every segment (random roads, seeded)', () => {
  // Mid-latitudes, both sides of the antimeridian, near a pole, and clusters far apart.
  const places: [number, number, number][] = [
    [1.5, 42.5, 0.3],
    [179.98, -17, 0.2],
    [-179.99, 65, 0.1],
    [20, 84, 1],
    [100, 25, 5],
  ];
  for (let seed = 1; seed <= 15; seed++) {
    const [lon, lat, spread] = places[seed % places.length];
    it(`seed ${seed}, round (${lon}, ${lat})`, () => {
      const net = buildNetworkFromGeoJson(clusteredRoads(seed, lon, lat, spread), {
        profile: 'walk',
      });
      const index = new SegmentIndex(net);
      const rnd = mulberry32(500 + seed);
      const only = new Uint8Array(net.linkCount);
      for (let l = 0; l < net.linkCount; l++) only[l] = rnd() < 0.3 ? 1 : 0;
      for (let q = 0; q < 150; q++) {
        // Near the roads, across the area, and now and then anywhere on Earth.
        const far = rnd() < 0.1;
        const qx = far ? rnd() * 360 - 180 : wrapLon(lon + (rnd() - 0.5) * spread * 1.5);
        const qy = far
          ? rnd() * 180 - 90
          : Math.max(-90, Math.min(90, lat + (rnd() - 0.5) * spread * 0.8));
        const cos = Math.max(Math.cos((qy * Math.PI) / 180), 1e-12);
        const want = bruteNearest(index, net, qx, qy, null);
        expect(index.nearest(qx, qy, cos, null, Infinity), `query ${q} (${qx}, ${qy})`).toBe(
          want.best,
        );
        expectIs(index.hitD2, want.bestD2);
        // Only some links, and within a limit: the nearest of those, or none within it.
        const maxM = rnd() * 3000;
        const some = bruteNearest(index, net, qx, qy, only);
        const got = index.nearest(qx, qy, cos, only, maxM);
        if (some.best >= 0 && Math.sqrt(some.bestD2) <= maxM) {
          expect(got, `query ${q} with a filter`).toBe(some.best);
        } else if (got >= 0) {
          // None within the limit: what it reports (if anything) lies beyond it.
          expect(Math.sqrt(index.hitD2), `query ${q} with a filter`).toBeGreaterThan(maxM * 0.999);
        }
      }
    });
  }

  it('search: every segment with a point in a query box, once', () => {
    const net = buildNetworkFromGeoJson(clusteredRoads(3, 179.98, -17, 0.2), { profile: 'walk' });
    const index = new SegmentIndex(net);
    const rnd = mulberry32(9);
    const v = index.vertices;
    for (let q = 0; q < 100; q++) {
      const x = 179.7 + rnd() * 0.6;
      const y = -17.2 + rnd() * 0.4;
      const w = rnd() * 0.05;
      const got = index.search(x - w, y - w, x + w, y + w).sort((a, b) => a - b);
      const want: number[] = [];
      for (let s = 0; s < index.size; s++) {
        const i = 2 * (s + index.segLink[s]);
        // A point of the segment in the box: sampled finely (the boxes are small against gaps).
        const meets = (minX: number, maxX: number) => {
          if (Math.abs(v[i + 2] - v[i]) > 180)
            return (
              Math.min(v[i], v[i + 2]) <= maxX &&
              Math.max(v[i], v[i + 2]) >= minX &&
              Math.min(v[i + 1], v[i + 3]) <= y + w &&
              Math.max(v[i + 1], v[i + 3]) >= y - w
            );
          for (let k = 0; k <= 2000; k++) {
            const px = v[i] + (k / 2000) * (v[i + 2] - v[i]);
            const py = v[i + 1] + (k / 2000) * (v[i + 3] - v[i + 1]);
            if (px >= minX && px <= maxX && py >= y - w && py <= y + w) return true;
          }
          return false;
        };
        if (x + w > 180 ? meets(x - w, 180) || meets(-180, x + w - 360) : meets(x - w, x + w))
          want.push(s);
      }
      expect(got).toEqual(want);
    }
  });
});
