import { checkCatchments } from './catchments';
import { checkNumberArray, checkObject, optionsObject } from '../geo/check-args';
import { checkOptionKeys, type OptionKeys } from '../geo/option-keys';
import { InputError } from '../errors';
import type { Catchments } from './catchments';

/** Options of `maximalCovering`. */
export interface MaximalCoveringOptions {
  /** Number of new sites to choose. */
  p: number;
  /** Villages already covered by existing facilities (1 = covered): they add nothing. */
  covered?: ArrayLike<number>;
}

/** The options of `setCovering`. */
interface SetCoveringOptions {
  /** Villages already covered by existing facilities (1 = covered). */
  covered?: ArrayLike<number>;
}

// The keys of each options type, for the unknown-key check.
const SET_COVERING_KEYS = { covered: true } satisfies OptionKeys<SetCoveringOptions>;
const MAXIMAL_COVERING_KEYS = {
  p: true,
  ...SET_COVERING_KEYS,
} satisfies OptionKeys<MaximalCoveringOptions>;

/** Why `maximalCovering` returned fewer sites than asked for. */
export interface SitingShortfall {
  /** How many of the `p` sites were not returned. */
  missing: number;
  /**
   * `all-covered`: every village is covered; `rest-uncoverable`: every village a candidate reaches
   * is covered, the rest no candidate reaches; `no-candidates-left`: every candidate was picked.
   */
  reason: 'all-covered' | 'rest-uncoverable' | 'no-candidates-left';
  /** The same in words a planner reads, with the counts. */
  message: string;
}

/** Picks in order, with what each added. */
export interface MaximalCoveringResult {
  /** Chosen site indices, best first. */
  sites: number[];
  /** Population newly covered by each pick (its marginal gain), non-increasing. */
  gains: number[];
  /** Villages newly covered by each pick. */
  villagesAdded: number[];
  /**
   * What each pick was chosen by: `population` (the most people newly covered) or, once no
   * candidate adds anyone — population unknown or 0 — `villages` (the most villages newly covered).
   */
  chosenBy: ('population' | 'villages')[];
  /** Why fewer than `p` sites were returned; null when all `p` were. */
  shortfall: SitingShortfall | null;
  /** Population covered before (existing facilities) and after the picks. */
  coveredBefore: number;
  coveredAfter: number;
  /** Population no candidate can cover at all (beyond every candidate's catchment). */
  uncoverable: number;
  /** 1 for villages covered after the picks. */
  coveredVillages: Uint8Array;
}

/**
 * Maximal covering location (MCLP): choose `p` new sites maximising the population newly brought
 * within the threshold, existing coverage locked in. Greedy with lazy evaluation (CELF, Leskovec
 * et al. 2007): coverage is submodular, so a site's gain can only fall as others are picked, and a
 * stale gain that still tops the queue after re-evaluation is the true best. Greedy is within
 * (1 − 1/e) of the optimum (Nemhauser et al. 1978); ties go to the lower site index.
 *
 * When no candidate adds any population (villages without a known population count 0), the picks
 * go on by villages newly covered, so that an extract without population still gets useful sites;
 * `chosenBy` says which measure chose each pick. Fewer than `p` sites come back only when no
 * candidate covers an uncovered village, and `shortfall` then says why.
 *
 * @param c - Catchments of the candidate sites (`catchments`), at the service threshold.
 * @param population - People per village, in the catchments' village order; each a number ≥ 0
 *   (`InputError` otherwise, or when the length differs).
 * @param options - `p`: how many sites to choose (a whole number ≥ 0); `covered`: 1 per village
 *   already served by existing facilities, e.g. from `coveredBy`.
 * @returns The picks, what each added and was chosen by; fewer than `p` (with `shortfall`) only
 *   when no remaining candidate covers an uncovered village (never a site that adds nothing).
 *
 * @example
 * const c = catchments(net, villageCoords, candidateCoords, { maxSeconds: 90 * 60 });
 * const r = maximalCovering(c, population, { p: 5, covered: existingCovered });
 * r.sites; r.gains; r.chosenBy; // ['population', 'population', 'villages', …]
 * r.shortfall?.message; // e.g. "every village is covered after 2 sites: 3 more would cover no village"
 */
export function maximalCovering(
  c: Catchments,
  population: ArrayLike<number>,
  options: MaximalCoveringOptions,
): MaximalCoveringResult {
  checkCatchments(c, 'maximalCovering');
  checkNumberArray(population, 'maximalCovering: population');
  checkObject(options, 'maximalCovering: options ({ p })');
  checkOptionKeys(options, MAXIMAL_COVERING_KEYS, 'maximalCovering');
  const { p } = options;
  if (!(Number.isInteger(p) && p >= 0))
    throw new InputError('invalid-option', `p must be a whole number ≥ 0, got ${p}`);
  checkPopulation(population, c.villages);
  const covered = new Uint8Array(c.villages);
  if (options.covered) for (let v = 0; v < c.villages; v++) covered[v] = options.covered[v] ? 1 : 0;
  const coveredBefore = sumWhere(population, covered, 1);
  const gain = (s: number) => {
    let g = 0;
    for (let k = c.start[s]; k < c.start[s + 1]; k++)
      if (!covered[c.village[k]]) g += population[c.village[k]];
    return g;
  };
  // Queue of [gain, site, round its gain was computed in], by gain descending then site ascending.
  const queue: [number, number, number][] = [];
  for (let s = 0; s < c.sites; s++) queue.push([gain(s), s, 1]);
  const before = (a: [number, number, number], b: [number, number, number]) =>
    b[0] - a[0] || a[1] - b[1];
  queue.sort(before);
  const sites: number[] = [];
  const gains: number[] = [];
  const villagesAdded: number[] = [];
  const chosenBy: ('population' | 'villages')[] = [];
  const take = (s: number, g: number, by: 'population' | 'villages') => {
    let n = 0;
    for (let k = c.start[s]; k < c.start[s + 1]; k++) {
      n += 1 - covered[c.village[k]];
      covered[c.village[k]] = 1;
    }
    sites.push(s);
    gains.push(g);
    villagesAdded.push(n);
    chosenBy.push(by);
  };
  for (let round = 1; round <= p && queue.length > 0; round++) {
    // Re-evaluate the top until a gain computed this round is on top: it is the true best.
    while (queue[0][2] !== round) {
      const top = queue.shift()!;
      top[0] = gain(top[1]);
      top[2] = round;
      let i = 0;
      while (i < queue.length && before(queue[i], top) < 0) i++;
      queue.splice(i, 0, top);
    }
    if (queue[0][0] <= 0) break; // nobody left to gain: go on by villages below
    const [g, s] = queue.shift()!;
    take(s, g, 'population');
  }
  // No candidate adds people: the most villages newly covered, ties to the lower index (as
  // setCovering), so unknown population still yields sites that reach someone.
  const picked = new Uint8Array(c.sites);
  for (const s of sites) picked[s] = 1;
  while (sites.length < p) {
    let best = -1;
    let bestCount = 0;
    for (let s = 0; s < c.sites; s++) {
      if (picked[s]) continue;
      let n = 0;
      for (let k = c.start[s]; k < c.start[s + 1]; k++) if (!covered[c.village[k]]) n++;
      if (n > bestCount) [best, bestCount] = [s, n];
    }
    if (best < 0) break;
    picked[best] = 1;
    take(best, 0, 'villages');
  }
  const unreached = uncoverableVillages(c, options.covered);
  const uncoverable = unreached.reduce((a, v) => a + population[v], 0);
  return {
    sites,
    gains,
    villagesAdded,
    chosenBy,
    shortfall: shortfall(p, sites.length, c.sites, unreached.length),
    coveredBefore,
    coveredAfter: sumWhere(population, covered, 1),
    uncoverable,
    coveredVillages: covered,
  };
}

/** Why the picks stopped short of `p`, or null when they did not. */
function shortfall(
  p: number,
  picked: number,
  candidates: number,
  unreached: number,
): SitingShortfall | null {
  if (picked >= p) return null;
  const missing = p - picked;
  const sites = `${picked} site${picked === 1 ? '' : 's'}`;
  if (picked === candidates)
    return {
      missing,
      reason: 'no-candidates-left',
      message:
        candidates === 0
          ? `no candidate sites were given: ${missing} site${missing === 1 ? '' : 's'} not placed`
          : `every one of the ${candidates} candidates was picked: ${missing} more need more candidates`,
    };
  const rest = `${missing} more would cover no village`;
  if (unreached === 0)
    return {
      missing,
      reason: 'all-covered',
      message: `every village is covered after ${sites}: ${rest}`,
    };
  return {
    missing,
    reason: 'rest-uncoverable',
    message: `every village a candidate reaches is covered after ${sites}: ${rest}; ${unreached} village${unreached === 1 ? ' is' : 's are'} beyond every candidate's reach`,
  };
}

/** Result of `setCovering`. */
export interface SetCoveringResult {
  /** Chosen site indices, in the order picked. */
  sites: number[];
  /** Villages each pick newly covered. */
  newlyCovered: number[];
  /** Villages that no candidate covers (and existing facilities do not either): reported, never dropped. */
  uncoverable: number[];
}

/**
 * Location set covering (LSCP): the fewest new sites that bring every coverable village within
 * the threshold, existing coverage locked in. Greedy (Chvátal 1979): each pick covers the most
 * still-uncovered villages, ties to the lower index — within a factor ln(n) + 1 of the fewest.
 * Villages no candidate reaches are listed in `uncoverable`.
 *
 * @param c - Catchments of the candidate sites (`catchments`), at the service threshold.
 * @param options - `covered`: 1 per village already served by existing facilities (default
 *   none). When all are covered already, no site is picked.
 *
 * @example
 * const r = setCovering(catchments(net, villageCoords, candidateCoords, { maxSeconds: 5400 }), { covered });
 * r.sites.length; r.uncoverable;
 */
export function setCovering(c: Catchments, options: SetCoveringOptions = {}): SetCoveringResult {
  checkCatchments(c, 'setCovering');
  options = optionsObject(options, 'setCovering', SET_COVERING_KEYS);
  const covered = new Uint8Array(c.villages);
  if (options.covered) for (let v = 0; v < c.villages; v++) covered[v] = options.covered[v] ? 1 : 0;
  const uncoverable = uncoverableVillages(c, covered);
  const sites: number[] = [];
  const newlyCovered: number[] = [];
  for (;;) {
    let bestSite = -1;
    let bestCount = 0;
    for (let s = 0; s < c.sites; s++) {
      let n = 0;
      for (let k = c.start[s]; k < c.start[s + 1]; k++) if (!covered[c.village[k]]) n++;
      if (n > bestCount) [bestSite, bestCount] = [s, n];
    }
    if (bestSite < 0) break;
    sites.push(bestSite);
    newlyCovered.push(bestCount);
    for (let k = c.start[bestSite]; k < c.start[bestSite + 1]; k++) covered[c.village[k]] = 1;
  }
  return { sites, newlyCovered, uncoverable };
}

/**
 * Villages covered by a set of sites (1 = within the threshold of at least one).
 *
 * @param c - Catchments (`catchments`) the sites index into.
 * @param sites - Site indices, `0 … c.sites - 1`; none gives all zeros.
 * @returns One byte per village: 1 covered, 0 not.
 *
 * @example
 * const existing = catchments(net, villageCoords, facilityCoords, { maxSeconds: 5400 });
 * const covered = coveredBy(existing, Array.from({ length: existing.sites }, (_, s) => s));
 */
export function coveredBy(c: Catchments, sites: Iterable<number>): Uint8Array {
  const out = new Uint8Array(c.villages);
  for (const s of sites) for (let k = c.start[s]; k < c.start[s + 1]; k++) out[c.village[k]] = 1;
  return out;
}

/**
 * Villages neither covered already nor within any site's catchment: no choice of these sites can
 * serve them.
 *
 * @param c - Catchments of the candidate sites.
 * @param covered - 1 per village already served (default none).
 * @returns Village indices, ascending.
 *
 * @example
 * uncoverableVillages(candidateCatchments, existingCovered); // [17, 230]
 */
export function uncoverableVillages(c: Catchments, covered?: ArrayLike<number>): number[] {
  const reachable = coveredBy(
    c,
    Array.from({ length: c.sites }, (_, s) => s),
  );
  const out: number[] = [];
  for (let v = 0; v < c.villages; v++) if (!reachable[v] && !(covered?.[v] ?? 0)) out.push(v);
  return out;
}

/**
 * What each site of `sites`, taken in order, newly brings within reach on top of `covered`:
 * villages and their population.
 *
 * @param c - Catchments the sites index into.
 * @param population - People per village, in the catchments' village order.
 * @param covered - 1 per village served before the first of `sites` (not changed).
 * @param sites - Site indices in the order they are added; each counts only villages no earlier
 *   one (nor `covered`) reaches.
 *
 * @example
 * newlyCovered(c, population, existingCovered, r.sites); // [{ villages: 4, population: 2310 }, …]
 */
export function newlyCovered(
  c: Catchments,
  population: ArrayLike<number>,
  covered: ArrayLike<number>,
  sites: readonly number[],
): { villages: number; population: number }[] {
  const cov = Uint8Array.from(covered);
  return sites.map((s) => {
    let villages = 0;
    let people = 0;
    for (let k = c.start[s]; k < c.start[s + 1]; k++) {
      const v = c.village[k];
      if (cov[v]) continue;
      cov[v] = 1;
      villages++;
      people += population[v];
    }
    return { villages, population: people };
  });
}

function checkPopulation(population: ArrayLike<number>, n: number): void {
  if (population.length !== n)
    throw new InputError(
      'invalid-option',
      `population has ${population.length} entries for ${n} villages`,
    );
  for (let v = 0; v < n; v++)
    if (!(population[v] >= 0))
      throw new InputError(
        'invalid-population',
        `population of village #${v} must be a number ≥ 0, got ${population[v]}`,
      );
}

function sumWhere(population: ArrayLike<number>, flag: Uint8Array, value: number): number {
  let s = 0;
  for (let v = 0; v < flag.length; v++) if (flag[v] === value) s += population[v];
  return s;
}
