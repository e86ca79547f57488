import { checkNumberArray } from '../geo/check-args';
import { InputError } from '../errors';

/** A square cost matrix, row-major: `cost[from * size + to]`; may be asymmetric (one-ways). */
export interface CostMatrix {
  size: number;
  cost: Float64Array;
}

/**
 * The TSPLIB `EUC_2D` distance matrix: Euclidean distance rounded to the nearest integer
 * (TSPLIB's `nint`, i.e. `Math.floor(d + 0.5)`), so tour costs are exact integer sums
 * comparable with published optima.
 *
 * @param x - x coordinate of each node.
 * @param y - y coordinate of each node (same length as `x`).
 * @param round - Round as TSPLIB does (default true); false keeps the exact distances.
 * @returns The symmetric matrix.
 * @example
 * const m = euclideanCostMatrix([0, 3], [0, 4]);
 * m.cost[1]; // 5
 */
export function euclideanCostMatrix(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  round = true,
): CostMatrix {
  checkNumberArray(x, 'euclideanCostMatrix: x');
  checkNumberArray(y, 'euclideanCostMatrix: y');
  const n = x.length;
  if (y.length !== n)
    throw new InputError('invalid-option', `x has ${n} coordinates but y has ${y.length}`);
  const cost = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      const d = Math.hypot(x[i] - x[j], y[i] - y[j]);
      const c = round ? Math.floor(d + 0.5) : d;
      cost[i * n + j] = c;
      cost[j * n + i] = c;
    }
  return { size: n, cost };
}
