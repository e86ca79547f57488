// The two-pass OSM road reader (ways first, then only the nodes they use) against the one-pass
// reader that keeps every node — the oracle: the same network byte for byte and the same warnings,
// on random files (unsorted and duplicate ids, missing nodes, restrictions) and on the shared
// extracts.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildNetworkFromOsm } from '../src/index';
import {
  buildNetworkFromOsmRoads,
  decodeOsm,
  OsmRoadCollector,
  resolveProfile,
} from '../src/engine';
import { loadNetwork } from '../src/node';
import type { OsmSink } from '../src/inputs/osm/sink';
import { Float64Chunks } from '../src/inputs/osm/float64-chunks';
import { MarkedNodeStore } from '../src/inputs/osm/marked-node-store';
import { readOsmPbfFile } from '../src/node/read-pbf-file';
import { BLOCK_NODES, BLOCK_WAYS } from '../src/inputs/osm/pbf/primitive-block';
import { PbfWriter } from '../data/pbf-writer';
import { mulberry32 } from './helpers/random';

const OSM = resolve(import.meta.dirname, '../../shared/data/osm');
const haveData = existsSync(OSM);
if (!haveData) console.warn(`skipping two-pass tests on the shared extracts: ${OSM} not found`);

const tmp = mkdtempSync(join(tmpdir(), 'servicereach-two-pass-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const bytesOf = (net: { toBuffer(): ArrayBuffer }) => Buffer.from(net.toBuffer());

/** A random OSM XML file: a grid of roads, buildings' nodes nobody uses, ids shuffled or not. */
function randomOsmXml(seed: number): string {
  const rnd = mulberry32(seed);
  const n = 20 + Math.floor(rnd() * 60);
  const nodes: [number, number, number][] = [];
  for (let i = 0; i < n; i++) {
    const id = 1 + i * (1 + Math.floor(rnd() * 3)) + (rnd() < 0.1 ? 2 ** 33 : 0);
    nodes.push([id, 1.5 + rnd() * 0.02, 42.5 + rnd() * 0.02]);
  }
  const order = nodes.map((_, i) => i);
  if (rnd() < 0.4) order.sort(() => rnd() - 0.5); // unsorted file
  if (rnd() < 0.3) order.push(order[Math.floor(rnd() * n)]); // a duplicate id, moved below
  const lines = ['<?xml version="1.0"?>', '<osm version="0.6">'];
  const seen = new Set<number>();
  for (const i of order) {
    const [id, lon, lat] = nodes[i];
    const moved = seen.has(id) ? 0.001 : 0;
    seen.add(id);
    lines.push(`<node id="${id}" lat="${(lat + moved).toFixed(7)}" lon="${lon.toFixed(7)}"/>`);
  }
  const classes = ['residential', 'primary', 'footway', 'track', 'service'];
  const ways = 3 + Math.floor(rnd() * 12);
  for (let w = 0; w < ways; w++) {
    const len = 2 + Math.floor(rnd() * 6);
    const refs: number[] = [];
    for (let k = 0; k < len; k++)
      refs.push(rnd() < 0.05 ? 999_999 + k : nodes[Math.floor(rnd() * n)][0]); // some missing
    const tag = rnd() < 0.15 ? 'building' : 'highway';
    lines.push(`<way id="${100 + w}">`);
    for (const r of refs) lines.push(`<nd ref="${r}"/>`);
    lines.push(`<tag k="${tag}" v="${classes[Math.floor(rnd() * classes.length)]}"/>`);
    if (rnd() < 0.3) lines.push('<tag k="oneway" v="yes"/>');
    lines.push('</way>');
  }
  for (let r = 0; r < 3; r++) {
    const via = nodes[Math.floor(rnd() * n)][0];
    lines.push(`<relation id="${500 + r}">`);
    lines.push(`<member type="way" ref="${100 + Math.floor(rnd() * ways)}" role="from"/>`);
    lines.push(`<member type="node" ref="${via}" role="via"/>`);
    if (rnd() < 0.2) lines.push(`<member type="way" ref="${100}" role="via"/>`);
    lines.push(`<member type="way" ref="${100 + Math.floor(rnd() * ways)}" role="to"/>`);
    lines.push('<tag k="type" v="restriction"/>');
    lines.push(`<tag k="restriction" v="${rnd() < 0.5 ? 'no_left_turn' : 'only_straight_on'}"/>`);
    lines.push('</relation>');
  }
  lines.push('</osm>');
  return lines.join('\n');
}

/** The network and warnings, or the error message: both readers must agree on either. */
async function outcome(
  build: () => Promise<{ toBuffer(): ArrayBuffer }> | { toBuffer(): ArrayBuffer },
) {
  try {
    return bytesOf(await build()).toString('base64');
  } catch (e) {
    return `error ${(e as Error).message.replace(/^.*?: /, '')}`;
  }
}

describe('two-pass OSM road reader', () => {
  it('builds what the one-pass reader builds on random files (200 seeds, car and walk)', async () => {
    let twoPassOnly = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const xml = randomOsmXml(seed);
      const path = join(tmp, `r${seed}.osm`);
      writeFileSync(path, xml);
      const bytes = new TextEncoder().encode(xml);
      for (const profile of ['car', 'walk'] as const) {
        const one = await outcome(() => buildNetworkFromOsm(bytes, { profile }));
        const two = await outcome(() => loadNetwork(path, { profile }));
        expect(two, `seed ${seed} ${profile}`).toBe(one);
        if (!one.startsWith('error')) twoPassOnly++;
      }
    }
    expect(twoPassOnly).toBeGreaterThan(200); // most random files do build
  }, 120_000);

  it('falls back to keeping every node when ids are out of order, so duplicates are counted', () => {
    const xml = [
      '<?xml version="1.0"?><osm version="0.6">',
      '<node id="5" lat="42.50" lon="1.50"/>',
      '<node id="9" lat="42.50" lon="1.60"/>', // unused, then given again
      '<node id="7" lat="42.50" lon="1.51"/>',
      '<node id="9" lat="42.51" lon="1.60"/>',
      '<way id="1"><nd ref="5"/><nd ref="7"/><tag k="highway" v="residential"/></way>',
      '</osm>',
    ].join('\n');
    const bytes = new TextEncoder().encode(xml);
    const roads = new OsmRoadCollector();
    decodeOsm(bytes, roads.wayPass());
    decodeOsm(bytes, roads.nodePass());
    expect(roads.needsAllNodes).toBe(true);
    decodeOsm(bytes, roads.nodePass());
    expect(roads.needsAllNodes).toBe(false);
    roads.nodes.finish();
    expect(roads.nodes.duplicates).toBe(1);
    expect(roads.nodes.duplicateIds).toEqual([9]);
  });

  it('keeps the nodes of a way the profile skips when a turn restriction names it', async () => {
    // The footway 20 runs over the road's segment 2–3: its node next to the via node is where the
    // car link leaves, so the restriction from it is placed on the road.
    const xml = [
      '<?xml version="1.0"?><osm version="0.6">',
      '<node id="1" lat="42.500" lon="1.500"/>',
      '<node id="2" lat="42.500" lon="1.510"/>',
      '<node id="3" lat="42.500" lon="1.520"/>',
      '<node id="4" lat="42.510" lon="1.510"/>',
      '<node id="5" lat="42.490" lon="1.510"/>',
      '<way id="10"><nd ref="1"/><nd ref="2"/><nd ref="3"/><tag k="highway" v="residential"/></way>',
      '<way id="11"><nd ref="4"/><nd ref="2"/><tag k="highway" v="residential"/></way>',
      '<way id="12"><nd ref="2"/><nd ref="5"/><tag k="highway" v="residential"/></way>',
      '<way id="20"><nd ref="3"/><nd ref="2"/><tag k="highway" v="footway"/></way>',
      '<relation id="30"><member type="way" ref="20" role="from"/>',
      '<member type="node" ref="2" role="via"/><member type="way" ref="12" role="to"/>',
      '<tag k="type" v="restriction"/><tag k="restriction" v="no_left_turn"/></relation>',
      '</osm>',
    ].join('\n');
    const path = join(tmp, 'named-footway.osm');
    writeFileSync(path, xml);
    const one = buildNetworkFromOsm(new TextEncoder().encode(xml), { profile: 'car' });
    const two = await loadNetwork(path, { profile: 'car' });
    expect(one.meta.turnRestrictions).toBe(1);
    expect(bytesOf(two).equals(bytesOf(one))).toBe(true);
    // By hand: the footway's references are read in a pass of their own, which nodePass requires.
    const bytes = new TextEncoder().encode(xml);
    const roads = new OsmRoadCollector();
    decodeOsm(bytes, roads.wayPass(resolveProfile('car')));
    expect(roads.needsNamedWays).toBe(true);
    expect(() => roads.nodePass()).toThrow(/namedWayPass/);
    decodeOsm(bytes, roads.namedWayPass());
    expect(roads.needsNamedWays).toBe(false);
    decodeOsm(bytes, roads.nodePass());
    const three = buildNetworkFromOsmRoads(roads, { profile: 'car' });
    expect(bytesOf(three).equals(bytesOf(one))).toBe(true);
  });

  it('keeps the skipped way a restriction names in a PBF too (ways counted alike in both passes)', async () => {
    // The same junction as above, written as PBF with ways in several blocks (the named-way pass
    // finds way 20 by its position among the ways, so the blocks must be counted the same way).
    const path = join(tmp, 'named-footway.osm.pbf');
    const w = new PbfWriter(path);
    const at: [number, number, number][] = [
      [1, 1.5, 42.5],
      [2, 1.51, 42.5],
      [3, 1.52, 42.5],
      [4, 1.51, 42.51],
      [5, 1.51, 42.49],
    ];
    for (const [id, lon, lat] of at) w.node(id, lon, lat);
    // Filler ways before and after, of a kind no profile routes, to spread the ways over blocks.
    let id = 1;
    // PbfWriter closes a block at 8,000 entities: the road ways land in the third block.
    for (let i = 0; i < 2 * 8000 + 17; i++) w.way(id++, [1, 2], { waterway: 'ditch' });
    w.way(10_000_010, [1, 2, 3], { highway: 'residential' });
    w.way(10_000_011, [4, 2], { highway: 'residential' });
    w.way(10_000_012, [2, 5], { highway: 'residential' });
    w.way(10_000_020, [3, 2], { highway: 'footway' });
    for (let i = 0; i < 8000; i++) w.way(20_000_000 + i, [4, 5], { waterway: 'ditch' });
    w.relation(
      30,
      [
        ['way', 10_000_020, 'from'],
        ['node', 2, 'via'],
        ['way', 10_000_012, 'to'],
      ],
      { type: 'restriction', restriction: 'no_left_turn' },
    );
    w.close();
    const bytes = readFileSync(path);
    const roads = new OsmRoadCollector();
    decodeOsm(bytes, roads.wayPass(resolveProfile('car')));
    expect(roads.needsNamedWays).toBe(true); // the footway was skipped and is named
    const one = buildNetworkFromOsm(bytes, { profile: 'car' });
    const two = await loadNetwork(path, { profile: 'car' });
    expect(one.meta.turnRestrictions).toBe(1);
    expect(bytesOf(two).equals(bytesOf(one))).toBe(true);
  });

  it("reads only the nodes of the profile's ways when told the profile, and builds no other", () => {
    const xml = [
      '<?xml version="1.0"?><osm version="0.6">',
      '<node id="1" lat="42.500" lon="1.500"/>',
      '<node id="2" lat="42.500" lon="1.510"/>',
      '<node id="3" lat="42.510" lon="1.510"/>',
      '<way id="10"><nd ref="1"/><nd ref="2"/><tag k="highway" v="residential"/></way>',
      '<way id="11"><nd ref="2"/><nd ref="3"/><tag k="highway" v="footway"/></way>',
      '</osm>',
    ].join('\n');
    const bytes = new TextEncoder().encode(xml);
    const roads = new OsmRoadCollector();
    decodeOsm(bytes, roads.wayPass(resolveProfile('car')));
    decodeOsm(bytes, roads.nodePass());
    expect(roads.nodes.size).toBe(2);
    expect(roads.wayCount).toBe(2);
    expect(() => buildNetworkFromOsmRoads(roads, { profile: 'walk' })).toThrow(
      /profile "car" only/,
    );
    expect(buildNetworkFromOsmRoads(roads, { profile: 'car' }).meta.warnings).toEqual(
      buildNetworkFromOsm(bytes, { profile: 'car' }).meta.warnings,
    );
  });

  it('throws on an invalid position of a node no way uses, as the one-pass reader does', () => {
    const roads = new OsmRoadCollector();
    roads.way(1, [1, 2], { highway: 'residential' });
    const sink = roads.nodePass();
    expect(() => sink.node(3, 200, 42.5)).toThrow(/node 3 has an invalid position/);
  });

  it.skipIf(!haveData)(
    'gives the same .srn bytes as the one-pass in-memory reader on the shared extracts',
    async () => {
      for (const file of [
        'andorra-2025.osm.pbf',
        'north-bayreuth-2014.osm.gz',
        'north-bayreuth-2014.osm.pbf',
        'andorra-ordino-small.osm.pbf',
      ]) {
        const path = join(OSM, file);
        const bytes = new Uint8Array(readFileSync(path));
        for (const [profile, turnRestrictions] of [
          ['car', true],
          ['car', false],
          ['walk', false],
        ] as const) {
          const one = bytesOf(buildNetworkFromOsm(bytes, { profile, turnRestrictions }));
          const two = bytesOf(await loadNetwork(path, { profile, turnRestrictions }));
          expect(two.equals(one), `${file} ${profile} ${turnRestrictions}`).toBe(true);
        }
      }
    },
    300_000,
  );

  it.skipIf(!haveData)(
    'PBF: the ways pass decodes no node and the nodes pass reads only blobs with nodes',
    () => {
      const path = join(OSM, 'andorra-2025.osm.pbf');
      const counts = { nodes: 0, ways: 0 };
      const kinds = new Map<number, number>();
      const waysOnly: OsmSink = {
        readsNodes: false,
        node: () => counts.nodes++,
        way: () => counts.ways++,
      };
      readOsmPbfFile(path, waysOnly, { onBlob: (at, k) => kinds.set(at, k) });
      expect(counts.nodes).toBe(0);
      expect(counts.ways).toBeGreaterThan(1000);
      const nodeBlobs = [...kinds].filter(([, k]) => k & BLOCK_NODES).map(([at]) => at);
      expect(nodeBlobs.length).toBeGreaterThan(0);
      expect([...kinds.values()].some((k) => k & BLOCK_WAYS && !(k & BLOCK_NODES))).toBe(true);
      const all = { nodes: 0, ways: 0 };
      readOsmPbfFile(path, { node: () => all.nodes++, way: () => all.ways++ });
      expect(all.ways).toBe(counts.ways);
      const read: number[] = [];
      const nodesOnly = { nodes: 0, ways: 0 };
      readOsmPbfFile(
        path,
        { readsWays: false, node: () => nodesOnly.nodes++, way: () => nodesOnly.ways++ },
        {
          skipBlob: (at) => !nodeBlobs.includes(at),
          onBlob: (at) => read.push(at),
        },
      );
      expect(nodesOnly).toEqual({ nodes: all.nodes, ways: 0 });
      expect(read).toEqual(nodeBlobs);
    },
  );
});

describe('Float64Chunks', () => {
  it('reads back what was pushed across chunk boundaries, and refuses released chunks', () => {
    const c = new Float64Chunks();
    const n = (1 << 20) + 5;
    for (let i = 0; i < n; i++) c.push(i * 3 + 2 ** 40);
    expect(c.length).toBe(n);
    expect(c.chunkCount).toBe(2);
    for (const i of [0, 1, (1 << 20) - 1, 1 << 20, n - 1]) expect(c.get(i)).toBe(i * 3 + 2 ** 40);
    expect(c.chunk(1).length).toBe(5);
    c.release(0);
    expect(() => c.chunk(0)).toThrow(/released/);
  });
});

describe('MarkedNodeStore', () => {
  it('keeps exactly the marked nodes given, in order or not (random, against a Map)', () => {
    for (let seed = 1; seed <= 100; seed++) {
      const rnd = mulberry32(seed);
      const refs = Float64Array.from({ length: 1 + Math.floor(rnd() * 50) }, () =>
        Math.floor(rnd() * 80),
      );
      const chunks = new Float64Chunks();
      for (const r of refs) chunks.push(r);
      const store = new MarkedNodeStore(chunks);
      const given = new Map<number, [number, number]>();
      const ids = Array.from({ length: 80 }, (_, i) => i).filter(() => rnd() < 0.7);
      const shuffled = rnd() < 0.5;
      if (shuffled) ids.sort(() => rnd() - 0.5);
      for (const id of ids) {
        const p: [number, number] = [rnd() * 10, rnd() * 10];
        given.set(id, p);
        store.add(id, p[0], p[1]);
      }
      const sortedIds = [...ids].sort((a, b) => a - b);
      expect(store.inOrder).toBe(sortedIds.every((id, i) => id === ids[i]));
      for (let k = 0; k < refs.length; k++) {
        const id = refs[k];
        expect(store.id(store.refIndex[k])).toBe(id);
        const i = store.indexOf(id);
        const p = given.get(id);
        expect(i >= 0, `seed ${seed} id ${id}`).toBe(p !== undefined);
        expect(store.has(store.refIndex[k])).toBe(p !== undefined);
        if (p) {
          expect(store.lonE7(i)).toBe(Math.round(p[0] * 1e7));
          expect(store.latE7(i)).toBe(Math.round(p[1] * 1e7));
        }
      }
      expect(store.indexOf(1000)).toBe(-1);
      expect(store.size).toBe(new Set(refs).size);
    }
  });
});
