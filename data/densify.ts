/**
 * Densifying a straight segment so that road vertices are at most a given distance apart, the
 * way OSM roads carry a node every few tens of metres. Coordinates are integers in 1e-7 degrees
 * (the PBF's default granularity), so generated files are exact and byte-reproducible.
 */
import type { IntList } from './int-list';

/** Metres per 1e-7 degree of latitude (mean Earth radius 6,371,008.8 m, as in src/geo/distance). */
export const M_PER_E7 = (6371008.8 * Math.PI) / 180 / 1e7;

/**
 * Length in metres of a segment between two points in 1e-7 degrees (equirectangular at the mean
 * latitude: within a few parts per million of haversine over the few km of one segment).
 *
 * @example
 * segmentLengthM(10_000_000, 420_000_000, 10_100_000, 420_000_000); // 0.01° of longitude at 42° N ≈ 826 m
 */
export function segmentLengthM(lonA: number, latA: number, lonB: number, latB: number): number {
  const cos = Math.cos(((latA + latB) / 2e7) * (Math.PI / 180));
  return Math.hypot((lonB - lonA) * cos, latB - latA) * M_PER_E7;
}

/**
 * How many vertices go strictly between A and B so that no piece is longer than `spacingM`.
 *
 * @example
 * interiorCount(0, 0, 0, 9000, 25); // 100.08 m north → 4 vertices, 5 pieces of 20 m
 */
export function interiorCount(
  lonA: number,
  latA: number,
  lonB: number,
  latB: number,
  spacingM: number,
): number {
  return Math.max(0, Math.ceil(segmentLengthM(lonA, latA, lonB, latB) / spacingM) - 1);
}

/**
 * Appends the interior vertices of segment A→B (not A or B) to `out` as lon, lat pairs, evenly
 * spaced and rounded to 1e-7 degrees; returns how many were added.
 *
 * @example
 * const pts = new IntList();
 * densifyInto(0, 0, 0, 9000, 25, pts); // 4, pts holds [0, 1800, 0, 3600, 0, 5400, 0, 7200]
 */
export function densifyInto(
  lonA: number,
  latA: number,
  lonB: number,
  latB: number,
  spacingM: number,
  out: IntList,
): number {
  const inner = interiorCount(lonA, latA, lonB, latB, spacingM);
  const pieces = inner + 1;
  for (let i = 1; i <= inner; i++)
    out.push(
      Math.round(lonA + ((lonB - lonA) * i) / pieces),
      Math.round(latA + ((latB - latA) * i) / pieces),
    );
  return inner;
}
