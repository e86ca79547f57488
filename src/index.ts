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

// Terrain: DEMs and slope models for terrain-aware networks (the `elevation` build option).
export { Dem } from './inputs/dem/dem';
export { DemGrid } from './inputs/dem/dem-grid';
export { hgtTileOrigin, readHgt } from './inputs/dem/hgt';
export type { ElevationMeta, ElevationOptions } from './network/elevation';
export { linkClimb, linkElevations } from './network/elevation-profile';
export {
  bicycleSlopeFactor,
  type CarGradePenalty,
  carSlopeFactor,
  type SlopeFactor,
  toblerSlopeFactor,
} from './network/slope-models';
export { searchRadiusM } from './network/search-radius';

// Villages and facilities.
export { type IndexedPoint, pointCoords } from './points/indexed-point';
export {
  type PointReadOptions,
  readPointsFromCsv,
  readPointsFromGeoJson,
} from './points/read-points';
export { type OsmPointsRead, readPointsFromOsm } from './points/read-osm-points';
export type { OsmObject, OsmPointWarning } from './points/osm-point-warning';
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
export {
  type VillageChange,
  WHAT_IF_STATUS,
  type WhatIfResult,
  WhatIfSession,
  type WhatIfThreshold,
  type WhatIfUpdate,
  whatIf,
} from './analysis/what-if';
export { type Decay, type TwoStepFcaResult, twoStepFca } from './analysis/two-step-fca';
export { type FacilityLoad, supplyDemand } from './analysis/supply-demand';
export { gini, theil } from './analysis/equity';

// Mobile services: vehicle tours for the villages no fixed site reaches.
export { type CostMatrix, euclideanCostMatrix } from './tours/cost-matrix';
export { type TsplibCvrp, readTsplibCvrp } from './tours/tsplib';
export type { VrpProblem } from './tours/vrp-problem';
export {
  type SolveVrpOptions,
  solveVrp,
  type UnservedReason,
  type VrpSolution,
  type VrpTour,
} from './tours/solve-vrp';
export {
  type PlannedTour,
  type PlanToursOptions,
  planTours,
  type TourPlan,
  type UnservedVillage,
} from './tours/plan-tours';

// What a planner receives: GeoJSON, CSV and the HTML report.
export { coverageGeoJson, outsideCsv } from './report/coverage-output';
// In a browser app: searches in a Web Worker, the network sent as one transferred buffer.
export { type MessageEndpoint, transferablesOf } from './browser/message-endpoint';
export {
  serveSearches,
  type WhatIfSnapshot,
  type WorkerContext,
  type WorkerHandler,
} from './browser/serve-searches';
export { type NearestArrays, SearchWorker } from './browser/search-worker';
// Coordinate systems and the files Chinese planners have: GCJ-02/BD-09, CGCS2000 zones, GBK,
// Excel and Shapefile in; workbooks and zipped shapefiles out; Chinese text.
export { type Crs, type CrsSpec, outputXy, resolveCrs } from './geo/crs/crs';
export { crsPrj } from './geo/crs/prj';
export { gcj02ToWgs84, wgs84ToGcj02 } from './geo/crs/gcj02';
export { bd09ToWgs84, wgs84ToBd09 } from './geo/crs/bd09';
export { fromWgs84GeoJson, toWgs84GeoJson } from './geo/crs/reproject-geojson';
export { crsShiftCheck, type CrsShiftCheck } from './analysis/crs-shift-check';
export { decodeText, encodeGbk } from './inputs/text-encoding';
export {
  readShapefile,
  type ShapefileParts,
  type ShapefileRead,
  type ShapefileReadOptions,
  shapefileFromZip,
} from './inputs/shapefile/read-shapefile';
export { readPointsFromShapefile } from './points/read-points-shapefile';
export { readPointsFromXlsx } from './points/read-points-xlsx';
export { type WorkbookSheet, xlsxWorkbook } from './report/xlsx-workbook';
export { coverageWorkbook } from './report/xlsx-coverage';
export {
  type DbfEncoding,
  type ShapefileRecord,
  type ShapefileWriteOptions,
  shapefileZip,
} from './report/shapefile-writer';
export { coverageShapefile } from './report/shapefile-coverage';
export type { Lang } from './report/lang';
export {
  type ReportBandSet,
  type ReportInput,
  type ReportLang,
  type ReportTours,
  reportHtml,
} from './report/report-html';
