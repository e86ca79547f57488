// The work a `SearchPool` hands its threads: one task is a slice of a job (a range of sites or
// origins), run on the worker's zero-copy view of the network by the same single-threaded
// functions the library exports, so pooled results are those functions' results joined in order.
import type { FeatureCollection, MultiPolygon } from 'geojson';
import { type CatchmentOptions, type Catchments, catchments } from '../analysis/catchments';
import { type IsochroneBand, type IsochroneOptions, isochrones } from '../analysis/isochrone';
import type { RoadNetwork } from '../network/road-network';
import type { PlacedPoints } from '../search/placed-points';
import { type MatrixOptions, travelTimeMatrix } from '../search/travel-time-matrix';

/** One slice of a job, as posted to a worker. Placed points live in SharedArrayBuffers. */
export type PoolTask =
  | { kind: 'catchments'; villages: PlacedPoints; sites: PlacedPoints; options: CatchmentOptions }
  | { kind: 'matrix'; origins: PlacedPoints; destinations: PlacedPoints; options: MatrixOptions }
  | { kind: 'isochrones'; origins: number[]; options: IsochroneOptions };

export type PoolResult = Catchments | MatrixResult | FeatureCollection<MultiPolygon, IsochroneBand>;

/** A travel-time matrix, as `travelTimeMatrix` returns it. */
export interface MatrixResult {
  /** Rows and columns. */
  origins: number;
  destinations: number;
  /** Seconds, row-major: `timeS[o * destinations + d]`; `Infinity` where there is no time. */
  timeS: Float64Array;
}

/** Run one task; also the in-process reference the pool's tests compare against. */
export function runPoolTask(net: RoadNetwork, task: PoolTask): PoolResult {
  if (task.kind === 'catchments') return catchments(net, task.villages, task.sites, task.options);
  if (task.kind === 'matrix')
    return travelTimeMatrix(net, task.origins, task.destinations, task.options);
  return isochrones(net, task.origins, task.options);
}

/** Buffers of a result that can move to the main thread instead of being copied. */
export function transferables(result: PoolResult): ArrayBuffer[] {
  if ('start' in result)
    return [result.start.buffer, result.village.buffer, result.timeS.buffer] as ArrayBuffer[];
  if ('timeS' in result) return [result.timeS.buffer as ArrayBuffer];
  return [];
}

/** An error as it crosses the thread boundary (class, code and message survive). */
export interface PoolError {
  name: string;
  code?: string;
  message: string;
  /** A `ServiceReachError`'s Chinese message, when it has one. */
  zh?: string;
}
