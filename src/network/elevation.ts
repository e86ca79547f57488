import { InputError } from '../errors';
import { haversineM } from '../geo/distance';
import { fromE7 } from '../geo/fixed';
import { checkOptionKeys, type OptionKeys } from '../geo/option-keys';
import type { Dem } from '../inputs/dem/dem';
import {
  bicycleSlopeFactor,
  CAR_PENALTY_KEYS,
  type CarGradePenalty,
  carSlopeFactor,
  type SlopeFactor,
  toblerSlopeFactor,
} from './slope-models';
import type { NetworkMeta } from './road-network';
import type { WayRuns } from './way-runs';
import type { WayTable } from './way-table';

/** Terrain-aware travel: opt in by passing these as `elevation` to a network builder. */
export interface ElevationOptions {
  /** Heights: `new Dem([readHgt(…)])`, or `loadDem(path)` from `servicereach/node`. */
  dem: Dem;
  /**
   * Slope model: `'walk'` (Tobler), `'bicycle'` (constant power), `'car'` (steep-grade penalty)
   * or your own pace multiplier by grade. Default: the one named like the profile.
   */
  model?: 'walk' | 'bicycle' | 'car' | SlopeFactor;
  /** The car model's penalty (when `model` is, or defaults to, `'car'`). */
  car?: CarGradePenalty;
  /**
   * Each road's height profile (height over distance along it) is simplified by Douglas–Peucker
   * to this many metres before grades are read, so a road is a few stretches of even grade
   * rather than a new grade at every vertex; default 5 m, below SRTM's vertical error (≈ 6–16 m),
   * so no real climb is lost. 0 keeps every vertex's grade.
   */
  profileToleranceM?: number;
  /**
   * Grades are rounded to multiples of this before the model reads them; default 0 (exact).
   * A step such as 0.01 merges neighbouring stretches of nearly equal grade into one link.
   */
  gradeStep?: number;
  /**
   * Road segments longer than this get interpolated vertices, so a long straight segment over
   * a ridge is not read as flat; default the DEM's sample spacing (≈ 92 m for SRTM3).
   */
  sampleM?: number;
}

/** The keys of `ElevationOptions`, for the unknown-key check. */
const ELEVATION_KEYS = {
  dem: true,
  model: true,
  car: true,
  profileToleranceM: true,
  gradeStep: true,
  sampleM: true,
} satisfies OptionKeys<ElevationOptions>;

/**
 * Throws `InputError` `invalid-option` when a builder's `elevation` options (or their `car`
 * penalty) have a key they do not know; anything but an object is left to the builder.
 *
 * @param elevation - The builder's `elevation` option, as the caller passed it.
 * @param where - The builder, for the message (`buildNetworkFromGeoJson`).
 * @example
 * checkElevationKeys(options.elevation, 'buildNetworkFromGeoJson');
 */
export function checkElevationKeys(elevation: unknown, where: string): void {
  if (!elevation || typeof elevation !== 'object') return;
  checkOptionKeys(elevation, ELEVATION_KEYS, `${where}: elevation`);
  const car = (elevation as ElevationOptions).car;
  if (car && typeof car === 'object')
    checkOptionKeys(car, CAR_PENALTY_KEYS, `${where}: elevation.car`);
}

/** What the network records about its terrain (in `meta.elevation`). */
export interface ElevationMeta {
  /** DEM file names. */
  source: string;
  /** Slope model: `walk`, `bicycle`, `car` or `custom`. */
  model: string;
  profileToleranceM: number;
  gradeStep: number;
  sampleM: number;
  /** DEM void cells filled from neighbours. */
  voidsFilled: number;
  /** Vertices added on long segments. */
  densifiedVertices: number;
  /** Road vertices no grid covers: their segments count as flat (also a `no-elevation` warning). */
  verticesOutside: number;
}

/** The builder's terrain state: the (densified) table, heights per vertex and the model. */
export interface Terrain {
  table: WayTable;
  /** Metres per table vertex, `NaN` outside the DEM. */
  z: Float64Array;
  factor: SlopeFactor;
  meta: ElevationMeta;
}

/**
 * Check the options, densify the table's long segments and look up every vertex's height.
 *
 * @param t the builder's input
 * @param options the caller's elevation options
 * @param profile the profile's name, which picks the default model
 * @example
 * const terrain = prepareTerrain(table, { dem }, 'walk');
 * terrain.z[v]; // metres at table vertex v
 */
export function prepareTerrain(t: WayTable, options: ElevationOptions, profile: string): Terrain {
  const { dem } = options;
  const gradeStep = options.gradeStep ?? 0;
  const profileToleranceM = options.profileToleranceM ?? 5;
  if (!(profileToleranceM >= 0 && Number.isFinite(profileToleranceM)))
    throw new InputError(
      'invalid-option',
      `elevation profileToleranceM must be metres ≥ 0, got ${profileToleranceM}`,
    );
  const sampleM = options.sampleM ?? dem.spacingM;
  if (!(gradeStep >= 0 && gradeStep < 1))
    throw new InputError(
      'invalid-option',
      `elevation gradeStep must be in [0, 1), got ${gradeStep}`,
    );
  if (!(sampleM > 0))
    throw new InputError('invalid-option', `elevation sampleM must be metres > 0, got ${sampleM}`);
  const { factor, name } = slopeModel(options, profile);
  const before = t.coords.length / 2;
  const table = densify(t, sampleM);
  const V = table.coords.length / 2;
  const z = new Float64Array(V);
  let outside = 0;
  for (let v = 0; v < V; v++) {
    z[v] = dem.elevationAt(fromE7(table.coords[2 * v]), fromE7(table.coords[2 * v + 1]));
    if (Number.isNaN(z[v])) outside++;
  }
  return {
    table,
    z,
    factor,
    meta: {
      source: dem.source,
      model: name,
      profileToleranceM,
      gradeStep,
      sampleM,
      voidsFilled: dem.voidsFilled,
      densifiedVertices: V - before,
      verticesOutside: outside,
    },
  };
}

function slopeModel(
  options: ElevationOptions,
  profile: string,
): { factor: SlopeFactor; name: string } {
  const m = options.model ?? profile;
  if (typeof m === 'function') return { factor: m, name: 'custom' };
  if (m === 'walk') return { factor: toblerSlopeFactor, name: m };
  if (m === 'bicycle') return { factor: bicycleSlopeFactor, name: m };
  if (m === 'car') return { factor: carSlopeFactor(options.car), name: m };
  throw new InputError(
    'invalid-option',
    `no slope model for profile "${profile}": pass elevation.model ('walk', 'bicycle', 'car' or a function)`,
  );
}

/**
 * The table with vertices added on segments longer than `maxM`, evenly (in 1e-7 degree, so on
 * the segment as drawn). New vertices come after the old ones and carry source id −1.
 */
function densify(t: WayTable, maxM: number): WayTable {
  const { coords, refs, start } = t;
  const W = start.length - 1;
  const seg = (a: number, b: number) =>
    haversineM(
      fromE7(coords[2 * a]),
      fromE7(coords[2 * a + 1]),
      fromE7(coords[2 * b]),
      fromE7(coords[2 * b + 1]),
    );
  let extra = 0;
  for (let w = 0; w < W; w++)
    for (let i = start[w]; i + 1 < start[w + 1]; i++)
      if (refs[i] >= 0 && refs[i + 1] >= 0)
        extra += Math.max(0, Math.ceil(seg(refs[i], refs[i + 1]) / maxM) - 1);
  if (extra === 0) return t;
  const V = coords.length / 2;
  const outCoords = new Int32Array(2 * (V + extra));
  outCoords.set(coords);
  const ids = t.vertexIds;
  // Densified vertices have no source id.
  const outIds = ids && { length: V + extra, id: (v: number) => (v < V ? ids.id(v) : -1) };
  const outRefs = new Int32Array(refs.length + extra);
  const outStart = new Uint32Array(W + 1);
  let k = 0;
  let nv = V;
  for (let w = 0; w < W; w++) {
    outStart[w] = k;
    for (let i = start[w]; i < start[w + 1]; i++) {
      const a = refs[i];
      outRefs[k++] = a;
      const b = i + 1 < start[w + 1] ? refs[i + 1] : -1;
      if (a < 0 || b < 0) continue;
      const n = Math.ceil(seg(a, b) / maxM);
      for (let j = 1; j < n; j++) {
        const f = j / n;
        for (let c = 0; c < 2; c++)
          outCoords[2 * nv + c] = Math.round(
            coords[2 * a + c] + f * (coords[2 * b + c] - coords[2 * a + c]),
          );
        outRefs[k++] = nv++;
      }
    }
  }
  outStart[W] = k;
  return { ...t, coords: outCoords, vertexIds: outIds, refs: outRefs, start: outStart };
}

/** Seconds per metre of each segment `runs.vertex[i] → runs.vertex[i + 1]`, both ways. */
export interface SegmentPaces {
  forward: Float64Array;
  backward: Float64Array;
}

/**
 * Each run segment's pace both ways: its way's pace times the model's factor for the grade of
 * the stretch it lies in (bridges and tunnels: the grade between their ends) (the run's height profile simplified to `profileToleranceM`, grades
 * rounded to `gradeStep`), and a junction wherever the pace changes inside a run (set in
 * `runs.uses`), so that pieces, and the links compaction makes of them, keep one pace per
 * direction: a snapped point's share of a link's length is then its share of the time.
 *
 * @param t the (densified) table
 * @param runs the cleaned ways; their junction marks are extended
 * @param terrain heights and model
 * @example
 * const paces = segmentPaces(terrain.table, runs, terrain);
 * paces.forward[i]; // s/m from runs.vertex[i] to runs.vertex[i + 1]
 */
export function segmentPaces(t: WayTable, runs: WayRuns, terrain: Terrain): SegmentPaces {
  const { z, factor } = terrain;
  const { gradeStep: step, profileToleranceM: tol } = terrain.meta;
  const { coords, forwardPace, backwardPace } = t;
  const { vertex: run, start, way, uses } = runs;
  const fwd = new Float64Array(runs.length);
  const bwd = new Float64Array(runs.length);
  // Per run position: distance along the run and height (scratch, reused run to run).
  const d = new Float64Array(runs.length);
  const h = new Float64Array(runs.length);
  const keep = new Uint8Array(runs.length);
  for (let r = 0; r < runs.count; r++) {
    const s0 = start[r];
    const s1 = start[r + 1] - 1;
    d[s0] = 0;
    for (let i = s0 + 1; i <= s1; i++) {
      const a = run[i - 1];
      const b = run[i];
      d[i] =
        d[i - 1] +
        haversineM(
          fromE7(coords[2 * a]),
          fromE7(coords[2 * a + 1]),
          fromE7(coords[2 * b]),
          fromE7(coords[2 * b + 1]),
        );
    }
    const w = way[r];
    runHeights(run, z, s0, s1, h);
    if (t.structure?.[w]) {
      // A bridge or tunnel runs evenly between its ends; the network keeps those heights too.
      const span = d[s1] - d[s0];
      for (let i = s0 + 1; i < s1; i++) {
        h[i] = span > 0 ? h[s0] + ((d[i] - d[s0]) / span) * (h[s1] - h[s0]) : h[s0];
        z[run[i]] = h[i];
      }
    }
    simplifyProfile(d, h, s0, s1, tol, keep);
    // Stretch k0 → k1 between kept positions; every segment inside takes its grade.
    let k0 = s0;
    let k1 = s0;
    let g = 0;
    for (let i = s0; i < s1; i++) {
      if (i === k1) {
        k0 = i;
        k1 = i + 1;
        while (!keep[k1]) k1++;
        const span = d[k1] - d[k0];
        g = span > 0 ? (h[k1] - h[k0]) / span : 0;
        if (step > 0) g = Math.round(g / step) * step;
      }
      // Closed stays closed (Infinity × a factor is Infinity, and no 0 × ∞ can arise).
      fwd[i] = forwardPace[w] === Infinity ? Infinity : forwardPace[w] * factor(g);
      bwd[i] = backwardPace[w] === Infinity ? Infinity : backwardPace[w] * factor(-g);
      if (i > s0 && (fwd[i] !== fwd[i - 1] || bwd[i] !== bwd[i - 1])) uses[run[i]] = 2;
    }
  }
  return { forward: fwd, backward: bwd };
}

/** Heights of run positions s0…s1 into `h`; a vertex outside the DEM takes its nearest known neighbour's height (0 when none is known). */
function runHeights(run: Int32Array, z: Float64Array, s0: number, s1: number, h: Float64Array) {
  let last = Number.NaN;
  for (let i = s0; i <= s1; i++) {
    h[i] = z[run[i]];
    if (!Number.isNaN(h[i])) last = h[i];
    else if (!Number.isNaN(last)) h[i] = last;
  }
  last = Number.NaN;
  for (let i = s1; i >= s0; i--) {
    if (!Number.isNaN(h[i])) last = h[i];
    else h[i] = Number.isNaN(last) ? 0 : last;
  }
}

/**
 * Douglas–Peucker on the profile (distance `d`, height `h`) of positions s0…s1: `keep[i] = 1` for
 * the ends and every position needed to stay within `tol` metres of height (measured vertically,
 * which is what grade reads). Iterative, with an explicit stack.
 *
 * @param d distance along the run per position, metres, non-decreasing
 * @param h height per position, metres
 * @param s0 first position
 * @param s1 last position
 * @param tol metres; 0 keeps every position
 * @param keep set to 1 at kept positions, 0 elsewhere in s0…s1
 * @example
 * simplifyProfile(d, h, 0, n - 1, 5, keep); // keep[i] === 1: a grade break at i
 */
export function simplifyProfile(
  d: Float64Array,
  h: Float64Array,
  s0: number,
  s1: number,
  tol: number,
  keep: Uint8Array,
): void {
  for (let i = s0; i <= s1; i++) keep[i] = tol > 0 ? 0 : 1;
  keep[s0] = 1;
  keep[s1] = 1;
  if (tol <= 0) return;
  const stack = [s0, s1];
  while (stack.length > 0) {
    const b = stack.pop() as number;
    const a = stack.pop() as number;
    const span = d[b] - d[a];
    let worst = tol;
    let at = -1;
    for (let i = a + 1; i < b; i++) {
      const line = span > 0 ? h[a] + ((d[i] - d[a]) / span) * (h[b] - h[a]) : h[a];
      const off = Math.abs(h[i] - line);
      if (off > worst) {
        worst = off;
        at = i;
      }
    }
    if (at < 0) continue;
    keep[at] = 1;
    stack.push(a, at, at, b);
  }
}

/**
 * The network's metadata with its terrain: `meta.elevation`, and a `no-elevation` warning when
 * road vertices lie outside the DEM.
 *
 * @param meta the build's metadata
 * @param t the (densified) table, for its class names
 * @param terrain what `prepareTerrain` found
 * @example
 * const m = elevationMeta(meta, table, terrain); // m.elevation.model === 'walk'
 */
export function elevationMeta(
  meta: Omit<NetworkMeta, 'classNames'>,
  t: WayTable,
  terrain: Terrain,
): NetworkMeta {
  const out = terrain.meta.verticesOutside;
  const warnings = out
    ? [
        ...meta.warnings, // spread-ok: one entry per warning code
        {
          code: 'no-elevation',
          message: `road vertices outside the DEM (${terrain.meta.source}): their segments count as flat`,
          count: out,
          examples: [],
        },
      ].sort((a, b) => (a.code < b.code ? -1 : 1))
    : meta.warnings;
  return { ...meta, warnings, classNames: t.classNames, elevation: terrain.meta };
}
