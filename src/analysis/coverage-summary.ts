import type { CoverageStatus, VillageCoverage } from './coverage';
import { gini, theil } from './equity';

/** Villages and people in one bucket; villages without population are counted, not summed as 0. */
export interface Tally {
  villages: number;
  population: number;
  populationUnknownVillages: number;
}

/** Coverage of one set of villages (all of them, or one group). */
export interface CoverageBlock extends Tally {
  status: Record<CoverageStatus, Tally>;
  thresholds: {
    threshold: number;
    within: Tally;
    /** Everyone else: farther, unreachable or off-network. */
    beyond: Tally;
    /** Share of the known population within (null when no village has a population). */
    shareOfPopulationWithin: number | null;
  }[];
  /** Population-weighted mean and 90th percentile of `value` over villages with a value and a population. */
  weightedMean: number | null;
  weightedP90: number | null;
  /** Villages that entered those figures. */
  weightedVillages: number;
  /** Inequality of `value` across those villages, population-weighted (null without any). */
  gini: number | null;
  theil: number | null;
}

export interface CoverageSummary {
  all: CoverageBlock;
  /** Per group value, when `groupBy` was given (sorted by name). */
  groups: Record<string, CoverageBlock> | null;
  /** The groups with the highest and lowest weighted mean, and their ratio (the urban/rural gap). */
  gap: {
    highest: { group: string; weightedMean: number };
    lowest: { group: string; weightedMean: number };
    ratio: number | null;
  } | null;
}

/**
 * Sum up village rows per threshold and status, overall and per group.
 *
 * @example
 * const s = summarizeCoverage(result.villages, [15, 30], true);
 * s.all.thresholds[0].within.population;
 */
export function summarizeCoverage(
  rows: readonly VillageCoverage[],
  thresholds: readonly number[],
  grouped: boolean,
): CoverageSummary {
  const all = block(rows, thresholds);
  if (!grouped) return { all, groups: null, gap: null };
  const byGroup = new Map<string, VillageCoverage[]>();
  for (const r of rows) {
    const g = r.group ?? '(none)';
    const list = byGroup.get(g);
    if (list) list.push(r);
    else byGroup.set(g, [r]);
  }
  const groups: Record<string, CoverageBlock> = {};
  for (const g of [...byGroup.keys()].sort()) groups[g] = block(byGroup.get(g)!, thresholds);
  const means = Object.entries(groups)
    .filter(([, b]) => b.weightedMean !== null)
    .map(([group, b]) => ({ group, weightedMean: b.weightedMean as number }))
    .sort((a, b) => b.weightedMean - a.weightedMean || a.group.localeCompare(b.group));
  const gap = means.length
    ? {
        highest: means[0],
        lowest: means[means.length - 1],
        ratio:
          means[means.length - 1].weightedMean > 0
            ? means[0].weightedMean / means[means.length - 1].weightedMean
            : null,
      }
    : null;
  return { all, groups, gap };
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

function block(rows: readonly VillageCoverage[], thresholds: readonly number[]): CoverageBlock {
  const total = tally(rows);
  const status = {} as Record<CoverageStatus, Tally>;
  for (const s of ['covered', 'outside', 'unreachable', 'off-network'] as const)
    status[s] = tally(rows.filter((r) => r.status === s));
  const perThreshold = thresholds.map((threshold) => {
    const within = tally(rows.filter((r) => r.value <= threshold));
    const beyond = tally(rows.filter((r) => !(r.value <= threshold)));
    return {
      threshold,
      within,
      beyond,
      shareOfPopulationWithin: total.population > 0 ? within.population / total.population : null,
    };
  });
  const weighted = rows
    .filter((r) => r.value < Infinity && r.population !== null && r.population > 0)
    .sort((a, b) => a.value - b.value);
  const weight = weighted.reduce((s, r) => s + (r.population as number), 0);
  let mean: number | null = null;
  let p90: number | null = null;
  if (weight > 0) {
    mean = weighted.reduce((s, r) => s + r.value * (r.population as number), 0) / weight;
    // The smallest value with at least 90% of the weight at or below it.
    let cum = 0;
    for (const r of weighted) {
      cum += r.population as number;
      if (cum >= 0.9 * weight) {
        p90 = r.value;
        break;
      }
    }
  }
  const values = weighted.map((r) => r.value);
  const weights = weighted.map((r) => r.population as number);
  return {
    ...total,
    status,
    thresholds: perThreshold,
    weightedMean: mean,
    weightedP90: p90,
    weightedVillages: weighted.length,
    gini: weighted.length ? gini(values, weights) : null,
    theil: weighted.length ? theil(values, weights) : null,
  };
}
