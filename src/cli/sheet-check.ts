import { existsSync, readFileSync, statSync } from 'node:fs';
import { readHead } from '../node/files';
import { sniffBinaryTable } from '../node/read-shapefile-file';
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
  const files: string[] = [];
  for (const name of options) {
    if (!name.endsWith('-crs') || name === 'network-crs' || name === 'out-crs') continue;
    const path = values[name.slice(0, -4)];
    if (typeof path === 'string' && existsSync(path) && statSync(path).isFile()) files.push(path);
  }
  if (files.length === 0 || files.some(isWorkbook)) return;
  throw new UsageError(
    `--sheet chooses a sheet of an .xlsx workbook, and ${files.length === 1 ? `${files[0]} is not one` : `none of ${files.join(', ')} is one`} (told by the content, not the name): leave out --sheet, or give the workbook`,
    command,
  );
}

function isWorkbook(path: string): boolean {
  const head = readHead(path, 4);
  // Every workbook is a zip: only those are opened to look for xl/workbook.xml.
  if (head[0] !== 0x50 || head[1] !== 0x4b) return false;
  try {
    return sniffBinaryTable(new Uint8Array(readFileSync(path)), path) === 'xlsx';
  } catch {
    return true; // a damaged zip: the reader names what is wrong with it
  }
}
