import { checkCatchments } from './catchments';
import { checkNumberArray, checkObject } from '../geo/check-args';
import { checkOptionKeys, type OptionKeys } from '../geo/option-keys';
import { InputError } from '../errors';
import type { Catchments } from './catchments';

/** Options of `pMedian`. */
export interface PMedianOptions {
  /** Number of new sites. */
  p: number;
  /** Each village's time to the nearest existing facility (Infinity where none is within reach). */
  existingTimeS?: ArrayLike<number>;
  /** Stop the substitution phase after this many improving swaps (default 1000). */
  maxSwaps?: number;
}

/** The keys of `PMedianOptions`, for the unknown-key check. */
const P_MEDIAN_KEYS = {
  p: true,
  existingTimeS: true,
  maxSwaps: true,
} satisfies OptionKeys<PMedianOptions>;

/** A solution: sites and its objective. */
export interface PMedianResult {
  /** Chosen site indices (candidate order in the catchments). */
  sites: number[];
  /** Population within `maxSeconds` of a site (existing or new): maximised first. */
  servedPopulation: number;
  /** Σ population × seconds to the nearest site over served villages: minimised second. */
  weightedTimeS: number;
  /** The same two figures after the greedy phase, before substitution. */
  greedy: { sites: number[]; servedPopulation: number; weightedTimeS: number };
  /** Improving swaps made by the substitution phase. */
  swaps: number;
}

/**
 * p-median with a maximum travel time (the catchments' `maxSeconds`): choose `p` new sites so
 * that first the most people are within the limit of a site and then the population-weighted
 * travel time is least; existing facilities count through `existingTimeS`. A greedy start (each
 * pick the best by that order) is improved by vertex substitution (Teitz & Bart 1968): swap a
 * chosen site for an unchosen one while that improves the objective. A swap is only taken when it
 * improves, so the result is never worse than the greedy start. Each objective evaluation reads
 * the chosen sites' catchments: O(p × catchment size); the substitution phase tries p × candidates
 * swaps per round, which suits hundreds of candidates, not tens of thousands.
 *
 * @param c - Catchments of the candidate sites (`catchments`); their `maxSeconds` is the limit.
 * @param population - People per village, in the catchments' village order (same length).
 * @param options - `p` new sites (a whole number ≥ 0; fewer are chosen only when candidates run
 *   out), `existingTimeS` per village in seconds (times beyond the limit count as unserved),
 *   `maxSwaps` (default 1000).
 *
 * @example
 * const c = catchments(net, villageCoords, candidateCoords, { maxSeconds: 3600 });
 * const r = pMedian(c, population, { p: 3 });
 * r.sites; r.servedPopulation; r.weightedTimeS / r.servedPopulation; // mean seconds per person
 */
export function pMedian(
  c: Catchments,
  population: ArrayLike<number>,
  options: PMedianOptions,
): PMedianResult {
  checkCatchments(c, 'pMedian');
  checkNumberArray(population, 'pMedian: population');
  checkObject(options, 'pMedian: options ({ p })');
  checkOptionKeys(options, P_MEDIAN_KEYS, 'pMedian');
  const { p } = options;
  if (!(Number.isInteger(p) && p >= 0))
    throw new InputError('invalid-option', `p must be a whole number ≥ 0, got ${p}`);
  if (population.length !== c.villages)
    throw new InputError(
      'invalid-option',
      `population has ${population.length} entries for ${c.villages} villages`,
    );
  const base = new Float64Array(c.villages).fill(Infinity);
  if (options.existingTimeS)
    for (let v = 0; v < c.villages; v++)
      base[v] = options.existingTimeS[v] <= c.maxSeconds ? options.existingTimeS[v] : Infinity;
  const best = new Float64Array(c.villages);
  const evaluate = (sites: readonly number[]): [number, number] => {
    best.set(base);
    for (const s of sites)
      for (let k = c.start[s]; k < c.start[s + 1]; k++)
        if (c.timeS[k] < best[c.village[k]]) best[c.village[k]] = c.timeS[k];
    let served = 0;
    let time = 0;
    for (let v = 0; v < c.villages; v++) {
      if (best[v] === Infinity) continue;
      served += population[v];
      time += population[v] * best[v];
    }
    return [served, time];
  };
  // More served people first, then less weighted time; a tiny tolerance keeps float noise from
  // counting as an improvement.
  const better = (a: [number, number], b: [number, number]) =>
    a[0] > b[0] + 1e-9 ||
    (Math.abs(a[0] - b[0]) <= 1e-9 && a[1] < b[1] - 1e-9 * Math.max(1, Math.abs(b[1])));

  const sites: number[] = [];
  const chosen = new Uint8Array(c.sites);
  for (let round = 0; round < p; round++) {
    let pick = -1;
    let pickValue: [number, number] = [-1, Infinity];
    for (let s = 0; s < c.sites; s++) {
      if (chosen[s]) continue;
      const value = evaluate([...sites, s]);
      if (pick < 0 || better(value, pickValue)) [pick, pickValue] = [s, value];
    }
    if (pick < 0) break;
    sites.push(pick);
    chosen[pick] = 1;
  }
  const greedyValue = evaluate(sites);
  const greedy = {
    sites: [...sites],
    servedPopulation: greedyValue[0],
    weightedTimeS: greedyValue[1],
  };

  let current = greedyValue;
  let swaps = 0;
  const maxSwaps = options.maxSwaps ?? 1000;
  for (let improved = true; improved && swaps < maxSwaps; ) {
    improved = false;
    let bestSwap: [number, number] | null = null;
    let bestValue = current;
    for (let i = 0; i < sites.length; i++) {
      for (let s = 0; s < c.sites; s++) {
        if (chosen[s]) continue;
        const trial = [...sites];
        trial[i] = s;
        const value = evaluate(trial);
        if (better(value, bestValue)) [bestSwap, bestValue] = [[i, s], value];
      }
    }
    if (bestSwap) {
      const [i, s] = bestSwap;
      chosen[sites[i]] = 0;
      chosen[s] = 1;
      sites[i] = s;
      current = bestValue;
      swaps++;
      improved = true;
    }
  }
  return { sites, servedPopulation: current[0], weightedTimeS: current[1], greedy, swaps };
}
