// servicereach Node entry: everything in the core plus file access.
export * from './index';
export {
  loadNetwork,
  readOsmFile,
  saveNetwork,
  sniffRoadFile,
  type LoadNetworkOptions,
  type RoadFileFormat,
} from './node/load-network';
export { readOsmPbfFile } from './node/read-pbf-file';
export { readOsmXmlFile } from './node/read-osm-xml-file';
export { readPointsFile, readPointSource } from './node/read-points-file';
export { catchmentsParallel } from './node/parallel-catchments';
export {
  SearchPool,
  withSearchPool,
  type PoolJobOptions,
  type SearchPoolOptions,
} from './node/search-pool';
export type { MatrixResult } from './node/pool-tasks';
