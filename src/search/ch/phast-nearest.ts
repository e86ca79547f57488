import type { RoadNetwork } from '../../network/road-network';
import { LEG_STRIDE, MAX_LEGS, newLegs, type PlacedPoints, pointLegs } from '../placed-points';
import { combineNearest, type NearestOne } from '../nearest-one';
import type { Direction } from '../search-engine';
import type { ContractionHierarchy } from './hierarchy';
import { Phast } from './phast';

/**
 * One sweep's state per hierarchy, reused: 25 bytes a node (25 MB on the 1M grid) allocated and
 * zeroed per call cost more than the sweep's own fills.
 */
const sweeps = new WeakMap<ContractionHierarchy, Phast>();

/**
 * Nearest facility (k = 1) for every village with one PHAST sweep from all facilities at once,
 * then per village the best of its legs (and of a facility on the same link), read straight from
 * the sweep's arrays by rank (`combineNearest`): nothing allocated per village.
 * Ties between equally near facilities go to the lower index.
 *
 * @param net - The network the points were placed on.
 * @param ch - Its hierarchy.
 * @param villages - Placed villages.
 * @param facilities - Placed facilities.
 * @param direction - `to`: village → facility; `from`: facility → village.
 * @param maxSeconds - Villages farther than this are `outside` (3), times kept.
 * @returns One slot per village.
 *
 * @example
 * const r = phastNearest(net, hierarchyFor(net), villages, clinics, 'to', Infinity);
 */
export function phastNearest(
  net: RoadNetwork,
  ch: ContractionHierarchy,
  villages: PlacedPoints,
  facilities: PlacedPoints,
  direction: Direction,
  maxSeconds: number,
): NearestOne {
  const nf = facilities.snap.count;
  const toFacility = direction === 'to';
  const legs = newLegs();
  // Facilities seed the sweep; `to` runs it backwards from them.
  const seedNode = new Int32Array(MAX_LEGS * nf);
  const seedTime = new Float64Array(MAX_LEGS * nf);
  const seedSource = new Int32Array(MAX_LEGS * nf);
  const seedMetres = new Float64Array(MAX_LEGS * nf);
  let k = 0;
  for (let f = 0; f < nf; f++) {
    const c = pointLegs(net, facilities, f, !toFacility, legs);
    for (let j = 0; j < c; j++) {
      seedNode[k] = legs[LEG_STRIDE * j];
      seedTime[k] = legs[LEG_STRIDE * j + 1];
      seedMetres[k] = legs[LEG_STRIDE * j + 2];
      seedSource[k++] = f;
    }
  }
  let phast = sweeps.get(ch);
  if (!phast) {
    phast = new Phast(ch);
    sweeps.set(ch, phast);
  }
  phast.runSeeds(seedNode, seedTime, seedSource, seedMetres, k, direction);
  // The per-village step reads the sweep's arrays by internal id.
  return combineNearest(net, villages, facilities, toFacility, maxSeconds, {
    timeS: phast.time,
    source: phast.source,
    slotOf: ch.internal,
    metres: phast.metres,
  });
}
