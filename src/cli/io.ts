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
 * Whether stdout and stderr are both terminals, so a person reads both on one screen: what goes
 * to stderr for when stdout is redirected (a warning the table repeats) would be shown twice.
 *
 * @param io - The command's output.
 * @returns True when both streams say `isTTY`.
 * @example
 * if (!bothTerminals(io)) warn(io, text, lang); // the table below says it too
 */
export function bothTerminals(io: CliIo): boolean {
  return io.stdout.isTTY === true && io.stderr.isTTY === true;
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

/** Exit code when a reader closed stdout early: 128 + SIGPIPE, what a shell shows for `cat` in `cat f | head`. */
export const EXIT_CLOSED_PIPE = 141;

/**
 * Handles a write error on `stream` without a stack trace (Node ignores SIGPIPE, so a write to a
 * closed pipe fails with EPIPE, and an unhandled error printed a trace). The reader of stdout
 * gone (`servicereach matrix … | head -3`): exit at once with {@link EXIT_CLOSED_PIPE}, nobody
 * reads the rest (every command writes its files before its stdout, so none is cut short). The
 * reader of stderr gone (`2>&1 >out.csv | grep -m1 warning`): carry on without the warnings and
 * progress, since the output (stdout, `--out` files) goes elsewhere and is still wanted. Another
 * write error (a full disk behind `> file`) is one line on stderr and exit 1.
 *
 * @param stream - `process.stdout` or `process.stderr`.
 * @param exit - Ends the process (a test's spy).
 * @example
 * exitQuietlyOnClosedPipe(process.stdout);
 */
export function exitQuietlyOnClosedPipe(
  stream: NodeJS.WriteStream,
  exit: (code: number) => void = (code) => process.exit(code),
): void {
  const diagnostics = stream === process.stderr;
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') return diagnostics ? undefined : exit(EXIT_CLOSED_PIPE);
    if (!diagnostics)
      try {
        process.stderr.write(`servicereach: cannot write the output: ${e.message}\n`);
      } catch {
        // stderr is gone too: the exit code alone tells it
      }
    exit(1);
  });
}
