/**
 * A deterministic synthetic mountainous province of any size, written as a real OSM PBF file so
 * that benchmarks exercise the whole loading path (streaming PBF decode → network build). Counties
 * from generate-county.ts are laid out on a near-square grid of 44 km tiles, densified to OSM-like
 * vertex spacing, and joined by connecting roads: each valley national road runs on into the east
 * neighbour's, and a provincial road leaves every county seat for the seat of the county to the north.
 *
 *   npx tsx data/generate-region.ts --nodes 1000000 [--seed 1] [--spacing 25] --out tmp/region-1m
 *
 * Memory stays bounded: nodes are written tile by tile as the tiles are generated, villages and
 * facilities line by line; only the ways (refs in one Int32Array, ~4 bytes per node) wait until
 * every node is out, since a PBF file lists all nodes before any way.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Feature, Point } from 'geojson';
import { mulberry32 } from '../test/helpers/random';
import { countyTile, keptPoints } from './county-tile';
import { densifyInto, interiorCount } from './densify';
import { FeatureLines } from './feature-lines';
import { IntList } from './int-list';
import { PbfWriter } from './pbf-writer';

/**
 * Options of {@link generateRegion}.
 *
 * @example
 * generateRegion({ roadNodes: 1_000_000, out: 'tmp/region-1m' });
 */
export interface RegionOptions {
  /** Road nodes wanted in the PBF file (before any compaction); met within ±5% from ~50,000 up. */
  roadNodes: number;
  /** PRNG seed (default 1): the same seed and size give byte-identical files. */
  seed?: number;
  /** Most metres between consecutive vertices of a road (default 25, as on OSM roads). */
  vertexSpacingM?: number;
  /** Directory for roads.osm.pbf, villages.geojson and facilities.geojson (created if missing). */
  out: string;
}

/**
 * What {@link generateRegion} wrote.
 *
 * @example
 * const { tiles, nodes, bytes } = generateRegion({ roadNodes: 50_000, out: dir });
 */
export interface RegionStats {
  tiles: number;
  cols: number;
  rows: number;
  /** Tiles cut short (a prefix of their roads kept) so that the node count meets the target. */
  trimmedTiles: number;
  nodes: number;
  ways: number;
  villages: number;
  facilities: number;
  /** Size of roads.osm.pbf. */
  bytes: number;
}

/** Tile pitch: a county spans −0.2…42.1 km east and 0.2…39.9 km north (measured over 300 seeds). */
const TILE_KM = 44;
/** generate-county.ts converts km to degrees at 25.2° N. */
const KM_PER_DEG_LAT = 111.195;
const KM_PER_DEG_LON = KM_PER_DEG_LAT * Math.cos((25.2 * Math.PI) / 180);
/** Tiles are moved in whole 1e-7 degrees, so translated coordinates stay exact integers. */
const TILE_LON7 = Math.round((TILE_KM / KM_PER_DEG_LON) * 1e7);
const TILE_LAT7 = Math.round((TILE_KM / KM_PER_DEG_LAT) * 1e7);

/** A node where a connecting road attaches: its id and translated coordinates. */
interface Anchor {
  id: number;
  lon7: number;
  lat7: number;
}

/** What the sizing pass keeps of a tile: its node count, extent and anchors, in local 1e-7 degrees. */
interface TileSize {
  nodes: number;
  /** Nodes of the roads a trimmed tile still keeps. */
  core: number;
  /** west, south, east, north */
  extent: [number, number, number, number];
  /** valleyWest, valleyEast, seatSouth, seatNorth as lon, lat pairs */
  anchors: Int32Array;
}

const gridOf = (tiles: number) => {
  const cols = Math.ceil(Math.sqrt(tiles));
  return { cols, rows: Math.ceil(tiles / cols) };
};

/**
 * Generates the province and writes `<out>/roads.osm.pbf`, `<out>/villages.geojson` and
 * `<out>/facilities.geojson`. A first pass generates tiles only to count their nodes, until the
 * grid (with its connecting roads) holds `roadNodes`; the second generates them again and writes
 * them whole, except the last, which is cut to the remaining budget (a prefix of its roads, with
 * the villages and facilities on them). So the node count lands within a road or two of
 * `roadNodes`, unless the last tile has room for less than its core (valley road and seat streets,
 * 2,832 nodes at 25 m), when it is kept whole-core or left out, whichever is closer: ±5% is met
 * from ~50,000 nodes up.
 * Tiles further north are moved in whole degrees, which shortens their east–west metres a little:
 * vertex spacing stays within `vertexSpacingM`.
 *
 * @example
 * const stats = generateRegion({ roadNodes: 1_000_000, seed: 1, out: 'tmp/region-1m' });
 * // { tiles: 46, cols: 7, rows: 7, trimmedTiles: 1, nodes: 1000944, ways: 13579, villages: 13430, facilities: 16948, bytes: 1089265 }
 */
export function generateRegion(options: RegionOptions): RegionStats {
  const { roadNodes, out } = options;
  const seed = options.seed ?? 1;
  const spacing = options.vertexSpacingM ?? 25;
  if (!(Number.isInteger(roadNodes) && roadNodes >= 1000))
    throw new Error(`generateRegion: roadNodes must be an integer ≥ 1000, got ${roadNodes}`);
  if (!(spacing >= 1))
    throw new Error(`generateRegion: vertexSpacingM must be ≥ 1, got ${options.vertexSpacingM}`);
  if (!Number.isInteger(seed))
    throw new Error(`generateRegion: seed must be an integer, got ${options.seed}`);

  const rnd = mulberry32(seed);
  const seeds: number[] = [];
  const tileSeed = (t: number) => {
    while (seeds.length <= t) seeds.push(Math.floor(rnd() * 2 ** 32));
    return seeds[t];
  };

  // Pass 1: tile sizes (each tile generated and dropped, ~15 ms) until the grid holds the target.
  const sizes: TileSize[] = [];
  const capacity = (tiles: number) => {
    const { cols } = gridOf(tiles);
    let nodes = 0;
    for (let t = 0; t < tiles; t++) {
      const [r, c] = [Math.floor(t / cols), t % cols];
      nodes += sizes[t].nodes;
      if (c > 0)
        nodes += linkNodes(sizes[t - 1].anchors, 2, r, c - 1, sizes[t].anchors, 0, r, c, spacing);
      if (r > 0)
        nodes += linkNodes(
          sizes[t - cols].anchors,
          6,
          r - 1,
          c,
          sizes[t].anchors,
          4,
          r,
          c,
          spacing,
        );
    }
    return nodes;
  };
  do {
    const tile = countyTile(tileSeed(sizes.length), spacing);
    const a = tile.anchors;
    const anchors = Int32Array.from(
      [a.valleyWest, a.valleyEast, a.seatSouth, a.seatNorth].flatMap((n) => [
        tile.coords[2 * n],
        tile.coords[2 * n + 1],
      ]),
    );
    sizes.push({
      nodes: tile.nodeCount,
      core: tile.nodeEnd[tile.core - 1],
      extent: extentOf(tile.coords),
      anchors,
    });
  } while (capacity(sizes.length) < roadNodes);
  let tiles = sizes.length;
  // When the last tile would have room for less than its core, leaving it out may be closer.
  const lastRoom = roadNodes - (capacity(tiles) - sizes[tiles - 1].nodes);
  const core = sizes[tiles - 1].core;
  if (tiles > 1 && lastRoom < core && roadNodes - capacity(tiles - 1) < core - lastRoom) tiles--;
  const { cols, rows } = gridOf(tiles);

  mkdirSync(out, { recursive: true });
  const bbox: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  sizes.slice(0, tiles).forEach(({ extent }, t) => {
    const [dLon7, dLat7] = [(t % cols) * TILE_LON7, Math.floor(t / cols) * TILE_LAT7];
    bbox[0] = Math.min(bbox[0], (extent[0] + dLon7) / 1e7);
    bbox[1] = Math.min(bbox[1], (extent[1] + dLat7) / 1e7);
    bbox[2] = Math.max(bbox[2], (extent[2] + dLon7) / 1e7);
    bbox[3] = Math.max(bbox[3], (extent[3] + dLat7) / 1e7);
  });
  const writer = new PbfWriter(join(out, 'roads.osm.pbf'), { bbox });
  const villagesOut = new FeatureLines(join(out, 'villages.geojson'));
  const facilitiesOut = new FeatureLines(join(out, 'facilities.geojson'));

  // Ways wait here until every node is written: global node ids, and each way's end in `wayRefs`.
  const wayRefs = new IntList(1 << 20);
  const wayEnd = new IntList(1 << 12);
  const wayTags: Record<string, string>[] = [];
  // Connecting roads' interior vertices get ids after the last tile's nodes.
  const linkCoords = new IntList(1 << 16);
  const links: {
    from: Anchor;
    to: Anchor;
    first: number;
    count: number;
    tags: Record<string, string>;
  }[] = [];
  const east: Anchor[] = [];
  const north: Anchor[] = [];
  let written = 0;
  let trimmed = 0;
  let total = 0;

  // Pass 2: the same tiles again, written.
  for (let t = 0; t < tiles; t++) {
    const tile = countyTile(tileSeed(t), spacing);
    const r = Math.floor(t / cols);
    const c = t % cols;
    const dLon7 = c * TILE_LON7;
    const dLat7 = r * TILE_LAT7;
    const anchor = (node: number): Anchor => ({
      id: written + node + 1,
      lon7: tile.coords[2 * node] + dLon7,
      lat7: tile.coords[2 * node + 1] + dLat7,
    });
    const link = (from: Anchor, to: Anchor, tags: Record<string, string>) => {
      const first = linkCoords.length / 2;
      const count = densifyInto(from.lon7, from.lat7, to.lon7, to.lat7, spacing, linkCoords);
      links.push({ from, to, first, count, tags });
      return count;
    };
    let linkNodes = 0;
    if (c > 0)
      linkNodes += link(east[t - 1], anchor(tile.anchors.valleyWest), {
        highway: 'primary',
        ref: 'G999',
        name: 'Valley national road',
      });
    if (r > 0)
      linkNodes += link(north[t - cols], anchor(tile.anchors.seatSouth), {
        highway: 'secondary',
        ref: `S${101 + c}`,
        name: `Provincial road S${101 + c}`,
      });
    east.push(anchor(tile.anchors.valleyEast));
    north.push(anchor(tile.anchors.seatNorth));

    // Every tile whole but the last, which is cut to the remainder (never below its core).
    const budget = t < tiles - 1 ? Infinity : roadNodes - total - linkNodes;
    const roadCount = tile.tags.length;
    let roads = tile.core;
    while (roads < roadCount && tile.nodeEnd[roads] <= budget) roads++;
    const nodes = tile.nodeEnd[roads - 1];
    if (roads < roadCount) trimmed++;

    for (let i = 0; i < nodes; i++)
      writer.node(
        written + i + 1,
        (tile.coords[2 * i] + dLon7) / 1e7,
        (tile.coords[2 * i + 1] + dLat7) / 1e7,
      );
    for (let w = 0; w < roads; w++) {
      for (let j = w === 0 ? 0 : tile.refEnd[w - 1]; j < tile.refEnd[w]; j++)
        wayRefs.push(written + tile.refs[j] + 1);
      wayEnd.push(wayRefs.length);
      wayTags.push(tile.tags[w]);
    }
    const points = keptPoints(tile, nodes);
    const move = (f: Feature<Point>): Feature<Point> => {
      const id = `t${t}-${f.id}`;
      const [lon, lat] = f.geometry.coordinates;
      const coordinates = [
        (Math.round(lon * 1e7) + dLon7) / 1e7,
        (Math.round(lat * 1e7) + dLat7) / 1e7,
      ];
      return {
        type: 'Feature',
        id,
        properties: { ...f.properties, id, tile: t },
        geometry: { type: 'Point', coordinates },
      };
    };
    for (const v of points.villages) villagesOut.add(move(v));
    for (const f of points.facilities) facilitiesOut.add(move(f));
    written += nodes;
    total += nodes + linkNodes;
  }

  const firstLinkId = written + 1;
  for (let i = 0; i < linkCoords.length; i += 2)
    writer.node(firstLinkId + i / 2, linkCoords.array[i] / 1e7, linkCoords.array[i + 1] / 1e7);
  let wayId = 0;
  for (let w = 0; w < wayTags.length; w++)
    writer.way(
      ++wayId,
      wayRefs.array.subarray(w === 0 ? 0 : wayEnd.array[w - 1], wayEnd.array[w]),
      wayTags[w],
    );
  for (const l of links) {
    const refs = new Int32Array(l.count + 2);
    refs[0] = l.from.id;
    for (let i = 0; i < l.count; i++) refs[i + 1] = firstLinkId + l.first + i;
    refs[l.count + 1] = l.to.id;
    writer.way(++wayId, refs, l.tags);
  }
  const pbf = writer.close();
  return {
    tiles,
    cols,
    rows,
    trimmedTiles: trimmed,
    nodes: pbf.nodes,
    ways: pbf.ways,
    villages: villagesOut.close(),
    facilities: facilitiesOut.close(),
    bytes: pbf.bytes,
  };
}

/** Interior vertices of the connecting road from anchor `i` of tile (ra, ca) to anchor `j` of tile (rb, cb). */
function linkNodes(
  a: Int32Array,
  i: number,
  ra: number,
  ca: number,
  b: Int32Array,
  j: number,
  rb: number,
  cb: number,
  spacing: number,
): number {
  return interiorCount(
    a[i] + ca * TILE_LON7,
    a[i + 1] + ra * TILE_LAT7,
    b[j] + cb * TILE_LON7,
    b[j + 1] + rb * TILE_LAT7,
    spacing,
  );
}

function extentOf(coords: Int32Array): [number, number, number, number] {
  const e: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let i = 0; i < coords.length; i += 2) {
    e[0] = Math.min(e[0], coords[i]);
    e[1] = Math.min(e[1], coords[i + 1]);
    e[2] = Math.max(e[2], coords[i]);
    e[3] = Math.max(e[3], coords[i + 1]);
  }
  return e;
}

if (process.argv[1]?.endsWith('generate-region.ts')) {
  const { values } = parseArgs({
    options: {
      nodes: { type: 'string' },
      seed: { type: 'string', default: '1' },
      spacing: { type: 'string', default: '25' },
      out: { type: 'string' },
    },
  });
  if (values.nodes === undefined || values.out === undefined) {
    process.stderr.write(
      'usage: npx tsx data/generate-region.ts --nodes 1000000 [--seed 1] [--spacing 25] --out tmp/region-1m\n',
    );
    process.exit(2);
  }
  const started = performance.now();
  const stats = generateRegion({
    roadNodes: Number(values.nodes),
    seed: Number(values.seed),
    vertexSpacingM: Number(values.spacing),
    out: values.out,
  });
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(
    `${JSON.stringify(stats)}\n${seconds.toFixed(1)} s, peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB → ${values.out}\n`,
  );
}
