// servicereach — the browser-safe core: no Node built-ins, so planning web apps can bundle it.
// File access and worker threads: `servicereach/node`. Lower-level building blocks (the search
// engine, snapping internals, OSM sinks): `servicereach/engine`. Every public name is decided
// here; a name not exported here is internal.

// Errors: every bad input throws one of these, with a `code` and a message naming the value.
export { FormatError, InputError, ServiceReachError } from './errors';
export { haversineM } from './geo/distance';

// Speed profiles and road networks.
export { bicycle, car, defineProfile, profiles, type SpeedProfile, walk } from './network/profile';
export {
  type BuildOptions,
  buildNetworkFromGeoJson,
  buildNetworkFromOsm,
  type GeoJsonBuildOptions,
} from './network/build';
export type { RoadCost, RoadFeature } from './network/geojson-roads';
export {
  type NetworkArrays,
  type NetworkMeta,
  type ReverseAdjacency,
  RoadNetwork,
} from './network/road-network';
export type { Components } from './network/components';
export type { NetworkStats } from './network/stats';
export type { NetworkWarning } from './network/warnings';
export { distanceNetwork } from './network/distance-network';
export { searchRadiusM } from './network/search-radius';

// Villages and facilities.
export { type IndexedPoint, pointCoords } from './points/indexed-point';
export {
  type PointReadOptions,
  readPointsFromCsv,
  readPointsFromGeoJson,
} from './points/read-points';
export { type OsmPointsRead, readPointsFromOsm } from './points/read-osm-points';
export { type OsmPointQuery, PLACE_TYPES } from './points/osm-point-collector';
export { CATEGORY_TAGS, facilityCategories } from './points/facility-categories';
export { villagePopulation } from './points/village-population';
export { joinPopulation } from './points/population-table';

// Straight-line neighbours and snapping onto roads.
export {
  type BulkNearest,
  type NearestOptions,
  type Neighbor,
  PointIndex,
} from './spatial/point-index';
export {
  DEFAULT_MAX_SNAP_DISTANCE_M,
  type SnapOptions,
  type SnappedPoint,
  type SnapResult,
  type SnapStatus,
  snapPoint,
  snapPoints,
} from './spatial/snap';

// Travel-time searches.
export type { Direction } from './search/search-engine';
export {
  type NearestFacilitiesOptions,
  type NearestFacilitiesResult,
  nearestFacilities,
  SERVICE_STATUS,
  type ServiceStatus,
} from './search/nearest-facilities';
export {
  type ShortestPathTree,
  type ShortestPathTreeOptions,
  shortestPathTree,
} from './search/shortest-path-tree';
export { type MatrixOptions, travelTimeMatrix } from './search/travel-time-matrix';
export { hierarchyFor } from './search/ch/network-hierarchy';
export { type Route, type RouteEntry, route } from './search/route';

// Coverage against standards, isochrones, siting, supply and demand, equity.
export {
  type CoverageOptions,
  type CoverageResult,
  type CoverageStatus,
  coverage,
  type VillageCoverage,
} from './analysis/coverage';
export type { CoverageBlock, CoverageSummary, Tally } from './analysis/coverage-summary';
export {
  defineStandard,
  STANDARDS,
  type ServiceStandard,
  standardById,
} from './analysis/standards';
export { type IsochroneBand, type IsochroneOptions, isochrones } from './analysis/isochrone';
export { type CatchmentOptions, type Catchments, catchments } from './analysis/catchments';
export {
  coveredBy,
  type MaximalCoveringOptions,
  type MaximalCoveringResult,
  maximalCovering,
  type SetCoveringResult,
  setCovering,
} from './analysis/siting';
export { type PMedianOptions, type PMedianResult, pMedian } from './analysis/p-median';
export { type VillageChange, type WhatIfResult, whatIf } from './analysis/what-if';
export { type Decay, type TwoStepFcaResult, twoStepFca } from './analysis/two-step-fca';
export { type FacilityLoad, supplyDemand } from './analysis/supply-demand';
export { gini, theil } from './analysis/equity';

// What a planner receives: GeoJSON, CSV and the HTML report.
export { coverageGeoJson, outsideCsv } from './report/coverage-output';
export { type ReportInput, reportHtml } from './report/report-html';
