import { bd09ToWgs84 } from '../geo/crs/bd09';
import { gcj02ToWgs84, outOfChina } from '../geo/crs/gcj02';
import type { RoadNetwork } from '../network/road-network';
import { snapPoints } from '../spatial/snap';

/** What `crsShiftCheck` found. */
export interface CrsShiftCheck {
  /** The CRS the points look like they are really in, or null when they sit well as given. */
  suspect: 'gcj02' | 'bd09' | null;
  /** Median distance from the points to the nearest road, as given (metres). */
  medianGivenM: number;
  /** The same after reading them as `suspect` (or as the better of GCJ-02/BD-09 when none). */
  medianCorrectedM: number;
  /** Points inside China that the check used. */
  points: number;
  /** A sentence for a warning, or null. */
  message: string | null;
}

function median(values: Float64Array): number {
  const s = Float64Array.from(values).sort();
  if (s.length === 0) return Number.NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Whether points (facilities scraped from Amap or Baidu) sit systematically off the roads by a
 * GCJ-02- or BD-09-like shift. The shift moves every point a few hundred metres in a direction
 * that varies slowly over the country, so points in the wrong datum land beside the roads they
 * belong on. The check snaps the points as given and as if they were GCJ-02 (and BD-09)
 * converted to WGS84: when the median distance to the nearest road falls to under two thirds and
 * by at least 10 m, the conversion is what the data needs. Correct WGS84 points get farther from
 * their roads under either conversion, so the test does not fire on them. Points outside China
 * (where GCJ-02 is WGS84) are left out; fewer than 5 in China: no verdict.
 *
 * @param net - The road network the points will be snapped to.
 * @param points - The points as read (`lon`, `lat` taken as WGS84).
 * @returns The verdict and the medians it rests on.
 * @example
 * const check = crsShiftCheck(net, facilities);
 * if (check.suspect) console.warn(check.message); // "… try --crs gcj02"
 */
export function crsShiftCheck(
  net: RoadNetwork,
  points: readonly { lon: number; lat: number }[],
): CrsShiftCheck {
  const inside = points.filter((p) => !outOfChina(p.lon, p.lat));
  const n = inside.length;
  const coords = (conv: (x: number, y: number) => [number, number] | null) => {
    const c = new Float64Array(2 * n);
    inside.forEach((p, i) => {
      const q = conv(p.lon, p.lat) ?? [p.lon, p.lat];
      c[2 * i] = q[0];
      c[2 * i + 1] = q[1];
    });
    return c;
  };
  const far = { maxSnapDistanceM: 5000 };
  const given = n
    ? median(
        snapPoints(
          net,
          coords(() => null),
          far,
        ).distanceM,
      )
    : Number.NaN;
  if (n < 5)
    return {
      suspect: null,
      medianGivenM: given,
      medianCorrectedM: Number.NaN,
      points: n,
      message: null,
    };
  const gcj = median(snapPoints(net, coords(gcj02ToWgs84), far).distanceM);
  const bd = median(snapPoints(net, coords(bd09ToWgs84), far).distanceM);
  const [crs, corrected] = gcj <= bd ? (['gcj02', gcj] as const) : (['bd09', bd] as const);
  const suspect = corrected < (2 / 3) * given && given - corrected >= 10 ? crs : null;
  const name = crs === 'gcj02' ? 'GCJ-02 (Amap/Gaode, Tencent)' : 'BD-09 (Baidu)';
  return {
    suspect,
    medianGivenM: given,
    medianCorrectedM: corrected,
    points: n,
    message: suspect
      ? `these points sit off the roads by a ${name}-like shift: median ${Math.round(given)} m from the nearest road as given, ${Math.round(corrected)} m if read as ${crs}; if they come from such a map, try --crs ${crs}`
      : null,
  };
}
