import { InputError } from '../errors';
import { resolveProfile, type SpeedProfile } from './profile';
import type { RoadNetwork } from './road-network';

/**
 * The farthest, in straight-line metres, that anything found by a search bounded at `maxSeconds`
 * can lie from where the search starts: no road path is shorter than the great circle between its
 * ends, none is faster than the fastest edge, and each end may add one off-road leg of at most
 * `maxSnapDistanceM`. So `2 × maxSnapDistanceM + maxSeconds × fastest speed`.
 *
 * This is how a province too large for one run is split without changing any answer: cut it into
 * core regions, build each region's network from the roads (and take the facilities) within this
 * radius of its core, and keep only the core's villages — their times within the threshold are
 * exactly those of the whole-province run (villages beyond it stay beyond it, though "unreachable"
 * and "outside" may trade places). From a network the fastest speed is measured on its edges;
 * from a profile it is the profile's `maxSpeedKmh` (or its ferry speed if higher; a ferry whose
 * `duration` tag makes it faster still is not covered: measure a built network then).
 *
 * @param source - A built network (its fastest edge is measured), a profile or a profile name
 *   (its top speed is used).
 * @param maxSeconds - The search bound, seconds; a finite number ≥ 0.
 * @param maxSnapDistanceM - The longest off-road leg the search allows at each end, metres;
 *   default 1000 (the snapping default).
 * @returns Metres; `Infinity` if the network has an edge of positive length that takes no time.
 *   Throws `InputError` `invalid-option` for a negative or non-finite bound.
 *
 * @example
 * searchRadiusM('car', 90 * 60);          // 182,000 m: grow each region by 182 km for a 1.5-hour drive
 * searchRadiusM(walkNet, 15 * 60, 500);   // 2,125 m on a network whose fastest edge is 4.5 km/h
 */
export function searchRadiusM(
  source: RoadNetwork | SpeedProfile | 'car' | 'walk' | 'bicycle',
  maxSeconds: number,
  maxSnapDistanceM = 1000,
): number {
  if (!(maxSeconds >= 0 && Number.isFinite(maxSeconds)))
    throw new InputError(
      'invalid-option',
      `maxSeconds must be a finite number ≥ 0, got ${maxSeconds}`,
    );
  if (!(maxSnapDistanceM >= 0 && Number.isFinite(maxSnapDistanceM)))
    throw new InputError(
      'invalid-option',
      `maxSnapDistanceM must be a finite number ≥ 0, got ${maxSnapDistanceM}`,
    );
  const speed =
    typeof source === 'object' && 'arrays' in source
      ? fastestEdge(source)
      : fastestInProfile(resolveProfile(source));
  return 2 * maxSnapDistanceM + maxSeconds * speed;
}

/** Metres per second of the fastest edge (link length over edge time); Infinity for a free edge of some length. */
function fastestEdge(net: RoadNetwork): number {
  const { edgeLink, edgeTimeS, linkLengthM } = net.arrays;
  let best = 0;
  for (let e = 0; e < edgeTimeS.length; e++) {
    const len = linkLengthM[edgeLink[e] >>> 1];
    if (len === 0) continue;
    const v = edgeTimeS[e] > 0 ? len / edgeTimeS[e] : Infinity;
    if (v > best) best = v;
  }
  return best;
}

function fastestInProfile(p: SpeedProfile): number {
  return Math.max(p.maxSpeedKmh, p.ferryKmh ?? 0) / 3.6;
}
