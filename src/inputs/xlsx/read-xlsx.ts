import { unzipSync } from 'fflate';
import { FormatError, InputError } from '../../errors';
import { runText, xmlAttr, xmlText } from './xml-text';

/** One worksheet as a table: the header (first non-empty row) and the rows below it. */
export interface SheetTable {
  /** The sheet's name as Excel shows it on its tab. */
  sheet: string;
  /** Every sheet of the workbook, in tab order (for messages that suggest another). */
  sheets: string[];
  /** Header cells, trimmed. */
  header: string[];
  /** Data rows, as many cells as the header (missing cells are `''`); empty rows are skipped. */
  rows: string[][];
  /** Each row's spreadsheet row number (1-based), for messages. */
  lines: number[];
}

/**
 * Read one sheet of an Excel `.xlsx` workbook (Office Open XML, as Excel, WPS and LibreOffice
 * save it) into a header and rows of text. Cells keep what the file stores: numbers in their
 * full-precision decimal form (`100.2345`), shared and inline strings as text, booleans as
 * `TRUE`/`FALSE`, formulas as their cached value. The old binary `.xls` is not read (save as .xlsx).
 *
 * @param bytes - The workbook file's bytes.
 * @param options - `sheet`: a sheet name or 1-based number (default: the first sheet);
 *   `source`: the file name for messages.
 * @returns The sheet as a table. Throws `FormatError` `invalid-xlsx` when the bytes are not a
 *   workbook, `InputError` `unknown-sheet` (listing the sheets) when the sheet is not there.
 * @example
 * const { header, rows } = readXlsxSheet(readFileSync('villages.xlsx'), { sheet: '村庄' });
 */
export function readXlsxSheet(
  bytes: Uint8Array,
  options: { sheet?: string | number; source?: string } = {},
): SheetTable {
  const where = options.source ?? 'workbook';
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, { filter: (f) => f.name.startsWith('xl/') });
  } catch (e) {
    throw new FormatError(
      'invalid-xlsx',
      `${where}: not an .xlsx workbook (${(e as Error).message})`,
    );
  }
  const text = (name: string) => {
    const f = files[name];
    return f ? new TextDecoder().decode(f) : undefined;
  };
  const workbook = text('xl/workbook.xml');
  if (!workbook)
    throw new FormatError('invalid-xlsx', `${where}: not an .xlsx workbook (no xl/workbook.xml)`);
  const sheets = [...workbook.matchAll(/<sheet\b[^>]*>/g)].map((m) => ({
    name: xmlAttr(m[0], 'name') ?? '',
    rid: xmlAttr(m[0], 'r:id') ?? '',
  }));
  const wanted = options.sheet;
  const index =
    wanted === undefined
      ? 0
      : typeof wanted === 'number' || /^\d+$/.test(wanted)
        ? Number(wanted) - 1
        : sheets.findIndex((s) => s.name === wanted);
  const sheet = sheets[index];
  if (sheets.length === 0)
    throw new FormatError('invalid-xlsx', `${where}: the workbook lists no sheets`);
  if (!sheet)
    throw new InputError(
      'unknown-sheet',
      `${where}: no sheet ${JSON.stringify(wanted ?? 1)}; its sheets are ${sheets.map((s) => JSON.stringify(s.name)).join(', ')}`,
      {
        zh: `${where}：没有工作表 ${JSON.stringify(wanted ?? 1)}；现有工作表为 ${sheets.map((s) => JSON.stringify(s.name)).join('、')}`,
      },
    );
  const rels = text('xl/_rels/workbook.xml.rels') ?? '';
  let target: string | undefined;
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g))
    if (xmlAttr(m[0], 'Id') === sheet.rid) target = xmlAttr(m[0], 'Target');
  if (!target) throw new FormatError('invalid-xlsx', `${where}: sheet "${sheet.name}" has no part`);
  const path = target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`;
  const xml = text(path);
  if (!xml)
    throw new FormatError('invalid-xlsx', `${where}: sheet "${sheet.name}" (${path}) is missing`);
  if (!/<\/worksheet>\s*$/.test(xml))
    throw new FormatError(
      'invalid-xlsx',
      `${where}: sheet "${sheet.name}" (${path}) is cut short (no closing </worksheet>)`,
    );
  const shared = [...(text('xl/sharedStrings.xml') ?? '').matchAll(/<si>([\s\S]*?)<\/si>/g)].map(
    (m) => runText(m[1]),
  );
  return {
    sheet: sheet.name,
    sheets: sheets.map((s) => s.name),
    ...sheetRows(xml, shared, `${where} sheet "${sheet.name}"`),
  };
}

/** Column index of a cell reference (`A1` → 0, `AB7` → 27). */
function columnOf(ref: string): number {
  let c = 0;
  for (let i = 0; i < ref.length; i++) {
    const k = ref.charCodeAt(i);
    if (k < 65 || k > 90) break;
    c = c * 26 + (k - 64);
  }
  return c - 1;
}

function sheetRows(xml: string, shared: string[], where: string) {
  let grid: { line: number; cells: string[] }[] = [];
  let rowNumber = 0;
  for (const row of xml.matchAll(/<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g)) {
    const r = /\sr="(\d+)"/.exec(row[1]);
    rowNumber = r ? Number(r[1]) : rowNumber + 1;
    const cells: string[] = [];
    let col = 0;
    for (const c of (row[2] ?? '').matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const ref = /\sr="([A-Z]+)\d+"/.exec(c[1]);
      col = ref ? columnOf(ref[1]) : col;
      const type = /\st="(\w+)"/.exec(c[1])?.[1];
      const inner = c[2] ?? '';
      let value = '';
      if (type === 'inlineStr') value = runText(inner);
      else {
        const v = /<v>([\s\S]*?)<\/v>/.exec(inner)?.[1];
        if (v !== undefined) {
          if (type === 's') {
            const s = shared[Number(v)];
            if (s === undefined)
              throw new FormatError(
                'invalid-xlsx',
                `${where}, row ${rowNumber}: shared string ${v} is missing`,
              );
            value = s;
          } else if (type === 'b') value = v === '1' ? 'TRUE' : 'FALSE';
          else value = xmlText(v);
        }
      }
      while (cells.length < col) cells.push('');
      cells[col] = value;
      col++;
    }
    grid.push({ line: rowNumber, cells });
  }
  fillMerged(grid, xml);
  grid = grid.filter((g) => g.cells.some((x) => x.trim() !== ''));
  if (grid.length === 0)
    throw new InputError('empty-sheet', `${where} is empty (no header row)`, {
      zh: `${where} 是空的（没有表头行）`,
    });
  // A title in A1 above the table ("某县村庄名单", often merged across it): one filled cell over a
  // wider row is no header.
  const filled = (g: { cells: string[] }) => g.cells.filter((x) => x.trim() !== '').length;
  if (grid.length > 1 && filled(grid[0]) === 1 && filled(grid[1]) > 1) grid = grid.slice(1);
  const header = grid[0].cells.map((h) => h.trim());
  const rows = grid.slice(1).map((g) => {
    const out = g.cells.slice(0, header.length);
    while (out.length < header.length) out.push('');
    return out;
  });
  return { header, rows, lines: grid.slice(1).map((g) => g.line) };
}

// A merged range (a township written once beside all its villages) holds its value in the top-left
// cell only; Excel shows it in every cell of the range, and so does the table read here. Ranges
// that start in the first non-empty row (a title or a header spanning columns) are left alone.
function fillMerged(grid: { line: number; cells: string[] }[], xml: string): void {
  const first = grid.find((g) => g.cells.some((x) => x.trim() !== ''))?.line;
  const byLine = new Map(grid.map((g) => [g.line, g.cells]));
  for (const m of xml.matchAll(/<mergeCell\b[^>]*\bref="([A-Z]+)(\d+):([A-Z]+)(\d+)"/g)) {
    const [c0, r0, c1, r1] = [columnOf(m[1]), Number(m[2]), columnOf(m[3]), Number(m[4])];
    if (first === undefined || r0 <= first) continue;
    const value = byLine.get(r0)?.[c0] ?? '';
    if (value === '') continue;
    for (let r = r0; r <= r1; r++) {
      let cells = byLine.get(r);
      if (!cells) {
        cells = [];
        const at = grid.findIndex((g) => g.line > r);
        grid.splice(at < 0 ? grid.length : at, 0, { line: r, cells });
        byLine.set(r, cells);
      }
      for (let c = c0; c <= c1; c++) {
        while (cells.length <= c) cells.push('');
        if (cells[c] === '') cells[c] = value;
      }
    }
  }
}
