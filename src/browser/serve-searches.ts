import { coverage, type CoverageOptions } from '../analysis/coverage';
import { type IsochroneOptions, isochrones } from '../analysis/isochrone';
import { WhatIfSession, type WhatIfThreshold } from '../analysis/what-if';
import { InputError } from '../errors';
import { preparedHierarchy } from '../search/ch/network-hierarchy';
import { RoadNetwork } from '../network/road-network';
import type { IndexedPoint } from '../points/indexed-point';
import { type NearestFacilitiesOptions, nearestFacilities } from '../search/nearest-facilities';
import {
  type MessageEndpoint,
  transferablesOf,
  type WorkerCall,
  type WorkerReply,
} from './message-endpoint';

/** What a handler of `serveSearches` is given besides its arguments. */
export interface WorkerContext {
  /** A network loaded by `loadNetwork` under `name`; `InputError` when there is none. */
  network(name: string): RoadNetwork;
}

/** A method the worker answers: arguments in, a result out (its typed arrays are transferred). */
export type WorkerHandler = (args: unknown[], context: WorkerContext) => unknown;

/** Per-village arrays of a what-if session after a change, copied for the page. */
export interface WhatIfSnapshot {
  /** Villages that changed with this call (all of them for `whatIfStart`). */
  changed: Int32Array;
  /** Per village, index into `WHAT_IF_STATUS`: 0 covered, 1 not covered, 2 off-network. */
  status: Uint8Array;
  /** Per village, the standard's measure (minutes or metres), `Infinity` beyond the largest threshold. */
  value: Float64Array;
  thresholds: WhatIfThreshold[];
  /** The standard's unit. */
  unit: 'minutes' | 'meters';
}

/**
 * Answers `SearchWorker` calls inside a Web Worker (or on any `MessageEndpoint`): networks arrive
 * as `.srn` buffers (`loadNetwork`, transferred, not copied), searches run here, and typed arrays
 * in results are transferred back. Built in: `loadNetwork`, `nearestFacilities`, `isochrones`,
 * `coverage` and a what-if session (`whatIfStart`, `whatIfMove`, `whatIfAdd`, `whatIfClose`);
 * `handlers` adds your own methods (or replaces these). A handler's error reaches the caller's
 * promise with its `code`.
 *
 * @param scope - The worker's `self` (or one end of a `MessageChannel`).
 * @param handlers - Extra methods by name, given the call's arguments and a `WorkerContext`.
 *
 * @example
 * // worker.ts, started with new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' })
 * import { serveSearches } from 'servicereach';
 * serveSearches(self as never, { nodeCount: ([name], ctx) => ctx.network(name as string).nodeCount });
 */
export function serveSearches(
  scope: MessageEndpoint,
  handlers: Record<string, WorkerHandler> = {},
): void {
  const networks = new Map<string, RoadNetwork>();
  let session: WhatIfSession | null = null;
  const context: WorkerContext = {
    network(name) {
      const net = networks.get(name);
      if (!net)
        throw new InputError(
          'unknown-network',
          `no network named ${JSON.stringify(name)} in the worker; send it first with loadNetwork`,
        );
      return net;
    },
  };
  const current = () => {
    if (!session)
      throw new InputError('no-session', 'start a what-if session with whatIfStart first');
    return session;
  };
  const snapshot = (s: WhatIfSession, changed: Int32Array): WhatIfSnapshot => ({
    changed,
    status: s.status.slice(),
    value: s.value.slice(),
    thresholds: s.thresholds(),
    unit: s.unit,
  });
  const builtIn: Record<string, WorkerHandler> = {
    loadNetwork: ([name, buffer]) => {
      const net = RoadNetwork.fromBuffer(buffer as ArrayBuffer);
      preparedHierarchy(net); // a saved hierarchy is checked now, not at the first search
      networks.set(name as string, net);
      return { nodes: net.nodeCount, edges: net.edgeCount, profile: net.meta.profile };
    },
    nearestFacilities: ([name, villages, facilities, options]) => {
      const r = nearestFacilities(
        context.network(name as string),
        villages as Float64Array,
        facilities as Float64Array,
        options as NearestFacilitiesOptions,
      );
      // Only the per-village arrays: the placed points hold views the worker keeps using.
      return {
        k: r.k,
        facility: r.facility,
        timeS: r.timeS,
        distanceM: r.distanceM,
        status: r.status,
        entry: r.entry,
      };
    },
    isochrones: ([name, origins, options]) =>
      isochrones(
        context.network(name as string),
        origins as Float64Array,
        options as IsochroneOptions,
      ),
    coverage: ([name, villages, facilities, options]) =>
      coverage(
        context.network(name as string),
        villages as IndexedPoint[],
        facilities as IndexedPoint[],
        options as CoverageOptions,
      ),
    whatIfStart: ([name, villages, facilities, options]) => {
      session = new WhatIfSession(
        context.network(name as string),
        villages as IndexedPoint[],
        facilities as IndexedPoint[],
        options as CoverageOptions,
      );
      return snapshot(session, Int32Array.from(session.status.keys()));
    },
    whatIfMove: ([id, lon, lat]) => {
      const s = current();
      return snapshot(s, s.move(id as string, lon as number, lat as number).changed);
    },
    whatIfAdd: ([facility]) => {
      const s = current();
      return snapshot(s, s.add(facility as IndexedPoint).changed);
    },
    whatIfClose: ([id]) => {
      const s = current();
      return snapshot(s, s.close(id as string).changed);
    },
    whatIfFacilities: () => current().facilities(),
  };
  const all = { ...builtIn, ...handlers };
  scope.addEventListener('message', (event) => {
    const { id, method, args } = event.data as WorkerCall;
    let reply: WorkerReply;
    try {
      const handler = all[method];
      if (!handler)
        throw new InputError(
          'unknown-method',
          `the search worker has no method ${JSON.stringify(method)}`,
        );
      reply = { id, result: handler(args, context) };
    } catch (e) {
      const err = e instanceof Error ? e : new Error(String(e));
      const code = (err as { code?: unknown }).code;
      reply = {
        id,
        error: {
          name: err.name,
          code: typeof code === 'string' ? code : null,
          message: err.message,
        },
      };
    }
    scope.postMessage(reply, transferablesOf(reply));
  });
}
