import { FormatError } from '../../errors';
import { decodeText } from '../text-encoding';

/** One column of a `.dbf` table. */
export interface DbfField {
  name: string;
  /** dBase type: `C` text, `N`/`F` number, `L` logical, `D` date (YYYYMMDD), others as text. */
  type: string;
  length: number;
  decimals: number;
}

/** A `.dbf` table: its columns, its records and the text encoding used. */
export interface DbfTable {
  fields: DbfField[];
  records: Record<string, string | number | boolean | null>[];
  /** The encoding text was decoded with (from `.cpg`, the language driver byte, or detected). */
  encoding: string;
}

// Language-driver ids (byte 29) that name a Chinese or UTF-8 code page; 0 means "not said".
const LDID: Record<number, string> = {
  77: 'gb18030',
  122: 'gb18030',
  78: 'euc-kr',
  79: 'big5',
  87: '',
};

/**
 * The encoding a `.cpg` file names (`UTF-8`, `GBK`, `936`, `65001`, `GB2312`…) as a WHATWG label.
 *
 * @param cpg - The `.cpg` file's text.
 * @returns The label, or `undefined` when the file says nothing usable.
 * @example
 * cpgEncoding('936'); // 'gb18030'
 */
export function cpgEncoding(cpg: string): string | undefined {
  const t = cpg.trim().toLowerCase();
  if (!t) return undefined;
  if (
    t === '936' ||
    t === 'cp936' ||
    t === 'gbk' ||
    t === 'gb2312' ||
    t === 'gb18030' ||
    t === '54936'
  )
    return 'gb18030';
  if (t === '65001' || t === 'utf8' || t === 'utf-8') return 'utf-8';
  if (t === '950' || t === 'big5') return 'big5';
  return t;
}

/**
 * Read a dBase III/IV `.dbf` attribute table as shapefiles carry it. Text is decoded with
 * `encoding` when given, else the language-driver byte's code page, else detected over all text
 * cells together (UTF-8 when valid, GB18030 — GBK's superset — otherwise): see `decodeText`.
 *
 * @param bytes - The `.dbf` file.
 * @param encoding - The text encoding (from a `.cpg` or the user), or `undefined` to detect.
 * @param where - The file's name, for messages.
 * @returns Columns and records (numbers parsed, blanks `null`). A truncated file throws
 *   `FormatError` `invalid-dbf`.
 * @example
 * const { records } = readDbf(readFileSync('villages.dbf'), 'gbk');
 */
export function readDbf(bytes: Uint8Array, encoding?: string, where = '.dbf'): DbfTable {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 32)
    throw new FormatError('invalid-dbf', `${where}: too short for a .dbf header`);
  const count = v.getUint32(4, true);
  const headerLen = v.getUint16(8, true);
  const recordLen = v.getUint16(10, true);
  const rawFields: { name: Uint8Array; type: string; length: number; decimals: number }[] = [];
  for (let at = 32; at + 32 <= headerLen && bytes[at] !== 0x0d; at += 32) {
    const nameBytes = bytes.subarray(at, at + 11);
    const end = nameBytes.indexOf(0);
    rawFields.push({
      name: nameBytes.subarray(0, end < 0 ? 11 : end),
      type: String.fromCharCode(bytes[at + 11]),
      length: bytes[at + 16],
      decimals: bytes[at + 17],
    });
  }
  if (headerLen + count * recordLen > bytes.length)
    throw new FormatError(
      'invalid-dbf',
      `${where}: ${count} records of ${recordLen} bytes do not fit in ${bytes.length} bytes`,
    );
  const label = encoding ?? LDID[bytes[29]] ?? '';
  const enc = label || detect(bytes, rawFields, headerLen, recordLen, count, where);
  const dec = (b: Uint8Array) => decodeText(b, enc, where).text;
  const fields: DbfField[] = rawFields.map((f) => ({ ...f, name: dec(f.name).trim() }));
  const records: DbfTable['records'] = [];
  for (let r = 0; r < count; r++) {
    let at = headerLen + r * recordLen + 1; // byte 0: deletion flag; records stay aligned with the .shp
    const rec: DbfTable['records'][number] = {};
    for (const f of fields) {
      const cell = bytes.subarray(at, at + f.length);
      at += f.length;
      rec[f.name] = cellValue(f.type, cell, dec);
    }
    records.push(rec);
  }
  return { fields, records, encoding: new TextDecoder(enc).encoding };
}

function cellValue(type: string, cell: Uint8Array, dec: (b: Uint8Array) => string) {
  if (type === 'N' || type === 'F') {
    const t = new TextDecoder().decode(cell).trim();
    if (t === '' || /^\*+$/.test(t)) return null;
    const n = Number(t);
    return Number.isFinite(n) ? n : t;
  }
  if (type === 'L') {
    const c = String.fromCharCode(cell[0]).toUpperCase();
    return 'YT'.includes(c) ? true : 'NF'.includes(c) ? false : null;
  }
  let end = cell.length;
  while (end > 0 && (cell[end - 1] === 0x20 || cell[end - 1] === 0)) end--;
  return end === 0 ? null : dec(cell.subarray(0, end)).trim();
}

/** Decide UTF-8 or GB18030 from every text byte of the table at once (more evidence than one cell). */
function detect(
  bytes: Uint8Array,
  fields: { name: Uint8Array; type: string; length: number }[],
  headerLen: number,
  recordLen: number,
  count: number,
  where: string,
): string {
  const parts: number[] = [];
  for (const f of fields) for (const b of f.name) parts.push(b);
  for (let r = 0; r < count; r++) {
    let at = headerLen + r * recordLen + 1;
    for (const f of fields) {
      if (f.type === 'C') for (let i = 0; i < f.length; i++) parts.push(bytes[at + i]);
      parts.push(0x20); // a separator, so one cell's lead byte never pairs with the next cell
      at += f.length;
    }
  }
  return decodeText(Uint8Array.from(parts), undefined, where).encoding;
}
