import type { CoverageResult, CoverageStatus, VillageCoverage } from '../../analysis/coverage';
import { InputError } from '../../errors';

/** Status codes in the embedded data, in drawing order (covered first, underneath). */
export const STATUS_ORDER: readonly CoverageStatus[] = [
  'covered',
  'outside',
  'unreachable',
  'off-network',
];

/** Okabe–Ito colours: blue and orange stay apart for every common colour-vision deficiency. */
export const STATUS_FILL: Readonly<Record<CoverageStatus, string>> = {
  covered: '#0072B2',
  outside: '#E69F00',
  unreachable: '#D55E00',
  'off-network': '#ffffff',
};

/** One coverage run as the report reads it: whether it counts minutes or metres, and its limit. */
export interface RunView {
  result: CoverageResult;
  timed: boolean;
  /** The standard's threshold in its own unit. */
  limit: number;
}

/**
 * Checks that every run covers the same villages (the map draws them once) and says how each
 * is measured.
 *
 * @param runs - Coverage results of one village list.
 * @returns One view per run.
 *
 * @example
 * const views = runViews(input.coverage);
 */
export function runViews(runs: readonly CoverageResult[]): RunView[] {
  if (runs.length === 0)
    throw new InputError('invalid-input', 'reportHtml needs at least one coverage result');
  const n = runs[0].villages.length;
  for (const r of runs)
    if (r.villages.length !== n)
      throw new InputError(
        'invalid-input',
        `reportHtml draws one village list: coverage "${r.standard.id}" has ${r.villages.length} villages, "${runs[0].standard.id}" has ${n}`,
      );
  return runs.map((result) => {
    const timed = result.standard.thresholdMinutes !== undefined;
    return {
      result,
      timed,
      limit: (timed ? result.standard.thresholdMinutes : result.standard.thresholdMeters) as number,
    };
  });
}

/**
 * A village's value in the run's own unit (minutes or metres), or null when no facility is reached.
 *
 * @param v - The village's row.
 * @param timed - Whether the run counts minutes.
 * @returns Minutes or metres, or null.
 *
 * @example
 * measureOf(row, true); // 12.3 (minutes)
 */
export function measureOf(v: VillageCoverage, timed: boolean): number | null {
  const x = timed ? v.minutes : v.meters;
  return x !== null && Number.isFinite(x) ? x : null;
}
