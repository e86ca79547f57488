// Unknown option keys are errors (a misspelt `maxMinutes` where the key is `maxSeconds` ran with
// no limit at all): every public function, constructor and method that takes an options object is
// called once with a misspelt key — it must throw (or reject with) `InputError` `invalid-option`
// naming the function, the key and the closest known key — and once with every key its options
// type has. The `Every<T>` objects below list each key of the public options type, so the compiler
// makes this file list a key the type gains; the call then proves the library's key table has it.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import type { ContractOptions, SearchOptions, SurfaceOptions } from '../src/engine';
import {
  asPlaced,
  buildNetworkFromOsmRoads,
  contract,
  decodeOsm,
  OsmPointCollector,
  OsmRoadCollector,
  placePoints,
  SearchEngine,
  travelTimeSurface,
} from '../src/engine';
import { closestKey } from '../src/geo/option-keys';
import {
  type BuildOptions,
  buildNetworkFromGeoJson,
  buildNetworkFromOsm,
  type CarGradePenalty,
  type CatchmentOptions,
  carSlopeFactor,
  catchments,
  type CoverageOptions,
  coverage,
  coverageShapefile,
  coverageWorkbook,
  Dem,
  DemGrid,
  type ElevationOptions,
  euclideanCostMatrix,
  type GeoJsonBuildOptions,
  hierarchyFor,
  InputError,
  type IsochroneOptions,
  isochrones,
  joinPopulation,
  type MatrixOptions,
  type MaximalCoveringOptions,
  type MessageEndpoint,
  maximalCovering,
  type NearestFacilitiesOptions,
  type NearestOptions,
  nearestFacilities,
  outsideCsv,
  type PlanToursOptions,
  type PMedianOptions,
  PointIndex,
  type PointReadOptions,
  planTours,
  pMedian,
  pointCoords,
  readPointsFromCsv,
  readPointsFromGeoJson,
  readPointsFromOsm,
  readPointsFromShapefile,
  readPointsFromXlsx,
  readShapefile,
  route,
  SearchWorker,
  type ShapefileReadOptions,
  type ShapefileWriteOptions,
  type ShortestPathTreeOptions,
  type SnapOptions,
  type SolveVrpOptions,
  serveSearches,
  setCovering,
  shapefileFromZip,
  shapefileZip,
  shortestPathTree,
  snapPoint,
  snapPoints,
  solveVrp,
  supplyDemand,
  travelTimeMatrix,
  WhatIfSession,
  whatIf,
  xlsxWorkbook,
} from '../src/index';
import {
  type LoadDemOptions,
  type LoadNetworkOptions,
  loadDem,
  loadNetwork,
  type PointsFileOptions,
  type PoolJobOptions,
  readOsmFile,
  readPointsFile,
  SearchPool,
  type SearchPoolOptions,
  withSearchPool,
} from '../src/node';
import { ROOT } from './helpers/cli';

/** Every key of `T`, each present; a value may be `undefined` (the default). */
type Every<T> = { [K in keyof Required<T>]: T[K] | undefined };
/** `o`, checked to hold every key of `T`. */
const every = <T>(o: Every<T>): Every<T> & T => o as Every<T> & T;
/** A misspelt options object, past the compiler (what a plain-JS caller passes). */
const typo = (o: object) => o as never;

const county = (name: string) =>
  JSON.parse(readFileSync(join(ROOT, 'data/county', `${name}.geojson`), 'utf8'));
const roads = county('roads');
const net = buildNetworkFromGeoJson(roads, { profile: 'walk' });
const villages = readPointsFromGeoJson(county('villages')).slice(0, 6);
const facilities = readPointsFromGeoJson(county('facilities'))
  .filter((f) => f.category === 'health')
  .slice(0, 3);
const vc = pointCoords(villages);
const fc = pointCoords(facilities);
const c = catchments(net, vc, fc, { maxSeconds: 3600 });
const population = villages.map(() => 100);
const result = coverage(net, villages, facilities, { thresholdsMinutes: [15] });
const [lon, lat] = [villages[0].lon, villages[0].lat];

const OSM_XML = new TextEncoder().encode(
  `<osm version="0.6">
  <node id="1" lat="42.50" lon="1.50"/><node id="2" lat="42.50" lon="1.51"/>
  <node id="3" lat="42.505" lon="1.505"><tag k="amenity" v="clinic"/></node>
  <node id="4" lat="42.502" lon="1.502"><tag k="place" v="village"/></node>
  <way id="10"><nd ref="1"/><nd ref="2"/><tag k="highway" v="residential"/></way>
</osm>`,
);
const dir = mkdtempSync(join(tmpdir(), 'servicereach-options-'));
const osmFile = join(dir, 'small.osm');
writeFileSync(osmFile, OSM_XML);
const roadsFile = join(dir, 'roads.geojson');
writeFileSync(roadsFile, JSON.stringify(roads));
const villagesFile = join(dir, 'villages.geojson');
writeFileSync(villagesFile, JSON.stringify(county('villages')));
// An SRTM3 tile of sea level: 1201 × 1201 big-endian heights.
const demDir = mkdtempSync(join(tmpdir(), 'servicereach-dem-'));
writeFileSync(join(demDir, 'N42E001.hgt'), new Uint8Array(1201 * 1201 * 2));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(demDir, { recursive: true, force: true });
});
const dem = new Dem([new DemGrid(new Float32Array(4), 2, 2, 1, 43, 1, 1)]);

const elevation = every<ElevationOptions>({
  dem,
  model: undefined,
  car: every<CarGradePenalty>({ freeGrade: undefined, perGrade: undefined }),
  profileToleranceM: undefined,
  gradeStep: undefined,
  sampleM: undefined,
});
const snap = every<SnapOptions>({ maxSnapDistanceM: 1000 });
const pointRead = every<PointReadOptions>({
  idField: undefined,
  categoryField: undefined,
  lonField: undefined,
  latField: undefined,
  source: undefined,
  crs: undefined,
  nameField: undefined,
  townshipField: undefined,
});
const build = every<BuildOptions>({ profile: 'walk', turnRestrictions: false, elevation });
const geoJsonBuild = every<GeoJsonBuildOptions>({ ...build, cost: undefined, crs: undefined });
const coverageOptions = every<CoverageOptions>({
  ...snap,
  standard: undefined,
  thresholdsMinutes: [15],
  thresholdsMeters: undefined,
  categories: undefined,
  require: undefined,
  populationField: undefined,
  defaultPopulation: undefined,
  groupBy: undefined,
  direction: undefined,
});
const catchmentOptions = every<CatchmentOptions>({
  ...snap,
  maxSeconds: 900,
  direction: undefined,
  hierarchy: undefined,
});
const matrixOptions = every<MatrixOptions>({ ...snap, maxSeconds: 900, hierarchy: undefined });
const isochroneOptions = every<IsochroneOptions>({
  minutes: [5],
  direction: undefined,
  cellM: 500,
  mode: undefined,
  villages: undefined,
  populationField: undefined,
  maxSnapDistanceM: undefined,
});
const jobOptions = every<PoolJobOptions>({ onProgress: undefined });
const shapefileWrite = every<ShapefileWriteOptions>({
  encoding: undefined,
  onUnencodable: undefined,
});
const zip = shapefileZip('v', [{ geometry: { type: 'Point', coordinates: [lon, lat] } }]);
const xlsx = xlsxWorkbook([
  {
    name: 'v',
    rows: [
      ['id', 'lon', 'lat'],
      ['a', lon, lat],
    ],
  },
]);
const problem = {
  matrix: euclideanCostMatrix([0, 1, 2], [0, 0, 1]),
  depots: [0],
  customers: [1, 2],
};
const osmRoads = () => {
  const r = new OsmRoadCollector();
  decodeOsm(OSM_XML, r);
  return r;
};

/** One public callable: its name in messages, a misspelt key and the key meant. */
interface Case {
  where: string;
  key: string;
  meant: string;
  /** The call with `bad` merged into valid options. */
  bad: (bad: object) => unknown;
  /** The call with every key of the options type. */
  full: () => unknown;
}

const pointIndex = new PointIndex(facilities);
const engine = new SearchEngine(net);
const seeds = [{ node: 0, timeS: 0, source: 0 }];

const CASES: Case[] = [
  {
    where: 'buildNetworkFromGeoJson',
    key: 'profil',
    meant: 'profile',
    bad: (b) => buildNetworkFromGeoJson(roads, typo(b)),
    full: () => buildNetworkFromGeoJson(roads, geoJsonBuild),
  },
  {
    where: 'buildNetworkFromOsm',
    key: 'turnRestriction',
    meant: 'turnRestrictions',
    bad: (b) => buildNetworkFromOsm(OSM_XML, typo(b)),
    full: () => buildNetworkFromOsm(OSM_XML, build),
  },
  {
    where: 'buildNetworkFromOsmRoads',
    key: 'Profile',
    meant: 'profile',
    bad: (b) => buildNetworkFromOsmRoads(osmRoads(), typo(b)),
    full: () => buildNetworkFromOsmRoads(osmRoads(), build),
  },
  {
    where: 'buildNetworkFromGeoJson: elevation',
    key: 'gradestep',
    meant: 'gradeStep',
    bad: (b) => buildNetworkFromGeoJson(roads, typo({ elevation: { dem, ...b } })),
    full: () => buildNetworkFromGeoJson(roads, { elevation }),
  },
  {
    where: 'buildNetworkFromOsm: elevation.car',
    key: 'freegrade',
    meant: 'freeGrade',
    bad: (b) => buildNetworkFromOsm(OSM_XML, typo({ elevation: { dem, car: b } })),
    full: () => buildNetworkFromOsm(OSM_XML, { elevation }),
  },
  {
    where: 'carSlopeFactor',
    key: 'perGrades',
    meant: 'perGrade',
    bad: (b) => carSlopeFactor(typo(b)),
    full: () => carSlopeFactor(every<CarGradePenalty>({ freeGrade: 0.05, perGrade: 4 })),
  },
  {
    where: 'RoadNetwork.toBuffer',
    key: 'share',
    meant: 'shared',
    bad: (b) => net.toBuffer(typo(b)),
    full: () => net.toBuffer({ shared: true }), // its one key
  },
  {
    where: 'readPointsFromCsv',
    key: 'idfield',
    meant: 'idField',
    bad: (b) => readPointsFromCsv('id,lon,lat\na,1,2\n', typo(b)),
    full: () => readPointsFromCsv('id,lon,lat\na,1,2\n', pointRead),
  },
  {
    where: 'readPointsFromGeoJson',
    key: 'categoryFeild',
    meant: 'categoryField',
    bad: (b) => readPointsFromGeoJson(county('villages'), typo(b)),
    full: () => readPointsFromGeoJson(county('villages'), pointRead),
  },
  {
    where: 'readPointsFromOsm: query',
    key: 'place',
    meant: 'places',
    bad: (b) => readPointsFromOsm(OSM_XML, typo(b)),
    full: () => readPointsFromOsm(OSM_XML, { places: true, placeTypes: undefined }),
  },
  {
    where: 'OsmPointCollector: query',
    key: 'facility',
    meant: 'facilities',
    bad: (b) => new OsmPointCollector(typo(b)),
    full: () => new OsmPointCollector({ facilities: ['health'] }),
  },
  {
    where: 'joinPopulation',
    key: 'fields',
    meant: 'field',
    bad: (b) => joinPopulation(villages, 'id,population\n', typo(b)),
    full: () =>
      joinPopulation(
        villages,
        'id,population\n',
        every<Parameters<typeof joinPopulation>[2]>({ where: undefined, field: undefined }),
      ),
  },
  {
    where: 'PointIndex.nearest',
    key: 'maxDistance',
    meant: 'maxDistanceM',
    bad: (b) => pointIndex.nearest(lon, lat, typo(b)),
    full: () =>
      pointIndex.nearest(
        lon,
        lat,
        every<NearestOptions>({ k: 2, maxDistanceM: 1e5, category: 'health', filter: () => true }),
      ),
  },
  {
    where: 'PointIndex.within',
    key: 'categories',
    meant: 'category',
    bad: (b) => pointIndex.within(lon, lat, 1000, typo(b)),
    full: () =>
      pointIndex.within(
        lon,
        lat,
        1000,
        every<Omit<NearestOptions, 'k' | 'maxDistanceM'>>({
          category: undefined,
          filter: undefined,
        }),
      ),
  },
  {
    where: 'PointIndex.nearestAll',
    key: 'K',
    meant: 'k',
    bad: (b) => pointIndex.nearestAll(vc, typo(b)),
    full: () =>
      pointIndex.nearestAll(
        vc,
        every<NearestOptions>({
          k: 1,
          maxDistanceM: undefined,
          category: undefined,
          filter: undefined,
        }),
      ),
  },
  {
    where: 'snapPoints',
    key: 'maxSnapDistance',
    meant: 'maxSnapDistanceM',
    bad: (b) => snapPoints(net, vc, typo(b)),
    full: () => snapPoints(net, vc, snap),
  },
  {
    where: 'snapPoint',
    key: 'maxSnapDistanceMeters',
    meant: 'maxSnapDistanceM',
    bad: (b) => snapPoint(net, lon, lat, typo(b)),
    full: () => snapPoint(net, lon, lat, snap),
  },
  {
    where: 'placePoints',
    key: 'maxsnapdistancem',
    meant: 'maxSnapDistanceM',
    bad: (b) => placePoints(net, vc, typo(b)),
    full: () => placePoints(net, vc, snap),
  },
  {
    where: 'asPlaced',
    key: 'maxSnapM',
    meant: 'maxSnapDistanceM',
    bad: (b) => asPlaced(net, vc, typo(b)),
    full: () => asPlaced(net, vc, snap),
  },
  {
    where: 'nearestFacilities',
    key: 'maxMinutes',
    meant: 'maxSeconds',
    bad: (b) => nearestFacilities(net, vc, fc, typo(b)),
    full: () =>
      nearestFacilities(
        net,
        vc,
        fc,
        every<NearestFacilitiesOptions>({
          ...snap,
          k: 1,
          direction: 'to',
          maxSeconds: 900,
          bounded: true,
          hierarchy: false,
        }),
      ),
  },
  {
    where: 'shortestPathTree',
    key: 'directions',
    meant: 'direction',
    bad: (b) => shortestPathTree(net, vc, typo(b)),
    full: () =>
      shortestPathTree(
        net,
        vc,
        every<ShortestPathTreeOptions>({ ...snap, direction: 'from', maxSeconds: 600 }),
      ),
  },
  {
    where: 'travelTimeMatrix',
    key: 'maxSecond',
    meant: 'maxSeconds',
    bad: (b) => travelTimeMatrix(net, vc, fc, typo(b)),
    full: () => travelTimeMatrix(net, vc, fc, matrixOptions),
  },
  {
    where: 'route',
    key: 'maxSnapDistanceMetres',
    meant: 'maxSnapDistanceM',
    bad: (b) => route(net, [lon, lat], [fc[0], fc[1]], typo(b)),
    full: () => route(net, [lon, lat], [fc[0], fc[1]], snap),
  },
  {
    where: 'SearchEngine.run',
    key: 'maxSeconde',
    meant: 'maxSeconds',
    bad: (b) => engine.run(seeds, typo(b)),
    full: () =>
      engine.run(seeds, every<SearchOptions>({ direction: 'from', maxSeconds: undefined })),
  },
  {
    where: 'contract',
    key: 'settleLimits',
    meant: 'settleLimit',
    bad: (b) =>
      contract({ nodeCount: 1, firstEdge: [0, 0], edgeTarget: [], edgeTimeS: [] }, typo(b)),
    full: () =>
      contract(
        { nodeCount: 1, firstEdge: [0, 0], edgeTarget: [], edgeTimeS: [] },
        every<ContractOptions>({
          settleLimit: undefined,
          estimateSettleLimit: undefined,
          estimateHopLimit: undefined,
        }),
      ),
  },
  {
    where: 'hierarchyFor',
    key: 'estimateHops',
    meant: 'estimateHopLimit',
    bad: (b) => hierarchyFor(net, typo(b)),
    full: () =>
      hierarchyFor(
        buildNetworkFromGeoJson(roads, { profile: 'walk' }),
        every<ContractOptions>({
          settleLimit: undefined,
          estimateSettleLimit: undefined,
          estimateHopLimit: undefined,
        }),
      ),
  },
  {
    where: 'travelTimeSurface',
    key: 'cellMeters',
    meant: 'cellM',
    bad: (b) => travelTimeSurface(net, fc, typo({ maxSeconds: 300, ...b })),
    full: () =>
      travelTimeSurface(
        net,
        fc,
        every<SurfaceOptions>({
          maxSeconds: 300,
          direction: undefined,
          cellM: 500,
          maxSnapDistanceM: undefined,
        }),
      ),
  },
  {
    where: 'coverage',
    key: 'groupby',
    meant: 'groupBy',
    bad: (b) => coverage(net, villages, facilities, typo(b)),
    full: () => coverage(net, villages, facilities, coverageOptions),
  },
  {
    where: 'whatIf',
    key: 'thresholdMinutes',
    meant: 'thresholdsMinutes',
    bad: (b) => whatIf(net, villages, facilities, {}, typo(b)),
    full: () => whatIf(net, villages, facilities, {}, coverageOptions),
  },
  {
    where: 'whatIf: change',
    key: 'closed',
    meant: 'close',
    bad: (b) => whatIf(net, villages, facilities, typo(b), coverageOptions),
    full: () =>
      whatIf(
        net,
        villages,
        facilities,
        every<Parameters<typeof whatIf>[3]>({ close: [], open: [] }),
        coverageOptions,
      ),
  },
  {
    where: 'WhatIfSession',
    key: 'populationfield',
    meant: 'populationField',
    bad: (b) => new WhatIfSession(net, villages, facilities, typo(b)),
    full: () => new WhatIfSession(net, villages, facilities, coverageOptions),
  },
  {
    where: 'isochrones',
    key: 'minute',
    meant: 'minutes',
    bad: (b) => isochrones(net, fc.slice(0, 2), typo({ minutes: [5], ...b })),
    full: () => isochrones(net, fc.slice(0, 2), isochroneOptions),
  },
  {
    where: 'catchments',
    key: 'hierachy',
    meant: 'hierarchy',
    bad: (b) => catchments(net, vc, fc, typo({ maxSeconds: 900, ...b })),
    full: () => catchments(net, vc, fc, catchmentOptions),
  },
  {
    where: 'maximalCovering',
    key: 'covred',
    meant: 'covered',
    bad: (b) => maximalCovering(c, population, typo({ p: 1, ...b })),
    full: () =>
      maximalCovering(c, population, every<MaximalCoveringOptions>({ p: 1, covered: undefined })),
  },
  {
    where: 'setCovering',
    key: 'Covered',
    meant: 'covered',
    bad: (b) => setCovering(c, typo(b)),
    full: () =>
      setCovering(c, every<NonNullable<Parameters<typeof setCovering>[1]>>({ covered: undefined })),
  },
  {
    where: 'pMedian',
    key: 'maxSwap',
    meant: 'maxSwaps',
    bad: (b) => pMedian(c, population, typo({ p: 1, ...b })),
    full: () =>
      pMedian(
        c,
        population,
        every<PMedianOptions>({ p: 1, existingTimeS: undefined, maxSwaps: undefined }),
      ),
  },
  {
    where: 'supplyDemand',
    key: 'per100',
    meant: 'per1000',
    bad: (b) => supplyDemand(c, new Int32Array(6), [1, 1, 1], population, typo(b)),
    full: () =>
      supplyDemand(
        c,
        new Int32Array(6),
        [1, 1, 1],
        population,
        every<NonNullable<Parameters<typeof supplyDemand>[4]>>({ per1000: 1.5 }),
      ),
  },
  {
    where: 'solveVrp',
    key: 'iteration',
    meant: 'iterations',
    bad: (b) => solveVrp(problem, typo(b)),
    full: () =>
      solveVrp(
        problem,
        every<SolveVrpOptions>({
          seed: 1,
          timeLimitS: undefined,
          iterations: 5,
          granular: undefined,
          temperature: undefined,
          localSearchEach: undefined,
          ruin: {
            averageRemoved: undefined,
            maxString: undefined,
            stringRate: undefined,
            blinkRate: undefined,
          },
          clock: undefined,
        }),
      ),
  },
  {
    where: 'solveVrp: ruin',
    key: 'blinkrate',
    meant: 'blinkRate',
    bad: (b) => solveVrp(problem, typo({ iterations: 5, ruin: b })),
    full: () => solveVrp(problem, { iterations: 5, ruin: {} }),
  },
  {
    where: 'planTours',
    key: 'dayHour',
    meant: 'dayHours',
    bad: (b) => planTours(net, villages, [facilities[0]], typo(b)),
    full: () =>
      planTours(
        net,
        villages,
        [facilities[0]],
        every<PlanToursOptions>({
          ...snap,
          dayHours: 8,
          serviceMinutes: undefined,
          periodDays: undefined,
          maxStops: undefined,
          seed: undefined,
          timeLimitS: undefined,
          iterations: 5,
          clock: undefined,
          geometry: undefined,
          maxWalkM: undefined,
        }),
      ),
  },
  {
    where: 'outsideCsv',
    key: 'language',
    meant: 'lang',
    bad: (b) => outsideCsv(result, typo(b)),
    full: () =>
      outsideCsv(
        result,
        every<NonNullable<Parameters<typeof outsideCsv>[1]>>({
          crs: undefined,
          lang: 'zh',
          villages,
        }),
      ),
  },
  {
    where: 'coverageWorkbook',
    key: 'facility',
    meant: 'facilities',
    bad: (b) => coverageWorkbook([result], typo(b)),
    full: () =>
      coverageWorkbook(
        [result],
        every<NonNullable<Parameters<typeof coverageWorkbook>[1]>>({
          villages,
          facilities,
          lang: undefined,
        }),
      ),
  },
  {
    where: 'coverageShapefile',
    key: 'encodings',
    meant: 'encoding',
    bad: (b) => coverageShapefile(result, typo(b)),
    full: () =>
      coverageShapefile(
        result,
        every<NonNullable<Parameters<typeof coverageShapefile>[1]>>({
          ...shapefileWrite,
          villages,
          lang: undefined,
          name: 'v',
          crs: undefined,
        }),
      ),
  },
  {
    where: 'shapefileZip',
    key: 'onUnencodeable',
    meant: 'onUnencodable',
    bad: (b) => shapefileZip('v', [], undefined, typo(b)),
    full: () => shapefileZip('v', [], undefined, shapefileWrite),
  },
  {
    where: 'shapefileFromZip',
    key: 'layers',
    meant: 'layer',
    bad: (b) => shapefileFromZip(zip, typo(b)),
    full: () =>
      shapefileFromZip(
        zip,
        every<NonNullable<Parameters<typeof shapefileFromZip>[1]>>({
          layer: 'v',
          source: undefined,
        }),
      ),
  },
  {
    where: 'readShapefile',
    key: 'encodeing',
    meant: 'encoding',
    bad: (b) => readShapefile(shapefileFromZip(zip), typo(b)),
    full: () =>
      readShapefile(
        shapefileFromZip(zip),
        every<ShapefileReadOptions>({ crs: undefined, encoding: undefined, source: undefined }),
      ),
  },
  {
    where: 'readPointsFromShapefile',
    key: 'nameFeild',
    meant: 'nameField',
    bad: (b) => readPointsFromShapefile(shapefileFromZip(zip), typo(b)),
    full: () =>
      readPointsFromShapefile(shapefileFromZip(zip), { ...pointRead, encoding: undefined }),
  },
  {
    where: 'readPointsFromXlsx',
    key: 'sheets',
    meant: 'sheet',
    bad: (b) => readPointsFromXlsx(xlsx, typo(b)),
    full: () => readPointsFromXlsx(xlsx, { ...pointRead, sheet: 1 }),
  },
  // servicereach/node
  {
    where: 'loadNetwork',
    key: 'onprogress',
    meant: 'onProgress',
    bad: (b) => loadNetwork(roadsFile, typo(b)),
    full: () =>
      loadNetwork(
        roadsFile,
        every<LoadNetworkOptions>({
          ...geoJsonBuild,
          elevation,
          onProgress: undefined,
          encoding: undefined,
        }),
      ),
  },
  {
    where: 'loadNetwork: elevation',
    key: 'sample',
    meant: 'sampleM',
    bad: (b) => loadNetwork(osmFile, typo({ elevation: { dem, ...b } })),
    full: () => loadNetwork(osmFile, { profile: 'walk', elevation, onProgress: () => {} }),
  },
  {
    where: 'readOsmFile',
    key: 'progress',
    meant: 'onProgress',
    bad: (b) => readOsmFile(osmFile, new OsmRoadCollector(), typo(b)),
    full: () => readOsmFile(osmFile, new OsmRoadCollector(), { onProgress: () => {} }),
  },
  {
    where: 'readPointsFile',
    key: 'layr',
    meant: 'layer',
    bad: (b) => readPointsFile(villagesFile, typo(b)),
    full: () =>
      readPointsFile(
        villagesFile,
        every<PointsFileOptions>({
          ...pointRead,
          osm: undefined,
          onProgress: undefined,
          encoding: undefined,
          sheet: undefined,
          layer: undefined,
        }),
      ),
  },
  {
    where: 'readPointsFile: osm',
    key: 'placeType',
    meant: 'placeTypes',
    bad: (b) => readPointsFile(osmFile, typo({ osm: { places: true, ...b } })),
    full: () => readPointsFile(osmFile, { osm: { places: true, placeTypes: ['village'] } }),
  },
  {
    where: 'loadDem',
    key: 'bBox',
    meant: 'bbox',
    bad: (b) => loadDem(demDir, typo(b)),
    full: () => loadDem(demDir, every<LoadDemOptions>({ bbox: [1, 42, 2, 43] })),
  },
  {
    where: 'SearchPool',
    key: 'thread',
    meant: 'threads',
    bad: (b) => new SearchPool(net, typo(b)),
    full: () => new SearchPool(net, every<SearchPoolOptions>({ threads: 1 })).close(),
  },
  {
    where: 'withSearchPool',
    key: 'Threads',
    meant: 'threads',
    bad: (b) => withSearchPool(net, typo(b), async () => {}),
    full: () => withSearchPool(net, { threads: 1 }, async () => {}),
  },
];

// The pool's jobs, on one pool of one thread.
const pool = new SearchPool(net, { threads: 1 });
afterAll(() => pool.close());
CASES.push(
  {
    where: 'SearchPool.catchments',
    key: 'onProgres',
    meant: 'onProgress',
    bad: (b) => pool.catchments(vc, fc, typo({ maxSeconds: 900, ...b })),
    full: () => pool.catchments(vc, fc, { ...catchmentOptions, ...jobOptions }),
  },
  {
    where: 'SearchPool.travelTimeMatrix',
    key: 'maxMinutes',
    meant: 'maxSeconds',
    bad: (b) => pool.travelTimeMatrix(vc, fc, typo(b)),
    full: () => pool.travelTimeMatrix(vc, fc, { ...matrixOptions, ...jobOptions }),
  },
  {
    where: 'SearchPool.isochrones',
    key: 'cellm',
    meant: 'cellM',
    bad: (b) => pool.isochrones(fc.slice(0, 2), typo({ minutes: [5], ...b })),
    full: () => pool.isochrones(fc.slice(0, 2), { ...isochroneOptions, ...jobOptions }),
  },
);

/** `f()`'s error, thrown or as a rejection; `undefined` when it succeeds. */
async function errorOf(f: () => unknown): Promise<unknown> {
  try {
    await f();
  } catch (e) {
    return e;
  }
  return undefined;
}

const quote = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('unknown option keys', () => {
  it.each(CASES.map((k) => [k.where, k] as const))(
    '%s: a misspelt key is an InputError naming the key and the one meant',
    async (_, k) => {
      const e = await errorOf(() => k.bad({ [k.key]: 1 }));
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).code).toBe('invalid-option');
      expect((e as Error).message).toMatch(
        new RegExp(
          `^${quote(k.where)}: unknown option '${quote(k.key)}' — did you mean '${quote(k.meant)}'\\? Known options: .*\\b${quote(k.meant)}\\b`,
        ),
      );
    },
  );

  it.each(CASES.map((k) => [k.where, k] as const))(
    '%s: every key of its options type is accepted',
    async (_, k) => {
      expect(await errorOf(k.full)).toBeUndefined();
    },
  );

  it('an unknown key is an error whatever its value, undefined included', () => {
    expect(() => nearestFacilities(net, vc, fc, typo({ maxMinutes: undefined }))).toThrowError(
      "nearestFacilities: unknown option 'maxMinutes' — did you mean 'maxSeconds'? Known options: k, direction, maxSeconds, bounded, hierarchy, maxSnapDistanceM",
    );
  });

  it('names every unknown key, with a suggestion only where one is near', () => {
    expect(() => snapPoints(net, vc, typo({ zzz: 1, maxSnap: 5 }))).toThrowError(
      "snapPoints: unknown options 'zzz'. 'maxSnap' — did you mean 'maxSnapDistanceM'? Known options: maxSnapDistanceM",
    );
    expect(closestKey('profil', ['profile', 'cost'])).toBe('profile');
    expect(closestKey('MAXSECONDS', ['k', 'maxSeconds'])).toBe('maxSeconds');
    expect(closestKey('population', ['k', 'maxSeconds', 'direction'])).toBeUndefined();
  });

  it('a function passing options on gives the inner one only its own keys', () => {
    // nearestFacilities → asPlaced → placePoints → snapPoints, catchments and the matrix likewise:
    // `k`, `maxSeconds`… must not reach the snapping functions as unknown keys.
    expect(() =>
      nearestFacilities(net, vc, fc, { k: 2, maxSeconds: 600, maxSnapDistanceM: 500 }),
    ).not.toThrow();
    expect(() => catchments(net, vc, fc, catchmentOptions)).not.toThrow();
  });
});

describe('SearchWorker methods: the worker checks and the error comes back with its code', () => {
  const { port1, port2 } = new MessageChannel();
  serveSearches(port2 as unknown as MessageEndpoint);
  const worker = new SearchWorker(port1 as unknown as MessageEndpoint);
  afterAll(() => {
    port1.close();
    port2.close();
  });

  it('nearestFacilities, isochrones, coverage and whatIfStart reject a misspelt key', async () => {
    await worker.loadNetwork('walk', net.toBuffer());
    const calls: [string, () => Promise<unknown>][] = [
      [
        "nearestFacilities: unknown option 'maxMinutes'",
        () =>
          worker.nearestFacilities(
            'walk',
            Float64Array.from(vc),
            Float64Array.from(fc),
            typo({ maxMinutes: 15 }),
          ),
      ],
      [
        "isochrones: unknown option 'minute'",
        () =>
          worker.isochrones(
            'walk',
            Float64Array.from(fc.slice(0, 2)),
            typo({ minutes: [5], minute: 5 }),
          ),
      ],
      [
        "coverage: unknown option 'groupby'",
        () => worker.coverage('walk', villages, facilities, typo({ groupby: 'township' })),
      ],
      [
        "WhatIfSession: unknown option 'standards'",
        () => worker.whatIfStart('walk', villages, facilities, typo({ standards: 'x' })),
      ],
    ];
    for (const [message, call] of calls) {
      const e = await errorOf(call);
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).code).toBe('invalid-option');
      expect((e as Error).message).toContain(message);
    }
  });
});
