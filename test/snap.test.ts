import { describe, expect, it } from 'vitest';
import {
  buildNetworkFromGeoJson,
  haversineM,
  type RoadNetwork,
  snapPoint,
  snapPoints,
} from '../src/index';
import { projectOnSegment } from '../src/engine';
import { drawnRoads, letterPositions } from './helpers/drawn-roads';
import { expectCloseTo, expectIs } from './helpers/loop-expect';
import { mulberry32 } from './helpers/random';
import { haveExtract, sharedNetwork } from './helpers/shared-data';

/**
 * Oracle: every segment of every link (or of the links `keep` allows), same metric, ties to the
 * lower (link, segment).
 */
function bruteSnap(
  net: RoadNetwork,
  lon: number,
  lat: number,
  keep: (link: number) => boolean = () => true,
) {
  const cos = Math.max(Math.cos((lat * Math.PI) / 180), 1e-12);
  const out = { d2: 0, t: 0 };
  let best = { d2: Infinity, link: -1, seg: -1, t: 0 };
  for (let l = 0; l < net.linkCount; l++) {
    if (!keep(l)) continue;
    const c = net.linkCoordinates(l);
    for (let j = 0; j + 1 < c.length; j++) {
      projectOnSegment(lon, lat, c[j][0], c[j][1], c[j + 1][0], c[j + 1][1], cos, out);
      if (out.d2 < best.d2) best = { d2: out.d2, link: l, seg: j, t: out.t };
    }
  }
  const c = net.linkCoordinates(best.link);
  const [a, b] = [c[best.seg], c[best.seg + 1]];
  const p = [a[0] + best.t * (b[0] - a[0]), a[1] + best.t * (b[1] - a[1])];
  return { ...best, lon: p[0], lat: p[1], distanceM: haversineM(lon, lat, p[0], p[1]) };
}

let islands = 0; // points given a second entry, across the checks

function checkAgainstBruteForce(net: RoadNetwork, coords: number[], maxSnapDistanceM: number) {
  const r = snapPoints(net, coords, { maxSnapDistanceM });
  // The main network: links with both ends in the largest strongly connected component.
  const { label } = net.components('strong');
  const onMain = (l: number) =>
    label[net.arrays.linkFrom[l]] === 0 && label[net.arrays.linkTo[l]] === 0;
  for (let i = 0; i < coords.length / 2; i++) {
    const want = bruteSnap(net, coords[2 * i], coords[2 * i + 1]);
    expectCloseTo(r.distanceM[i], want.distanceM, 6, `point ${i}`);
    expectCloseTo(r.lon[i], want.lon, 9);
    expectCloseTo(r.lat[i], want.lat, 9);
    if (want.distanceM > maxSnapDistanceM) {
      expectIs(r.status[i], 1);
      expectIs(r.link[i], -1);
    } else {
      expectIs(r.status[i], 0);
      expectIs(r.link[i], want.link, `point ${i}`);
      // The offset along the link is the length of the polyline up to the snapped position.
      const c = net.linkCoordinates(want.link);
      let along = 0;
      for (let j = 0; j < want.seg; j++)
        along += haversineM(c[j][0], c[j][1], c[j + 1][0], c[j + 1][1]);
      along += haversineM(c[want.seg][0], c[want.seg][1], want.lon, want.lat);
      expectCloseTo(r.offsetM[i], along, 2); // t × segment length vs haversine to the point: mm apart
      const len = net.arrays.linkLengthM[want.link];
      expectCloseTo(r.fraction[i], len > 0 ? Math.min(1, r.offsetM[i] / len) : 0, 12);
    }
    // The second entry: the nearest main-network road within the distance, for island points only.
    if (want.distanceM > maxSnapDistanceM || onMain(want.link)) {
      expect(r.main.link[i], `point ${i}`).toBe(-1);
      continue;
    }
    const main = bruteSnap(net, coords[2 * i], coords[2 * i + 1], onMain);
    if (main.distanceM > maxSnapDistanceM) expect(r.main.link[i], `point ${i}`).toBe(-1);
    else {
      islands++;
      expect(r.main.link[i], `point ${i}`).toBe(main.link);
      expect(r.main.distanceM[i]).toBeCloseTo(main.distanceM, 6);
      expect(r.main.lon[i]).toBeCloseTo(main.lon, 9);
      expect(r.main.lat[i]).toBeCloseTo(main.lat, 9);
    }
  }
}

function randomGridRoads(seed: number) {
  const rnd = mulberry32(seed);
  const features = [];
  for (let w = 0; w < 30; w++) {
    const coords: number[][] = [];
    let x = rnd() * 0.05;
    let y = 30 + rnd() * 0.05;
    for (let i = 0; i < 2 + Math.floor(rnd() * 6); i++) {
      coords.push([x, y]);
      x += (rnd() - 0.5) * 0.01;
      y += (rnd() - 0.5) * 0.01;
    }
    features.push({
      type: 'Feature' as const,
      properties: { highway: 'residential' },
      geometry: { type: 'LineString' as const, coordinates: coords },
    });
  }
  return { type: 'FeatureCollection' as const, features };
}

describe('snapPoints equals a brute-force scan of every segment', () => {
  for (let seed = 1; seed <= 10; seed++) {
    it(`random roads, seed ${seed}`, () => {
      const net = buildNetworkFromGeoJson(randomGridRoads(seed), { profile: 'walk' });
      const rnd = mulberry32(1000 + seed);
      const coords: number[] = [];
      for (let i = 0; i < 200; i++) coords.push(-0.05 + rnd() * 0.15, 29.95 + rnd() * 0.15);
      checkAgainstBruteForce(net, coords, 800);
    });
  }

  it.skipIf(!haveExtract('ordino'))(
    'on the Ordino extract (../shared/data/osm), points in and around the valley',
    async () => {
      const net = await sharedNetwork('ordino', 'car');
      const rnd = mulberry32(42);
      const coords: number[] = [];
      for (let i = 0; i < 300; i++) coords.push(1.44 + rnd() * 0.2, 42.52 + rnd() * 0.14);
      checkAgainstBruteForce(net, coords, 500);
    },
  );

  it('gave second entries to some points (the random networks have islands)', () => {
    expect(islands).toBeGreaterThan(10);
  });
});

describe('snapping details', () => {
  const D = `
  A-------B
          |
  C       D
`;
  const net = buildNetworkFromGeoJson(drawnRoads(D, [['AB'], ['BD']]), { profile: 'car' });
  const pos = letterPositions(D);

  it('snaps onto the middle of a segment, not to the nearest node', () => {
    const [ax, ay] = pos.get('A')!;
    const [bx] = pos.get('B')!;
    const s = snapPoint(net, (ax + bx) / 2, ay + 0.0005);
    expect(s.status).toBe('on-network');
    expect(s.node).toBe(-1);
    expect(s.lat).toBeCloseTo(ay, 12);
    expect(s.distanceM).toBeCloseTo(haversineM(0, 0, 0, 0.0005), 6);
  });

  it('reports a point exactly on a node as that node, deterministically', () => {
    const [bx, by] = pos.get('A')!; // B is a dissolved degree-2 vertex; A ends the road
    const s = snapPoint(net, bx, by);
    expect(s.distanceM).toBe(0);
    expect(net.nodeLon(s.node)).toBe(bx);
    expect(net.nodeLat(s.node)).toBe(by);
    expect(s.fraction === 0 || s.fraction === 1).toBe(true);
    expect(snapPoint(net, bx, by)).toEqual(s);
  });

  it('gives ties to the lower link id', () => {
    const P = `
    A-------B

    C-------D
`;
    const two = buildNetworkFromGeoJson(drawnRoads(P, [['CD'], ['AB']]), { profile: 'car' });
    const p = letterPositions(P);
    const s = snapPoint(two, p.get('A')![0] + 0.003, (p.get('A')![1] + p.get('C')![1]) / 2);
    expect(s.distanceM).toBeCloseTo(haversineM(0, 0, 0, 0.001), 6);
    expect(s.link).toBe(0); // C-D was read first, so it is link 0
  });

  it('reports far points as off-network with their distance to the nearest road, never dropping them', () => {
    const [cx, cy] = pos.get('C')!;
    const r = snapPoints(net, [cx, cy, cx + 0.001, pos.get('A')![1] - 0.0005], {
      maxSnapDistanceM: 100,
    });
    expect(Array.from(r.status)).toEqual([1, 0]);
    expect(r.link[0]).toBe(-1);
    expect(r.distanceM[0]).toBeCloseTo(haversineM(cx, cy, cx, pos.get('A')![1]), 0);
    const far = snapPoint(net, cx + 20, cy + 20);
    expect(far.status).toBe('off-network');
    expect(far.distanceM).toBeGreaterThan(2_000_000);
  });

  it('rejects bad points and options precisely', () => {
    expect(() => snapPoints(net, [0, 0, 25, 100])).toThrowError(
      /point #1: \[25, 100\] is out of range.*looks like \[lat, lon\]/,
    );
    expect(() => snapPoints(net, [0, 0], { maxSnapDistanceM: -5 })).toThrowError(
      /maxSnapDistanceM must be a number ≥ 0, got -5/,
    );
  });
});

describe('projectOnSegment', () => {
  it('agrees with great-circle distance to well under 0.1% at snapping range', () => {
    const rnd = mulberry32(5);
    const out = { d2: 0, t: 0 };
    for (let i = 0; i < 200; i++) {
      const lat = -60 + rnd() * 120;
      const lon = rnd() * 360 - 180;
      const dx = (rnd() - 0.5) * 0.02;
      const dy = (rnd() - 0.5) * 0.02;
      projectOnSegment(
        lon,
        lat,
        lon + dx,
        lat + dy,
        lon + dx,
        lat + dy,
        Math.cos((lat * Math.PI) / 180),
        out,
      );
      const h = haversineM(lon, lat, lon + dx, lat + dy);
      expect(Math.abs(Math.sqrt(out.d2) - h) / h).toBeLessThan(1e-3);
    }
  });
});
