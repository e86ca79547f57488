import type { CoverageOptions, CoverageResult } from '../analysis/coverage';
import type { IsochroneBand, IsochroneOptions } from '../analysis/isochrone';
import { FormatError, InputError, ServiceReachError } from '../errors';
import type { IndexedPoint } from '../points/indexed-point';
import type {
  NearestFacilitiesOptions,
  NearestFacilitiesResult,
} from '../search/nearest-facilities';
import type { FeatureCollection, MultiPolygon } from 'geojson';
import type { MessageEndpoint, WorkerCall, WorkerReply } from './message-endpoint';
import type { WhatIfSnapshot } from './serve-searches';

// The library's errors, rebuilt on the page's side with their class and code.
const ERRORS: Record<string, typeof ServiceReachError> = {
  InputError,
  FormatError,
  ServiceReachError,
};

/** `nearestFacilities` as it comes back from the worker: the per-village arrays. */
export type NearestArrays = Omit<NearestFacilitiesResult, 'villages' | 'facilities'>;

/**
 * The page's side of a search worker (`serveSearches` runs inside it): each method posts one call
 * and resolves with the worker's answer. Buffers you pass (the `.srn` network, coordinate arrays)
 * are transferred — unusable in the page afterwards — and the typed arrays of results arrive
 * without a copy. Calls are answered in order; an error thrown in the worker rejects the call's
 * promise with an `InputError` (same `code`) or an `Error`.
 *
 * @example
 * const worker = new SearchWorker(new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' }));
 * await worker.loadNetwork('walk', await (await fetch('county-walk.srn')).arrayBuffer());
 * const r = await worker.nearestFacilities('walk', pointCoords(villages), pointCoords(clinics), { k: 1 });
 * r.timeS[0]; // seconds from village 0 to its nearest clinic
 */
export class SearchWorker {
  private next = 0;
  private readonly pending = new Map<
    number,
    { resolve: (v: unknown) => void; reject: (e: Error) => void }
  >();

  /**
   * Listens for the worker's answers on `endpoint`.
   *
   * @param endpoint - A `Worker` running `serveSearches` (or a `MessagePort` whose other end does).
   */
  constructor(private readonly endpoint: MessageEndpoint) {
    endpoint.addEventListener('message', (event) => {
      const reply = event.data as WorkerReply;
      const p = this.pending.get(reply.id);
      if (!p) return;
      this.pending.delete(reply.id);
      if ('error' in reply) {
        const { name, code, message } = reply.error;
        const Class = ERRORS[name];
        p.reject(Class && code ? new Class(code, message) : new Error(message));
      } else p.resolve(reply.result);
    });
  }

  /**
   * Calls a worker method by name: the built-ins or those given to `serveSearches`.
   *
   * @param method - The method's name.
   * @param args - Its arguments (structured-cloned).
   * @param transfer - Buffers among `args` to move rather than copy.
   * @returns The method's result.
   *
   * @example
   * await worker.call<number>('nodeCount', ['walk']);
   */
  call<T>(method: string, args: unknown[], transfer: ArrayBuffer[] = []): Promise<T> {
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      const call: WorkerCall = { id, method, args };
      this.endpoint.postMessage(call, transfer);
    });
  }

  /**
   * Sends a network to the worker as its `.srn` bytes (`RoadNetwork#toBuffer`, a fetched file),
   * transferred: the page's `buffer` is detached afterwards.
   *
   * @param name - The name later calls use (`walk`, `car`…).
   * @param buffer - The network's bytes.
   * @returns Nodes, edges and the network's profile.
   *
   * @example
   * await worker.loadNetwork('car', await (await fetch('county-car.srn')).arrayBuffer());
   */
  loadNetwork(
    name: string,
    buffer: ArrayBuffer,
  ): Promise<{ nodes: number; edges: number; profile: string }> {
    return this.call('loadNetwork', [name, buffer], [buffer]);
  }

  /**
   * `nearestFacilities` in the worker; the coordinate arrays are transferred.
   *
   * @param network - A name given to `loadNetwork`.
   * @param villages - `[lon0, lat0, …]` of the villages.
   * @param facilities - `[lon0, lat0, …]` of the facilities.
   * @param options - As for `nearestFacilities`.
   * @returns The per-village arrays.
   *
   * @example
   * const r = await worker.nearestFacilities('walk', pointCoords(villages), pointCoords(care), { maxSeconds: 900 });
   */
  nearestFacilities(
    network: string,
    villages: Float64Array,
    facilities: Float64Array,
    options: NearestFacilitiesOptions = {},
  ): Promise<NearestArrays> {
    return this.call(
      'nearestFacilities',
      [network, villages, facilities, options],
      [villages.buffer as ArrayBuffer, facilities.buffer as ArrayBuffer],
    );
  }

  /**
   * `isochrones` in the worker.
   *
   * @param network - A name given to `loadNetwork`.
   * @param origins - `[lon0, lat0, …]` of the origins.
   * @param options - As for `isochrones`.
   * @returns The bands as GeoJSON.
   *
   * @example
   * const bands = await worker.isochrones('walk', new Float64Array([100.2, 25.2]), { minutes: [5, 10, 15] });
   */
  isochrones(
    network: string,
    origins: Float64Array,
    options: IsochroneOptions,
  ): Promise<FeatureCollection<MultiPolygon, IsochroneBand>> {
    return this.call('isochrones', [network, origins, options]);
  }

  /**
   * A full `coverage` run in the worker (for an export, say).
   *
   * @param network - A name given to `loadNetwork`.
   * @param villages - The villages.
   * @param facilities - The facilities.
   * @param options - As for `coverage`.
   * @returns The coverage result.
   *
   * @example
   * const r = await worker.coverage('walk', villages, facilities, { standard: 'fitness-15min' });
   */
  coverage(
    network: string,
    villages: readonly IndexedPoint[],
    facilities: readonly IndexedPoint[],
    options: CoverageOptions,
  ): Promise<CoverageResult> {
    return this.call('coverage', [network, villages, facilities, options]);
  }

  /**
   * Starts the worker's what-if session (a `WhatIfSession`; one per worker, replaced by the next).
   *
   * @param network - A name given to `loadNetwork`.
   * @param villages - The villages.
   * @param facilities - The facilities at the start, with ids.
   * @param options - As for `coverage`.
   * @returns Every village's status and measure, and the summary.
   *
   * @example
   * const s = await worker.whatIfStart('walk', villages, care, { standard: 'elderly-care-15min' });
   */
  whatIfStart(
    network: string,
    villages: readonly IndexedPoint[],
    facilities: readonly IndexedPoint[],
    options: CoverageOptions,
  ): Promise<WhatIfSnapshot> {
    return this.call('whatIfStart', [network, villages, facilities, options]);
  }

  /**
   * Moves a facility of the what-if session.
   *
   * @param id - The facility's id.
   * @param lon - New longitude.
   * @param lat - New latitude.
   * @returns The villages that changed, every village's status and measure, and the summary.
   *
   * @example
   * (await worker.whatIfMove('F0012', 100.21, 25.19)).thresholds[0].shareOfPopulationWithin;
   */
  whatIfMove(id: string | number, lon: number, lat: number): Promise<WhatIfSnapshot> {
    return this.call('whatIfMove', [id, lon, lat]);
  }

  /**
   * Opens a facility in the what-if session.
   *
   * @param facility - The new facility, with an id.
   * @returns As `whatIfMove`.
   *
   * @example
   * await worker.whatIfAdd({ id: 'new', lon: 100.3, lat: 25.1, category: 'elderly-care' });
   */
  whatIfAdd(facility: IndexedPoint): Promise<WhatIfSnapshot> {
    return this.call('whatIfAdd', [facility]);
  }

  /**
   * Closes a facility of the what-if session.
   *
   * @param id - The facility's id.
   * @returns As `whatIfMove`.
   *
   * @example
   * await worker.whatIfClose('F0003');
   */
  whatIfClose(id: string | number): Promise<WhatIfSnapshot> {
    return this.call('whatIfClose', [id]);
  }

  /**
   * The what-if session's facilities as they stand (moved ones at their new place).
   *
   * @returns The facilities, in the order `coverage` reproduces the session with.
   *
   * @example
   * await worker.coverage('walk', villages, await worker.whatIfFacilities(), options);
   */
  whatIfFacilities(): Promise<IndexedPoint[]> {
    return this.call('whatIfFacilities', []);
  }
}
