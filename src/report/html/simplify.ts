/** Douglas–Peucker runs on windows of this many vertices (sharing their ends). */
const WINDOW = 1024;

/**
 * Douglas–Peucker simplification of one polyline, in place: which vertices to keep so that no
 * dropped vertex lies farther than `tolerance` from the kept line. Iterative (an explicit stack),
 * so a 100,000-vertex road cannot overflow the call stack; and run on windows of 1,024 vertices
 * whose ends are kept, because on a line that cannot be simplified (a zigzag finer than the
 * tolerance) Douglas–Peucker splits off one vertex at a time and takes quadratic time. Lines up
 * to 1,024 vertices (nearly every road link) get the textbook result.
 *
 * @param xy - `[x0, y0, x1, y1, …]` in projected units (report pixels).
 * @param n - Vertices to read from `xy` (the buffer may be longer).
 * @param tolerance - Largest allowed distance of a dropped vertex, same units.
 * @param keep - Out: `keep[i] = 1` for kept vertices; at least `n` long. Ends are always kept.
 * @param stack - Scratch of at least `2 * n` entries.
 * @returns How many vertices are kept.
 *
 * @example
 * const kept = simplifyPolyline(xy, n, 0.5, keep, stack); // report pixels at half-pixel tolerance
 */
export function simplifyPolyline(
  xy: Float64Array,
  n: number,
  tolerance: number,
  keep: Uint8Array,
  stack: Int32Array,
): number {
  if (n <= 2) {
    keep.fill(1, 0, n);
    return n;
  }
  keep.fill(0, 0, n);
  keep[0] = 1;
  let kept = 1;
  const tol2 = tolerance * tolerance;
  let top = 0;
  for (let a = 0; a < n - 1; a += WINDOW - 1) {
    const b = Math.min(n - 1, a + WINDOW - 1);
    keep[b] = 1;
    kept++;
    stack[top++] = a;
    stack[top++] = b;
  }
  while (top > 0) {
    const b = stack[--top];
    const a = stack[--top];
    if (b - a < 2) continue;
    const ax = xy[2 * a];
    const ay = xy[2 * a + 1];
    const dx = xy[2 * b] - ax;
    const dy = xy[2 * b + 1] - ay;
    const len2 = dx * dx + dy * dy;
    let worst = -1;
    let worstD2 = tol2;
    for (let i = a + 1; i < b; i++) {
      const px = xy[2 * i] - ax;
      const py = xy[2 * i + 1] - ay;
      // Distance to the segment (not the infinite line), so hairpins are kept.
      let t = len2 > 0 ? (px * dx + py * dy) / len2 : 0;
      t = t < 0 ? 0 : t > 1 ? 1 : t;
      const ex = px - t * dx;
      const ey = py - t * dy;
      const d2 = ex * ex + ey * ey;
      if (d2 > worstD2) {
        worstD2 = d2;
        worst = i;
      }
    }
    if (worst < 0) continue;
    keep[worst] = 1;
    kept++;
    stack[top++] = a;
    stack[top++] = worst;
    stack[top++] = worst;
    stack[top++] = b;
  }
  return kept;
}
