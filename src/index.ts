// servicereach core entry: browser-safe (no Node built-ins). File access lives in `servicereach/node`.
export { ServiceReachError, InputError, FormatError } from './errors';
export { haversineM, EARTH_RADIUS_M } from './geo/distance';
export type { SpeedProfile } from './network/profile';
export {
  car,
  walk,
  bicycle,
  profiles,
  defineProfile,
  resolveProfile,
  NON_ROUTABLE_HIGHWAYS,
} from './network/profile';
export { evaluateWay, type WayCost, type WaySkip, type SkipReason } from './network/way-rules';
export { parseMaxspeed, parseDuration, parseOneway } from './network/osm-tags';
export {
  RoadNetwork,
  type NetworkArrays,
  type NetworkMeta,
  type ReverseAdjacency,
} from './network/road-network';
export type { Components } from './network/components';
export { SKIP_CODES, type NetworkStats } from './network/stats';
export type { NetworkWarning } from './network/warnings';
export { NETWORK_MAGIC, NETWORK_FORMAT_VERSION } from './network/network-buffer';
export {
  buildNetworkFromGeoJson,
  buildNetworkFromOsm,
  buildNetworkFromOsmRoads,
  type BuildOptions,
  type GeoJsonBuildOptions,
} from './network/build';
export type { RoadCost, RoadFeature } from './network/geojson-roads';
export { OsmRoadCollector } from './network/osm-road-collector';
export type { OsmSink } from './inputs/osm/sink';
export { decodeOsm, sniffOsm, type OsmFormat } from './inputs/osm/decode-osm';
export { decodeOsmPbfBlob } from './inputs/osm/pbf/blob';
export { decodeOsmPbf, isPbf } from './inputs/osm/pbf/file';
export {
  createOsmXmlDecoder,
  decodeOsmXml,
  isOsmXml,
  type OsmXmlDecoder,
} from './inputs/osm/xml/decoder';
export { gunzipBytes, gunzipChunks, isGzip } from './inputs/gzip';
export { networkEdgesCsv, networkNodesCsv } from './report/network-csv';
export {
  PointIndex,
  type Neighbor,
  type NearestOptions,
  type BulkNearest,
} from './spatial/point-index';
export { pointCoords, type IndexedPoint } from './points/indexed-point';
export {
  snapPoints,
  snapPoint,
  DEFAULT_MAX_SNAP_DISTANCE_M,
  type SnapOptions,
  type SnapResult,
  type SnappedPoint,
  type SnapStatus,
} from './spatial/snap';
export { SegmentIndex, segmentIndexFor } from './spatial/segment-index';
export { projectOnSegment } from './spatial/segment-distance';
export { SearchEngine, type Direction, type SearchOptions } from './search/search-engine';
export { KLabelSearch } from './search/k-label-search';
export { reachable } from './search/reachable';
export { route, type Route } from './search/route';
export { linkSlice } from './search/link-slice';
export { travelTimeMatrix, type MatrixOptions } from './search/travel-time-matrix';
export {
  shortestPathTree,
  type ShortestPathTree,
  type ShortestPathTreeOptions,
} from './search/shortest-path-tree';
export {
  asPlaced,
  placePoints,
  pointSeeds,
  pointsByLink,
  timeAtPoint,
  sameLinkTime,
  type PlacedPoints,
  type Seed,
} from './search/placed-points';
export {
  nearestFacilities,
  SERVICE_STATUS,
  type ServiceStatus,
  type NearestFacilitiesOptions,
  type NearestFacilitiesResult,
} from './search/nearest-facilities';
export { parseCsv } from './inputs/csv';
export { csvField } from './report/csv-field';
export {
  readPointsFromCsv,
  readPointsFromGeoJson,
  type PointReadOptions,
} from './points/read-points';
export {
  coverage,
  type CoverageOptions,
  type CoverageResult,
  type CoverageStatus,
  type VillageCoverage,
} from './analysis/coverage';
export {
  summarizeCoverage,
  type CoverageSummary,
  type CoverageBlock,
  type Tally,
} from './analysis/coverage-summary';
export { coverageGeoJson, outsideCsv, STATUS_COLORS } from './report/coverage-output';
export {
  STANDARDS,
  standardById,
  defineStandard,
  type ServiceStandard,
} from './analysis/standards';
export {
  categoriesFromTags,
  facilityCategories,
  CATEGORY_TAGS,
  EXCLUDED_VALUES,
} from './points/facility-categories';
export { villagePopulation } from './points/village-population';
export { distanceNetwork } from './network/distance-network';
export { searchRadiusM } from './network/search-radius';
export {
  isochrones,
  contour,
  pointGrid,
  type IsochroneOptions,
  type IsochroneBand,
} from './analysis/isochrone';
export {
  travelTimeSurface,
  type TravelTimeSurface,
  type SurfaceOptions,
} from './analysis/travel-time-surface';
export { OsmPointCollector, PLACE_TYPES, type OsmPointQuery } from './points/osm-point-collector';
export { reportHtml, type ReportInput } from './report/report-html';
export { networkRoadsGeoJson } from './report/network-roads';
export { catchments, type Catchments, type CatchmentOptions } from './analysis/catchments';
export {
  maximalCovering,
  setCovering,
  coveredBy,
  newlyCovered,
  uncoverableVillages,
  type MaximalCoveringOptions,
  type MaximalCoveringResult,
  type SetCoveringResult,
} from './analysis/siting';
export { twoStepFca, type Decay, type TwoStepFcaResult } from './analysis/two-step-fca';
export { gini, theil } from './analysis/equity';
export { pMedian, type PMedianOptions, type PMedianResult } from './analysis/p-median';
export { whatIf, type WhatIfResult, type VillageChange } from './analysis/what-if';
export { supplyDemand, type FacilityLoad } from './analysis/supply-demand';
