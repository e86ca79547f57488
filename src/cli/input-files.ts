import { existsSync, readFileSync, statSync } from 'node:fs';
import { readHead } from '../node/files';
import { sniffBinaryTable } from '../node/read-shapefile-file';

/** One input file a command was given: the option's name (`villages`) and the path. */
export interface GivenInputFile {
  input: string;
  path: string;
}

/**
 * The input files a command was given that exist: the options that have a `--<input>-crs`
 * companion (the points files, and the road network when `network` is true); `--out` is never
 * one. Files that do not exist are left out, for the command itself to report.
 *
 * @param values - The command's parsed option values.
 * @param options - The command's option names.
 * @param network - Whether `--network` counts.
 * @returns The files, in the order of `options`.
 * @example
 * givenInputFiles({ villages: 'v.csv' }, ['villages', 'villages-crs'], false); // [{ input: 'villages', path: 'v.csv' }]
 */
export function givenInputFiles(
  values: Record<string, unknown>,
  options: readonly string[],
  network: boolean,
): GivenInputFile[] {
  const files: GivenInputFile[] = [];
  for (const name of options) {
    if (!name.endsWith('-crs') || name === 'out-crs') continue;
    const input = name.slice(0, -4);
    if (input === 'network' && !network) continue;
    const path = values[input];
    if (typeof path === 'string' && existsSync(path) && statSync(path).isFile())
      files.push({ input, path });
  }
  return files;
}

/**
 * What a file is as a workbook, told by its content: `xlsx`, `other` (not a zip, or a zip
 * without `xl/workbook.xml`), or `damaged` (a zip the table reader cannot open: it names what is
 * wrong when the command reads it).
 *
 * @param path - The file.
 * @example
 * workbookKind('村庄.xlsx'); // 'xlsx'
 */
export function workbookKind(path: string): 'xlsx' | 'other' | 'damaged' {
  const head = readHead(path, 4);
  // Every workbook is a zip: only those are opened to look for xl/workbook.xml.
  if (head[0] !== 0x50 || head[1] !== 0x4b) return 'other';
  try {
    return sniffBinaryTable(new Uint8Array(readFileSync(path)), path) === 'xlsx' ? 'xlsx' : 'other';
  } catch {
    return 'damaged';
  }
}
