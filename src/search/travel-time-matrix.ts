import { InputError } from '../errors';
import type { RoadNetwork } from '../network/road-network';
import type { SnapOptions } from '../spatial/snap';
import { asPlaced, type PlacedPoints, pointSeeds, type Seed, sameLinkTime, timeAtPoint } from './placed-points';
import { SearchEngine } from './search-engine';

/** Options of `travelTimeMatrix`. */
export interface MatrixOptions extends SnapOptions {
  /** Pairs farther apart than this are `Infinity` (each search stops there: much faster). */
  maxSeconds?: number;
}

/**
 * Travel times from every origin to every destination (row-major `origins × destinations`,
 * `Infinity` where unreachable, off-network or beyond `maxSeconds`), one search per origin with
 * the search state reused. Origins and destinations may be coordinates or points already placed
 * with `placePoints` (snapped once, reused across calls).
 *
 * @example
 * const m = travelTimeMatrix(net, villageCoords, clinicCoords, { maxSeconds: 3600 });
 * m.timeS[v * m.destinations + f];
 */
export function travelTimeMatrix(
  net: RoadNetwork,
  originCoords: ArrayLike<number> | PlacedPoints,
  destinationCoords: ArrayLike<number> | PlacedPoints,
  options: MatrixOptions = {},
): { origins: number; destinations: number; timeS: Float64Array } {
  const max = options.maxSeconds ?? Infinity;
  if (!(max >= 0)) throw new InputError('invalid-option', `maxSeconds must be ≥ 0, got ${options.maxSeconds}`);
  const from = asPlaced(net, originCoords, options);
  const to = asPlaced(net, destinationCoords, options);
  const no = from.snap.count;
  const nd = to.snap.count;
  const timeS = new Float64Array(no * nd).fill(Infinity);
  const engine = new SearchEngine(net);
  const seeds: Seed[] = [];
  const nodeTime = (v: number) => engine.timeS(v);
  for (let o = 0; o < no; o++) {
    if (from.snap.link[o] < 0) continue;
    seeds.length = 0;
    pointSeeds(net, from, o, 'from', 0, seeds);
    engine.run(seeds, { maxSeconds: max });
    for (let d = 0; d < nd; d++) {
      const t = Math.min(timeAtPoint(net, to, d, 'from', nodeTime), sameLinkTime(from, o, to, d));
      if (t <= max) timeS[o * nd + d] = t;
    }
  }
  return { origins: no, destinations: nd, timeS };
}
