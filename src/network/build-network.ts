import { InputError } from '../errors';
import { type CompactLinks, compactLinks } from './compact-links';
import { csrEdges } from './csr-edges';
import { type ElevationOptions, elevationMeta, prepareTerrain, segmentPaces } from './elevation';
import { elevationProfile } from './elevation-profile';
import { hilbertNodes } from './hilbert-nodes';
import { encodeLinkGeometry } from './link-geometry';
import { piecePaces } from './piece-paces';
import { roadPieces } from './road-pieces';
import { type NetworkMeta, RoadNetwork } from './road-network';
import { throughJunctions } from './through-junctions';
import { wayRuns } from './way-runs';
import type { WayTable } from './way-table';

/**
 * Turn routable ways into a compact graph, in phases that each hand typed arrays to the next:
 * 1. `wayRuns`: ways cut at gaps, repeated vertices dropped, junctions marked (vertices ending a
 *    way, shared by two ways, or visited twice by one);
 * 2. `roadPieces`: runs cut at junctions into pieces, each measured once;
 * 3. `throughJunctions`: degree-2 junctions where class and pace in each direction agree, which
 *    compaction may dissolve (a change of either keeps the node, so no travel rule is lost and a
 *    link's time stays proportional to its length);
 * 4. `compactLinks`: chains of pieces through those junctions walked into links;
 * 5. `hilbertNodes`: link ends numbered along a Hilbert curve;
 * 6. `csrEdges`: each open direction of a link becomes an edge, in CSR order.
 * Lengths are haversine sums over the full geometry; times are length × pace per piece, so
 * compaction preserves both exactly up to floating-point summation. With `elevation`, long
 * segments are densified first and each segment's pace is scaled by its grade; pieces are cut
 * wherever that pace changes, so links still have one pace per direction (see `segmentPaces`),
 * and the network keeps a height per node and geometry vertex. Every intermediate lives in
 * typed arrays sized up front: a per-piece JS array costs several times the time and memory.
 *
 * @param t routable ways, from the OSM or GeoJSON reader
 * @param meta how the table was made (profile, warnings, way counts), kept in the network
 * @param elevation terrain-aware paces (opt-in); without it the build is as before
 * @example
 * const { table, usedWays } = roads.toWayTable(car, log);
 * const net = buildNetwork(table, {
 *   profile: 'car', accessKmh: car.accessKmh, warnings: log.list(), inputWays, usedWays,
 * });
 */
export function buildNetwork(
  table: WayTable,
  meta: Omit<NetworkMeta, 'classNames'>,
  elevation?: ElevationOptions,
): RoadNetwork {
  const terrain = elevation ? prepareTerrain(table, elevation, meta.profile) : null;
  const t = terrain ? terrain.table : table;
  const { links, otherEnd } = linksOf(t, terrain, meta);
  const nodes = hilbertNodes(t, links, otherEnd);
  const edges = csrEdges(links, nodes);
  const L = links.count;
  // slice, not subarray: the network keeps only what it uses, not the upper-bound allocations.
  return new RoadNetwork(
    {
      nodeE7: nodes.coords,
      nodeSourceId: nodes.sourceId,
      ...edges,
      linkLengthM: links.lengthM.slice(0, L),
      linkClass: links.cls.slice(0, L),
      linkSourceId: links.sourceId.slice(0, L),
      ...encodeLinkGeometry(L, links.geomStart, links.geom, t.coords, links.from),
      ...(terrain && elevationProfile(terrain, links, nodes)),
    },
    terrain ? elevationMeta(meta, t, terrain) : { ...meta, classNames: t.classNames },
  );
}

/**
 * Phases 1–4 in a frame of their own, so that runs, pieces, paces and junctions (per-vertex and
 * per-reference arrays) are garbage once the links exist, except the junctions' `otherEnd`,
 * which the node numbering reuses as its own per-vertex array.
 */
function linksOf(
  t: WayTable,
  terrain: ReturnType<typeof prepareTerrain> | null,
  meta: Omit<NetworkMeta, 'classNames'>,
): { links: CompactLinks; otherEnd: Int32Array } {
  const runs = wayRuns(t);
  const segments = terrain ? segmentPaces(t, runs, terrain) : null;
  const pieces = roadPieces(runs, t.coords);
  if (pieces.count === 0)
    throw new InputError('no-routable-edge', `no routable road: ${describeSkips(meta)}`, {
      zh: `没有可通行的道路：输入 ${meta.inputWays} 条道路/要素，没有一条可供“${PROFILE_ZH[meta.profile] ?? meta.profile}”使用${meta.warnings.length ? `（${meta.warnings.map((w) => `${w.code} ${w.count} 条`).join('，')}）` : ''}`,
    });
  const paces = piecePaces(t, pieces, segments);
  const junctions = throughJunctions(t, runs, pieces, paces);
  return { links: compactLinks(t, runs, pieces, junctions, paces), otherEnd: junctions.otherEnd };
}

// The built-in profiles' names in Chinese (report/lang.ts has them too, a layer above).
const PROFILE_ZH: Readonly<Record<string, string>> = { walk: '步行', car: '驾车', bicycle: '骑行' };

function describeSkips(meta: Omit<NetworkMeta, 'classNames'>): string {
  const parts = meta.warnings.map((w) => `${w.count} ${w.code}`);
  return `${meta.inputWays} input ways/features, none usable by profile "${meta.profile}"${parts.length ? ` (${parts.join(', ')})` : ''}`;
}
