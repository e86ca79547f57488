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
export {
  type PoolJobOptions,
  SearchPool,
  type SearchPoolOptions,
  withSearchPool,
} from './node/search-pool';
export type { MatrixResult } from './node/pool-tasks';
