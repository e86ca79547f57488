// Type-level test of the public API: `npm run typecheck` compiles this file; a breaking change to
// an exported signature fails the build before any user sees it.
import type { FeatureCollection, LineString } from 'geojson';
import {
  buildNetworkFromGeoJson,
  type Components,
  defineProfile,
  InputError,
  type NetworkStats,
  type RoadNetwork,
  type SpeedProfile,
  coverage,
  type CoverageResult,
  type CoverageStatus,
  defineStandard,
  type ServiceStandard,
  isochrones,
  type IsochroneBand,
  type IndexedPoint,
  catchments,
  type Catchments,
  maximalCovering,
  twoStepFca,
  type TwoStepFcaResult,
} from '../src/index';
import { travelTimeSurface } from '../src/engine';
import { loadNetwork, saveNetwork, withSearchPool } from '../src/node';

declare const roads: FeatureCollection<LineString>;
const net: RoadNetwork = buildNetworkFromGeoJson(roads, { profile: 'walk' });
const custom: RoadNetwork = buildNetworkFromGeoJson(roads, {
  cost: (_f, lengthM) => ({ forward: lengthM / 10, backward: null }),
});
const stats: NetworkStats = net.stats();
const n: number =
  stats.nodes + stats.edges + stats.lengthKm + stats.components + stats.largestComponentNodes;
const strong: Components = custom.components('strong');
const firstEdge: Uint32Array = net.arrays.firstEdge;
const time: Float64Array = net.arrays.edgeTimeS;
const profile: SpeedProfile = defineProfile('car', { name: 'slow-car', maxSpeedKmh: 60 });
const buf: ArrayBuffer = net.toBuffer();
const loaded: Promise<RoadNetwork> = loadNetwork('x.osm.pbf', {
  profile,
  onProgress: (a: number, b: number) => a / b,
});
saveNetwork(net, 'x.srn');
const e: InputError = new InputError('code', 'message');
// @ts-expect-error profile names are checked
buildNetworkFromGeoJson(roads, { profile: 'horse' });
declare const villages: IndexedPoint[];
const cov: CoverageResult = coverage(net, villages, villages, {
  standard: 'elderly-care-15min',
  groupBy: 'township',
});
const status: CoverageStatus = cov.villages[0].status;
const share: number | null = cov.summary.all.thresholds[0].shareOfPopulationWithin;
// every number that carries a unit names it
const minutes: number | null = cov.villages[0].minutes;
const meters: number = cov.villages[0].meters;
const within: number | null = cov.villages[0].withinMinutes ?? cov.villages[0].withinMeters;
const limits: number[] | null = cov.thresholdsMinutes ?? cov.thresholdsMeters;
const mean: number | null =
  cov.summary.all.weightedMeanMinutes ?? cov.summary.all.weightedMeanMeters;
const fiveKm: ServiceStandard = defineStandard({
  id: 'library-5km',
  title: 'library within 5 km',
  profile: 'walk',
  thresholdMeters: 5000,
  categories: ['culture'],
  source: 'test',
});
const limit: number | undefined = fiveKm.thresholdMinutes ?? fiveKm.thresholdMeters;
// @ts-expect-error a standard gives one threshold, not both
defineStandard({ ...fiveKm, thresholdMinutes: 15 });
// @ts-expect-error thresholds name their unit
coverage(net, villages, villages, { thresholds: [15] });
const surface: number = travelTimeSurface(net, [1, 2], { maxSeconds: 900 }).accessMps;
const band: IsochroneBand = isochrones(net, [1, 2], { minutes: [15] }).features[0].properties;
// @ts-expect-error require is all or any
coverage(net, villages, villages, { thresholdsMinutes: [15], require: 'most' });
const c: Catchments = catchments(net, [1, 2], [1, 2], { maxSeconds: 900 });
const picks: number[] = maximalCovering(c, [100], { p: 2 }).sites;
const access: TwoStepFcaResult = twoStepFca(c, [10], [100], {
  kind: 'zones',
  zones: [{ upToS: 600, weight: 1 }],
});
const parallel: Promise<Catchments> = withSearchPool(net, { threads: 2 }, (pool) =>
  pool.catchments([1, 2], [1, 2], { maxSeconds: 900 }),
);
// @ts-expect-error decay kinds are checked
twoStepFca(c, [10], [100], { kind: 'linear' });
export {
  n,
  strong,
  firstEdge,
  time,
  buf,
  loaded,
  e,
  status,
  share,
  minutes,
  meters,
  within,
  limits,
  mean,
  limit,
  surface,
  band,
  picks,
  access,
  parallel,
};
