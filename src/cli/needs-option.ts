import { UsageError } from './usage-error';

/**
 * Options that only act together with another: the first of `dependents` given while `needed`
 * is not is a usage error naming both (e.g. `--xlsx` without `--out` wrote nothing and said so
 * nowhere).
 *
 * @param values - The command's option values.
 * @param dependents - Options that do nothing without `needed`.
 * @param needed - The option they act with.
 * @param advice - What to do instead, appended to the message (e.g. `add --out <dir>`).
 * @param command - The command, for the usage line.
 * @example
 * needsOption(values, ['xlsx', 'shapefile', 'bom'], 'out', 'add --out <dir> to write files', 'coverage');
 */
export function needsOption(
  values: Partial<Record<string, unknown>>,
  dependents: readonly string[],
  needed: string,
  advice: string,
  command: string,
): void {
  if (values[needed] !== undefined && values[needed] !== false) return;
  const given = dependents.find((k) => values[k] !== undefined && values[k] !== false);
  if (given !== undefined)
    throw new UsageError(`--${given} does nothing without --${needed}: ${advice}`, command);
}
