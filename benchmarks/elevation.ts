// Terrain-aware networks: build-time and memory cost of `elevation`, and its effect on the
// 15-minute walking coverage and on isochrone areas (figures for docs/terrain.md).
import { existsSync, readFileSync } from 'node:fs';
import { buildNetworkFromOsmRoads, OsmRoadCollector, SearchEngine } from '../src/engine';
import {
  coverage,
  type Dem,
  isochrones,
  pointCoords,
  readPointsFromOsm,
  type RoadNetwork,
} from '../src/index';
import { loadDem, readOsmFile } from '../src/node';
import { type BenchRow, time } from './harness';
import { OSM } from './paths';

const CASES = [
  { file: 'andorra-2025.osm.pbf', bbox: [1.29, 42.32, 1.83, 42.79] as const },
  { file: 'north-bayreuth-2014.osm.pbf', bbox: [11.39, 49.88, 11.68, 50.1] as const },
];

/** Build cost with and without a DEM, search cost on the bigger graph, and the effect on access. */
export async function elevationBench(quick: boolean): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const runs = quick ? 3 : 5;
  for (const { file, bbox } of CASES) {
    const path = `${OSM}/${file}`;
    if (!existsSync(path) || !existsSync(`${OSM}/srtm`)) {
      console.warn(`skip ${file}: ../shared/data/osm (with srtm/) not found`);
      continue;
    }
    const suite = `elevation ${file}`;
    const roads = new OsmRoadCollector();
    await readOsmFile(path, roads);
    const bytes = new Uint8Array(readFileSync(path));
    const villages = readPointsFromOsm(bytes, { places: true }).points;
    const places = villages.slice(0, 20).map((v) => [v.lon, v.lat]);
    let dem!: Dem;
    const demMs = await time(async () => {
      dem = await loadDem(`${OSM}/srtm`, { bbox });
    }, runs);
    for (const profile of ['walk', 'car'] as const) {
      const base = `graph build (${profile}), no DEM`;
      let flat!: RoadNetwork;
      let hilly!: RoadNetwork;
      const flatMs = await time(() => {
        flat = buildNetworkFromOsmRoads(roads, { profile });
      }, runs);
      const hillyMs = await time(() => {
        hilly = buildNetworkFromOsmRoads(roads, { profile, elevation: { dem } });
      }, runs);
      const f = flat.stats();
      const h = hilly.stats();
      rows.push({
        suite,
        name: base,
        medianMs: flatMs,
        figure: `${f.nodes} nodes, ${f.edges} edges, ${(f.bytes / 1e6).toFixed(2)} MB`,
      });
      rows.push({
        suite,
        name: `graph build (${profile}) with SRTM3`,
        medianMs: hillyMs,
        baseline: base,
        figure: `${h.nodes} nodes (×${(h.nodes / f.nodes).toFixed(2)}), ${h.edges} edges, ${(h.bytes / 1e6).toFixed(2)} MB (×${(h.bytes / f.bytes).toFixed(2)}), ${h.bytesPerEdge} B/edge`,
      });
      // Searches from the same 20 places on both graphs (the node nearest each of 20 villages),
      // interleaved so that both see the same machine load.
      const engines = [flat, hilly].map((net) => ({
        engine: new SearchEngine(net),
        seeds: places.map(([lon, lat]) => nearestNode(net, lon, lat)),
        ms: [] as number[],
      }));
      for (let r = 0; r < 4 * runs; r++)
        for (const e of engines) {
          const t0 = performance.now();
          for (const node of e.seeds) e.engine.run([{ node, timeS: 0, source: 0 }], {});
          e.ms.push((performance.now() - t0) / e.seeds.length);
        }
      const median = (xs: number[]) => xs.sort((x, y) => x - y)[xs.length >> 1];
      const searchBase = `one-to-all search (${profile}), no DEM`;
      rows.push({ suite, name: searchBase, medianMs: median(engines[0].ms) });
      rows.push({
        suite,
        name: `one-to-all search (${profile}) with SRTM3`,
        medianMs: median(engines[1].ms),
        baseline: searchBase,
      });
    }
    rows.push({
      suite,
      name: 'read SRTM3 tiles (loadDem, bbox)',
      medianMs: demMs,
      figure: `${dem.grids.length} tile(s), ${(dem.grids.reduce((s, g) => s + g.heights.byteLength, 0) / 1e6).toFixed(1)} MB of heights, ${dem.voidsFilled} voids filled`,
      baseline: 'graph build (walk), no DEM',
    });
    rows.push(...effect(suite, bytes, roads, dem));
  }
  return rows;
}

/** 15-minute walking coverage of villages by health and education facilities, and isochrone areas. */
function effect(suite: string, bytes: Uint8Array, roads: OsmRoadCollector, dem: Dem): BenchRow[] {
  const villages = readPointsFromOsm(bytes, { places: true }).points;
  const facilities = readPointsFromOsm(bytes, { facilities: ['health', 'education'] }).points;
  const out: BenchRow[] = [];
  const figures: string[] = [];
  for (const elevation of [undefined, { dem }]) {
    const net = buildNetworkFromOsmRoads(roads, { profile: 'walk', elevation });
    const label = elevation ? 'SRTM3' : 'flat';
    const t0 = performance.now();
    const r = coverage(net, villages, facilities, {
      thresholdsMinutes: [15, 30, 60],
      direction: 'to',
    });
    const within = [15, 30, 60].map(
      (m) => r.villages.filter((v) => v.minutes !== null && v.minutes <= m).length,
    );
    const minutes = r.villages.map((v) => v.minutes ?? Infinity).sort((x, y) => x - y);
    const median = minutes[minutes.length >> 1];
    const fc = isochrones(net, pointCoords(facilities), { minutes: [15], direction: 'from' });
    const area = fc.features.reduce((s, f) => s + f.properties.areaKm2, 0);
    figures.push(
      `${label}: of ${villages.length} villages ${within.join(' / ')} within 15 / 30 / 60 min, median ${median.toFixed(1)} min; 15-min isochrones ${area.toFixed(2)} km²`,
    );
    out.push({
      suite,
      name: `15-min walk coverage + isochrones (${label})`,
      medianMs: performance.now() - t0,
      figure: figures[figures.length - 1],
    });
  }
  return out;
}

function nearestNode(net: RoadNetwork, lon: number, lat: number): number {
  let best = 0;
  let bestD = Infinity;
  for (let i = 0; i < net.nodeCount; i++) {
    const d = (net.nodeLon(i) - lon) ** 2 + (net.nodeLat(i) - lat) ** 2;
    if (d < bestD) {
      bestD = d;
      best = i;
    }
  }
  return best;
}
