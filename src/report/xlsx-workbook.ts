import { strToU8, zipSync } from 'fflate';

/** A worksheet to write: its tab name and its rows (the first is usually the header). */
export interface WorkbookSheet {
  /** Tab name; cut to Excel's 31 characters and cleared of `[]:*?/\`, made unique. */
  name: string;
  /** Cells: numbers are written as numbers, `null`/`undefined` as empty, anything else as text. */
  rows: readonly (readonly unknown[])[];
}

const esc = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    // characters XML 1.0 cannot carry at all
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

function columnName(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26))
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function sheetXml(rows: WorkbookSheet['rows']): string {
  const out: string[] = [];
  rows.forEach((row, r) => {
    const cells: string[] = [];
    row.forEach((v, c) => {
      if (v === null || v === undefined || v === '') return;
      const ref = `${columnName(c)}${r + 1}`;
      if (typeof v === 'number' && Number.isFinite(v)) cells.push(`<c r="${ref}"><v>${v}</v></c>`);
      else
        cells.push(
          `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${esc(String(v))}</t></is></c>`,
        );
    });
    out.push(`<row r="${r + 1}">${cells.join('')}</row>`);
  });
  const frozen =
    rows.length > 1
      ? '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>'
      : '';
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${frozen}<sheetData>${out.join('')}</sheetData></worksheet>`;
}

function sheetNames(sheets: readonly WorkbookSheet[]): string[] {
  const used = new Set<string>();
  return sheets.map((s, i) => {
    const base = (s.name.replace(/[[\]:*?/\\]/g, ' ').trim() || `Sheet${i + 1}`).slice(0, 31);
    let name = base;
    for (let k = 2; used.has(name.toLowerCase()); k++)
      name = `${base.slice(0, 31 - String(k).length - 1)}~${k}`;
    used.add(name.toLowerCase());
    return name;
  });
}

/**
 * An Excel `.xlsx` workbook (Office Open XML, zipped with fflate) holding the given sheets, with
 * the header row frozen. Text is stored inline as UTF-8, so Chinese names open correctly in
 * Excel, WPS and LibreOffice without an encoding question. Deterministic: the same sheets give
 * the same bytes (the zip entries carry a fixed date).
 *
 * @param sheets - The worksheets in tab order; at least one (an empty list gets one empty sheet).
 * @returns The file's bytes.
 * @example
 * writeFileSync('coverage.xlsx', xlsxWorkbook([{ name: '村庄', rows: [['名称', '人口'], ['石门村', 830]] }]));
 */
export function xlsxWorkbook(sheets: readonly WorkbookSheet[]): Uint8Array {
  const list = sheets.length > 0 ? sheets : [{ name: 'Sheet1', rows: [] }];
  const names = sheetNames(list);
  const mtime = new Date(Date.UTC(2000, 0, 1));
  const files: Record<string, [Uint8Array, { mtime: Date }]> = {};
  const put = (path: string, xml: string) => {
    files[path] = [strToU8(xml), { mtime }];
  };
  const head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
  put(
    '[Content_Types].xml',
    `${head}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${list.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('')}</Types>`,
  );
  put(
    '_rels/.rels',
    `${head}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  put(
    'xl/workbook.xml',
    `${head}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${names.map((n, i) => `<sheet name="${esc(n)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`,
  );
  put(
    'xl/_rels/workbook.xml.rels',
    `${head}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${list.map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}</Relationships>`,
  );
  list.forEach((s, i) => {
    put(`xl/worksheets/sheet${i + 1}.xml`, sheetXml(s.rows));
  });
  return zipSync(files, { level: 6 });
}
