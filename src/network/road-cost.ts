import type { Feature, LineString, MultiLineString } from 'geojson';
import { InputError } from '../errors';
import type { WarningLog } from './warnings';

/** A road feature as the cost function sees it. */
export type RoadFeature = Feature<LineString | MultiLineString>;

/**
 * Seconds to travel a whole road feature: one number for both directions, or per direction along
 * (`forward`) and against (`backward`) its coordinate order; `Infinity` or `null` closes a
 * direction, `null` for the whole result leaves the feature out (counted as `cost-excluded`).
 */
export type RoadCost = (
  feature: RoadFeature,
  lengthM: number,
  index: number,
) => number | { forward: number | null; backward: number | null } | null;

/** How a GeoJSON road is travelled: its class and seconds per metre each way (`Infinity` = closed). */
export interface RoadPaces {
  className: string;
  forwardPace: number;
  backwardPace: number;
}

/**
 * Paces from a caller's cost function. Its seconds are for the whole feature, so they are spread
 * evenly over its length (the builder only knows paces); a zero-length feature costs nothing. The
 * class is the `highway` property when it is a string, so length by class still reads in stats.
 *
 * @param cost the caller's function
 * @param feature the road, passed on to `cost`
 * @param lengthM the feature's length over all its lines, metres
 * @param index the feature's position in the collection, passed on to `cost`
 * @param where names the feature in warnings and errors
 * @param log counts features the function leaves out
 * @example
 * const paces = costPaces(() => 60, feature, 500, 0, 'feature #0', log);
 * // { className: 'residential', forwardPace: 0.12, backwardPace: 0.12 }
 */
export function costPaces(
  cost: RoadCost,
  feature: RoadFeature,
  lengthM: number,
  index: number,
  where: string,
  log: WarningLog,
): RoadPaces | null {
  const c = cost(feature, lengthM, index);
  if (c === null) {
    log.add('cost-excluded', 'cost function returned null: feature skipped', where);
    return null;
  }
  const [a, b] = typeof c === 'number' ? [c, c] : [c.forward ?? Infinity, c.backward ?? Infinity];
  for (const [dir, s] of [
    ['forward', a],
    ['backward', b],
  ] as const) {
    if (typeof s !== 'number' || Number.isNaN(s) || s < 0) {
      throw new InputError(
        'invalid-cost',
        `cost function returned ${String(s)} seconds (${dir}) for ${where}: expected a number ≥ 0, Infinity or null`,
      );
    }
  }
  if (a === Infinity && b === Infinity) {
    log.add('cost-excluded', 'cost function closed both directions: feature skipped', where);
    return null;
  }
  const props = feature.properties ?? {};
  return {
    className: typeof props.highway === 'string' ? props.highway : 'road',
    forwardPace: a === Infinity ? Infinity : lengthM > 0 ? a / lengthM : 0,
    backwardPace: b === Infinity ? Infinity : lengthM > 0 ? b / lengthM : 0,
  };
}
