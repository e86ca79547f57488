// servicereach/engine — the building blocks under the core API, for power users who compose
// their own analyses: the node-level search engine, placed points and seeds, the segment index,
// OSM sinks and way rules, the travel-time surface. Browser-safe like the core. These are stable
// enough to use but closer to the data structures: read the JSDoc of each before relying on it.

export { EARTH_RADIUS_M } from './geo/distance';

// OSM decoding into your own sink, and the way rules the road collector applies.
export { decodeOsm, type OsmFormat, sniffOsm } from './inputs/osm/decode-osm';
export { createOsmXmlDecoder, type OsmXmlDecoder } from './inputs/osm/xml/decoder';
export type { OsmSink } from './inputs/osm/sink';
export { parseCsv } from './inputs/csv';
export { OsmRoadCollector } from './network/osm-road-collector';
export { buildNetworkFromOsmRoads } from './network/build';
export { evaluateWay, type SkipReason, type WayCost, type WaySkip } from './network/way-rules';
export { parseDuration, parseMaxspeed, parseOneway } from './network/osm-tags';
export { NON_ROUTABLE_HIGHWAYS, resolveProfile } from './network/profile';
export { SKIP_CODES } from './network/stats';
export { NETWORK_FORMAT_VERSION, NETWORK_MAGIC } from './network/network-buffer';
export { LinkGeometryReader } from './network/link-geometry';
export { OsmPointCollector } from './points/osm-point-collector';
export { categoriesFromTags, EXCLUDED_VALUES } from './points/facility-categories';

// Snapping internals and the node-level search.
export { SegmentIndex } from './spatial/segment-index';
export { projectOnSegment } from './spatial/segment-distance';
export { SearchEngine, type SearchOptions } from './search/search-engine';
export { KLabelSearch } from './search/k-label-search';
export { reachable } from './search/reachable';
export { type ContractOptions, type CsrGraph, contract } from './search/ch/contract';
export { ContractionHierarchy } from './search/ch/hierarchy';
export { preparedHierarchy } from './search/ch/network-hierarchy';
export { Phast } from './search/ch/phast';
export {
  asPlaced,
  type PlacedPoints,
  placePoints,
  pointSeeds,
  type Seed,
} from './search/placed-points';

// Analysis pieces the core functions are made of.
export {
  type SurfaceOptions,
  type TravelTimeSurface,
  travelTimeSurface,
} from './analysis/travel-time-surface';
export { summarizeCoverage } from './analysis/coverage-summary';
export { newlyCovered, uncoverableVillages } from './analysis/siting';

// Raw outputs.
export { networkEdgesCsv, networkNodesCsv } from './report/network-csv';
export { networkRoadsGeoJson } from './report/network-roads';
export { STATUS_COLORS } from './report/coverage-output';
