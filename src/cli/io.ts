import type { Lang } from '../report/lang';

/** Where a command writes: `process.stdout` / `process.stderr`, or a test's string buffers. */
export interface CliWriter {
  write(text: string): unknown;
  /** True on a terminal: progress lines are drawn only then. */
  readonly isTTY?: boolean;
}

/** The two output streams of a CLI run. */
export interface CliIo {
  /** Results: tables, CSV, GeoJSON, JSON. */
  stdout: CliWriter;
  /** Errors, warnings, progress and (with results on stdout) summaries. */
  stderr: CliWriter;
}

/**
 * The process's own streams, read when called so a test that swaps them still sees its swap.
 *
 * @example
 * await main(['standards'], processIo());
 */
export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr };
}

/**
 * Writes one warning line to stderr, started `warning: ` or, for `zh`, `警告：`.
 *
 * @param io - The command's output.
 * @param text - The warning, without its prefix.
 * @param lang - The command's `--lang` (default English).
 * @example
 * warn(io, `${path}: 2 ids appear more than once`, lang);
 */
export function warn(io: CliIo, text: string, lang: Lang = 'en'): void {
  io.stderr.write(`${lang === 'zh' ? '警告：' : 'warning: '}${text}\n`);
}
