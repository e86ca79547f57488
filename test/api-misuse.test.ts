// Library misuse (issue 15): each public function called once correctly and then with each of its
// arguments in turn replaced by a wrong value a plain-JS caller might pass (null, undefined, a
// string, NaN, an empty or wrong-shaped array, a GeoJSON Feature where coordinates belong, …).
// Each call must either throw the library's own error (InputError / FormatError), or return an
// answer with no NaN in it — never a raw TypeError/RangeError, and never NaN dressed as a result.
// (haversineM is left out: a formula on numbers, it gives NaN for NaN as Math.sin does.)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ServiceReachError } from '../src/errors';
import {
  buildNetworkFromGeoJson,
  catchments,
  coverage,
  euclideanCostMatrix,
  gini,
  isochrones,
  joinPopulation,
  maximalCovering,
  nearestFacilities,
  planTours,
  PointIndex,
  pMedian,
  readPointsFromCsv,
  readPointsFromGeoJson,
  readTsplibCvrp,
  resolveCrs,
  RoadNetwork,
  route,
  setCovering,
  shortestPathTree,
  snapPoint,
  snapPoints,
  solveVrp,
  standardById,
  supplyDemand,
  theil,
  toWgs84GeoJson,
  travelTimeMatrix,
  twoStepFca,
  villagePopulation,
  whatIf,
} from '../src/index';
import { ROOT } from './helpers/cli';

const roads = JSON.parse(readFileSync(join(ROOT, 'data/county/roads.geojson'), 'utf8'));
const net = buildNetworkFromGeoJson(roads, { profile: 'walk' });
const villages = readPointsFromGeoJson(
  JSON.parse(readFileSync(join(ROOT, 'data/county/villages.geojson'), 'utf8')),
).slice(0, 6);
const facilities = readPointsFromGeoJson(
  JSON.parse(readFileSync(join(ROOT, 'data/county/facilities.geojson'), 'utf8')),
)
  .filter((f) => f.category === 'health')
  .slice(0, 4);
const vc = villages.flatMap((v) => [v.lon, v.lat]);
const fc = facilities.flatMap((f) => [f.lon, f.lat]);
const c = catchments(net, vc, fc, { maxSeconds: 3600 });
const pops = villages.map(() => 100);
// A network far from every point (one road in the Sahara): every village is off-network on it.
const remote = buildNetworkFromGeoJson(
  {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        properties: { highway: 'residential' },
        geometry: {
          type: 'LineString',
          coordinates: [
            [10, 20],
            [10.01, 20],
          ],
        },
      },
    ],
  },
  { profile: 'walk' },
);

const feature = {
  type: 'Feature',
  properties: {},
  geometry: { type: 'Point', coordinates: [100.2, 25.2] },
};
/** The wrong values every argument is tried with. */
const BAD: [string, unknown][] = [
  ['null', null],
  ['undefined', undefined],
  ['a string', 'x'],
  ['NaN', Number.NaN],
  ['-1', -1],
  ['Infinity', Number.POSITIVE_INFINITY],
  ['an empty array', []],
  ['[NaN, NaN]', [Number.NaN, Number.NaN]],
  ['an odd-length array', [100.2, 25.2, 100.3]],
  ['a plain object', {}],
  ['a GeoJSON Feature', feature],
  ['a FeatureCollection', { type: 'FeatureCollection', features: [feature] }],
  ['a function', () => 1],
  ['a network far away', remote],
];

/** Each function with a good argument list; the campaign replaces one argument at a time. */
const CALLS: [string, (...a: never[]) => unknown, unknown[]][] = [
  ['buildNetworkFromGeoJson', buildNetworkFromGeoJson, [roads, { profile: 'walk' }]],
  ['RoadNetwork.fromBuffer', (b: never) => RoadNetwork.fromBuffer(b), [net.toBuffer()]],
  [
    'readPointsFromGeoJson',
    readPointsFromGeoJson,
    [{ type: 'FeatureCollection', features: [feature] }, {}],
  ],
  ['readPointsFromCsv', readPointsFromCsv, ['id,lon,lat\na,100.2,25.2\n', {}]],
  [
    'villagePopulation',
    villagePopulation,
    [{ id: 1, lon: 1, lat: 2, properties: { population: 5 } }, 0, 'population'],
  ],
  ['joinPopulation', joinPopulation, [villages, 'id,population\nV0001,5\n', {}]],
  ['new PointIndex', (p: never) => new PointIndex(p), [villages]],
  [
    'PointIndex#nearest',
    (lon: never, lat: never, o: never) => new PointIndex(villages).nearest(lon, lat, o),
    [100.2, 25.2, { k: 2 }],
  ],
  [
    'PointIndex.fromBuffer',
    (b: never) => PointIndex.fromBuffer(b),
    [new PointIndex(villages).toBuffer()],
  ],
  ['snapPoint', snapPoint, [net, 100.2, 25.2, {}]],
  ['snapPoints', snapPoints, [net, vc, {}]],
  ['nearestFacilities', nearestFacilities, [net, vc, fc, { k: 1 }]],
  ['shortestPathTree', shortestPathTree, [net, fc.slice(0, 2), { maxSeconds: 600 }]],
  ['travelTimeMatrix', travelTimeMatrix, [net, vc, fc, {}]],
  ['route', route, [net, [vc[0], vc[1]], [vc[2], vc[3]], {}]],
  ['coverage', coverage, [net, villages, facilities, { thresholdsMinutes: [15] }]],
  [
    'whatIf',
    whatIf,
    [net, villages, facilities, { close: [facilities[0].id!] }, { thresholdsMinutes: [15] }],
  ],
  ['standardById', standardById, ['elderly-care-15min']],
  ['isochrones', isochrones, [net, fc.slice(0, 2), { minutes: [5], cellM: 200 }]],
  ['catchments', catchments, [net, vc, fc, { maxSeconds: 600 }]],
  ['maximalCovering', maximalCovering, [c, pops, { p: 1 }]],
  ['setCovering', setCovering, [c, {}]],
  ['pMedian', pMedian, [c, pops, { p: 1 }]],
  ['twoStepFca', twoStepFca, [c, facilities.map(() => 10), pops, { kind: 'step' }]],
  ['supplyDemand', supplyDemand, [c, villages.map(() => 0), facilities.map(() => 10), pops, {}]],
  [
    'gini',
    gini,
    [
      [1, 2, 3],
      [1, 1, 1],
    ],
  ],
  [
    'theil',
    theil,
    [
      [1, 2, 3],
      [1, 1, 1],
    ],
  ],
  ['euclideanCostMatrix', euclideanCostMatrix, [[0, 1, 2], [0, 1, 0], true]],
  [
    'readTsplibCvrp',
    readTsplibCvrp,
    [
      'NAME: t\nTYPE: CVRP\nDIMENSION: 3\nEDGE_WEIGHT_TYPE: EUC_2D\nCAPACITY: 10\nNODE_COORD_SECTION\n1 0 0\n2 1 1\n3 2 0\nDEMAND_SECTION\n1 0\n2 1\n3 1\nDEPOT_SECTION\n1\n-1\nEOF\n',
    ],
  ],
  ['planTours', planTours, [net, villages, facilities.slice(0, 1), { iterations: 5 }]],
  ['resolveCrs', resolveCrs, ['gcj02']],
  ['toWgs84GeoJson', toWgs84GeoJson, [{ type: 'FeatureCollection', features: [feature] }, 'gcj02']],
];
CALLS.push([
  'solveVrp',
  solveVrp,
  [
    {
      matrix: euclideanCostMatrix([0, 1, 2], [0, 1, 0]),
      depots: [0],
      customers: [1, 2],
      demand: [0, 1, 1],
      capacity: 10,
    },
    { iterations: 5 },
  ],
]);

/** NaN anywhere in a result (typed arrays, arrays, plain objects; a few levels deep). */
function hasNaN(x: unknown, depth = 0, seen = new Set<unknown>()): boolean {
  if (typeof x === 'number') return Number.isNaN(x);
  if (!x || typeof x !== 'object' || depth > 6 || seen.has(x)) return false;
  seen.add(x);
  if (ArrayBuffer.isView(x) && !(x instanceof DataView))
    return Array.prototype.some.call(x, (v: unknown) => typeof v === 'number' && Number.isNaN(v));
  if (x instanceof RoadNetwork || x instanceof PointIndex) return false;
  const values = Array.isArray(x) ? x : Object.values(x as object);
  return values.some((v) => hasNaN(v, depth + 1, seen));
}

describe('library misuse gets the library errors, never a TypeError or a NaN answer', () => {
  it('every public function, each argument replaced by each wrong value', () => {
    let calls = 0;
    let named = 0;
    let accepted = 0;
    const failures: string[] = [];
    for (const [name, fn, good] of CALLS) {
      // NaN the good call's answer holds already is a documented sentinel (placed points' unused slots).
      const baseline = hasNaN(fn(...(good as never[])));
      for (let i = 0; i < good.length; i++)
        for (const [label, bad] of BAD) {
          const args = good.slice();
          args[i] = bad;
          calls++;
          try {
            const r = fn(...(args as never[]));
            if (!baseline && hasNaN(r))
              failures.push(`${name} argument ${i + 1} = ${label}: NaN in the result`);
            else accepted++;
          } catch (e) {
            if (e instanceof ServiceReachError) named++;
            else
              failures.push(
                `${name} argument ${i + 1} = ${label}: ${(e as Error)?.name}: ${(e as Error)?.message}`,
              );
          }
        }
    }
    console.log(
      `API misuse: ${calls} calls (${CALLS.length} functions × arguments × ${BAD.length} wrong values): ${named} library errors, ${accepted} answers without NaN, ${failures.length} failures`,
    );
    expect(failures).toEqual([]);
  }, 120_000);
});
