import type { RoadNetwork } from '../network/road-network';
import type { PlacedPoints } from '../search/placed-points';
import { type HierarchyPaysOptions, hierarchyPays } from '../search/ch/hierarchy-pays';
import { hierarchyFor } from '../search/ch/network-hierarchy';
import type { Progress } from './progress';

/**
 * Contract `net` (with a progress line) when one search per start of the coming job would cost
 * more than the contraction (`hierarchyPays`); a network loaded with its hierarchy, or a small
 * job, is left as it is. Call it before starting a `SearchPool`, whose workers get the hierarchy
 * with the network.
 *
 * @param net - The network the job searches.
 * @param starts - The job's starts: a matrix's origins, siting candidates.
 * @param options - The job's `maxSeconds`, `direction`, `threads`, `maxSnapDistanceM`.
 * @param progress - The command's progress line.
 * @returns True when the hierarchy was built now.
 * @example
 * hierarchyIfItPays(net, candidateCoords, { maxSeconds: 5400, direction: 'to' }, progress);
 */
export function hierarchyIfItPays(
  net: RoadNetwork,
  starts: ArrayLike<number> | PlacedPoints,
  options: HierarchyPaysOptions,
  progress: Progress,
): boolean {
  if (!hierarchyPays(net, starts, options)) return false;
  buildHierarchy(net, progress);
  return true;
}

/**
 * Build the network's contraction hierarchy behind a progress line (the contraction cannot count
 * its own progress, so the line names the step and its size).
 *
 * @param net - The network.
 * @param progress - The command's progress line; cleared afterwards.
 * @example
 * buildHierarchy(net, progress);
 */
export function buildHierarchy(net: RoadNetwork, progress: Progress): void {
  progress.stage(progress.text.hierarchy(net.nodeCount));
  hierarchyFor(net);
  progress.done();
}
