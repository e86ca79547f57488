import { existsSync } from 'node:fs';
import type { Feature, LineString } from 'geojson';
import { buildNetworkFromGeoJson, RoadNetwork } from '../src/index';
import { buildNetworkFromOsmRoads, OsmRoadCollector } from '../src/engine';
import { readOsmFile } from '../src/node';
import { contract } from '../src/search/ch/contract';
import { crc32 } from '../src/inputs/crc32';
import { checkNetwork } from '../src/network/network-checks';
import { type BenchRow, now, time } from './harness';
import { OSM } from './paths';

/** A square grid of two-way residential streets, `side` × `side` intersections ~100 m apart. */
export function gridRoads(side: number): {
  type: 'FeatureCollection';
  features: Feature<LineString>[];
} {
  const features: Feature<LineString>[] = [];
  const step = 0.001;
  for (let i = 0; i < side; i++) {
    const row: number[][] = [];
    const col: number[][] = [];
    for (let j = 0; j < side; j++) {
      row.push([100 + j * step, 25 + i * step]);
      col.push([100 + i * step, 25 + j * step]);
    }
    features.push({
      type: 'Feature',
      properties: { highway: 'residential' },
      geometry: { type: 'LineString', coordinates: row },
    });
    features.push({
      type: 'Feature',
      properties: { highway: 'residential' },
      geometry: { type: 'LineString', coordinates: col },
    });
  }
  return { type: 'FeatureCollection', features };
}

/** Build from the real extracts and a synthetic grid; decode alone is the baseline. */
export async function networkBuildBench(quick: boolean): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const runs = quick ? 3 : 5;
  for (const file of ['andorra-2025.osm.pbf', 'north-bayreuth-2014.osm.gz']) {
    const path = `${OSM}/${file}`;
    if (!existsSync(path)) {
      console.warn(`skip ${file}: ../shared/data/osm not found`);
      continue;
    }
    const suite = `build ${file}`;
    let osmNodes = 0;
    const decodeMs = await time(async () => {
      let n = 0;
      await readOsmFile(path, { node: () => void n++, way: () => {} });
      osmNodes = n;
    }, runs);
    rows.push({
      suite,
      name: 'decode only (count nodes/ways)',
      medianMs: decodeMs,
      figure: `${(osmNodes / decodeMs / 1000).toFixed(2)}M OSM nodes/s`,
    });
    let roads = new OsmRoadCollector();
    const collectMs = await time(async () => {
      roads = new OsmRoadCollector();
      await readOsmFile(path, roads);
    }, runs);
    rows.push({
      suite,
      name: 'decode + collect roads',
      medianMs: collectMs,
      baseline: 'decode only (count nodes/ways)',
    });
    for (const profile of ['car', 'walk'] as const) {
      let net!: RoadNetwork;
      const buildMs = await time(() => {
        net = buildNetworkFromOsmRoads(roads, { profile });
      }, runs);
      const s = net.stats();
      rows.push({
        suite,
        name: `graph build (${profile}) from collected roads`,
        medianMs: buildMs,
        figure: `${s.nodes} nodes, ${s.edges} edges, ${s.bytesPerEdge} B/edge`,
        baseline: 'decode only (count nodes/ways)',
      });
      // Contraction: a fresh hierarchy each time (contract, not the cached hierarchyFor).
      const g = net;
      const chEdges = { n: 0 };
      const chMs = await time(
        () => {
          chEdges.n = contract({ ...g.arrays, nodeCount: g.nodeCount }).edgeCount;
        },
        quick ? 1 : 3,
      );
      rows.push({
        suite,
        name: `contraction hierarchy (${profile})`,
        medianMs: chMs,
        figure: `${chEdges.n} edges up + down (${(chEdges.n / s.edges).toFixed(2)} per network edge)`,
        baseline: `graph build (${profile}) from collected roads`,
      });
      const buf = net.toBuffer();
      const loadMs = await time(() => RoadNetwork.fromBuffer(buf), runs * 4);
      rows.push({
        suite,
        name: `load .srn buffer (${profile})`,
        medianMs: loadMs,
        figure: `${(buf.byteLength / 1e6).toFixed(2)} MB`,
        baseline: 'decode only (count nodes/ways)',
      });
      // What the integrity check costs inside that load (format 2): the CRC-32 over every byte
      // and the range checks over every section, each as a share of the whole load.
      const bytes = new Uint8Array(buf);
      const crcMs = await time(() => crc32(bytes.subarray(20)), runs * 4);
      rows.push({
        suite,
        name: `  of which CRC-32 (${profile})`,
        medianMs: crcMs,
        figure: `${(buf.byteLength / 1e3 / crcMs).toFixed(0)} MB/s`,
        baseline: `load .srn buffer (${profile})`,
      });
      const checkMs = await time(() => checkNetwork(net.arrays, net.meta), runs * 4);
      rows.push({
        suite,
        name: `  of which range checks (${profile})`,
        medianMs: checkMs,
        baseline: `load .srn buffer (${profile})`,
      });
      rows.push({
        suite,
        name: `  rebuild instead: decode + collect + build (${profile})`,
        medianMs: collectMs + buildMs,
        baseline: `load .srn buffer (${profile})`,
      });
    }
  }
  const side = quick ? 300 : 1000;
  const grid = gridRoads(side);
  let net!: RoadNetwork;
  const gridMs = await time(
    () => {
      net = buildNetworkFromGeoJson(grid, { profile: 'walk' });
    },
    quick ? 2 : 3,
  );
  rows.push({
    suite: `build synthetic grid ${side}×${side}`,
    name: 'GeoJSON → network (walk)',
    medianMs: gridMs,
    figure: `${net.nodeCount} nodes, ${((side * side) / gridMs / 1000).toFixed(2)}M vertices/s, ${net.stats().bytesPerEdge} B/edge`,
  });
  // The grid is a contraction hierarchy's worst case (no road hierarchy, ties everywhere): once.
  const g = net;
  const chEdges = { n: 0 };
  const t0 = now();
  chEdges.n = contract({ ...g.arrays, nodeCount: g.nodeCount }).edgeCount;
  const chMs = now() - t0;
  rows.push({
    suite: `build synthetic grid ${side}×${side}`,
    name: 'contraction hierarchy (walk)',
    medianMs: chMs,
    figure: `${chEdges.n} edges up + down (${(chEdges.n / g.arrays.edgeTarget.length).toFixed(2)} per network edge)`,
    baseline: 'GeoJSON → network (walk)',
  });
  return rows;
}
