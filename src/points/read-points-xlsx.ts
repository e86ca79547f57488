import { InputError } from '../errors';
import { optionsObject } from '../geo/check-args';
import type { OptionKeys } from '../geo/option-keys';
import { readXlsxSheet } from '../inputs/xlsx/read-xlsx';
import type { IndexedPoint } from './indexed-point';
import { POINT_READ_KEYS, type PointReadOptions } from './read-points';
import { readPointsFromTable } from './read-points-table';

type XlsxPointOptions = PointReadOptions & { sheet?: string | number };
const XLSX_POINT_KEYS = {
  sheet: true,
  ...POINT_READ_KEYS,
} satisfies OptionKeys<XlsxPointOptions>;

/**
 * Villages or facilities from an Excel `.xlsx` workbook: one sheet (the first, or `sheet`), its
 * first non-empty row the header, columns found as in `readPointsFromCsv` (English or Chinese
 * headers: 经度/纬度, 名称, 乡镇, 人口), coordinates converted from `crs` to WGS84.
 *
 * @param bytes - The workbook file's bytes.
 * @param options - Column options and `crs` as for CSV, `sheet` (name or 1-based number),
 *   `source` for messages (errors name the sheet and its row number).
 * @returns One point per non-empty row.
 * @example
 * const villages = readPointsFromXlsx(readFileSync('村庄.xlsx'), { sheet: '村庄', crs: 'cgcs2000' });
 */
export function readPointsFromXlsx(
  bytes: Uint8Array,
  options: XlsxPointOptions = {},
): IndexedPoint[] {
  options = optionsObject(options, 'readPointsFromXlsx', XLSX_POINT_KEYS);
  const where = options.source ?? 'workbook';
  const table = readXlsxSheet(bytes, { sheet: options.sheet, source: where });
  try {
    return readPointsFromTable(table, { ...options, source: `${where} sheet "${table.sheet}"` });
  } catch (e) {
    // The villages are often on another sheet than the first (a cover sheet, notes): say which.
    if (!(e instanceof InputError) || e.code !== 'missing-column' || table.sheets.length < 2)
      throw e;
    const others = table.sheets.filter((s) => s !== table.sheet);
    throw new InputError(
      e.code,
      `${e.message}; the workbook has other sheets (${others.map((s) => JSON.stringify(s)).join(', ')}): choose one with --sheet (sheet)`,
    );
  }
}
