import type { CatchmentOptions, Catchments } from '../analysis/catchments';
import type { RoadNetwork } from '../network/road-network';
import type { PlacedPoints } from '../search/placed-points';
import { withSearchPool } from './search-pool';

/**
 * `catchments` on a `SearchPool` started for this one call and closed after it: identical result
 * to the single-threaded call. Worth it when each site's search is large (a 90-minute drive); for
 * small catchments the threads' start-up costs more than it saves (see benchmarks/README.md), and
 * several jobs on one network should share one `SearchPool`. `threads` defaults to the number of
 * cores.
 *
 * @example
 * import { catchmentsParallel } from 'servicereach/node';
 * const c = await catchmentsParallel(net, villageCoords, candidateCoords, { maxSeconds: 5400, threads: 4 });
 */
export async function catchmentsParallel(
  net: RoadNetwork,
  villages: ArrayLike<number> | PlacedPoints,
  sites: ArrayLike<number> | PlacedPoints,
  options: CatchmentOptions & {
    threads?: number;
    onProgress?: (done: number, total: number) => void;
  },
): Promise<Catchments> {
  const { threads, ...rest } = options;
  return withSearchPool(net, { threads }, (pool) => pool.catchments(villages, sites, rest));
}
