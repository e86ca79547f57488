import { describe, expect, it } from 'vitest';
import {
  buildNetworkFromGeoJson,
  haversineM,
  type RoadNetwork,
  type SnapResult,
  snapPoints,
} from '../src/index';
import { projectOnSegment } from '../src/engine';
import { expectIs } from './helpers/loop-expect';
import { mulberry32 } from './helpers/random';

// snapPoints answers many points in a spatial order through a grid of cells; this oracle scans
// every segment of every link for each point in input order and works out every output field
// with the same arithmetic, so the comparison is exact (Object.is on every element), ties
// included: points on junctions (several segments at distance 0), at vertices and midpoints, on
// a lattice between parallel roads, and far from everything.

type Feature = {
  type: 'Feature';
  properties: { highway: string };
  geometry: { type: 'LineString'; coordinates: number[][] };
};

/** A lattice of streets (junctions everywhere), some random wiggly roads, a few apart (islands). */
function roads(seed: number, lon: number, lat: number): Feature[] {
  const rnd = mulberry32(seed);
  const out: Feature[] = [];
  const line = (coordinates: number[][]): Feature => ({
    type: 'Feature',
    properties: { highway: 'residential' },
    geometry: { type: 'LineString', coordinates },
  });
  const n = 4 + Math.floor(rnd() * 5);
  const step = 0.002;
  for (let i = 0; i <= n; i++) {
    const row: number[][] = [];
    const col: number[][] = [];
    for (let j = 0; j <= n; j++) {
      row.push([wrap(lon + j * step), lat + i * step]);
      col.push([wrap(lon + i * step), lat + j * step]);
    }
    out.push(line(row), line(col));
  }
  for (let w = 0; w < 10 + Math.floor(rnd() * 20); w++) {
    // Now and then a road well away from the rest: its own component.
    const away = rnd() < 0.2 ? 0.03 : 0;
    let x = lon + away + rnd() * n * step;
    let y = lat + rnd() * n * step;
    const c: number[][] = [];
    for (let k = 0; k < 2 + Math.floor(rnd() * 6); k++) {
      c.push([wrap(x), y]);
      x += (rnd() - 0.5) * 0.003;
      y += (rnd() - 0.5) * 0.003;
    }
    out.push(line(c));
  }
  return out;
}

/** Points of many kinds: near segments, on vertices, at midpoints, on a lattice, anywhere. */
function points(net: RoadNetwork, seed: number, count: number): number[] {
  const rnd = mulberry32(seed);
  const links = net.linkCount - (net.meta.turnLinks ?? 0);
  const out: number[] = [];
  let x0 = Infinity;
  let y0 = Infinity;
  for (let l = 0; l < links; l++)
    for (const [x, y] of net.linkCoordinates(l)) {
      x0 = Math.min(x0, x);
      y0 = Math.min(y0, y);
    }
  for (let i = 0; i < count; i++) {
    const c = net.linkCoordinates(Math.floor(rnd() * links));
    const s = Math.floor(rnd() * (c.length - 1));
    const kind = rnd();
    if (kind < 0.35) {
      const f = rnd();
      out.push(
        wrap(c[s][0] + f * (c[s + 1][0] - c[s][0]) + (rnd() - 0.5) * 0.001),
        c[s][1] + f * (c[s + 1][1] - c[s][1]) + (rnd() - 0.5) * 0.001,
      );
    } else if (kind < 0.55) out.push(c[s][0], c[s][1]);
    else if (kind < 0.65) out.push(wrap((c[s][0] + c[s + 1][0]) / 2), (c[s][1] + c[s + 1][1]) / 2);
    else if (kind < 0.85)
      out.push(wrap(x0 + Math.floor(rnd() * 40) * 0.0005), y0 + Math.floor(rnd() * 40) * 0.0005);
    else if (kind < 0.97) out.push(wrap(x0 - 0.01 + rnd() * 0.06), y0 - 0.01 + rnd() * 0.04);
    else out.push(rnd() * 360 - 180, rnd() * 180 - 90);
  }
  return out;
}

function wrap(x: number): number {
  return x > 180 ? x - 360 : x < -180 ? x + 360 : x;
}

interface Seg {
  link: number;
  j: number;
  last: boolean;
  ax: number;
  ay: number;
  bx: number;
  by: number;
  offset: number;
  length: number;
}

/** Every segment in index order (link by link, vertex by vertex) with its offset and length. */
function segments(net: RoadNetwork): Seg[] {
  const out: Seg[] = [];
  for (let l = 0; l < net.linkCount - (net.meta.turnLinks ?? 0); l++) {
    const c = net.linkCoordinates(l);
    let offset = 0;
    for (let j = 0; j + 1 < c.length; j++) {
      const length = haversineM(c[j][0], c[j][1], c[j + 1][0], c[j + 1][1]);
      out.push({
        link: l,
        j,
        last: j + 2 === c.length,
        ax: c[j][0],
        ay: c[j][1],
        bx: c[j + 1][0],
        by: c[j + 1][1],
        offset,
        length,
      });
      offset += length;
    }
  }
  return out;
}

let ties = 0; // segments as near as the nearest found before them, across the checks
let seconds = 0; // points given a second entry

/** The entry onto the nearest of `segs` (those `keep` allows), every field as snapping writes it. */
function bruteEntry(
  net: RoadNetwork,
  segs: Seg[],
  qx: number,
  qy: number,
  keep: (l: number) => boolean,
) {
  const cos = Math.max(Math.cos((qy * Math.PI) / 180), 1e-12);
  const p = { d2: 0, t: 0 };
  let best = -1;
  let bestD2 = Infinity;
  let bestT = 0;
  for (let s = 0; s < segs.length; s++) {
    const g = segs[s];
    if (!keep(g.link)) continue;
    projectOnSegment(qx, qy, g.ax, g.ay, g.bx, g.by, cos, p);
    if (p.d2 === bestD2) ties++;
    if (p.d2 < bestD2) {
      best = s;
      bestD2 = p.d2;
      bestT = p.t;
    }
  }
  if (best < 0) return null;
  const g = segs[best];
  const t = bestT;
  let dx = g.bx - g.ax;
  if (dx > 180) dx -= 360;
  else if (dx < -180) dx += 360;
  const lon = g.ax + t * dx;
  const lat = g.ay + t * (g.by - g.ay);
  const offsetM = g.offset + t * g.length;
  const len = net.arrays.linkLengthM[g.link];
  return {
    link: g.link,
    lon,
    lat,
    offsetM,
    fraction: len > 0 ? Math.min(1, offsetM / len) : 0,
    distanceM: haversineM(qx, qy, lon, lat),
    node:
      t === 0 && g.j === 0
        ? net.arrays.linkFrom[g.link]
        : t === 1 && g.last
          ? net.arrays.linkTo[g.link]
          : -1,
  };
}

type Entry = NonNullable<ReturnType<typeof bruteEntry>>;
const NONE: Entry = { link: -1, lon: 0, lat: 0, offsetM: 0, fraction: 0, distanceM: 0, node: -1 };

function expectEntry(
  e: SnapResult | SnapResult['main'],
  q: number,
  want: Entry,
  what: string,
): void {
  for (const k of ['link', 'lon', 'lat', 'offsetM', 'fraction', 'distanceM', 'node'] as const)
    expectIs(e[k][q], want[k], `${what}, ${k}`);
}

function checkExactly(net: RoadNetwork, coords: number[], maxSnap: number): void {
  const r = snapPoints(net, coords, { maxSnapDistanceM: maxSnap });
  const segs = segments(net);
  const { label } = net.components('strong');
  const onMain = (l: number) =>
    label[net.arrays.linkFrom[l]] === 0 && label[net.arrays.linkTo[l]] === 0;
  for (let q = 0; q < coords.length / 2; q++) {
    const qx = coords[2 * q];
    const qy = coords[2 * q + 1];
    const first = bruteEntry(net, segs, qx, qy, () => true);
    if (!first) throw new Error('no segment');
    const off = first.distanceM > maxSnap;
    expectIs(r.status[q], off ? 1 : 0, `point ${q}, status`);
    expectEntry(
      r,
      q,
      off ? { ...first, link: -1, node: -1, offsetM: 0, fraction: 0 } : first,
      `point ${q}`,
    );
    let main = NONE;
    if (!off && !onMain(first.link)) {
      const m = bruteEntry(net, segs, qx, qy, onMain);
      if (m && m.distanceM <= maxSnap) {
        main = m;
        seconds++;
      }
    }
    expectEntry(r.main, q, main, `point ${q}, main entry`);
  }
}

describe('snapPoints is exactly a scan of every segment (every field, Object.is), ties included', () => {
  const places: [number, number][] = [
    [1.5, 42.5],
    [100.2, 25.1],
    [-179.99, 64],
    [179.95, -17],
  ];
  for (let seed = 1; seed <= 8; seed++) {
    const [lon, lat] = places[seed % places.length];
    it(`seed ${seed}, round (${lon}, ${lat}), 2,000 points`, () => {
      const fc = { type: 'FeatureCollection' as const, features: roads(seed, lon, lat) };
      const net = buildNetworkFromGeoJson(fc, { profile: seed % 2 ? 'walk' : 'car' });
      checkExactly(net, points(net, 100 + seed, 2000), seed % 3 === 0 ? 60 : 1000);
    });
  }

  it('met ties and second entries', () => {
    expect(ties).toBeGreaterThan(1000);
    expect(seconds).toBeGreaterThan(50);
  });
});
