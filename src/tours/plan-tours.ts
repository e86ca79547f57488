import { durationText } from './duration-text';
import { checkNetwork, checkObjectArray, optionsObject } from '../geo/check-args';
import { type OptionKeys, pickOptions } from '../geo/option-keys';
import { InputError } from '../errors';
import type { RoadNetwork } from '../network/road-network';
import { placePoints } from '../search/placed-points';
import { route } from '../search/route';
import { travelTimeMatrix } from '../search/travel-time-matrix';
import { SNAP_KEYS, type SnapOptions } from '../spatial/snap';
import { solveVrp } from './solve-vrp';

/** Options of `planTours`. */
export interface PlanToursOptions extends SnapOptions {
  /** Working day of a vehicle: driving plus service, in hours (default 8). */
  dayHours?: number;
  /** Time spent at each village, in minutes (default 45). */
  serviceMinutes?: number;
  /** Every village is visited once per this many working days (default 5: a week). */
  periodDays?: number;
  /** Most villages one tour may visit (default no limit). */
  maxStops?: number;
  /** Seed of the solver's random choices (default 1). */
  seed?: number;
  /** Solver budget in seconds (default 2), or `iterations` for a deterministic run. */
  timeLimitS?: number;
  iterations?: number;
  /** Clock of `timeLimitS` in ms (default `performance.now`). */
  clock?: () => number;
  /** Road geometry of each tour (one route per leg; default false). */
  geometry?: boolean;
  /**
   * Villages off the network (farther than `maxSnapDistanceM` from every road) but at most this
   * many metres from the nearest road are served from that road point: the vehicle stops there
   * and the staff walk the straight line there and back at the network's access speed
   * (`net.meta.accessKmh`, 3 km/h for every profile), which is added to the village's service
   * time. Default 2000 m; 0 leaves every off-network village unserved.
   */
  maxWalkM?: number;
}

/** The keys of `PlanToursOptions`, for the unknown-key check. */
const PLAN_TOURS_KEYS = {
  dayHours: true,
  serviceMinutes: true,
  periodDays: true,
  maxStops: true,
  seed: true,
  timeLimitS: true,
  iterations: true,
  clock: true,
  geometry: true,
  maxWalkM: true,
  ...SNAP_KEYS,
} satisfies OptionKeys<PlanToursOptions>;

/** One day's tour of one vehicle. */
export interface PlannedTour {
  /** Vehicle number, 0-based over all depots; a vehicle stays at its depot. */
  vehicle: number;
  /** Working day of the period, 1-based. */
  day: number;
  /** Index of the depot (in the `depots` given). */
  depot: number;
  /** Indices of the villages (in the `villages` given), in visiting order. */
  villages: number[];
  /** Minutes after leaving the depot at which the vehicle reaches each village (or its road point). */
  arriveMinutes: number[];
  /**
   * Metres the staff walk, one way, from the road point to each village (0 for villages on the
   * network); the walk there and back is part of `serviceMinutes`.
   */
  walkM: number[];
  driveMinutes: number;
  /** Time at the villages: the service time plus any walk there and back. */
  serviceMinutes: number;
  /** Driving plus service, in hours. */
  hours: number;
  /** `[lon, lat]` along the roads from the depot through every village and back (with `geometry`). */
  coordinates?: [number, number][];
}

/** A village no tour can serve, and why (in words). */
export interface UnservedVillage {
  village: number;
  reason: 'off-network' | 'unreachable' | 'longer-than-day';
  detail: string;
  /** Metres from the village to the nearest road (straight line). */
  roadDistanceM: number;
  /**
   * `longer-than-day` only: seconds of the shortest drive from a depot there and back, and the
   * metres walked each way from the road (0 on the road); the numbers behind `detail`.
   */
  roundTripS?: number;
  walkM?: number;
}

/** The result of `planTours`. */
export interface TourPlan {
  /** Vehicles needed in all: per depot, its tours divided by the days of the period, rounded up. */
  vehicles: number;
  vehiclesPerDepot: number[];
  periodDays: number;
  tours: PlannedTour[];
  unserved: UnservedVillage[];
  /** Total driving of all tours of a period, in minutes. */
  driveMinutes: number;
  /** Walking speed from a road point to an off-network village (the network's `accessKmh`). */
  walkKmh: number;
}

// Most villages plus depots one plan takes: its travel-time matrix is n² doubles (800 MB here)
// and costs one search per village. A million villages asked for 8 TB.
const MAX_TOUR_POINTS = 10_000;

/**
 * Mobile-service tours for villages: vehicles based at depots (e.g. township health centres) each
 * drive one tour per working day — driving plus a service time at each village within the day —
 * so that every village is visited once per period of `periodDays` days, with as few vehicles as
 * the search finds. Travel times come from `travelTimeMatrix` in both directions (one-ways
 * count). The solver (`solveVrp`) puts a fixed cost of a whole period on each vehicle and of one
 * working day on each tour, so fewer vehicles, then fewer tours, win over shorter driving (tours
 * gather at the depots whose vehicles have free days); each depot's tours are then spread over the days of the
 * period, and its vehicles are its tours divided by the days, rounded up. Villages that no tour
 * can serve in a day are listed with the reason.
 *
 * @param net - The road network (car profile for vehicles).
 * @param villages - Villages to visit (`lon`, `lat` in degrees).
 * @param depots - Where vehicles are based.
 * @param options - Working day, service time, period, stop limit, solver budget and seed.
 *   More than 10,000 villages and depots together: `InputError` `too-many-villages`, before
 *   any search (the matrix would pass 800 MB).
 * @returns Vehicles, tours per day with their hours and villages, and the villages left out.
 * @example
 * const plan = planTours(net, remoteVillages, townshipCentres, {
 *   dayHours: 8,
 *   serviceMinutes: 45,
 *   periodDays: 5,
 *   iterations: 2000,
 * });
 * plan.vehicles; plan.tours[0].villages; plan.unserved;
 */
export function planTours(
  net: RoadNetwork,
  villages: readonly { lon: number; lat: number }[],
  depots: readonly { lon: number; lat: number }[],
  options: PlanToursOptions = {},
): TourPlan {
  checkNetwork(net, 'planTours');
  checkObjectArray(villages, 'planTours: villages');
  checkObjectArray(depots, 'planTours: depots');
  options = optionsObject(options, 'planTours', PLAN_TOURS_KEYS);
  const dayHours = options.dayHours ?? 8;
  const serviceMinutes = options.serviceMinutes ?? 45;
  const periodDays = options.periodDays ?? 5;
  if (!(dayHours > 0 && dayHours <= 24))
    throw new InputError('invalid-option', `dayHours must be in (0, 24], got ${options.dayHours}`);
  if (!(serviceMinutes >= 0 && serviceMinutes < Infinity))
    throw new InputError(
      'invalid-option',
      `serviceMinutes must be ≥ 0, got ${options.serviceMinutes}`,
    );
  if (!(Number.isInteger(periodDays) && periodDays >= 1))
    throw new InputError(
      'invalid-option',
      `periodDays must be a whole number ≥ 1, got ${options.periodDays}`,
    );
  if (
    options.maxStops !== undefined &&
    !(Number.isInteger(options.maxStops) && options.maxStops >= 1)
  )
    throw new InputError(
      'invalid-option',
      `maxStops must be a whole number ≥ 1, got ${options.maxStops}`,
    );
  const maxWalkM = options.maxWalkM ?? 2000;
  if (!(maxWalkM >= 0 && maxWalkM < Infinity))
    throw new InputError('invalid-option', `maxWalkM must be ≥ 0 metres, got ${options.maxWalkM}`);
  if (depots.length === 0) throw new InputError('invalid-option', 'no depot given');
  const nd = depots.length;
  const nv = villages.length;
  const n = nd + nv;
  if (n > MAX_TOUR_POINTS)
    throw new InputError(
      'too-many-villages',
      `tours over ${nv.toLocaleString('en-US')} villages and ${nd.toLocaleString('en-US')} depots need a ${n.toLocaleString('en-US')} × ${n.toLocaleString('en-US')} travel-time matrix (${((n * n * 8) / 1e9).toFixed(1)} GB, one search per village), above the ${MAX_TOUR_POINTS.toLocaleString('en-US')} villages and depots planned at once (${((MAX_TOUR_POINTS * MAX_TOUR_POINTS * 8) / 1e9).toFixed(1)} GB): plan township by township, or leave fewer villages to the tours (a larger service circle)`,
    );
  const coords = new Float64Array(2 * n);
  depots.forEach((d, i) => {
    coords[2 * i] = d.lon;
    coords[2 * i + 1] = d.lat;
  });
  villages.forEach((v, i) => {
    coords[2 * (nd + i)] = v.lon;
    coords[2 * (nd + i) + 1] = v.lat;
  });
  const snap = pickOptions(options, SNAP_KEYS);
  let placed = placePoints(net, coords, snap);
  const roadM = placed.snap.distanceM.slice();
  // Off-network villages within the walk: the vehicle stops at the nearest road point instead.
  const walkM = new Float64Array(n);
  for (let i = nd; i < n; i++)
    if (placed.snap.link[i] < 0 && roadM[i] <= maxWalkM) {
      walkM[i] = roadM[i];
      coords[2 * i] = placed.snap.lon[i];
      coords[2 * i + 1] = placed.snap.lat[i];
    }
  if (walkM.some((w) => w > 0)) placed = placePoints(net, coords, snap);
  const m = travelTimeMatrix(net, placed, placed).timeS;
  for (let i = 0; i < n; i++) m[i * n + i] = 0;
  const dayS = dayHours * 3600;
  const serviceS = serviceMinutes * 60;
  const walkMps = net.meta.accessKmh / 3.6;
  const service = new Float64Array(n);
  for (let i = nd; i < n; i++) service[i] = serviceS + (2 * walkM[i]) / walkMps;
  const demand = new Float64Array(n).fill(1);
  for (let d = 0; d < nd; d++) demand[d] = 0;
  const sol = solveVrp(
    {
      matrix: { size: n, cost: m },
      depots: Array.from({ length: nd }, (_, i) => i),
      customers: Array.from({ length: nv }, (_, i) => nd + i),
      demand,
      capacity: options.maxStops,
      service,
      maxDuration: dayS,
      tourCost: dayS,
      vehicleCost: dayS * periodDays,
      toursPerVehicle: periodDays,
    },
    {
      seed: options.seed,
      timeLimitS: options.timeLimitS ?? (options.iterations === undefined ? 2 : undefined),
      iterations: options.iterations,
      clock: options.clock,
    },
  );
  const unserved: UnservedVillage[] = sol.unserved.map(({ customer }) => {
    const v = customer - nd;
    const roadDistanceM = roadM[customer];
    if (placed.snap.link[customer] < 0)
      return {
        village: v,
        reason: 'off-network',
        detail: `${km(roadDistanceM)} from the nearest road, more than the ${km(maxWalkM)} the staff walk`,
        roadDistanceM,
      };
    let best = Infinity;
    for (let d = 0; d < nd; d++) best = Math.min(best, m[d * n + customer] + m[customer * n + d]);
    if (best === Infinity)
      return {
        village: v,
        reason: 'unreachable',
        detail: 'no road path there and back from any depot',
        roadDistanceM,
      };
    const walk =
      walkM[customer] > 0
        ? ` and the ${km(2 * walkM[customer])} walk there and back (${Math.round((2 * walkM[customer]) / walkMps / 60)} min)`
        : '';
    return {
      village: v,
      reason: 'longer-than-day',
      detail: `the round trip from the nearest depot (${durationText(best / 60)}) plus ${serviceMinutes} min of service${walk} exceeds the ${dayHours} h day`,
      roadDistanceM,
      roundTripS: best,
      walkM: walkM[customer],
    };
  });
  // Each depot's tours, longest first, spread day by day over its vehicles.
  const vehiclesPerDepot = new Array<number>(nd).fill(0);
  const tours: PlannedTour[] = [];
  let firstVehicle = 0;
  for (let d = 0; d < nd; d++) {
    const mine = sol.tours.filter((t) => t.depot === d).sort((a, b) => b.duration - a.duration);
    const vehicles = Math.ceil(mine.length / periodDays);
    vehiclesPerDepot[d] = vehicles;
    mine.forEach((t, i) => {
      const arriveMinutes: number[] = [];
      let clock = 0;
      let prev = d;
      let atVillagesS = 0;
      for (const c of t.stops) {
        clock += m[prev * n + c];
        arriveMinutes.push(clock / 60);
        clock += service[c];
        atVillagesS += service[c];
        prev = c;
      }
      const tour: PlannedTour = {
        vehicle: firstVehicle + (i % vehicles),
        day: Math.floor(i / vehicles) + 1,
        depot: d,
        villages: t.stops.map((c) => c - nd),
        arriveMinutes,
        walkM: t.stops.map((c) => walkM[c]),
        driveMinutes: t.cost / 60,
        serviceMinutes: atVillagesS / 60,
        hours: t.duration / 3600,
      };
      if (options.geometry) tour.coordinates = tourGeometry(net, coords, [d, ...t.stops, d], snap); // spread-ok: one tour's stops
      tours.push(tour);
    });
    firstVehicle += vehicles;
  }
  tours.sort((a, b) => a.day - b.day || a.vehicle - b.vehicle);
  return {
    vehicles: firstVehicle,
    vehiclesPerDepot,
    periodDays,
    tours,
    unserved,
    driveMinutes: sol.cost / 60,
    walkKmh: net.meta.accessKmh,
  };
}

function km(m: number): string {
  return m < 1000 ? `${Math.round(m)} m` : `${(m / 1000).toFixed(1)} km`;
}

function tourGeometry(
  net: RoadNetwork,
  coords: Float64Array,
  stops: number[],
  options: SnapOptions,
): [number, number][] {
  const out: [number, number][] = [];
  for (let k = 0; k + 1 < stops.length; k++) {
    const a = stops[k];
    const b = stops[k + 1];
    const r = route(
      net,
      [coords[2 * a], coords[2 * a + 1]],
      [coords[2 * b], coords[2 * b + 1]],
      options,
    );
    for (let i = out.length > 0 ? 1 : 0; i < r.coordinates.length; i++) out.push(r.coordinates[i]);
  }
  return out;
}
