import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FeatureCollection, Point } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRegion, type RegionStats } from '../data/generate-region';
import { PbfWriter, type PbfWriterStats } from '../data/pbf-writer';
import { replicateExtract } from '../data/replicate-extract';
import { haversineM } from '../src/geo/distance';
import { loadNetwork } from '../src/node/load-network';
import { decodeOsmPbf } from '../src/inputs/osm/pbf/file';
import { route } from '../src/search/route';
import { extractPath, haveExtract } from './helpers/shared-data';

const ANDORRA = extractPath('andorra');
const tmp = mkdtempSync(join(tmpdir(), 'servicereach-regions-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const osmiumFound = spawnSync('osmium', ['--version']).status === 0;
/** `osmium fileinfo -e -g <key>` of a file, as a string. */
const osmium = (key: string, file: string) =>
  spawnSync('osmium', ['fileinfo', '-e', '-g', key, file], { encoding: 'utf8' }).stdout.trim();

interface Decoded {
  nodes: Map<number, [number, number]>;
  tags: Map<number, Record<string, string>>;
  ways: { id: number; refs: number[]; tags: Record<string, string> }[];
}

function decodeFile(path: string): Decoded {
  const d: Decoded = { nodes: new Map(), tags: new Map(), ways: [] };
  decodeOsmPbf(readFileSync(path), {
    node: (id, lon, lat) => void d.nodes.set(id, [lon, lat]),
    taggedNode: (id, _lon, _lat, tags) => void d.tags.set(id, tags),
    way: (id, refs, tags) => void d.ways.push({ id, refs: Array.from(refs), tags }),
  });
  return d;
}

const readPoints = (path: string) =>
  JSON.parse(readFileSync(path, 'utf8')) as FeatureCollection<Point>;

describe('PbfWriter', () => {
  const file = join(tmp, 'writer.osm.pbf');
  const big = 2 ** 32 + 7;
  // 9,000 plain nodes cross the 8,000-entity block boundary, where every delta starts again.
  const many = Array.from({ length: 9000 }, (_, i) => 2 ** 40 + 3 * i);
  const nodes: [number, number, number, Record<string, string>?][] = [
    [1, 0, 0],
    [2, -0.1234567, -45.7654321, { place: 'village', name: 'Àlt Ñ' }],
    [big, 179.9999999, -89.9999999, { '': 'empty key', note: '' }],
    ...many.map((id, i): [number, number, number] => [id, -180 + (i % 3600) / 10, 89.5 - i / 1e4]),
  ];
  const ways: { id: number; refs: number[]; tags: Record<string, string> }[] = [
    { id: 5, refs: [1, 2], tags: { highway: 'primary', name: 'Carrer Major' } },
    { id: 2 ** 33, refs: [big, 1, 2, big], tags: {} },
    { id: 2 ** 33 + 1, refs: many, tags: { highway: 'track', tracktype: 'grade3' } },
  ];
  let stats: PbfWriterStats;
  beforeAll(() => {
    const w = new PbfWriter(file, { bbox: [-180, -90, 180, 90] });
    for (const [id, lon, lat, tags] of nodes) w.node(id, lon, lat, tags);
    for (const way of ways) w.way(way.id, way.refs, way.tags);
    stats = w.close();
  });

  it('writes nodes (tagged or not, negative coordinates, ids past 2^32) and ways that decodeOsmPbf reads back exactly', () => {
    expect(stats).toMatchObject({ nodes: nodes.length, ways: 3, blocks: 3 });
    const d = decodeFile(file);
    expect([...d.nodes.keys()]).toEqual(nodes.map((n) => n[0]));
    // The format keeps 1e-7 degrees (granularity 100 nanodegrees); these inputs are all on that grid.
    const e7 = (p?: [number, number]) => p?.map((x) => Math.round(x * 1e7));
    for (const [id, lon, lat] of nodes)
      expect(e7(d.nodes.get(id)), `node ${id}`).toEqual(e7([lon, lat]));
    expect(d.nodes.get(2)).toEqual([-0.1234567, -45.7654321]);
    expect(Object.fromEntries(d.tags)).toEqual({ 2: nodes[1][3], [big]: nodes[2][3] });
    expect(d.ways).toEqual(ways);
  });

  it('refuses a node after a way, ids that do not increase and coordinates off the globe', () => {
    const bad = new PbfWriter(join(tmp, 'bad.osm.pbf'));
    bad.node(10, 1, 42);
    expect(() => bad.node(10, 1, 42)).toThrow('node ids must increase, got 10 after 10');
    expect(() => bad.node(11, 181, 42)).toThrow('outside the globe');
    bad.way(1, [10, 10], {});
    expect(() => bad.way(1, [10], {})).toThrow('way ids must increase');
    expect(() => bad.node(12, 1, 42)).toThrow('node 12 comes after ways');
    bad.close();
    expect(() => bad.close()).toThrow('already closed');
  });

  it.skipIf(!osmiumFound)(
    'writes files osmium reads with the same counts and every way ref present',
    () => {
      expect(osmium('data.count.nodes', file)).toBe(String(nodes.length));
      expect(osmium('data.count.ways', file)).toBe('3');
      expect(osmium('data.multiple_versions', file)).toBe('no');
      expect(spawnSync('osmium', ['check-refs', file]).status).toBe(0);
    },
  );
});

describe('generateRegion', () => {
  const dirs = [join(tmp, 'region-a'), join(tmp, 'region-b')];
  const pbf = join(dirs[0], 'roads.osm.pbf');
  let stats: RegionStats[];
  beforeAll(() => {
    stats = dirs.map((out) => generateRegion({ roadNodes: 50_000, seed: 3, out }));
  });

  it('writes byte-identical files for the same seed and size', () => {
    expect(stats[1]).toEqual(stats[0]);
    for (const name of ['roads.osm.pbf', 'villages.geojson', 'facilities.geojson']) {
      expect(
        readFileSync(join(dirs[1], name)).equals(readFileSync(join(dirs[0], name))),
        name,
      ).toBe(true);
    }
  });

  it('writes within 5% of the road nodes asked for, a vertex at most every 25 m', () => {
    const s = stats[0];
    expect(Math.abs(s.nodes - 50_000)).toBeLessThan(2_500);
    expect(s.tiles).toBeGreaterThan(1);
    const d = decodeFile(pbf);
    expect(d.nodes.size).toBe(s.nodes);
    expect(d.ways.length).toBe(s.ways);
    let longest = 0;
    const used = new Set<number>();
    for (const way of d.ways) {
      for (let i = 0; i < way.refs.length; i++) {
        used.add(way.refs[i]);
        if (i === 0) continue;
        const [a, b] = [d.nodes.get(way.refs[i - 1]), d.nodes.get(way.refs[i])];
        if (!a || !b) throw new Error(`way ${way.id} refers to a missing node`);
        longest = Math.max(longest, haversineM(a[0], a[1], b[0], b[1]));
      }
    }
    expect(used.size).toBe(s.nodes); // no node outside the roads
    expect(longest).toBeLessThan(25.05); // rounding to 1e-7° moves a vertex by ≤ 1 cm
    expect(longest).toBeGreaterThan(20);
  });

  it('writes villages and facilities with tile-prefixed unique ids and their county properties', () => {
    for (const [name, count] of [
      ['villages', stats[0].villages],
      ['facilities', stats[0].facilities],
    ] as const) {
      const fc = readPoints(join(dirs[0], `${name}.geojson`));
      expect(fc.features.length).toBe(count);
      const ids = fc.features.map((f) => f.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.every((id) => /^t\d+-[VF]\d{4}$/.test(String(id)))).toBe(true);
      expect(
        fc.features.every(
          (f) => f.properties?.id === f.id && typeof f.properties?.name === 'string',
        ),
      ).toBe(true);
    }
    const villages = readPoints(join(dirs[0], 'villages.geojson')).features;
    expect(new Set(villages.map((v) => v.properties?.tile)).size).toBe(stats[0].tiles);
  });

  it('loads as one network whose tiles are joined by road', async () => {
    const net = await loadNetwork(pbf, { profile: 'car' });
    const weak = net.components('weak');
    expect(weak.sizes[0] / net.nodeCount).toBeGreaterThan(0.95);
    const villages = readPoints(join(dirs[0], 'villages.geojson')).features;
    const last = stats[0].tiles - 1;
    // Seat communities stand on the seat's streets, which even a trimmed last tile keeps.
    const seat = (tile: number) =>
      villages.find((v) => v.properties?.tile === tile && v.properties?.kind === 'community');
    const [a, b] = [seat(0), seat(last)];
    if (!a || !b) throw new Error('no seat community in the first or last tile');
    const r = route(
      net,
      a.geometry.coordinates as [number, number],
      b.geometry.coordinates as [number, number],
    );
    expect(r.status).toBe('ok');
    expect(r.distanceM).toBeGreaterThan(40_000); // at least one tile's width away
  });

  it.skipIf(!osmiumFound)('writes a file osmium finds sorted, with every way ref present', () => {
    expect(osmium('data.objects_ordered', pbf)).toBe('yes');
    expect(osmium('data.count.nodes', pbf)).toBe(String(stats[0].nodes));
    expect(spawnSync('osmium', ['check-refs', pbf]).status).toBe(0);
  });
});

describe.skipIf(!haveExtract('andorra'))(
  'replicateExtract on Andorra (needs ../shared/data/osm/andorra-2025.osm.pbf)',
  () => {
    const out = join(tmp, 'andorra-2x2');

    it('copies the roads 2×2 and joins the copies into one network, both ways round', async () => {
      const stats = replicateExtract({ input: ANDORRA, tilesX: 2, tilesY: 2, out });
      expect(stats).toMatchObject({ tiles: 4, connectors: 4 });
      expect(stats.nodes).toBe(4 * stats.source.nodes + stats.connectorNodes);
      expect(stats.ways).toBe(4 * stats.source.ways + 4);
      // The copies carry roads only, no relations: compare with Andorra without turn restrictions.
      const one = await loadNetwork(ANDORRA, { profile: 'car', turnRestrictions: false });
      const four = await loadNetwork(join(out, 'roads.osm.pbf'), { profile: 'car' });
      // Each connector adds a two-way link; joining mid-link would split one more link per end.
      expect(four.edgeCount).toBeGreaterThanOrEqual(4 * one.edgeCount + 2 * stats.connectors);
      expect(four.edgeCount).toBeLessThanOrEqual(4 * one.edgeCount + 6 * stats.connectors);
      expect(four.components('weak').sizes[0]).toBeGreaterThanOrEqual(
        4 * one.components('weak').sizes[0],
      );
      expect(four.components('strong').sizes[0]).toBeGreaterThanOrEqual(
        4 * one.components('strong').sizes[0],
      );

      const villages = readPoints(join(out, 'villages.geojson')).features;
      expect(villages.length).toBe(stats.villages);
      const capital = (t: number) => villages.find((v) => v.id === `t${t}-node/58957648`); // Andorra la Vella
      const [a, b] = [capital(0), capital(3)];
      if (!a || !b) throw new Error('Andorra la Vella missing from tile 0 or 3');
      expect(b.properties).toMatchObject({ name: 'Andorra la Vella', place: 'town', tile: 3 });
      const there = route(
        four,
        a.geometry.coordinates as [number, number],
        b.geometry.coordinates as [number, number],
      );
      const back = route(
        four,
        b.geometry.coordinates as [number, number],
        a.geometry.coordinates as [number, number],
      );
      expect([there.status, back.status]).toEqual(['ok', 'ok']);
    });
  },
);
