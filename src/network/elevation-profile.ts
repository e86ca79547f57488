import type { CompactLinks } from './compact-links';
import type { Terrain } from './elevation';
import type { HilbertNodes } from './hilbert-nodes';
import { linkVertexStarts } from './link-geometry';
import type { RoadNetwork } from './road-network';

/**
 * Heights the network keeps so reports can show climb along a route: metres per node and per
 * interior geometry vertex (`NaN` where the DEM has no data), parallel to `nodeE7` and
 * to the interior vertices as `linkVertexStarts` numbers them. Float32: a tenth of a millimetre at 3,000 m, far finer than any DEM.
 *
 * @param terrain heights per table vertex
 * @param links the compacted links (interior vertices as table vertices)
 * @param nodes the numbered nodes
 * @example
 * const { nodeElevM, geomElevM } = elevationProfile(terrain, links, nodes);
 */
export function elevationProfile(
  terrain: Terrain,
  links: CompactLinks,
  nodes: HilbertNodes,
): { nodeElevM: Float32Array; geomElevM: Float32Array } {
  const { z } = terrain;
  const nodeElevM = new Float32Array(nodes.count);
  for (let v = 0; v < nodes.of.length; v++) if (nodes.of[v] >= 0) nodeElevM[nodes.of[v]] = z[v];
  const geomElevM = new Float32Array(links.geomCount);
  for (let i = 0; i < links.geomCount; i++) geomElevM[i] = z[links.geom[i]];
  return { nodeElevM, geomElevM };
}

/**
 * Heights along link `l` from `linkFrom` to `linkTo` (its end nodes and the vertices between, as
 * `linkCoordinates` lists them), or `null` when the network was built without elevation.
 *
 * @param net - A network built with `elevation`.
 * @param l - Link id.
 * @example
 * linkElevations(net, 12); // Float32Array [1302.5, 1310.1, …]
 */
export function linkElevations(net: RoadNetwork, l: number): Float32Array | null {
  const { nodeElevM, geomElevM, linkFrom, linkTo } = net.arrays;
  if (!nodeElevM || !geomElevM) return null;
  const start = linkVertexStarts(net.arrays);
  const a = start[l];
  const b = start[l + 1];
  const out = new Float32Array(b - a + 2);
  out[0] = nodeElevM[linkFrom[l]];
  out.set(geomElevM.subarray(a, b), 1);
  out[out.length - 1] = nodeElevM[linkTo[l]];
  return out;
}

/**
 * Metres climbed and descended travelling link `l` one way (`forward`: `linkFrom` → `linkTo`);
 * zeros without elevation. Sum it over a route's links for the climb along the route.
 *
 * @param net - The network.
 * @param l - Link id.
 * @param forward - Along the link's geometry (`true`) or against it.
 * @example
 * const { ascentM, descentM } = linkClimb(net, l, true);
 */
export function linkClimb(
  net: RoadNetwork,
  l: number,
  forward: boolean,
): { ascentM: number; descentM: number } {
  const h = linkElevations(net, l);
  let up = 0;
  let down = 0;
  if (h)
    for (let i = 1; i < h.length; i++) {
      const d = h[i] - h[i - 1];
      if (d > 0) up += d;
      else if (d < 0) down -= d;
    }
  return forward ? { ascentM: up, descentM: down } : { ascentM: down, descentM: up };
}
