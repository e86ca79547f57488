import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { type CatchmentOptions, type Catchments, catchments } from '../analysis/catchments';
import { InputError } from '../errors';
import type { RoadNetwork } from '../network/road-network';

/**
 * `catchments` split over worker threads: the network is copied once into a SharedArrayBuffer
 * that every worker reads without copying, each worker takes a contiguous slice of the sites, and
 * the slices are joined in site order — the result is identical to the single-threaded call.
 * Worth it when each site's search is large (a 90-minute drive); for small catchments the
 * workers' start-up (each snaps the villages again) costs more than it saves: see
 * benchmarks/README.md. `threads` defaults to the number of cores.
 *
 * @example
 * import { catchmentsParallel } from 'servicereach/node';
 * const c = await catchmentsParallel(net, villageCoords, candidateCoords, { maxSeconds: 5400, threads: 4 });
 */
export async function catchmentsParallel(net: RoadNetwork, villageCoords: ArrayLike<number>, siteCoords: ArrayLike<number>, options: CatchmentOptions & { threads?: number }): Promise<Catchments> {
  const { threads: requested, ...rest } = options;
  const sites = siteCoords.length / 2;
  const threads = Math.max(1, Math.min(requested ?? availableParallelism(), Math.floor(sites)));
  if (threads === 1) return catchments(net, villageCoords, siteCoords, rest);
  const bytes = new Uint8Array(net.toBuffer());
  const shared = new SharedArrayBuffer(bytes.byteLength);
  new Uint8Array(shared).set(bytes);
  const villages = Float64Array.from(villageCoords);
  const url = workerScript();
  const parts = await Promise.all(
    Array.from({ length: threads }, (_, t) => {
      const from = Math.floor((t * sites) / threads);
      const to = Math.floor(((t + 1) * sites) / threads);
      const slice = Float64Array.from({ length: 2 * (to - from) }, (_, i) => siteCoords[2 * from + i]);
      return new Promise<Catchments>((resolve, reject) => {
        const worker = new Worker(url, { workerData: { network: shared, villages, sites: slice, options: rest } });
        worker.once('message', (c: Catchments) => {
          resolve(c);
          void worker.terminate();
        });
        worker.once('error', reject);
        worker.once('exit', (code) => {
          if (code !== 0) reject(new Error(`catchments worker ${t} stopped with exit code ${code}`));
        });
      });
    }),
  );
  const total = parts.reduce((a, c) => a + c.village.length, 0);
  const start = new Int32Array(sites + 1);
  const village = new Int32Array(total);
  const timeS = new Float64Array(total);
  let site = 0;
  let offset = 0;
  for (const c of parts) {
    for (let s = 0; s < c.sites; s++) start[site + s] = offset + c.start[s];
    village.set(c.village, offset);
    timeS.set(c.timeS, offset);
    site += c.sites;
    offset += c.village.length;
  }
  start[sites] = offset;
  return { sites, villages: villages.length / 2, start, village, timeS, maxSeconds: rest.maxSeconds };
}

/**
 * The built worker: beside this module in the package (dist/), or dist/ of the project when
 * running from the TypeScript sources (tests, tsx) — Node's workers cannot load .ts files.
 */
function workerScript(): URL {
  for (const rel of ['./catchments-worker.js', '../../dist/catchments-worker.js']) {
    const url = new URL(rel, import.meta.url);
    if (existsSync(fileURLToPath(url))) return url;
  }
  throw new InputError('missing-file', 'the catchments worker (dist/catchments-worker.js) is missing: run npm run build');
}
