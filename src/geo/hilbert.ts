/**
 * Position of (x, y) on a Hilbert curve over a 2^16 × 2^16 grid. Numbering graph nodes along the
 * curve puts nodes that are close on the map close in memory, which is what keeps a Dijkstra
 * frontier inside the CPU caches on large networks.
 *
 * @example
 * hilbert16(0, 0); // 0
 */
export function hilbert16(x: number, y: number): number {
  let d = 0;
  for (let s = 1 << 15; s > 0; s >>>= 1) {
    const rx = (x & s) > 0 ? 1 : 0;
    const ry = (y & s) > 0 ? 1 : 0;
    d += s * s * ((3 * rx) ^ ry);
    if (ry === 0) {
      if (rx === 1) {
        x = s - 1 - x;
        y = s - 1 - y;
      }
      const t = x;
      x = y;
      y = t;
    }
  }
  return d;
}
