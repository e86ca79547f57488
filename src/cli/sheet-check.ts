import { givenInputFiles, workbookKind } from './input-files';
import { UsageError } from './usage-error';

/**
 * `--sheet` chooses a sheet of an `.xlsx` workbook: given while none of the command's points
 * files is one (workbooks are told by their content, not their name), it chose nothing, and the
 * run read the GeoJSON or CSV as it would have without it. That is a usage error naming the
 * files. The points files are the inputs with a `--<input>-crs` (the road network aside: roads
 * are never read from a workbook); files that do not exist are left to the command to report.
 *
 * @param values - The command's parsed option values.
 * @param options - The command's option names.
 * @param command - The command, for the usage line.
 * @example
 * checkSheet({ sheet: '村庄', villages: 'v.geojson' }, ['sheet', 'villages', 'villages-crs'], 'coverage'); // throws
 */
export function checkSheet(
  values: Record<string, unknown>,
  options: readonly string[],
  command: string,
): void {
  if (values.sheet === undefined) return;
  const files = givenInputFiles(values, options, false).map((f) => f.path);
  // A damaged zip counts as a workbook here: the reader names what is wrong with it.
  if (files.length === 0 || files.some((path) => workbookKind(path) !== 'other')) return;
  throw new UsageError(
    `--sheet chooses a sheet of an .xlsx workbook, and ${files.length === 1 ? `${files[0]} is not one` : `none of ${files.join(', ')} is one`} (told by the content, not the name): leave out --sheet, or give the workbook`,
    command,
  );
}
