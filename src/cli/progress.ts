import type { Lang } from '../report/lang';
import type { CliIo, CliWriter } from './io';
import { PROGRESS_TEXT, type ProgressText } from './progress-text';

/**
 * A one-line progress indicator on stderr, shown only on a terminal and never with `--json` or
 * `--quiet`, so piped and machine-read output stays clean. Redraws at most ten times a second.
 */
export class Progress {
  private last = 0;
  private shown = false;

  /** The step names in the command's language: `progress.update(progress.text.readingRoads, …)`. */
  readonly text: ProgressText;

  constructor(
    private readonly enabled: boolean,
    private readonly stream: CliWriter = process.stderr,
    lang: Lang = 'en',
  ) {
    this.text = PROGRESS_TEXT[lang];
  }

  /** Report `done` of `total` for the step called `label`. */
  update(label: string, done: number, total: number): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.last < 100 && done < total) return;
    this.last = now;
    const pct = total > 0 ? Math.min(100, Math.floor((done / total) * 100)) : 0;
    const width = 24;
    const filled = Math.round((pct / 100) * width);
    this.stream.write(
      `\r${label} [${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${String(pct).padStart(3)}%`,
    );
    this.shown = true;
  }

  /**
   * Say which step runs when its share done is not known (snapping, a search over every village,
   * contracting a network, writing): `label…` in place of the bar, until the next update or `done`.
   *
   * @param label - What is being done, e.g. `contracting 1,000,000 nodes`.
   * @example
   * progress.stage('building the contraction hierarchy');
   */
  stage(label: string): void {
    if (!this.enabled) return;
    this.stream.write(`\r\x1b[2K${label}…`);
    this.last = Date.now();
    this.shown = true;
  }

  /** Clear the line before normal output. */
  done(): void {
    if (this.shown) this.stream.write('\r\x1b[2K');
    this.shown = false;
  }
}

/**
 * The progress line of a command on `io.stderr`: on a terminal, and only without `--json` /
 * `--quiet`.
 *
 * @param values - the command's --json and --quiet (absent counts as off)
 * @param io - where the command writes; progress is drawn only when its stderr is a TTY
 * @param lang - the command's `--lang`: the steps' names in Chinese for `zh`
 * @example
 * const progress = commandProgress(values, io, lang);
 */
export function commandProgress(
  values: { json?: boolean; quiet?: boolean },
  io: CliIo,
  lang: Lang = 'en',
): Progress {
  return new Progress(Boolean(io.stderr.isTTY) && !values.json && !values.quiet, io.stderr, lang);
}
