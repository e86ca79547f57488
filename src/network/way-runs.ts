import type { WayTable } from './way-table';

/**
 * The ways of a `WayTable` cleaned into *runs*: vertex sequences with no gap and no vertex
 * repeated back to back, each at least two vertices long. Run `r` is
 * `vertex[start[r]] … vertex[start[r + 1] - 1]` and comes from way `way[r]`.
 */
export interface WayRuns {
  /** Runs back to back; entries past `length` are unused. */
  vertex: Int32Array;
  /** Entries of `vertex` in use. */
  length: number;
  /** `count + 1` entries in use (sized by ways + gaps, the most runs there can be). */
  start: Int32Array;
  way: Int32Array;
  count: number;
  /**
   * Per table vertex: how often runs pass through it, saturating at 2. A run's ends are set to 2
   * at once, so `uses[v] === 2` marks every junction: a vertex where a way ends, that two ways
   * share, or that one way visits twice.
   */
  uses: Uint8Array;
}

/**
 * Cut the ways at gaps (`-1`, a node missing from a clipped extract), drop repeated consecutive
 * vertices (zero-length segments), and mark junctions. A run of one vertex carries no road and is
 * dropped, so its vertex is no junction either.
 *
 * @param t the builder's input; `refs` sizes the vertex array, its ways and gaps the run arrays,
 *   so nothing grows while filling
 * @example
 * const runs = wayRuns(table);
 * runs.uses[v] === 2; // v is a junction: ways are cut there into pieces
 */
export function wayRuns(t: WayTable): WayRuns {
  const V = t.coords.length / 2;
  const W = t.start.length - 1;
  const { refs, start } = t;
  // Each run ends at a gap or at its way's end. Sized by the references instead, the run arrays
  // were 185 MB of address space on the 20×20 Andorra replica for ~1.2M runs.
  let gaps = 0;
  for (let i = 0; i < refs.length; i++) if (refs[i] < 0) gaps++;
  const run = new Int32Array(refs.length);
  const runWay = new Int32Array(W + gaps);
  const runStart = new Int32Array(W + gaps + 1);
  const uses = new Uint8Array(V);
  let k = 0;
  let R = 0;
  for (let w = 0; w < W; w++) {
    let s = k;
    for (let i = start[w]; i <= start[w + 1]; i++) {
      const v = i < start[w + 1] ? refs[i] : -1; // the way's end flushes like a gap
      if (v >= 0) {
        if (k === s || run[k - 1] !== v) run[k++] = v;
        continue;
      }
      if (k - s >= 2) {
        runWay[R] = w;
        runStart[R++] = s;
        uses[run[s]] = 2;
        uses[run[k - 1]] = 2;
        for (let j = s + 1; j < k - 1; j++) if (uses[run[j]] < 2) uses[run[j]]++;
      } else k = s;
      s = k;
    }
  }
  runStart[R] = k;
  return { vertex: run, length: k, start: runStart, way: runWay, count: R, uses };
}
