import type { RoadNetwork } from './road-network';
import type { SectionArray } from './network-buffer';

// Sections a network carries for layers above it (a contraction hierarchy…), by network. The
// network layer stores them opaquely: `toBuffer` writes them, `fromBuffer` hands them back, and
// the layer that owns a section reads, checks and interprets it.
const store = new WeakMap<RoadNetwork, Record<string, SectionArray>>();

/**
 * The optional sections a network carries by name: those its saved bytes held that the network
 * layer does not read itself, plus any added with `addOptionalSections`. Empty when none.
 *
 * @param net - The network.
 * @returns The sections by name (do not modify; views on the network's buffer when loaded).
 * @example
 * optionalSections(net).chInternal; // an Int32Array when the .srn held a contraction hierarchy
 */
export function optionalSections(net: RoadNetwork): Readonly<Record<string, SectionArray>> {
  return store.get(net) ?? {};
}

/**
 * Attach sections to a network so that `toBuffer` (saving, a `SearchPool`'s shared copy) writes
 * them. A name already present is replaced. Meant for structures derived from the network that
 * are worth keeping with it, such as its contraction hierarchy.
 *
 * @param net - The network.
 * @param sections - Typed arrays by section name; names of required sections are refused by
 *   `encodeNetwork`.
 * @example
 * addOptionalSections(net, { chInternal: ch.internal });
 */
export function addOptionalSections(
  net: RoadNetwork,
  sections: Readonly<Record<string, SectionArray>>,
): void {
  store.set(net, { ...store.get(net), ...sections });
}
