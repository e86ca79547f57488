import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FeatureCollection, MultiPolygon } from 'geojson';
import {
  CATCHMENT_KEYS,
  type CatchmentOptions,
  type Catchments,
  joinCatchments,
} from '../analysis/catchments';
import { type IsochroneBand, type IsochroneOptions, ISOCHRONE_KEYS } from '../analysis/isochrone';
import { FormatError, InputError, ServiceReachError } from '../errors';
import { checkObject, optionsObject } from '../geo/check-args';
import { checkOptionKeys, type OptionKeys, pickOptions } from '../geo/option-keys';
import type { RoadNetwork } from '../network/road-network';
import { asPlaced, mapPlaced, type PlacedPoints } from '../search/placed-points';
import { MATRIX_KEYS, type MatrixOptions } from '../search/travel-time-matrix';
import { SNAP_KEYS } from '../spatial/snap';
import type { MatrixResult, PoolError, PoolResult, PoolTask } from './pool-tasks';

/** Options of `SearchPool`. */
export interface SearchPoolOptions {
  /** Worker threads (default: the number of cores, `os.availableParallelism()`). */
  threads?: number;
}

/** Options every pooled job accepts. */
export interface PoolJobOptions {
  /** Called as slices finish: items (sites, origins) done so far and in all. */
  onProgress?: (done: number, total: number) => void;
}

// The keys of the pool's options, for the unknown-key check.
const POOL_KEYS = { threads: true } satisfies OptionKeys<SearchPoolOptions>;
const JOB_KEYS = { onProgress: true } satisfies OptionKeys<PoolJobOptions>;
const POOL_CATCHMENT_KEYS = {
  ...CATCHMENT_KEYS,
  ...JOB_KEYS,
} satisfies OptionKeys<CatchmentOptions & PoolJobOptions>;
const POOL_MATRIX_KEYS = {
  ...MATRIX_KEYS,
  ...JOB_KEYS,
} satisfies OptionKeys<MatrixOptions & PoolJobOptions>;
const POOL_ISOCHRONE_KEYS = {
  ...ISOCHRONE_KEYS,
  ...JOB_KEYS,
} satisfies OptionKeys<IsochroneOptions & PoolJobOptions>;

interface Pending {
  task: PoolTask;
  items: number;
  job: Job;
  index: number;
}

interface Job {
  results: PoolResult[];
  left: number;
  done: number;
  total: number;
  failed: boolean;
  resolve: (results: PoolResult[]) => void;
  reject: (e: Error) => void;
  onProgress?: (done: number, total: number) => void;
}

/**
 * A pool of worker threads for many independent searches on one network: OD matrices, siting
 * catchments and per-origin isochrones. The network is written once into a SharedArrayBuffer
 * that every worker reads in place (no copy per worker or per job); villages, sites and origins
 * are snapped once on the calling thread and travel to the workers already placed, also in shared
 * memory. A job is cut into a few slices per thread, handed out as threads become free, and the
 * slices' results are joined in input order, so every result is identical to the single-threaded
 * function's. Workers stay up between jobs (start-up is paid once) and do not keep the process
 * alive while idle; call `close()` when done.
 *
 * @example
 * import { SearchPool } from 'servicereach/node';
 * const pool = new SearchPool(net, { threads: 4 });
 * try {
 *   const m = await pool.travelTimeMatrix(villageCoords, clinicCoords, { maxSeconds: 5400 });
 *   const c = await pool.catchments(villageCoords, candidateCoords, { maxSeconds: 900 });
 * } finally {
 *   await pool.close();
 * }
 */
export class SearchPool {
  /** Number of worker threads. */
  readonly threads: number;
  private readonly net: RoadNetwork;
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly queue: Pending[] = [];
  private readonly running = new Map<Worker, Pending>();
  private broken: Error | null = null;
  private closed = false;

  /**
   * Starts the workers and shares the network with them (one copy into a SharedArrayBuffer),
   * with its contraction hierarchy when it has one (`hierarchyFor` before the pool, or a `.srn`
   * saved with it): the workers search it in place instead of contracting their own.
   *
   * @param net - The network every job of this pool searches.
   * @param options - `threads`: worker threads, a whole number ≥ 1 (default: the number of
   *   cores). Throws `InputError` `missing-file` when the built worker script is absent.
   */
  constructor(net: RoadNetwork, options: SearchPoolOptions = {}) {
    options = optionsObject(options, 'SearchPool', POOL_KEYS);
    const threads = options.threads ?? availableParallelism();
    if (!(Number.isInteger(threads) && threads >= 1))
      throw new InputError(
        'invalid-option',
        `threads must be a whole number ≥ 1, got ${options.threads}`,
      );
    this.threads = threads;
    this.net = net;
    const url = workerScript();
    const network = net.toBuffer({ shared: true });
    for (let t = 0; t < threads; t++) {
      const worker = new Worker(url, { workerData: { network } });
      worker.unref();
      worker.on('message', (msg: { result?: PoolResult; error?: PoolError }) =>
        this.finished(worker, msg),
      );
      worker.on('error', (e) =>
        this.fail(new Error(`search pool worker ${t} failed: ${e.message}`, { cause: e })),
      );
      worker.on('exit', (code) => {
        if (!this.closed)
          this.fail(new Error(`search pool worker ${t} stopped unexpectedly (exit code ${code})`));
      });
      this.workers.push(worker);
      this.idle.push(worker);
    }
  }

  /**
   * `catchments` on the pool: sites are split, villages shared. Identical to `catchments(net, …)`.
   *
   * @param villages - Villages as `[lon0, lat0, …]` in degrees, or points placed on the pool's
   *   network.
   * @param sites - Sites, likewise.
   * @param options - Those of `catchments` (`maxSeconds` required, `direction`,
   *   `maxSnapDistanceM`) and `onProgress(sitesDone, sites)`.
   * @returns Rejects with the worker's error (same class and code) or when the pool is closed.
   *
   * @example
   * const c = await pool.catchments(villageCoords, candidateCoords, { maxSeconds: 5400, onProgress: (d, n) => log(d, n) });
   */
  async catchments(
    villages: ArrayLike<number> | PlacedPoints,
    sites: ArrayLike<number> | PlacedPoints,
    options: CatchmentOptions & PoolJobOptions,
  ): Promise<Catchments> {
    checkObject(options, 'SearchPool.catchments: options ({ maxSeconds })');
    checkOptionKeys(options, POOL_CATCHMENT_KEYS, 'SearchPool.catchments');
    const { onProgress, ...rest } = options;
    const snap = pickOptions(rest, SNAP_KEYS);
    const V = share(asPlaced(this.net, villages, snap));
    const S = asPlaced(this.net, sites, snap);
    const ns = S.snap.count;
    const parts = (await this.job(ns, onProgress, (a, b) => ({
      kind: 'catchments',
      villages: V,
      sites: share(S, a, b),
      options: rest,
    }))) as Catchments[];
    return joinCatchments(parts, V.snap.count, rest.maxSeconds);
  }

  /**
   * `travelTimeMatrix` on the pool: origins are split into row blocks, destinations shared.
   * Identical to `travelTimeMatrix(net, …)`.
   *
   * @param origins - Origins as `[lon0, lat0, …]` in degrees, or points placed on the pool's
   *   network.
   * @param destinations - Destinations, likewise.
   * @param options - `maxSeconds` (seconds, default no limit), `maxSnapDistanceM` (metres,
   *   default 1000) and `onProgress(originsDone, origins)`.
   *
   * @example
   * const m = await pool.travelTimeMatrix(villageCoords, clinicCoords, { maxSeconds: 3600 });
   * m.timeS[v * m.destinations + f];
   */
  async travelTimeMatrix(
    origins: ArrayLike<number> | PlacedPoints,
    destinations: ArrayLike<number> | PlacedPoints,
    options: MatrixOptions & PoolJobOptions = {},
  ): Promise<MatrixResult> {
    options = optionsObject(options, 'SearchPool.travelTimeMatrix', POOL_MATRIX_KEYS);
    const { onProgress, ...rest } = options;
    const snap = pickOptions(rest, SNAP_KEYS);
    const O = asPlaced(this.net, origins, snap);
    const D = share(asPlaced(this.net, destinations, snap));
    const no = O.snap.count;
    const nd = D.snap.count;
    const parts = (await this.job(no, onProgress, (a, b) => ({
      kind: 'matrix',
      origins: share(O, a, b),
      destinations: D,
      options: rest,
    }))) as MatrixResult[];
    const timeS = new Float64Array(no * nd);
    let row = 0;
    for (const p of parts) {
      timeS.set(p.timeS, row * nd);
      row += p.origins;
    }
    return { origins: no, destinations: nd, timeS };
  }

  /**
   * `isochrones` on the pool. In `each` mode the origins are split (bands keep their origin
   * index); merged bands are one surface, computed on one worker off the calling thread.
   *
   * @param origins - Origins as `[lon0, lat0, lon1, lat1, …]`, degrees; at least one (an empty
   *   or odd-length array throws `InputError`).
   * @param options - Those of `isochrones` (`minutes` required) and `onProgress(done, total)`.
   *
   * @example
   * const fc = await pool.isochrones(facilityCoords, { minutes: [15, 30], mode: 'each' });
   */
  async isochrones(
    origins: ArrayLike<number>,
    options: IsochroneOptions & PoolJobOptions,
  ): Promise<FeatureCollection<MultiPolygon, IsochroneBand>> {
    checkObject(options, 'SearchPool.isochrones: options ({ minutes })');
    checkOptionKeys(options, POOL_ISOCHRONE_KEYS, 'SearchPool.isochrones');
    const { onProgress, ...rest } = options;
    if (origins.length === 0 || origins.length % 2)
      throw new InputError(
        'invalid-option',
        `origins must be [lon, lat, …] pairs, got ${origins.length} numbers`,
      );
    const n = origins.length / 2;
    const each = rest.mode === 'each';
    const slice = (a: number, b: number) =>
      Array.from({ length: 2 * (b - a) }, (_, i) => origins[2 * a + i]);
    const starts: number[] = [];
    const parts = (await this.job(each ? n : 1, onProgress, (a, b) => {
      starts.push(a);
      return { kind: 'isochrones', origins: each ? slice(a, b) : slice(0, n), options: rest };
    })) as FeatureCollection<MultiPolygon, IsochroneBand>[];
    const features = parts.flatMap((fc, i) =>
      fc.features.map((f) =>
        each
          ? {
              ...f,
              properties: { ...f.properties, origin: (f.properties.origin as number) + starts[i] },
            }
          : f,
      ),
    );
    return { type: 'FeatureCollection', features };
  }

  /**
   * Stop every worker. Jobs still running are rejected; the pool cannot be used afterwards.
   * Calling it again does nothing.
   *
   * @example
   * const pool = new SearchPool(net);
   * try { await pool.catchments(villageCoords, siteCoords, { maxSeconds: 900 }); }
   * finally { await pool.close(); }
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.fail(new InputError('pool-closed', 'the search pool was closed'));
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  /** Cut `items` into slices (a few per thread, for balance), run them, results in slice order. */
  private job(
    items: number,
    onProgress: PoolJobOptions['onProgress'],
    make: (from: number, to: number) => PoolTask,
  ): Promise<PoolResult[]> {
    if (this.broken) return Promise.reject(this.broken);
    const slices = Math.max(1, Math.min(items, this.threads * 4));
    return new Promise<PoolResult[]>((resolve, reject) => {
      const job: Job = {
        results: new Array(slices),
        left: slices,
        done: 0,
        total: items,
        failed: false,
        resolve,
        reject,
        onProgress,
      };
      for (let i = 0; i < slices; i++) {
        const a = Math.floor((i * items) / slices);
        const b = Math.floor(((i + 1) * items) / slices);
        this.queue.push({ task: make(a, b), items: b - a, job, index: i });
      }
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const p = this.queue.shift() as Pending;
      if (p.job.failed) continue;
      const worker = this.idle.pop() as Worker;
      this.running.set(worker, p);
      worker.ref();
      worker.postMessage(p.task);
    }
  }

  private finished(worker: Worker, msg: { result?: PoolResult; error?: PoolError }): void {
    const p = this.running.get(worker);
    if (!p) return;
    this.running.delete(worker);
    worker.unref();
    this.idle.push(worker);
    const job = p.job;
    if (!job.failed) {
      if (msg.error) {
        job.failed = true;
        job.reject(rebuildError(msg.error));
      } else {
        job.results[p.index] = msg.result as PoolResult;
        job.done += p.items;
        job.onProgress?.(job.done, job.total);
        if (--job.left === 0) job.resolve(job.results);
      }
    }
    this.dispatch();
  }

  /** A worker died or the pool closed: every job not finished fails with `e`. */
  private fail(e: Error): void {
    this.broken ??= e;
    const jobs = new Set<Job>([
      ...this.queue.map((p) => p.job),
      ...[...this.running.values()].map((p) => p.job),
    ]);
    this.queue.length = 0;
    this.running.clear();
    for (const job of jobs) {
      if (job.failed) continue;
      job.failed = true;
      job.reject(e);
    }
  }
}

/**
 * Start a pool, run `work` on it and close it, whatever happens: for one-off jobs (a CLI command,
 * a script). Several jobs on one network should share one long-lived pool instead.
 *
 * @param net - The network to search.
 * @param options - `threads` (default: the number of cores).
 * @param work - Runs the jobs on the pool; its result is returned once the pool is closed, and
 *   its rejection is passed on after closing.
 *
 * @example
 * const m = await withSearchPool(net, { threads: 4 }, (pool) =>
 *   pool.travelTimeMatrix(villageCoords, clinicCoords, { maxSeconds: 3600 }),
 * );
 */
export async function withSearchPool<T>(
  net: RoadNetwork,
  options: SearchPoolOptions,
  work: (pool: SearchPool) => Promise<T>,
): Promise<T> {
  const pool = new SearchPool(net, optionsObject(options, 'withSearchPool', POOL_KEYS));
  try {
    return await work(pool);
  } finally {
    await pool.close();
  }
}

/**
 * Points `from … to - 1` (default: all) copied into SharedArrayBuffers: posted to every worker
 * without further copies.
 */
function share(p: PlacedPoints, from = 0, to = p.snap.count): PlacedPoints {
  return mapPlaced(p, to - from, <T extends Int32Array | Float64Array | Uint8Array>(a: T): T => {
    const Ctor = a.constructor as new (buffer: SharedArrayBuffer) => T;
    const out = new Ctor(new SharedArrayBuffer((to - from) * a.BYTES_PER_ELEMENT));
    out.set(a.subarray(from, to));
    return out;
  });
}

function rebuildError(e: PoolError): Error {
  const zh = e.zh === undefined ? undefined : { zh: e.zh };
  if (e.code && e.name === 'FormatError') return new FormatError(e.code, e.message, zh);
  if (e.code && e.name === 'InputError') return new InputError(e.code, e.message, zh);
  if (e.code) return new ServiceReachError(e.code, e.message, zh);
  const err = new Error(e.message);
  err.name = e.name;
  return err;
}

/**
 * The built worker: beside this module in the package (dist/), or dist/ of the project when
 * running from the TypeScript sources (tests, tsx) — Node's workers cannot load .ts files.
 */
function workerScript(): URL {
  for (const rel of ['./pool-worker.js', '../../dist/pool-worker.js']) {
    const url = new URL(rel, import.meta.url);
    if (existsSync(fileURLToPath(url))) return url;
  }
  throw new InputError(
    'missing-file',
    'the search pool worker (dist/pool-worker.js) is missing: run npm run build',
  );
}
