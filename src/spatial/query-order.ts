import { hilbertOf } from '../geo/hilbert';
import type { SegmentIndex } from './segment-index';

// Below this many points the order is the input's: sorting costs more than cache misses save.
const MIN_POINTS = 256;

/**
 * The order in which to answer many nearest-segment queries: along a Hilbert curve over the
 * index's grid, so that consecutive queries read the same cells and segments while they are still
 * in the CPU caches (10,000 villages on Andorra by car: the searches 1.7× faster than in input
 * order). The curve runs over blocks of cells, about one block per point, and one counting pass
 * sorts the points by block (within a block they keep their input order). Results are still
 * written to each point's own slot; only the work is reordered.
 *
 * @param index - The segment index the queries go to.
 * @param coords - Points `[lon0, lat0, …]`, degrees, already checked to be in range.
 * @param n - Number of points.
 * @returns A permutation of `0 … n-1`, or null for fewer than 256 points (input order).
 *
 * @example
 * const order = queryOrder(index, coords, coords.length / 2);
 * for (let i = 0; i < n; i++) { const q = order ? order[i] : i; … }
 */
export function queryOrder(
  index: SegmentIndex,
  coords: ArrayLike<number>,
  n: number,
): Uint32Array | null {
  if (n < MIN_POINTS) return null;
  const { x0, y0, cellW, cellH, nx, ny } = index;
  // 2^bits blocks a side: about one per point, none smaller than a cell.
  let bits = 1;
  while (bits < 12 && 4 ** bits < n && 2 ** bits < Math.max(nx, ny)) bits++;
  const side = 2 ** bits;
  const fx = side / (nx * cellW);
  const fy = side / (ny * cellH);
  const key = new Uint32Array(n);
  const start = new Uint32Array(side * side + 1);
  for (let q = 0; q < n; q++) {
    const bx = Math.floor((coords[2 * q] - x0) * fx);
    const by = Math.floor((coords[2 * q + 1] - y0) * fy);
    const k = hilbertOf(
      bx < 0 ? 0 : bx >= side ? side - 1 : bx,
      by < 0 ? 0 : by >= side ? side - 1 : by,
      bits,
    );
    key[q] = k;
    start[k + 1]++;
  }
  for (let k = 0; k < side * side; k++) start[k + 1] += start[k];
  const order = new Uint32Array(n);
  for (let q = 0; q < n; q++) order[start[key[q]]++] = q;
  return order;
}
