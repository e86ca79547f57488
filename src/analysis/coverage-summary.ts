import { InputError } from '../errors';
import type { CoverageStatus, VillageCoverage } from './coverage';
import { gini, theil } from './equity';
import type { ServiceStandard } from './standards';

/** Villages and people in one bucket; villages without population are counted, not summed as 0. */
export interface Tally {
  villages: number;
  population: number;
  populationUnknownVillages: number;
}

/** Villages and people within one threshold: `minutes` for time standards, `meters` for distance ones. */
export interface ThresholdTally {
  /** The threshold in minutes of travel, or null for distance standards. */
  minutes: number | null;
  /** The threshold in metres along the network, or null for time standards. */
  meters: number | null;
  within: Tally;
  /** Everyone else: farther, unreachable or off-network. */
  beyond: Tally;
  /** Share of the known population within (null when no village has a population). */
  shareOfPopulationWithin: number | null;
}

/** Coverage of one set of villages (all of them, or one group). */
export interface CoverageBlock extends Tally {
  /**
   * Villages with a known population, of all villages: every population figure and share rests on
   * those (`villages` of `ofVillages`).
   */
  populationKnown: { villages: number; ofVillages: number };
  status: Record<CoverageStatus, Tally>;
  thresholds: ThresholdTally[];
  /**
   * Population-weighted mean and 90th percentile of the villages' travel time, over villages with
   * a time and a population; null for distance standards or when no village qualifies.
   */
  weightedMeanMinutes: number | null;
  weightedP90Minutes: number | null;
  /**
   * The same of the metres along the network (the fastest path's length for time standards, the
   * network distance for distance standards); null when no village qualifies.
   */
  weightedMeanMeters: number | null;
  weightedP90Meters: number | null;
  /** Villages that entered those figures. */
  weightedVillages: number;
  /**
   * Inequality across those villages, population-weighted (null without any): of travel time for
   * time standards, of network distance for distance standards. Both are unitless.
   */
  gini: number | null;
  theil: number | null;
}

/** One group's population-weighted mean, for the gap between groups. */
export interface GroupMean {
  group: string;
  /** Null for distance standards. */
  weightedMeanMinutes: number | null;
  weightedMeanMeters: number;
}

/** Villages within one threshold of the nearest facility of one required kind, that kind alone. */
export interface CategoryThresholdTally {
  /** The threshold in minutes of travel, or null for distance standards. */
  minutes: number | null;
  /** The threshold in metres along the network, or null for time standards. */
  meters: number | null;
  within: Tally;
  /** Share of all villages within (0 without villages). */
  shareOfVillagesWithin: number;
  /** Share of the known population within (null when no village has a population). */
  shareOfPopulationWithin: number | null;
}

/** Coverage by one of the kinds a `require: 'all'` standard needs, as if it were the only one. */
export interface CategoryCoverage {
  category: string;
  /** Facilities of this kind in the input. */
  facilities: number;
  /** One entry per threshold, ascending, as `CoverageBlock.thresholds`. */
  thresholds: CategoryThresholdTally[];
}

export interface CoverageSummary {
  all: CoverageBlock;
  /**
   * Per required kind, when the standard needs each of several (`require: 'all'`): who is within
   * reach of that kind alone, beside the combined figures of `all`; null otherwise.
   */
  byCategory: CategoryCoverage[] | null;
  /** Per group value, when `groupBy` was given (sorted by name). */
  groups: Record<string, CoverageBlock> | null;
  /**
   * The groups with the highest and lowest weighted mean (of travel time for time standards, of
   * network distance for distance standards), and their ratio (the urban/rural gap).
   */
  gap: {
    highest: GroupMean;
    lowest: GroupMean;
    ratio: number | null;
  } | null;
}

/** The thresholds of a summary, named by their unit: exactly one of the two lists. */
export type SummaryThresholds =
  | { thresholdsMinutes: readonly number[]; thresholdsMeters?: undefined }
  | { thresholdsMeters: readonly number[]; thresholdsMinutes?: undefined };

/**
 * Sum up village rows per threshold and status, overall and per group.
 *
 * @param rows - Village rows of one `coverage` run.
 * @param thresholds - `{ thresholdsMinutes }` for a time standard or `{ thresholdsMeters }` for a distance one.
 * @param grouped - Whether to summarise per `group` as well (and give the gap between groups).
 * @param facilitiesByCategory - Facilities of each required kind, in the order of the rows'
 *   `nearest` (default: not counted, 0); per-kind figures come only when rows list several kinds.
 * @returns The overall block, per required kind, the blocks per group and the gap.
 *
 * @example
 * const s = summarizeCoverage(result.villages, { thresholdsMinutes: [15, 30] }, true);
 * s.all.thresholds[0].within.population; // people within 15 min
 * s.all.weightedMeanMinutes;              // population-weighted mean travel time
 */
export function summarizeCoverage(
  rows: readonly VillageCoverage[],
  thresholds: SummaryThresholds,
  grouped: boolean,
  facilitiesByCategory: readonly number[] = [],
): CoverageSummary {
  if ((thresholds.thresholdsMinutes === undefined) === (thresholds.thresholdsMeters === undefined))
    throw new InputError(
      'invalid-option',
      'summarizeCoverage needs exactly one of thresholdsMinutes and thresholdsMeters',
    );
  const timed = thresholds.thresholdsMinutes !== undefined;
  const limits = (thresholds.thresholdsMinutes ?? thresholds.thresholdsMeters) as readonly number[];
  const all = block(rows, limits, timed);
  const byCategory = categoryCoverage(rows, limits, timed, facilitiesByCategory);
  if (!grouped) return { all, byCategory, groups: null, gap: null };
  const byGroup = new Map<string, VillageCoverage[]>();
  for (const r of rows) {
    const g = r.group ?? '(none)';
    const list = byGroup.get(g);
    if (list) list.push(r);
    else byGroup.set(g, [r]);
  }
  const groups: Record<string, CoverageBlock> = {};
  for (const g of [...byGroup.keys()].sort()) groups[g] = block(byGroup.get(g)!, limits, timed);
  const mean = (m: GroupMean) => (timed ? (m.weightedMeanMinutes as number) : m.weightedMeanMeters);
  const means: GroupMean[] = Object.entries(groups)
    .filter(([, b]) => b.weightedMeanMeters !== null)
    .map(([group, b]) => ({
      group,
      weightedMeanMinutes: b.weightedMeanMinutes,
      weightedMeanMeters: b.weightedMeanMeters as number,
    }))
    .sort((a, b) => mean(b) - mean(a) || a.group.localeCompare(b.group));
  const gap = means.length
    ? {
        highest: means[0],
        lowest: means[means.length - 1],
        ratio:
          mean(means[means.length - 1]) > 0 ? mean(means[0]) / mean(means[means.length - 1]) : null,
      }
    : null;
  return { all, byCategory, groups, gap };
}

/** Per required kind (rows listing several in `nearest`): villages within each limit of that kind. */
function categoryCoverage(
  rows: readonly VillageCoverage[],
  limits: readonly number[],
  timed: boolean,
  facilities: readonly number[],
): CategoryCoverage[] | null {
  const kinds = rows[0]?.nearest ?? [];
  if (kinds.length < 2) return null;
  const total = tally(rows);
  return kinds.map((kind, j) => {
    // Off-network villages reach no kind, whatever the search says of their nearest road.
    const value = (r: VillageCoverage) =>
      r.status === 'off-network'
        ? Infinity
        : timed
          ? (r.nearest[j].minutes as number)
          : r.nearest[j].meters;
    return {
      category: kind.category,
      facilities: facilities[j] ?? 0,
      thresholds: limits.map((limit): CategoryThresholdTally => {
        const within = tally(rows.filter((r) => value(r) <= limit));
        return {
          minutes: timed ? limit : null,
          meters: timed ? null : limit,
          within,
          shareOfVillagesWithin: total.villages > 0 ? within.villages / total.villages : 0,
          shareOfPopulationWithin:
            total.population > 0 ? within.population / total.population : null,
        };
      }),
    };
  });
}

/**
 * The entry of `block.thresholds` that is the standard's own threshold.
 *
 * @param block - A block of a summary made for `standard`.
 * @param standard - The standard the coverage was run with.
 * @returns That entry, or undefined when the block has none (it always has, for its own standard).
 *
 * @example
 * standardThreshold(r.summary.all, r.standard)?.shareOfPopulationWithin;
 */
export function standardThreshold(
  block: CoverageBlock,
  standard: ServiceStandard,
): ThresholdTally | undefined {
  return block.thresholds.find((t) =>
    standard.thresholdMinutes !== undefined
      ? t.minutes === standard.thresholdMinutes
      : t.meters === standard.thresholdMeters,
  );
}

function tally(rows: readonly VillageCoverage[]): Tally {
  const t: Tally = { villages: 0, population: 0, populationUnknownVillages: 0 };
  for (const r of rows) {
    t.villages++;
    if (r.population === null) t.populationUnknownVillages++;
    else t.population += r.population;
  }
  return t;
}

/** Population-weighted mean and 90th percentile of `values` (ascending order not required). */
function weightedStats(values: number[], weights: number[]): { mean: number; p90: number } | null {
  const total = weights.reduce((s, w) => s + w, 0);
  if (!(total > 0)) return null;
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i] * weights[i];
  // The smallest value with at least 90% of the weight at or below it.
  const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b]);
  let cum = 0;
  let p90 = values[order[order.length - 1]];
  for (const i of order) {
    cum += weights[i];
    if (cum >= 0.9 * total) {
      p90 = values[i];
      break;
    }
  }
  return { mean: sum / total, p90 };
}

function block(
  rows: readonly VillageCoverage[],
  limits: readonly number[],
  timed: boolean,
): CoverageBlock {
  // The standard's own measure decides who is within, and what the inequality is of.
  const value = (r: VillageCoverage) => (timed ? (r.minutes as number) : r.meters);
  const total = tally(rows);
  const status = {} as Record<CoverageStatus, Tally>;
  for (const s of ['covered', 'outside', 'unreachable', 'off-network'] as const)
    status[s] = tally(rows.filter((r) => r.status === s));
  const perThreshold = limits.map((limit): ThresholdTally => {
    const within = tally(rows.filter((r) => value(r) <= limit));
    const beyond = tally(rows.filter((r) => !(value(r) <= limit)));
    return {
      minutes: timed ? limit : null,
      meters: timed ? null : limit,
      within,
      beyond,
      shareOfPopulationWithin: total.population > 0 ? within.population / total.population : null,
    };
  });
  const weighted = rows
    .filter((r) => value(r) < Infinity && r.population !== null && r.population > 0)
    .sort((a, b) => value(a) - value(b));
  const weights = weighted.map((r) => r.population as number);
  const minutes = timed
    ? weightedStats(
        weighted.map((r) => r.minutes as number),
        weights,
      )
    : null;
  const meters = weightedStats(
    weighted.map((r) => r.meters),
    weights,
  );
  const values = weighted.map(value);
  return {
    ...total,
    populationKnown: {
      villages: total.villages - total.populationUnknownVillages,
      ofVillages: total.villages,
    },
    status,
    thresholds: perThreshold,
    weightedMeanMinutes: minutes?.mean ?? null,
    weightedP90Minutes: minutes?.p90 ?? null,
    weightedMeanMeters: meters?.mean ?? null,
    weightedP90Meters: meters?.p90 ?? null,
    weightedVillages: weighted.length,
    gini: weighted.length ? gini(values, weights) : null,
    theil: weighted.length ? theil(values, weights) : null,
  };
}
