import { checkNumberArray } from '../geo/check-args';
import { InputError } from '../errors';

/**
 * Gini coefficient of `values` (e.g. villages' travel times), each counted `weights[i]` times
 * (e.g. population; default 1): 0 when everyone waits the same, towards 1 when a few carry all.
 * Mean absolute difference over twice the mean, computed on the sorted values in O(n log n).
 *
 * @param values - Finite numbers ≥ 0, e.g. travel times in seconds; `Infinity` (unreachable)
 *   throws `InputError`: leave those villages out and report them apart. Empty gives 0.
 * @param weights - One weight ≥ 0 per value (default 1 each), e.g. population.
 *
 * @example
 * gini([10, 10, 10]); // 0
 * gini([0, 0, 0, 30]); // 0.75
 */
export function gini(values: ArrayLike<number>, weights?: ArrayLike<number>): number {
  checkNumberArray(values, 'gini: values');
  const items = pairs(values, weights);
  items.sort((a, b) => a[0] - b[0]);
  const [W, S] = totals(items);
  if (W === 0 || S === 0) return 0;
  // Σ_i Σ_j w_i w_j |x_i − x_j| = 2 Σ_i w_i x_i (W_<i − W_>i), with W_<i / W_>i the weight before / after.
  let before = 0;
  let sum = 0;
  for (const [x, w] of items) {
    const after = W - before - w;
    sum += w * x * (before - after);
    before += w;
  }
  return sum / (W * S);
}

/**
 * Theil T index of `values` weighted by `weights` (default 1): 0 for equality, ln(n) at most.
 * Values of 0 contribute 0 (the limit of x·ln x).
 *
 * @param values - Finite numbers ≥ 0 (as for `gini`); empty or all zero gives 0.
 * @param weights - One weight ≥ 0 per value (default 1 each), e.g. population.
 *
 * @example
 * theil([10, 10]); // 0
 */
export function theil(values: ArrayLike<number>, weights?: ArrayLike<number>): number {
  checkNumberArray(values, 'theil: values');
  const items = pairs(values, weights);
  const [W, S] = totals(items);
  if (W === 0 || S === 0) return 0;
  const mean = S / W;
  let t = 0;
  for (const [x, w] of items) if (x > 0) t += (w / W) * (x / mean) * Math.log(x / mean);
  return t;
}

/** Total weight and weighted sum. */
function totals(items: [number, number][]): [number, number] {
  let W = 0;
  let S = 0;
  for (const [x, w] of items) {
    W += w;
    S += w * x;
  }
  return [W, S];
}

function pairs(values: ArrayLike<number>, weights?: ArrayLike<number>): [number, number][] {
  if (weights && weights.length !== values.length)
    throw new InputError('invalid-option', `${weights.length} weights for ${values.length} values`);
  const out: [number, number][] = [];
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    const w = weights ? weights[i] : 1;
    if (!(Number.isFinite(x) && x >= 0))
      throw new InputError(
        'invalid-value',
        `value #${i} must be a finite number ≥ 0, got ${x} (leave unreachable villages out and report them apart)`,
      );
    if (!(Number.isFinite(w) && w >= 0))
      throw new InputError('invalid-value', `weight #${i} must be a finite number ≥ 0, got ${w}`);
    out.push([x, w]);
  }
  return out;
}
