import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildNetworkFromGeoJson,
  coverage,
  type IndexedPoint,
  isochrones,
  nearestFacilities,
} from '../src/index';
import { categoriesFromTags, SearchEngine, travelTimeSurface } from '../src/engine';
import { loadNetwork } from '../src/node';
import { placePoints, pointSeeds, type Seed } from '../src/search/placed-points';
import { mulberry32 } from '../test/helpers/random';
import { osmPoints } from '../test/helpers/osm-points';
import { type BenchRow, time } from './harness';
import { gridRoads } from './network-build';
import { OSM } from './paths';

const ANDORRA = join(OSM, 'andorra-2025.osm.pbf');

/** Coverage (Andorra villages × health facilities; 10,000 villages on a grid) and isochrones. */
export async function analysisBench(quick: boolean): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  if (existsSync(ANDORRA)) {
    const car = await loadNetwork(ANDORRA, { profile: 'car' });
    const places = osmPoints(ANDORRA, (t) =>
      ['city', 'town', 'village', 'hamlet', 'isolated_dwelling'].includes(t.place),
    );
    const health = osmPoints(ANDORRA, (t) => categoriesFromTags(t).includes('health'));
    const suite = `coverage, Andorra (car): ${places.length} places × ${health.length} health facilities`;
    const coords = places.flatMap((p) => [p.lon, p.lat]);
    const hc = health.flatMap((p) => [p.lon, p.lat]);
    nearestFacilities(car, coords, hc);
    rows.push({
      suite,
      name: 'nearestFacilities k=1 (the search alone)',
      medianMs: await time(() => nearestFacilities(car, coords, hc)),
    });
    rows.push({
      suite,
      name: 'coverage, 15/30/60/90 min, with summaries',
      medianMs: await time(() =>
        coverage(car, places, health, {
          thresholdsMinutes: [15, 30, 60, 90],
          categories: ['health'],
        }),
      ),
      baseline: 'nearestFacilities k=1 (the search alone)',
    });

    const walk = await loadNetwork(ANDORRA, { profile: 'walk' });
    const cap = osmPoints(ANDORRA, (t) => t.name === "Centre d'Atenció Primària d'Ordino")[0];
    const origin = [cap.lon, cap.lat];
    for (const [name, net, minutes, cellM] of [
      ['15-minute walk (5/10/15)', walk, [5, 10, 15], 100],
      ['90-minute drive (30/60/90)', car, [30, 60, 90], 100],
      ['90-minute drive (30/60/90)', car, [30, 60, 90], 250],
    ] as const) {
      const isoSuite = `isochrone, Andorra, from the Ordino primary-care centre: ${name}, ${cellM} m cells`;
      const seeds: Seed[] = [];
      pointSeeds(net, placePoints(net, origin), 0, 'from', 0, seeds);
      const engine = new SearchEngine(net);
      rows.push({
        suite: isoSuite,
        name: 'the search alone (bounded)',
        medianMs: await time(() => engine.run(seeds, { maxSeconds: minutes[2] * 60 })),
      });
      const s = travelTimeSurface(net, origin, { maxSeconds: minutes[2] * 60, cellM });
      rows.push({
        suite: isoSuite,
        name: 'travel-time surface',
        medianMs: await time(() =>
          travelTimeSurface(net, origin, { maxSeconds: minutes[2] * 60, cellM }),
        ),
        figure: `${s.cols}×${s.rows} grid`,
        baseline: 'the search alone (bounded)',
      });
      let bands = '';
      const ms = await time(() => {
        bands = isochrones(net, origin, { minutes: [...minutes], cellM })
          .features.map((f) => `${f.properties.minutes} min ${f.properties.areaKm2} km²`)
          .join(', ');
      });
      rows.push({
        suite: isoSuite,
        name: 'isochrones (surface + 3 contours + areas)',
        medianMs: ms,
        figure: bands,
        baseline: 'the search alone (bounded)',
      });
    }
  }
  // 10,000 villages with populations on the synthetic grid.
  const side = quick ? 300 : 1000;
  const net = buildNetworkFromGeoJson(gridRoads(side), { profile: 'walk' });
  const rnd = mulberry32(8);
  const pts = (n: number): IndexedPoint[] =>
    Array.from({ length: n }, (_, i) => ({
      lon: 100 + rnd() * side * 0.001,
      lat: 25 + rnd() * side * 0.001,
      id: i,
      properties: { population: Math.floor(rnd() * 2000), township: `t${i % 10}` },
    }));
  const villages = pts(10_000);
  const facilities = pts(200);
  const suite = `coverage, 10,000 villages × 200 facilities, grid ${side}×${side} (walk), ${net.nodeCount} nodes`;
  const vc = villages.flatMap((p) => [p.lon, p.lat]);
  const fc = facilities.flatMap((p) => [p.lon, p.lat]);
  nearestFacilities(net, vc.slice(0, 20), fc);
  rows.push({
    suite,
    name: 'nearestFacilities k=1 (the search alone)',
    medianMs: await time(() => nearestFacilities(net, vc, fc), 3),
  });
  rows.push({
    suite,
    name: 'coverage 15/30 min by township',
    medianMs: await time(
      () =>
        coverage(net, villages, facilities, { thresholdsMinutes: [15, 30], groupBy: 'township' }),
      3,
    ),
    baseline: 'nearestFacilities k=1 (the search alone)',
  });
  return rows;
}
