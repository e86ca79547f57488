import type { RoadNetwork } from './road-network';
import type { NetworkWarning } from './warnings';

/** A summary of a network, as printed by `servicereach network`. */
export interface NetworkStats {
  profile: string;
  nodes: number;
  /** Directed edges (one per travel direction allowed on a link). */
  edges: number;
  /** Compacted road pieces between nodes. */
  links: number;
  /** Road length in km, each link counted once whatever its directions. */
  lengthKm: number;
  /** Road length in km by `highway` class (and `ferry`), largest first. */
  lengthKmByClass: Record<string, number>;
  /** Weakly connected components (direction ignored). */
  components: number;
  largestComponentNodes: number;
  /** Strongly connected components (mutual reachability along one-ways). */
  strongComponents: number;
  largestStrongComponentNodes: number;
  /** Ways/features read and how many were used. */
  inputWays: number;
  usedWays: number;
  /** Total of skipped input features (sum of warning counts whose code starts a skip). */
  skippedWays: number;
  warnings: NetworkWarning[];
  /** Car turn restrictions built into the network (absent when none were). */
  turnRestrictions?: number;
  /** Bytes of the typed arrays (what `toBuffer` writes, less the header and a saved hierarchy). */
  bytes: number;
  bytesPerEdge: number;
}

/** Codes whose warnings mean a whole way/feature was left out (others degrade a value). */
export const SKIP_CODES: ReadonlySet<string> = new Set([
  'highway-unknown',
  'highway-not-routable',
  'highway-area',
  'access-denied',
  'oneway-reversible',
  'ferry-not-used',
  'non-line-geometry',
  'cost-excluded',
  'too-few-nodes',
]);

/**
 * Counts, road length by class, components and warnings of a network.
 *
 * @example
 * const s = networkStats(net);
 * console.log(`${s.nodes} nodes, ${s.lengthKm.toFixed(1)} km`);
 */
export function networkStats(net: RoadNetwork): NetworkStats {
  const { linkLengthM, linkClass } = net.arrays;
  const byClass = new Float64Array(net.meta.classNames.length);
  let total = 0;
  for (let l = 0; l < net.linkCount; l++) {
    byClass[linkClass[l]] += linkLengthM[l];
    total += linkLengthM[l];
  }
  const lengthKmByClass: Record<string, number> = {};
  [...net.meta.classNames.keys()]
    .filter((c) => byClass[c] > 0)
    .sort((a, b) => byClass[b] - byClass[a])
    .forEach((c) => {
      lengthKmByClass[net.meta.classNames[c]] = round3(byClass[c] / 1000);
    });
  const weak = net.components('weak');
  const strong = net.components('strong');
  let bytes = 0;
  for (const a of Object.values(net.arrays)) bytes += (a as ArrayBufferView).byteLength;
  const warnings = net.meta.warnings;
  return {
    profile: net.meta.profile,
    nodes: net.nodeCount,
    edges: net.edgeCount,
    links: net.linkCount,
    lengthKm: round3(total / 1000),
    lengthKmByClass,
    components: weak.count,
    largestComponentNodes: weak.count ? weak.sizes[0] : 0,
    strongComponents: strong.count,
    largestStrongComponentNodes: strong.count ? strong.sizes[0] : 0,
    inputWays: net.meta.inputWays,
    usedWays: net.meta.usedWays,
    skippedWays: warnings.filter((w) => SKIP_CODES.has(w.code)).reduce((s, w) => s + w.count, 0),
    warnings,
    ...(net.meta.turnRestrictions ? { turnRestrictions: net.meta.turnRestrictions } : {}),
    bytes,
    bytesPerEdge: net.edgeCount ? Math.round((bytes / net.edgeCount) * 10) / 10 : 0,
  };
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
