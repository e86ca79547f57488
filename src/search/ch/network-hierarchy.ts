import { addOptionalSections, optionalSections } from '../../network/optional-sections';
import type { RoadNetwork } from '../../network/road-network';
import { optionsObject } from '../../geo/check-args';
import { CONTRACT_KEYS, type ContractOptions, contract } from './contract';
import type { ContractionHierarchy } from './hierarchy';
import { hierarchyFromSections, hierarchySections } from './hierarchy-sections';

const cache = new WeakMap<RoadNetwork, ContractionHierarchy>();

/**
 * The contraction hierarchy of a network, built on the first call (about as long as building the
 * network itself on Andorra) and kept as long as the network lives; a network loaded from a `.srn`
 * saved with one already has it. Once a network has one, `travelTimeMatrix`, `catchments` and
 * `nearestFacilities` (k = 1, unbounded) use it instead of a Dijkstra per origin or over the
 * whole network, with the same times; searches where it does not pay (one bounded isochrone,
 * `bounded` nearest facilities, k > 1) keep the plain search. From then on `net.toBuffer()` (and
 * so `saveNetwork` and a `SearchPool`'s workers) carries it as optional sections of the `.srn`.
 *
 * @param net - The road network; its directed edge times are taken as they are.
 * @param options - Witness search limits (`settleLimit`, `estimateSettleLimit`); only the first
 *   call's options count.
 *
 * @example
 * hierarchyFor(net); // prepare once
 * travelTimeMatrix(net, villages, clinics); // now answered with buckets on the hierarchy
 */
export function hierarchyFor(
  net: RoadNetwork,
  options: ContractOptions = {},
): ContractionHierarchy {
  options = optionsObject(options, 'hierarchyFor', CONTRACT_KEYS);
  let ch = preparedHierarchy(net);
  if (!ch) {
    const { firstEdge, edgeTarget, edgeTimeS, edgeLink, linkLengthM } = net.arrays;
    const edgeMetres = new Float64Array(edgeTarget.length);
    for (let e = 0; e < edgeMetres.length; e++) edgeMetres[e] = linkLengthM[edgeLink[e] >>> 1];
    ch = contract(
      { nodeCount: net.nodeCount, firstEdge, edgeTarget, edgeTimeS, edgeMetres },
      options,
    );
    cache.set(net, ch);
    addOptionalSections(net, hierarchySections(ch));
  }
  return ch;
}

/**
 * The network's hierarchy if it has one — built by `hierarchyFor`, or saved in the `.srn` it was
 * loaded from (read in place and range-checked on the first call) — else null: how searches
 * decide. Throws `FormatError` `corrupt-network` when the saved sections are damaged.
 *
 * @param net - The road network.
 *
 * @example
 * if (preparedHierarchy(net)) console.log('many-to-many on the hierarchy');
 */
export function preparedHierarchy(net: RoadNetwork): ContractionHierarchy | null {
  let ch = cache.get(net);
  if (ch === undefined) {
    ch = hierarchyFromSections(optionalSections(net), net.nodeCount) ?? undefined;
    if (ch) cache.set(net, ch);
  }
  return ch ?? null;
}
