/**
 * One synthetic county (data/generate-county.ts) turned into OSM-like road nodes: coordinates in
 * 1e-7 degrees, a vertex at most every `spacingM` metres, and one node wherever roads meet at
 * equal coordinates. Typed arrays throughout, so a province of hundreds of tiles is generated one
 * small tile at a time.
 */
import type { Feature, Point } from 'geojson';
import { densifyInto } from './densify';
import { generateCounty } from './generate-county';
import { IntList } from './int-list';

/**
 * A county's roads as nodes and ways, before the tile's offset is applied.
 *
 * Nodes are numbered in the order roads first touch them, so the first `r` roads use exactly
 * nodes `0 … nodeEnd[r - 1] - 1`: a tile trimmed to a prefix of its roads is a prefix of its nodes.
 * The county adds roads outwards from the valley road (every road joins one added before it), so
 * such a prefix stays one connected network.
 */
export interface CountyTile {
  /** Road nodes as lon, lat pairs in 1e-7 degrees. */
  coords: Int32Array;
  nodeCount: number;
  /** Road r's node indices are `refs[refEnd[r - 1] … refEnd[r] - 1]` (`refEnd[-1]` taken as 0). */
  refs: Int32Array;
  refEnd: Int32Array;
  /** Nodes used by roads 0…r. */
  nodeEnd: Int32Array;
  /** Each road's OSM tags (the county's feature properties). */
  tags: Record<string, string>[];
  /** Roads 0…core-1 (valley road, the seat's streets and its link) are kept even when trimming. */
  core: number;
  /** Where roads to neighbouring tiles attach: the valley road's ends and the seat's middle avenue's ends. */
  anchors: { valleyWest: number; valleyEast: number; seatSouth: number; seatNorth: number };
  villages: Feature<Point>[];
  facilities: Feature<Point>[];
  /** The road node each village stands on, or -1 for hamlets beyond any road. */
  villageNode: Int32Array;
}

/**
 * Generates county `seed` at scale 1 and densifies its roads.
 *
 * @example
 * const tile = countyTile(7, 25);
 * tile.nodeCount; // ≈ 20,500 road nodes at 25 m (±5% from county to county)
 */
export function countyTile(seed: number, spacingM: number): CountyTile {
  const county = generateCounty({ seed, scale: 1 });
  const coords = new IntList(1 << 16);
  const refs = new IntList(1 << 16);
  const refEnd = new IntList(512);
  const nodeEnd = new IntList(512);
  const tags: Record<string, string>[] = [];
  // Only the county's own vertices can be shared (roads join each other there); interior vertices
  // added by densifying are always new. ~1,500 vertices per county, so string keys are cheap.
  const shared = new Map<string, number>();
  const key = (lon7: number, lat7: number) => `${lon7},${lat7}`;
  const named = new Map<string, number>();
  for (const road of county.roads.features) {
    const start = refs.length;
    const nodesBefore = coords.length;
    const keysAdded: string[] = [];
    let prevLon = 0;
    let prevLat = 0;
    for (const [lon, lat] of road.geometry.coordinates) {
      const lon7 = Math.round(lon * 1e7);
      const lat7 = Math.round(lat * 1e7);
      if (refs.length > start) {
        if (lon7 === prevLon && lat7 === prevLat) continue;
        const first = coords.length / 2;
        const added = densifyInto(prevLon, prevLat, lon7, lat7, spacingM, coords);
        for (let i = 0; i < added; i++) refs.push(first + i);
      }
      const k = key(lon7, lat7);
      let node = shared.get(k);
      if (node === undefined) {
        node = coords.length / 2;
        coords.push(lon7, lat7);
        shared.set(k, node);
        keysAdded.push(k);
      }
      refs.push(node);
      prevLon = lon7;
      prevLat = lat7;
    }
    if (refs.length - start < 2) {
      // A village placed on an existing vertex gets a road of one point: nothing to drive on.
      refs.length = start;
      coords.length = nodesBefore;
      for (const k of keysAdded) shared.delete(k);
      continue;
    }
    const props = road.properties as Record<string, string>;
    if (props.name !== undefined && !named.has(props.name)) named.set(props.name, tags.length);
    tags.push(props);
    refEnd.push(refs.length);
    nodeEnd.push(coords.length / 2);
  }
  const roadNamed = (name: string): number => {
    const r = named.get(name);
    if (r === undefined)
      throw new Error(
        `countyTile: the county has no road named "${name}" (has generate-county.ts changed?)`,
      );
    return r;
  };
  const firstRef = (r: number) => refs.array[r === 0 ? 0 : refEnd.array[r - 1]];
  const lastRef = (r: number) => refs.array[refEnd.array[r] - 1];
  const valley = roadNamed('Valley national road');
  const avenue = roadNamed('Avenue 4'); // the seat grid's middle north–south street
  const villageNode = new Int32Array(county.villages.features.length);
  county.villages.features.forEach((v, i) => {
    const [lon, lat] = v.geometry.coordinates;
    villageNode[i] = shared.get(key(Math.round(lon * 1e7), Math.round(lat * 1e7))) ?? -1;
  });
  return {
    coords: coords.view(),
    nodeCount: coords.length / 2,
    refs: refs.view(),
    refEnd: refEnd.view(),
    nodeEnd: nodeEnd.view(),
    tags,
    core: roadNamed('Seat link') + 1,
    anchors: {
      valleyWest: firstRef(valley),
      valleyEast: lastRef(valley),
      seatSouth: firstRef(avenue),
      seatNorth: lastRef(avenue),
    },
    villages: county.villages.features,
    facilities: county.facilities.features,
    villageNode,
  };
}

/**
 * The villages and facilities of a tile trimmed to its first `nodes` road nodes: villages on a
 * kept node (and hamlets that never had a road), and the facilities whose nearest village is kept.
 *
 * @example
 * const { villages, facilities } = keptPoints(tile, tile.nodeEnd[tile.core + 40]);
 */
export function keptPoints(
  tile: CountyTile,
  nodes: number,
): { villages: Feature<Point>[]; facilities: Feature<Point>[] } {
  if (nodes >= tile.nodeCount) return { villages: tile.villages, facilities: tile.facilities };
  const keep = tile.villages.map((_, i) => tile.villageNode[i] < nodes);
  const cos = Math.cos((25.2 * Math.PI) / 180);
  const facilities = tile.facilities.filter((f) => {
    const [x, y] = f.geometry.coordinates;
    let best = -1;
    let bestD = Infinity;
    tile.villages.forEach((v, i) => {
      const [vx, vy] = v.geometry.coordinates;
      const d = ((vx - x) * cos) ** 2 + (vy - y) ** 2;
      if (d < bestD) [best, bestD] = [i, d];
    });
    return best >= 0 && keep[best];
  });
  return { villages: tile.villages.filter((_, i) => keep[i]), facilities };
}
