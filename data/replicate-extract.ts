/**
 * A large road network with a real one's structure: the roads of an OSM extract copied onto a
 * tilesX × tilesY grid, each copy moved by the extract's size plus a gap, and neighbouring copies
 * joined by connecting roads between major-road nodes near their facing edges. Degree distribution,
 * link lengths, one-ways and tags are those of the real map; only the size is multiplied.
 *
 *   npx tsx data/replicate-extract.ts --input ../shared/data/osm/andorra-2025.osm.pbf --tiles 10x10 [--gap 2] --out tmp/andorra-10x10
 *
 * Node and way ids become `tile × 10^k + original id`, with 10^k above the largest original id, so
 * tile 0 keeps the original ids and every other copy's ids stay unique, increasing and readable.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PLACE_TYPES } from '../src/points/osm-point-collector';
import { densifyInto, M_PER_E7 } from './densify';
import { FeatureLines } from './feature-lines';
import { IntList } from './int-list';
import { PbfWriter } from './pbf-writer';
import { type RoadExtract, readRoadExtract } from './road-extract';

/**
 * Options of {@link replicateExtract}.
 *
 * @example
 * replicateExtract({ input: 'andorra.osm.pbf', tilesX: 10, tilesY: 10, out: 'tmp/andorra-10x10' });
 */
export interface ReplicateOptions {
  /** An OSM PBF extract. */
  input: string;
  tilesX: number;
  tilesY: number;
  /** Directory for roads.osm.pbf and villages.geojson (created if missing). */
  out: string;
  /** Space between copies in km (default 2). */
  gapKm?: number;
  /** Most metres between vertices of the connecting roads (default 25). */
  connectorSpacingM?: number;
}

/**
 * What {@link replicateExtract} wrote.
 *
 * @example
 * const { nodes, connectors } = replicateExtract({ input, tilesX: 2, tilesY: 2, out });
 */
export interface ReplicateStats {
  tiles: number;
  nodes: number;
  ways: number;
  /** Connecting roads between tiles, and their interior nodes (included in `nodes` and `ways`). */
  connectors: number;
  connectorNodes: number;
  /** Settlements (`place` in PLACE_TYPES) written to villages.geojson. */
  villages: number;
  /** Size of roads.osm.pbf. */
  bytes: number;
  /** Per copy: road and place nodes, highway ways, and way refs left out for nodes missing from the input. */
  source: { nodes: number; ways: number; places: number; missingRefs: number };
}

/** Joins prefer these classes: a trunk road running on into the next copy's looks like a real border crossing. */
const MAJOR = new Set(['motorway', 'trunk', 'primary', 'secondary']);
/** Ids must stay below 2^51 (the PBF writer's exact-delta limit). */
const MAX_ID = 2 ** 51;

/** Where a tile's connecting roads attach: node indices near each edge. */
interface Edges {
  east: number;
  west: number;
  north: number;
  south: number;
}

/**
 * Replicates the roads and places of `input` and writes `<out>/roads.osm.pbf` and
 * `<out>/villages.geojson`. Copies are laid out row by row from the south-west, moved in whole
 * 1e-7 degrees (so further north a copy's metres shrink slightly with the cosine of latitude).
 *
 * @example
 * const stats = replicateExtract({ input: '../shared/data/osm/andorra-2025.osm.pbf', tilesX: 2, tilesY: 2, out: dir });
 * stats.nodes; // 4 × Andorra's road and place nodes, plus the connecting roads' vertices
 */
export function replicateExtract(options: ReplicateOptions): ReplicateStats {
  const { input, tilesX, tilesY, out } = options;
  const gapKm = options.gapKm ?? 2;
  const spacing = options.connectorSpacingM ?? 25;
  for (const [name, v] of [
    ['tilesX', tilesX],
    ['tilesY', tilesY],
  ] as const) {
    if (!(Number.isInteger(v) && v >= 1))
      throw new Error(`replicateExtract: ${name} must be an integer ≥ 1, got ${v}`);
  }
  if (!(gapKm >= 0)) throw new Error(`replicateExtract: gapKm must be ≥ 0, got ${options.gapKm}`);
  if (!(spacing >= 1))
    throw new Error(
      `replicateExtract: connectorSpacingM must be ≥ 1, got ${options.connectorSpacingM}`,
    );

  const ex = readRoadExtract(input);
  const n = ex.ids.length;
  if (ex.wayTags.length === 0) throw new Error(`replicateExtract: ${input} has no highway=* ways`);
  const box = [Infinity, Infinity, -Infinity, -Infinity];
  for (let i = 0; i < n; i++) {
    box[0] = Math.min(box[0], ex.lon7[i]);
    box[1] = Math.min(box[1], ex.lat7[i]);
    box[2] = Math.max(box[2], ex.lon7[i]);
    box[3] = Math.max(box[3], ex.lat7[i]);
  }
  const midLat = (box[1] + box[3]) / 2e7;
  const stepLon7 =
    box[2] - box[0] + Math.round((gapKm * 1000) / (M_PER_E7 * Math.cos((midLat * Math.PI) / 180)));
  const stepLat7 = box[3] - box[1] + Math.round((gapKm * 1000) / M_PER_E7);
  const bbox: [number, number, number, number] = [
    box[0] / 1e7,
    box[1] / 1e7,
    (box[2] + (tilesX - 1) * stepLon7) / 1e7,
    (box[3] + (tilesY - 1) * stepLat7) / 1e7,
  ];
  if (bbox[2] > 180 || bbox[3] > 90)
    throw new Error(
      `replicateExtract: a ${tilesX}×${tilesY} grid of ${input} would reach ${bbox[2].toFixed(2)}° E, ${bbox[3].toFixed(2)}° N, off the globe`,
    );

  const tiles = tilesX * tilesY;
  const nodeSpan = idSpan(ex.ids[n - 1]);
  const waySpan = idSpan(ex.wayIds[ex.wayIds.length - 1]);
  if ((tiles + 1) * Math.max(nodeSpan, waySpan) > MAX_ID)
    throw new Error(
      `replicateExtract: ${tiles} copies of ids up to ${Math.max(nodeSpan, waySpan)} would pass 2^51`,
    );
  const edges = joinNodes(ex);

  mkdirSync(out, { recursive: true });
  const writer = new PbfWriter(join(out, 'roads.osm.pbf'), { bbox });
  const villagesOut = new FeatureLines(join(out, 'villages.geojson'));
  const offset = (t: number): [number, number] => [
    (t % tilesX) * stepLon7,
    Math.floor(t / tilesX) * stepLat7,
  ];

  const tagsOf: (Record<string, string> | undefined)[] = new Array(n);
  for (const [i, tags] of ex.nodeTags) tagsOf[i] = tags;
  for (let t = 0; t < tiles; t++) {
    const [dLon7, dLat7] = offset(t);
    for (let i = 0; i < n; i++)
      writer.node(
        t * nodeSpan + ex.ids[i],
        (ex.lon7[i] + dLon7) / 1e7,
        (ex.lat7[i] + dLat7) / 1e7,
        tagsOf[i],
      );
    for (const [i, tags] of ex.nodeTags) {
      if (!(PLACE_TYPES as readonly string[]).includes(tags.place)) continue;
      const id = `t${t}-node/${ex.ids[i]}`;
      const properties: Record<string, unknown> = {
        id,
        name: tags.name ?? null,
        place: tags.place,
        tile: t,
      };
      const population = Number(tags.population?.replace(/[\s,_]/g, ''));
      if (tags.population !== undefined && Number.isFinite(population))
        properties.population = population;
      villagesOut.add({
        type: 'Feature',
        id,
        properties,
        geometry: {
          type: 'Point',
          coordinates: [(ex.lon7[i] + dLon7) / 1e7, (ex.lat7[i] + dLat7) / 1e7],
        },
      });
    }
  }

  // Connecting roads: east–west within each row, south–north within each column.
  const linkCoords = new IntList(1 << 16);
  const links: {
    from: number;
    to: number;
    first: number;
    count: number;
    tags: Record<string, string>;
  }[] = [];
  const link = (ta: number, a: number, tb: number, b: number, name: string) => {
    const [aLon, aLat] = offset(ta);
    const [bLon, bLat] = offset(tb);
    const first = linkCoords.length / 2;
    const count = densifyInto(
      ex.lon7[a] + aLon,
      ex.lat7[a] + aLat,
      ex.lon7[b] + bLon,
      ex.lat7[b] + bLat,
      spacing,
      linkCoords,
    );
    links.push({
      from: ta * nodeSpan + ex.ids[a],
      to: tb * nodeSpan + ex.ids[b],
      first,
      count,
      tags: { highway: 'primary', name },
    });
  };
  for (let r = 0; r < tilesY; r++) {
    for (let c = 0; c + 1 < tilesX; c++)
      link(
        r * tilesX + c,
        edges.east,
        r * tilesX + c + 1,
        edges.west,
        `Connector t${r * tilesX + c}–t${r * tilesX + c + 1}`,
      );
  }
  for (let r = 0; r + 1 < tilesY; r++) {
    for (let c = 0; c < tilesX; c++)
      link(
        r * tilesX + c,
        edges.north,
        (r + 1) * tilesX + c,
        edges.south,
        `Connector t${r * tilesX + c}–t${(r + 1) * tilesX + c}`,
      );
  }
  const linkBase = tiles * nodeSpan + 1;
  for (let i = 0; i < linkCoords.length; i += 2)
    writer.node(linkBase + i / 2, linkCoords.array[i] / 1e7, linkCoords.array[i + 1] / 1e7);

  let refs = new Float64Array(1024);
  for (let t = 0; t < tiles; t++) {
    for (let w = 0; w < ex.wayTags.length; w++) {
      const start = w === 0 ? 0 : ex.refEnd[w - 1];
      const len = ex.refEnd[w] - start;
      if (refs.length < len) refs = new Float64Array(len * 2);
      for (let j = 0; j < len; j++) refs[j] = t * nodeSpan + ex.ids[ex.refs[start + j]];
      writer.way(t * waySpan + ex.wayIds[w], refs.subarray(0, len), ex.wayTags[w]);
    }
  }
  links.forEach((l, k) => {
    const ids = new Float64Array(l.count + 2);
    ids[0] = l.from;
    for (let i = 0; i < l.count; i++) ids[i + 1] = linkBase + l.first + i;
    ids[l.count + 1] = l.to;
    writer.way(tiles * waySpan + k + 1, ids, l.tags);
  });
  const pbf = writer.close();
  return {
    tiles,
    nodes: pbf.nodes,
    ways: pbf.ways,
    connectors: links.length,
    connectorNodes: linkCoords.length / 2,
    villages: villagesOut.close(),
    bytes: pbf.bytes,
    source: {
      nodes: n,
      ways: ex.wayTags.length,
      places: ex.nodeTags.size,
      missingRefs: ex.missingRefs,
    },
  };
}

/** The smallest power of ten above `maxId`, so `tile × span + id` reads as the tile then the original id. */
function idSpan(maxId: number): number {
  let span = 10;
  while (span <= maxId) span *= 10;
  return span;
}

/**
 * How good a join a road's nodes make: 3 for a major two-way road open to traffic, 2 for other
 * major roads, 1 for the rest. A join on a one-way carriageway can be entered but not left (or the
 * reverse), which would leave the copies connected only one way round.
 */
function rank(tags: Record<string, string>): number {
  if (!MAJOR.has(tags.highway)) return 1;
  const oneway = tags.oneway !== undefined && tags.oneway !== 'no';
  const circular = tags.junction === 'roundabout' || tags.junction === 'circular';
  const closed = tags.access === 'no' || tags.access === 'private' || tags.motor_vehicle === 'no';
  return oneway || circular || closed || tags.highway === 'motorway' ? 2 : 3;
}

/**
 * The nodes the connecting roads attach to: the easternmost, westernmost, northernmost and
 * southernmost nodes of the best-ranked roads in the largest connected part of the road graph,
 * so every join reaches the whole copy.
 */
function joinNodes(ex: RoadExtract): Edges {
  const n = ex.ids.length;
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  const onWay = new Uint8Array(n); // 0: on no road, then the best rank of the roads through the node
  for (let w = 0; w < ex.wayTags.length; w++) {
    const major = rank(ex.wayTags[w]);
    const start = w === 0 ? 0 : ex.refEnd[w - 1];
    for (let j = start; j < ex.refEnd[w]; j++) {
      const i = ex.refs[j];
      onWay[i] = Math.max(onWay[i], major);
      if (j > start) {
        const a = find(ex.refs[j - 1]);
        const b = find(i);
        if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
      }
    }
  }
  const size = new Int32Array(n);
  let root = 0;
  for (let i = 0; i < n; i++) {
    if (!onWay[i]) continue;
    const r = find(i);
    if (++size[r] > size[root]) root = r;
  }
  let want = 1;
  for (let i = 0; i < n; i++) if (onWay[i] > want && find(i) === root) want = onWay[i];
  const e: Edges = { east: -1, west: -1, north: -1, south: -1 };
  for (let i = 0; i < n; i++) {
    if (onWay[i] !== want || find(i) !== root) continue;
    if (e.east < 0 || ex.lon7[i] > ex.lon7[e.east]) e.east = i;
    if (e.west < 0 || ex.lon7[i] < ex.lon7[e.west]) e.west = i;
    if (e.north < 0 || ex.lat7[i] > ex.lat7[e.north]) e.north = i;
    if (e.south < 0 || ex.lat7[i] < ex.lat7[e.south]) e.south = i;
  }
  return e;
}

if (process.argv[1]?.endsWith('replicate-extract.ts')) {
  const { values } = parseArgs({
    options: {
      input: { type: 'string' },
      tiles: { type: 'string' },
      gap: { type: 'string', default: '2' },
      out: { type: 'string' },
    },
  });
  const grid = /^(\d+)x(\d+)$/.exec(values.tiles ?? '');
  if (values.input === undefined || grid === null || values.out === undefined) {
    process.stderr.write(
      'usage: npx tsx data/replicate-extract.ts --input extract.osm.pbf --tiles 10x10 [--gap 2] --out tmp/replicated\n',
    );
    process.exit(2);
  }
  const started = performance.now();
  const stats = replicateExtract({
    input: values.input,
    tilesX: Number(grid[1]),
    tilesY: Number(grid[2]),
    gapKm: Number(values.gap),
    out: values.out,
  });
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(
    `${JSON.stringify(stats)}\n${seconds.toFixed(1)} s, peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB → ${values.out}\n`,
  );
}
