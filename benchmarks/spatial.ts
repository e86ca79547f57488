import { existsSync } from 'node:fs';
import turfDistance from '@turf/distance';
import { featureCollection, point } from '@turf/helpers';
import nearestPoint from '@turf/nearest-point';
import {
  buildNetworkFromGeoJson,
  haversineM,
  PointIndex,
  type RoadNetwork,
  snapPoints,
} from '../src/index';
import { SegmentIndex } from '../src/engine';
import { loadNetwork } from '../src/node';
import { mulberry32 } from '../test/helpers/random';
import { type BenchRow, time } from './harness';
import { gridRoads } from './network-build';
import { OSM } from './paths';

function randomCoords(seed: number, n: number, [x0, y0, x1, y1]: number[]): Float64Array {
  const rnd = mulberry32(seed);
  const out = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    out[2 * i] = x0 + rnd() * (x1 - x0);
    out[2 * i + 1] = y0 + rnd() * (y1 - y0);
  }
  return out;
}

/** Straight-line k-nearest: the index against a turf loop and a typed-array scan, same data. */
export async function nearestBench(quick: boolean): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const box = [99.5, 25, 100.5, 26]; // a county-sized square
  const villages = randomCoords(1, quick ? 2000 : 10_000, box);
  const facilitiesXY = randomCoords(2, 1000, box);
  const nv = villages.length / 2;
  const nf = facilitiesXY.length / 2;
  const facilities = new PointIndex(
    Array.from({ length: nf }, (_, i) => ({
      id: i,
      lon: facilitiesXY[2 * i],
      lat: facilitiesXY[2 * i + 1],
    })),
  );
  const suite = `nearest facility, ${nv} villages × ${nf} facilities`;
  for (const k of [1, 5]) {
    let checksum = 0;
    const ms = await time(() => {
      const r = facilities.nearestAll(villages, { k });
      checksum = r.distanceM.reduce((s, d) => s + d, 0);
    });
    rows.push({
      suite,
      name: `PointIndex.nearestAll k=${k}`,
      medianMs: ms,
      figure: `${((nv / ms) * 1000).toFixed(0)} villages/s`,
      baseline: `brute-force typed-array scan k=${k}`,
    });
    const scanMs = await time(() => {
      let s = 0;
      const best = new Float64Array(k);
      for (let q = 0; q < nv; q++) {
        best.fill(Infinity);
        for (let f = 0; f < nf; f++) {
          const d = haversineM(
            villages[2 * q],
            villages[2 * q + 1],
            facilitiesXY[2 * f],
            facilitiesXY[2 * f + 1],
          );
          if (d < best[k - 1]) {
            let j = k - 1;
            while (j > 0 && best[j - 1] > d) {
              best[j] = best[j - 1];
              j--;
            }
            best[j] = d;
          }
        }
        for (let j = 0; j < k; j++) s += best[j];
      }
      if (Math.abs(s - checksum) > 1e-6 * s)
        throw new Error(`scan and index disagree: ${s} vs ${checksum}`);
    }, 3);
    rows.push({ suite, name: `brute-force typed-array scan k=${k}`, medianMs: scanMs });
  }
  const fc = featureCollection(
    Array.from({ length: nf }, (_, i) => point([facilitiesXY[2 * i], facilitiesXY[2 * i + 1]])),
  );
  const turfN = Math.min(nv, quick ? 200 : 1000); // the loop is slow: time a subset, scale per village
  const turfMs = await time(() => {
    for (let q = 0; q < turfN; q++) nearestPoint([villages[2 * q], villages[2 * q + 1]], fc);
  }, 3);
  rows.push({
    suite,
    name: `@turf/nearest-point loop k=1 (timed on ${turfN}, scaled to ${nv})`,
    medianMs: (turfMs * nv) / turfN,
    baseline: 'PointIndex.nearestAll k=1',
  });
  const turf5Ms = await time(() => {
    for (let q = 0; q < turfN / 5; q++) {
      const from = [villages[2 * q], villages[2 * q + 1]];
      fc.features
        .map((f) => turfDistance(from, f))
        .sort((a, b) => a - b)
        .slice(0, 5);
    }
  }, 3);
  rows.push({
    suite,
    name: `@turf/distance + sort loop k=5 (timed on ${turfN / 5}, scaled to ${nv})`,
    medianMs: (turf5Ms * nv * 5) / turfN,
    baseline: 'PointIndex.nearestAll k=5',
  });
  return rows;
}

/** Snapping 10,000 points: index build and queries, with a per-point brute-force baseline. */
export async function snapBench(quick: boolean): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const cases: [string, () => Promise<RoadNetwork>, number[]][] = [];
  const andorra = `${OSM}/andorra-2025.osm.pbf`;
  if (existsSync(andorra))
    cases.push([
      'Andorra (walk)',
      () => loadNetwork(andorra, { profile: 'walk' }),
      [1.42, 42.43, 1.78, 42.65],
    ]);
  const side = quick ? 300 : 1000;
  cases.push([
    `synthetic grid ${side}×${side} (walk)`,
    async () => buildNetworkFromGeoJson(gridRoads(side), { profile: 'walk' }),
    [100, 25, 100 + side * 0.001, 25 + side * 0.001],
  ]);
  for (const [name, make, box] of cases) {
    const net = await make();
    const suite = `snap 10,000 points, ${name}, ${net.nodeCount} nodes`;
    const pts = randomCoords(3, 10_000, box);
    let index!: SegmentIndex;
    const buildMs = await time(() => {
      index = new SegmentIndex(net);
    }, 3);
    rows.push({
      suite,
      name: 'segment index build',
      medianMs: buildMs,
      figure: `${index.size} segments`,
    });
    const snapMs = await time(() => snapPoints(net, pts, { maxSnapDistanceM: 1000 }));
    rows.push({
      suite,
      name: 'snapPoints (index built)',
      medianMs: snapMs,
      figure: `${((10_000 / snapMs) * 1000).toFixed(0)} points/s`,
      baseline: 'brute-force scan of every segment (per-point, scaled)',
    });
    const sample = 20;
    const segs: number[] = [];
    for (let l = 0; l < net.linkCount; l++)
      for (const c of net.linkCoordinates(l)) segs.push(c[0], c[1]);
    const bruteMs = await time(() => {
      for (let q = 0; q < sample; q++) {
        let best = Infinity;
        for (let i = 0; i + 3 < segs.length; i += 2)
          best = Math.min(best, haversineM(pts[2 * q], pts[2 * q + 1], segs[i], segs[i + 1]));
        if (best < 0) throw new Error('unreachable');
      }
    }, 3);
    rows.push({
      suite,
      name: 'brute-force scan of every segment (per-point, scaled)',
      medianMs: (bruteMs * 10_000) / sample,
      figure: `timed on ${sample} points`,
    });
  }
  return rows;
}
