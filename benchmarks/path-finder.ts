import { existsSync } from 'node:fs';
import type { Feature, FeatureCollection, LineString, Point, Position } from 'geojson';
import PathFinderImport from 'geojson-path-finder';
import { buildNetworkFromGeoJson, haversineM, type RoadNetwork, route } from '../src/index';
import { SearchEngine } from '../src/engine';
import { loadNetwork } from '../src/node';
import { mulberry32 } from '../test/helpers/random';
import { type BenchRow, time } from './harness';
import { gridRoads } from './network-build';
import { OSM } from './paths';

// Node loads the package's CommonJS build, whose default export arrives as `.default` of the module.
const PathFinder =
  (PathFinderImport as unknown as { default?: typeof PathFinderImport }).default ??
  PathFinderImport;

/** Seconds per metre along and against the line's coordinate order; 0 = closed (its convention). */
interface Pace {
  fw: number;
  bw: number;
}

/**
 * The network's links as LineStrings with their full geometry and paces such that a line's
 * length (haversine over its coordinates) times its pace is our edge time: the same roads and
 * times for geojson-path-finder's weight function and for our own build.
 */
function linksGeoJson(net: RoadNetwork): FeatureCollection<LineString, Pace> {
  const features: Feature<LineString, Pace>[] = [];
  for (let l = 0; l < net.linkCount; l++) {
    const c = net.linkCoordinates(l);
    let m = 0;
    for (let i = 1; i < c.length; i++) m += haversineM(c[i - 1][0], c[i - 1][1], c[i][0], c[i][1]);
    const f = net.linkTimeS(l, true);
    const b = net.linkTimeS(l, false);
    features.push({
      type: 'Feature',
      properties: { fw: f < Infinity ? f / m : 0, bw: b < Infinity ? b / m : 0 },
      geometry: { type: 'LineString', coordinates: c },
    });
  }
  return { type: 'FeatureCollection', features };
}

/** Its weight function: segment length × pace each way (0 closes a direction, so a 0-length segment gets the smallest double). */
function weight(a: Position, b: Position, p: Pace): { forward: number; backward: number } {
  const d = haversineM(a[0], a[1], b[0], b[1]);
  return {
    forward: p.fw && Math.max(d * p.fw, Number.MIN_VALUE),
    backward: p.bw && Math.max(d * p.bw, Number.MIN_VALUE),
  };
}

/**
 * geojson-path-finder (v2): builds its own graph from GeoJSON LineStrings (string-keyed vertex
 * objects, degree-2 vertices compacted away) and answers one pair at a time with a Dijkstra that
 * stops at the target. Fed our network's links with our times; vertices are merged at 1e-7°
 * (our own rule) instead of its default 1e-5° (~1 m, which joins distinct nearby road vertices).
 * Andorra by car and a 200×200 grid: on the 1000×1000 grid its preparation alone took 83 s and a
 * 4.8 GB heap, over Node's default limit here.
 */
export async function pathFinderBench(quick: boolean): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const cases: [string, () => Promise<RoadNetwork>, 'car' | 'walk', number][] = [];
  const andorra = `${OSM}/andorra-2025.osm.pbf`;
  if (existsSync(andorra))
    // Without turn restrictions: it merges vertices by coordinate, so the copies a restricted
    // junction is split into become one vertex again and it routes through the forbidden turns
    // (with them, pair 1186 → 998 took 187.8 s through a restricted turn against our 231.5 s).
    cases.push([
      'Andorra (car)',
      () => loadNetwork(andorra, { profile: 'car', turnRestrictions: false }),
      'car',
      200,
    ]);
  cases.push([
    'grid 200×200 (walk)',
    async () => buildNetworkFromGeoJson(gridRoads(200), { profile: 'walk' }),
    'walk',
    quick ? 20 : 40,
  ]);
  const runs = quick ? 1 : 3;
  for (const [name, make, profile, pairCount] of cases) {
    const net = await make();
    const roads = linksGeoJson(net);
    const suite = `one pair at a time, geojson-path-finder, ${name}, ${net.nodeCount} nodes, ${roads.features.length} LineStrings`;
    const cost = (f: Feature, lengthM: number) => {
      const p = f.properties as Pace;
      return { forward: p.fw ? p.fw * lengthM : null, backward: p.bw ? p.bw * lengthM : null };
    };
    const buildMs = await time(() => buildNetworkFromGeoJson(roads, { profile, cost }), runs);
    rows.push({
      suite,
      name: 'buildNetworkFromGeoJson (same LineStrings and times)',
      medianMs: buildMs,
    });
    // Seconds per call: the first call warms up, one more is timed.
    let finder!: PathFinderImport<unknown, Pace>;
    const prepMs = await time(
      () => {
        finder = new PathFinder(roads, { weight, tolerance: 1e-7 });
      },
      1,
      0,
    );
    rows.push({
      suite,
      name: 'geojson-path-finder new PathFinder (topology + compaction)',
      medianMs: prepMs,
      baseline: 'buildNetworkFromGeoJson (same LineStrings and times)',
    });

    // Node-to-node pairs, each node given to it as its coordinate (a vertex of its graph).
    const engine = new SearchEngine(net);
    const rnd = mulberry32(17);
    const at = (v: number): Feature<Point> => ({
      type: 'Feature',
      properties: {},
      geometry: { type: 'Point', coordinates: [net.nodeLon(v), net.nodeLat(v)] },
    });
    const agree: [number, number][] = [];
    let costlier = 0;
    let routeDiffers = 0;
    let tried = 0;
    while (tried < pairCount) {
      const s = Math.floor(rnd() * net.nodeCount);
      const d = Math.floor(rnd() * net.nodeCount);
      engine.run([{ node: s, timeS: 0, source: 0 }]);
      const ours = engine.timeS(d);
      if (ours === Infinity) continue; // another component or a one-way trap: not a comparison
      tried++;
      const theirs = finder.findPath(at(s), at(d))?.weight ?? Infinity;
      if (Math.abs(theirs - ours) <= 1e-9 * ours + 1e-6) agree.push([s, d]);
      else if (theirs > ours) costlier++;
      else
        throw new Error(
          `geojson-path-finder found a faster path than SearchEngine (${name}, ${s} → ${d}): ${theirs} vs ${ours}`,
        );
      const r = route(net, [net.nodeLon(s), net.nodeLat(s)], [net.nodeLon(d), net.nodeLat(d)]);
      if (Math.abs(r.timeS - ours) > 1e-9 * ours + 1e-6) routeDiffers++;
    }
    // Timed on the pairs where the costs agree (fewer on the grid, where one of its queries takes ~0.1 s).
    const timed = agree.slice(0, net.nodeCount > 10_000 ? (quick ? 10 : 20) : 50);
    const oursMs = await time(() => {
      for (const [s, d] of timed) {
        engine.run([{ node: s, timeS: 0, source: 0 }]);
        engine.timeS(d);
      }
    }, runs);
    rows.push({
      suite,
      name: 'SearchEngine, one pair (a full one-to-all search)',
      medianMs: oursMs / timed.length,
      figure: `${timed.length} pairs`,
    });
    const routeMs = await time(() => {
      for (const [s, d] of timed)
        route(net, [net.nodeLon(s), net.nodeLat(s)], [net.nodeLon(d), net.nodeLat(d)]);
    }, runs);
    rows.push({
      suite,
      name: 'route(), one pair (snap both ends, search, geometry)',
      medianMs: routeMs / timed.length,
      figure: routeDiffers
        ? `time differs on ${routeDiffers} of ${tried} pairs (an end snapped onto a one-way link's far node)`
        : 'same times',
      baseline: 'SearchEngine, one pair (a full one-to-all search)',
    });
    const theirMs = await time(() => {
      for (const [s, d] of timed) finder.findPath(at(s), at(d));
    }, runs);
    rows.push({
      suite,
      name: 'geojson-path-finder findPath, one pair',
      medianMs: theirMs / timed.length,
      figure: `same times on ${agree.length} of ${tried} pairs (checked, timed on ${timed.length})${costlier ? `; a slower path on the other ${costlier}: its compaction keeps an existing junction-to-junction edge over a faster route through a vertex it removes` : ''}`,
      baseline: 'SearchEngine, one pair (a full one-to-all search)',
    });
  }
  return rows;
}
