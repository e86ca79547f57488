/** One kind of input the builder skipped or degraded, with how often and a few examples. */
export interface NetworkWarning {
  /** Stable code, e.g. `highway-unknown`, `non-line-geometry`, `missing-node`. */
  readonly code: string;
  /** What happened, in words. */
  readonly message: string;
  readonly count: number;
  /** Up to five examples (way ids, feature indexes, tag values). */
  readonly examples: readonly string[];
}

const MAX_EXAMPLES = 5;

/** Counts skipped and degraded input by code so nothing is dropped silently. */
export class WarningLog {
  private readonly byCode = new Map<
    string,
    { message: string; count: number; examples: string[] }
  >();

  add(code: string, message: string, example: string): void {
    let w = this.byCode.get(code);
    if (!w) {
      w = { message, count: 0, examples: [] };
      this.byCode.set(code, w);
    }
    w.count++;
    if (w.examples.length < MAX_EXAMPLES && !w.examples.includes(example)) w.examples.push(example);
  }

  /**
   * Adds every warning of `other` to this log, as if it had been logged here.
   *
   * @param other - Another log.
   * @example
   * log.addAll(restrictionLog);
   */
  addAll(other: WarningLog): void {
    for (const [code, w] of other.byCode) {
      const mine = this.byCode.get(code);
      if (!mine) {
        this.byCode.set(code, { message: w.message, count: w.count, examples: [...w.examples] });
        continue;
      }
      mine.count += w.count;
      for (const e of w.examples)
        if (mine.examples.length < MAX_EXAMPLES && !mine.examples.includes(e))
          mine.examples.push(e);
    }
  }

  /** Warnings sorted by code, for stable output. */
  list(): NetworkWarning[] {
    return [...this.byCode.entries()]
      .sort((a, b) => (a[0] < b[0] ? -1 : 1))
      .map(([code, w]) => ({ code, message: w.message, count: w.count, examples: w.examples }));
  }
}
