// servicereach/node — the core (`servicereach`, the same module instances) plus what needs Node:
// files on disk and worker threads.
export * from './index';
export {
  type LoadNetworkOptions,
  loadNetwork,
  readOsmFile,
  saveNetwork,
} from './node/load-network';
export { type PointsFileOptions, readPointsFile } from './node/read-points-file';
export { type LoadDemOptions, loadDem } from './node/load-dem';
// GeoTIFF DEMs: the `geotiff` package reads remote files too and so pulls Node's http/fs into a
// bundle; it stays out of the core, which must bundle for browsers without them.
export { readGeoTiffDem } from './inputs/dem/geotiff-dem';
export {
  type PoolJobOptions,
  SearchPool,
  type SearchPoolOptions,
  withSearchPool,
} from './node/search-pool';
export type { MatrixResult } from './node/pool-tasks';
