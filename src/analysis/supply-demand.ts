import { checkCatchments } from './catchments';
import { checkNumberArray, optionsObject } from '../geo/check-args';
import type { OptionKeys } from '../geo/option-keys';
import { InputError } from '../errors';
import type { Catchments } from './catchments';

/** The options of `supplyDemand`. */
interface SupplyDemandOptions {
  per1000?: number;
}
const SUPPLY_DEMAND_KEYS = { per1000: true } satisfies OptionKeys<SupplyDemandOptions>;

/** One facility's supply against the people it serves. */
export interface FacilityLoad {
  /** People whose nearest facility (of this set) it is. */
  assignedPopulation: number;
  /** People within the threshold of it (they may also be within reach of others). */
  populationWithin: number;
  /** The facility's capacity, as given. */
  capacity: number;
  /** Capacity per 1,000 assigned residents (Infinity with capacity but nobody assigned, NaN with neither). */
  per1000Assigned: number;
  /** With a standard: capacity missing to reach it for the assigned population (0 when met). */
  shortfall: number | null;
}

/**
 * Supply and demand per facility: who it serves (villages assigned to their nearest facility, and
 * villages within its catchment), its capacity per 1,000 residents, and against a standard
 * ("beds per 1,000 residents", "nursery places per 1,000") how much capacity is missing.
 * `nearest[v]` is each village's nearest facility index or -1 (e.g. `nearestFacilities(…).facility`).
 *
 * @param c - Catchments of the facilities (sites = facilities) at the service threshold.
 * @param nearest - Per village, the index of the facility it is assigned to, or -1 for none
 *   (those people count for no facility).
 * @param capacity - Capacity per facility, in site order.
 * @param population - People per village, in village order.
 * @param options - `per1000`: the standard, capacity per 1,000 residents; without it `shortfall`
 *   is `null`.
 * @returns One entry per facility, in site order.
 *
 * @example
 * const c = catchments(net, villageCoords, hospitalCoords, { maxSeconds: 3600 });
 * const nearest = nearestFacilities(net, villageCoords, hospitalCoords);
 * const load = supplyDemand(c, nearest.facility, beds, population, { per1000: 1.5 });
 * load[j].shortfall; // beds missing at hospital j for its assigned residents
 */
export function supplyDemand(
  c: Catchments,
  nearest: ArrayLike<number>,
  capacity: ArrayLike<number>,
  population: ArrayLike<number>,
  options: SupplyDemandOptions = {},
): FacilityLoad[] {
  checkCatchments(c, 'supplyDemand');
  checkNumberArray(nearest, 'supplyDemand: nearest');
  checkNumberArray(capacity, 'supplyDemand: capacity');
  checkNumberArray(population, 'supplyDemand: population');
  options = optionsObject(options, 'supplyDemand', SUPPLY_DEMAND_KEYS);
  if (nearest.length !== c.villages)
    throw new InputError(
      'invalid-option',
      `nearest has ${nearest.length} entries for ${c.villages} villages`,
    );
  if (capacity.length !== c.sites)
    throw new InputError(
      'invalid-option',
      `capacity has ${capacity.length} entries for ${c.sites} facilities`,
    );
  if (population.length !== c.villages)
    throw new InputError(
      'invalid-option',
      `population has ${population.length} entries for ${c.villages} villages`,
    );
  const per1000 = options.per1000;
  if (per1000 !== undefined && !(per1000 >= 0))
    throw new InputError('invalid-option', `per1000 must be a number ≥ 0, got ${per1000}`);
  const assigned = new Float64Array(c.sites);
  for (let v = 0; v < c.villages; v++) {
    const j = nearest[v];
    if (j >= c.sites)
      throw new InputError(
        'invalid-option',
        `village #${v} is assigned to facility ${j}, but there are ${c.sites}`,
      );
    if (j >= 0) assigned[j] += population[v];
  }
  const out: FacilityLoad[] = [];
  for (let j = 0; j < c.sites; j++) {
    let within = 0;
    for (let k = c.start[j]; k < c.start[j + 1]; k++) within += population[c.village[k]];
    const cap = capacity[j];
    out.push({
      assignedPopulation: assigned[j],
      populationWithin: within,
      capacity: cap,
      per1000Assigned: (cap * 1000) / assigned[j],
      shortfall: per1000 === undefined ? null : Math.max(0, (per1000 * assigned[j]) / 1000 - cap),
    });
  }
  return out;
}
