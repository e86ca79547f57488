import { FormatError } from '../../errors';

/**
 * Fill void cells (`NaN`) in place from their neighbours, in waves: each wave gives every void
 * cell that touches a known cell (8-neighbourhood) the mean of those known neighbours, then the
 * filled cells count as known for the next wave. Deterministic (a wave reads only values known
 * before it), so a void hole closes from its rim inwards, like GDAL's nodata filling without the
 * smoothing passes. SRTM3 voids are small (306 cells over Andorra), so this is enough.
 *
 * @param h - Heights, row-major; voids are `NaN`.
 * @param cols - Samples per row.
 * @param rows - Rows.
 * @param source - Names the grid in the error when it holds no value at all.
 * @returns How many cells were filled.
 * @example
 * const h = new Float32Array([1, Number.NaN, 3, 5]);
 * fillVoids(h, 2, 2, 'test'); // 1; h[1] = (1 + 3 + 5) / 3
 */
export function fillVoids(h: Float32Array, cols: number, rows: number, source: string): number {
  let voids = 0;
  for (let i = 0; i < h.length; i++) if (Number.isNaN(h[i])) voids++;
  if (voids === 0) return 0;
  if (voids === h.length)
    throw new FormatError('empty-dem', `${source}: every elevation sample is a void (no data)`);
  const queued = new Uint8Array(h.length);
  let wave: number[] = [];
  const pushVoidNeighbours = (i: number, into: number[]) => {
    const r = (i / cols) | 0;
    const c = i - r * cols;
    for (let dr = -1; dr <= 1; dr++) {
      const rr = r + dr;
      if (rr < 0 || rr >= rows) continue;
      for (let dc = -1; dc <= 1; dc++) {
        const cc = c + dc;
        if (cc < 0 || cc >= cols) continue;
        const j = rr * cols + cc;
        if (!queued[j] && Number.isNaN(h[j])) {
          queued[j] = 1;
          into.push(j);
        }
      }
    }
  };
  // The first wave: voids with a known neighbour (scanning the few voids, not every cell).
  for (let i = 0; i < h.length; i++) {
    if (!Number.isNaN(h[i])) continue;
    const r = (i / cols) | 0;
    const c = i - r * cols;
    let known = false;
    for (let dr = -1; dr <= 1 && !known; dr++)
      for (let dc = -1; dc <= 1; dc++) {
        const rr = r + dr;
        const cc = c + dc;
        if (rr >= 0 && rr < rows && cc >= 0 && cc < cols && !Number.isNaN(h[rr * cols + cc])) {
          known = true;
          break;
        }
      }
    if (known) {
      queued[i] = 1;
      wave.push(i);
    }
  }
  const value = new Float64Array(h.length > 0 ? voids : 0);
  while (wave.length > 0) {
    for (let k = 0; k < wave.length; k++) {
      const i = wave[k];
      const r = (i / cols) | 0;
      const c = i - r * cols;
      let sum = 0;
      let n = 0;
      for (let dr = -1; dr <= 1; dr++) {
        const rr = r + dr;
        if (rr < 0 || rr >= rows) continue;
        for (let dc = -1; dc <= 1; dc++) {
          const cc = c + dc;
          if (cc < 0 || cc >= cols) continue;
          const v = h[rr * cols + cc];
          if (!Number.isNaN(v)) {
            sum += v;
            n++;
          }
        }
      }
      value[k] = sum / n;
    }
    for (let k = 0; k < wave.length; k++) h[wave[k]] = value[k];
    const next: number[] = [];
    for (const i of wave) pushVoidNeighbours(i, next);
    next.sort((a, b) => a - b);
    wave = next;
  }
  return voids;
}
