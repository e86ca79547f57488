import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { geoDistance } from 'd3-geo';
import { describe, expect, it } from 'vitest';
import type { RoadNetwork } from '../src/index';
import { EARTH_RADIUS_M, evaluateWay, SKIP_CODES } from '../src/engine';
import { loadNetwork, readOsmFile } from '../src/node';
import { expectAtLeast, expectCloseTo, expectIs } from './helpers/loop-expect';
import { SHARED_EXTRACTS, type SharedExtract, sharedNetwork } from './helpers/shared-data';

const OSM = resolve(import.meta.dirname, '../../shared/data/osm');
const FILES = [
  'andorra-ordino-small.osm.pbf',
  'andorra-2025.osm.pbf',
  'north-bayreuth-2014.osm.gz',
  'north-bayreuth-2014.osm.pbf',
];
const haveData = existsSync(OSM);
if (!haveData)
  console.warn(
    `skipping OSM extract tests: ${OSM} not found (the shared data folder sits beside the project)`,
  );

/** Raw highway/ferry ways and all node positions, kept here without any of the builder's code. */
async function rawWays(path: string) {
  const nodes = new Map<number, [number, number]>();
  const ways: { id: number; refs: number[]; tags: Record<string, string> }[] = [];
  await readOsmFile(path, {
    node: (id, lon, lat) => void nodes.set(id, [lon, lat]),
    way: (id, refs, tags) => {
      if (tags.highway !== undefined || tags.route === 'ferry')
        ways.push({ id, refs: Array.from(refs), tags: { ...tags } });
    },
  });
  return { nodes, ways };
}

/** The car and walk tests of a file read the same raw ways: decode them once (one file kept). */
let lastRaw: { path: string; raw: ReturnType<typeof rawWays> } | undefined;
function rawWaysOnce(path: string): ReturnType<typeof rawWays> {
  if (lastRaw?.path !== path) lastRaw = { path, raw: rawWays(path) };
  return lastRaw.raw;
}

/** The short name other tests load this extract's networks by, if they share it. */
const sharedName = (file: string) =>
  (Object.keys(SHARED_EXTRACTS) as SharedExtract[]).find((k) => SHARED_EXTRACTS[k] === file);

describe.skipIf(!haveData)(
  'networks from the real OSM extracts match counts computed from the raw ways',
  () => {
    for (const file of FILES) {
      for (const profile of ['car', 'walk'] as const) {
        it(`${file} (${profile})`, async () => {
          const path = `${OSM}/${file}`;
          const net: RoadNetwork = await loadNetwork(path, { profile });
          const { nodes, ways } = await rawWaysOnce(path);
          const p = (await import('../src/index')).profiles[profile];

          const skips: Record<string, number> = {};
          const byClass: Record<string, number> = {};
          let length = 0;
          let time = 0;
          let used = 0;
          const degree = new Map<number, number>(); // segment ends at each OSM node
          const uses = new Map<number, number>(); // occurrences in used ways, ends counted twice
          for (const w of ways) {
            const v = evaluateWay(w.tags, p);
            if (!v.ok) {
              skips[v.reason] = (skips[v.reason] ?? 0) + 1;
              continue;
            }
            used++;
            const refs = w.refs.filter((r, i) => i === 0 || r !== w.refs[i - 1]);
            let wayLen = 0;
            for (let i = 1; i < refs.length; i++)
              wayLen += geoDistance(nodes.get(refs[i - 1])!, nodes.get(refs[i])!) * EARTH_RADIUS_M;
            length += wayLen;
            byClass[v.cls] = (byClass[v.cls] ?? 0) + wayLen;
            if (v.durationS !== null) time += 2 * v.durationS;
            else
              time +=
                (v.forwardKmh > 0 ? wayLen / (v.forwardKmh / 3.6) : 0) +
                (v.backwardKmh > 0 ? wayLen / (v.backwardKmh / 3.6) : 0);
            refs.forEach((r, i) => {
              const end = i === 0 || i === refs.length - 1;
              uses.set(r, (uses.get(r) ?? 0) + (end ? 2 : 1));
              if (refs.length > 1) degree.set(r, (degree.get(r) ?? 0) + (end ? 1 : 2));
            });
          }

          const s = net.stats();
          expect(s.inputWays).toBe(ways.length);
          expect(s.usedWays).toBe(used);
          const warned = Object.fromEntries(
            s.warnings.filter((w) => SKIP_CODES.has(w.code)).map((w) => [w.code, w.count]),
          );
          expect(warned).toEqual(skips);

          let netLen = 0;
          const netByClass: Record<string, number> = {};
          for (let l = 0; l < net.linkCount; l++) {
            netLen += net.arrays.linkLengthM[l];
            const c = net.meta.classNames[net.arrays.linkClass[l]];
            netByClass[c] = (netByClass[c] ?? 0) + net.arrays.linkLengthM[l];
          }
          expect(netLen / length).toBeCloseTo(1, 9);
          for (const c of Object.keys(byClass))
            expect(netByClass[c] / byClass[c], c).toBeCloseTo(1, 9);
          let netTime = 0;
          for (let e = 0; e < net.edgeCount; e++) netTime += net.arrays.edgeTimeS[e];
          expect(netTime / time).toBeCloseTo(1, 9);

          // Every vertex where the road does not simply pass through (degree ≠ 2) is a graph node,
          // and every graph node is a way end or a vertex used more than once.
          const graphNodes = new Set(Array.from(net.arrays.nodeSourceId));
          // Junctions split for car turn restrictions are one OSM node several times over.
          const copies = net.nodeCount - graphNodes.size;
          if (net.meta.turnLinks) expect(copies).toBeGreaterThan(0);
          else expect(copies).toBe(0);
          for (const [id, d] of degree)
            if (d !== 2) expectIs(graphNodes.has(id), true, `OSM node ${id} (degree ${d})`);
          for (const id of graphNodes) expectAtLeast(uses.get(id)!, 2, `OSM node ${id}`);
          for (let i = 0; i < net.nodeCount; i++) {
            const [lon, lat] = nodes.get(net.arrays.nodeSourceId[i])!;
            expectCloseTo(net.nodeLon(i), lon, 7);
            expectCloseTo(net.nodeLat(i), lat, 7);
          }
          // A connected road network: one weak component holds most of the nodes.
          expect(s.largestComponentNodes / s.nodes).toBeGreaterThan(0.5);

          // Other tests load this network from the global setup's cache: it must be this build.
          const name = sharedName(file);
          if (name) {
            const cached = new Uint8Array((await sharedNetwork(name, profile)).toBuffer());
            const built = new Uint8Array(net.toBuffer());
            expect(Buffer.compare(cached, built), `cached ${name} ${profile} network`).toBe(0);
          }
        });
      }
    }
  },
);
