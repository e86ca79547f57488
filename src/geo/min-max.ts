/**
 * The least and greatest of many numbers. `Math.min(...values)` passes every value as one call
 * argument on the stack, which throws a RangeError past ~125k of them (a province's villages or
 * road vertices); these loop instead and answer exactly as `Math.min`/`Math.max` would, NaN and
 * the empty case (±Infinity) included.
 */

/**
 * The least of `values`, as `Math.min(...values)` but for any number of them.
 *
 * @param values - the numbers; Infinity when there are none, NaN when one is NaN
 * @example
 * minOf([3, 1, 2]); // 1
 */
export function minOf(values: ArrayLike<number>): number {
  let min = Number.POSITIVE_INFINITY;
  for (let i = 0; i < values.length; i++) min = Math.min(min, values[i]);
  return min;
}

/**
 * The greatest of `values`, as `Math.max(...values)` but for any number of them.
 *
 * @param values - the numbers; -Infinity when there are none, NaN when one is NaN
 * @example
 * maxOf(new Float64Array([3, 1, 2])); // 3
 */
export function maxOf(values: ArrayLike<number>): number {
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) max = Math.max(max, values[i]);
  return max;
}
