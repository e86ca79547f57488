// servicereach core entry: browser-safe (no Node built-ins). File access lives in `servicereach/node`.
export { ServiceReachError, InputError, FormatError } from './errors';
export { haversineM, EARTH_RADIUS_M } from './geo/distance';
export type { SpeedProfile } from './network/profile';
export { car, walk, bicycle, profiles, defineProfile, resolveProfile, NON_ROUTABLE_HIGHWAYS } from './network/profile';
export { evaluateWay, type WayCost, type WaySkip, type SkipReason } from './network/way-rules';
export { parseMaxspeed, parseDuration, parseOneway } from './network/osm-tags';
export { RoadNetwork, type NetworkArrays, type NetworkMeta, type ReverseAdjacency } from './network/road-network';
export type { Components } from './network/components';
export type { NetworkStats } from './network/stats';
export type { NetworkWarning } from './network/warnings';
export { NETWORK_MAGIC, NETWORK_FORMAT_VERSION } from './network/network-buffer';
export { buildNetworkFromGeoJson, buildNetworkFromOsmRoads, type BuildOptions, type GeoJsonBuildOptions } from './network/build';
export type { RoadCost, RoadFeature } from './network/geojson-roads';
export { OsmRoadCollector } from './osm/osm-road-collector';
export type { OsmSink } from './osm/sink';
