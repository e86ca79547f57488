import { InputError } from '../errors';

/**
 * Parse CSV text (RFC 4180: quoted fields, doubled quotes, CRLF or LF) into a header and rows.
 * A leading UTF-8 byte-order mark is ignored. Rows whose field count differs from the header are
 * an error naming the line, never padded or cut silently.
 *
 * @param text - The whole CSV text (decoded already: a file in another encoding must be decoded
 *   before this call).
 * @param where - How errors name the input, e.g. the file's path (default `CSV`).
 * @param delimiter - The field separator: `,` (default), or a tab for TSV (see `sniffDelimiter`).
 * @returns The header, the rows (strings, unquoted) and each row's starting line number (1-based).
 * @example
 * parseCsv('id,lon,lat\n"a, b",100.1,25.6\n'); // { header: ['id','lon','lat'], rows: [['a, b','100.1','25.6']], lines: [2] }
 */
export function parseCsv(
  text: string,
  where = 'CSV',
  delimiter = ',',
): { header: string[]; rows: string[][]; lines: number[] } {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: string[][] = [];
  const startLines: number[] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  let atFieldStart = true;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (quoted) {
      if (c === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
      continue;
    }
    if (c === '"' && atFieldStart) {
      quoted = true;
      atFieldStart = false;
    } else if (c === delimiter) {
      record.push(field);
      field = '';
      atFieldStart = true;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      record.push(field);
      if (record.length > 1 || record[0] !== '') {
        records.push(record);
        startLines.push(recordLine);
      }
      record = [];
      field = '';
      atFieldStart = true;
      line++;
      recordLine = line;
    } else {
      field += c;
      atFieldStart = false;
    }
  }
  if (quoted)
    throw new InputError(
      'invalid-csv',
      `${where}: unterminated quoted field starting on line ${recordLine}`,
      { zh: `${where}：第 ${recordLine} 行开始的引号字段没有结束引号` },
    );
  record.push(field);
  if (record.length > 1 || record[0] !== '') {
    records.push(record);
    startLines.push(recordLine);
  }
  if (records.length === 0)
    throw new InputError('invalid-csv', `${where}: empty CSV (no header line)`, {
      zh: `${where}：CSV 是空的（没有表头行）`,
    });
  const header = records[0].map((h) => h.trim());
  const rows = records.slice(1);
  const lines = startLines.slice(1);
  rows.forEach((r, i) => {
    if (r.length !== header.length) {
      throw new InputError(
        'invalid-csv',
        `${where}, line ${lines[i]}: ${r.length} fields where the header has ${header.length}${header.length === 1 && i === 0 && r.length > 1 ? ` (is line 1, ${JSON.stringify(header[0].slice(0, 40))}, a title? the column names must be the first line)` : ''}`,
        {
          zh: `${where} 第 ${lines[i]} 行有 ${r.length} 个字段，而表头有 ${header.length} 个${header.length === 1 && i === 0 && r.length > 1 ? `（第 1 行 ${JSON.stringify(header[0].slice(0, 40))} 是标题吗？第一行必须是列名）` : ''}`,
        },
      );
    }
  });
  return { header, rows, lines };
}

/**
 * The field separator of delimited text from its header line: a tab when the first line has tabs
 * and no commas (TSV, as spreadsheets export "text, tab-separated"), a semicolon when it has only
 * semicolons (European Excel), else a comma.
 *
 * @param text - The text (its first line is looked at).
 * @returns `,`, `\t` or `;`.
 * @example
 * sniffDelimiter('id\tlon\tlat\n'); // '\t'
 */
export function sniffDelimiter(text: string): string {
  const nl = text.search(/[\r\n]/);
  const first = nl < 0 ? text : text.slice(0, nl);
  if (first.includes(',')) return ',';
  if (first.includes('\t')) return '\t';
  if (first.includes(';')) return ';';
  return ',';
}
