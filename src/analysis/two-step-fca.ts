import { checkCatchments } from './catchments';
import { checkNumberArray } from '../geo/check-args';
import { InputError } from '../errors';
import type { Catchments } from './catchments';

/** Distance decay of `twoStepFca`: a weight in [0, 1] for a travel time within the catchment. */
export type Decay =
  | { kind: 'step' }
  /** Enhanced 2SFCA (Luo & Qi 2009): zones `upToS` seconds with a weight each, ascending. */
  | { kind: 'zones'; zones: { upToS: number; weight: number }[] }
  /** Gaussian (Dai 2010): (e^(−½(t/t0)²) − e^(−½)) / (1 − e^(−½)), 1 at the door, 0 at the threshold. */
  | { kind: 'gaussian' };

/** Scores per village and ratios per facility. */
export interface TwoStepFcaResult {
  /** Supply per person reachable from each village (e.g. beds per resident; × 1000 for per 1,000). */
  score: Float64Array;
  /** Supply / weighted population within reach, per facility (0 where nobody is within reach). */
  ratio: Float64Array;
  /** Weighted population within each facility's catchment. */
  demand: Float64Array;
}

/**
 * Two-step floating catchment area accessibility (Luo & Wang 2003) and its enhanced forms.
 * Step 1: each facility's ratio R_j = S_j / Σ_k P_k·W(t_kj) over villages k within the threshold.
 * Step 2: each village's score A_i = Σ_j R_j·W(t_ij) over facilities j within the threshold.
 * `c` holds facility catchments (sites = facilities, from `catchments`), so t_kj comes from one
 * bounded search per facility. With `step` decay every weight is 1 (the original 2SFCA).
 *
 * @param c - Facility catchments (`catchments` with the facilities as sites); their
 *   `maxSeconds` is the threshold t0 of the decay.
 * @param supply - Capacity per facility (beds, places, doctors), each ≥ 0, in site order.
 * @param population - People per village, each ≥ 0, in village order.
 * @param decay - Weight by travel time: `{ kind: 'step' }` (default), `'zones'` with ascending
 *   `upToS` seconds and weights in [0, 1], or `'gaussian'`.
 * @returns Per village a `score` (0 where no facility is within reach), per facility its `ratio`
 *   and `demand`.
 *
 * @example
 * const c = catchments(net, villageCoords, clinicCoords, { maxSeconds: 1800 });
 * const a = twoStepFca(c, beds, population, { kind: 'gaussian' });
 * a.score[v] * 1000; // beds per 1,000 residents within reach of village v
 */
export function twoStepFca(
  c: Catchments,
  supply: ArrayLike<number>,
  population: ArrayLike<number>,
  decay: Decay = { kind: 'step' },
): TwoStepFcaResult {
  const kind = (decay as { kind?: unknown } | null)?.kind;
  if (kind !== 'step' && kind !== 'zones' && kind !== 'gaussian')
    throw new InputError(
      'invalid-option',
      `twoStepFca: decay kind must be 'step', 'zones' or 'gaussian', got ${JSON.stringify(kind) ?? String(kind)}`,
    );
  checkCatchments(c, 'twoStepFca');
  checkNumberArray(supply, 'twoStepFca: supply');
  checkNumberArray(population, 'twoStepFca: population');
  if (kind === 'zones' && !Array.isArray((decay as { zones?: unknown }).zones))
    throw new InputError(
      'invalid-option',
      'twoStepFca: decay zones must be an array of { upToS, weight }',
    );
  if (supply.length !== c.sites)
    throw new InputError(
      'invalid-option',
      `supply has ${supply.length} entries for ${c.sites} facilities`,
    );
  if (population.length !== c.villages)
    throw new InputError(
      'invalid-option',
      `population has ${population.length} entries for ${c.villages} villages`,
    );
  for (let j = 0; j < c.sites; j++)
    if (!(supply[j] >= 0))
      throw new InputError(
        'invalid-capacity',
        `capacity of facility #${j} must be a number ≥ 0, got ${supply[j]}`,
      );
  for (let v = 0; v < c.villages; v++)
    if (!(population[v] >= 0))
      throw new InputError(
        'invalid-population',
        `population of village #${v} must be a number ≥ 0, got ${population[v]}`,
      );
  const weight = weightFunction(decay, c.maxSeconds);
  const demand = new Float64Array(c.sites);
  const ratio = new Float64Array(c.sites);
  for (let j = 0; j < c.sites; j++) {
    let d = 0;
    for (let k = c.start[j]; k < c.start[j + 1]; k++)
      d += population[c.village[k]] * weight(c.timeS[k]);
    demand[j] = d;
    ratio[j] = d > 0 ? supply[j] / d : 0;
  }
  const score = new Float64Array(c.villages);
  for (let j = 0; j < c.sites; j++)
    for (let k = c.start[j]; k < c.start[j + 1]; k++)
      score[c.village[k]] += ratio[j] * weight(c.timeS[k]);
  return { score, ratio, demand };
}

function weightFunction(decay: Decay, t0: number): (t: number) => number {
  if (decay.kind === 'step') return () => 1;
  if (decay.kind === 'gaussian') {
    const e = Math.exp(-0.5);
    return (t) => (Math.exp(-0.5 * (t / t0) ** 2) - e) / (1 - e);
  }
  const zones = decay.zones;
  for (let i = 0; i < zones.length; i++) {
    const z = zones[i];
    if (
      !(z.weight >= 0 && z.weight <= 1) ||
      !(z.upToS > 0) ||
      (i > 0 && z.upToS <= zones[i - 1].upToS)
    ) {
      throw new InputError(
        'invalid-option',
        `decay zones must have ascending upToS > 0 and weights in [0, 1]; zone ${i} is ${JSON.stringify(z)}`,
      );
    }
  }
  return (t) => zones.find((z) => t <= z.upToS)?.weight ?? 0;
}
