import { InputError } from '../errors';
import { checkLonLat } from '../geo/check-lon-lat';
import { resolveCrs } from '../geo/crs/crs';
import { ID_COLUMNS, LAT_COLUMNS, LON_COLUMNS, PROPERTY_ALIASES } from './column-names';
import type { IndexedPoint } from './indexed-point';
import type { PointReadOptions } from './read-points';

/** A table of text cells: a CSV file or a spreadsheet sheet. */
export interface PointTable {
  header: string[];
  rows: string[][];
  /** Each row's line (CSV) or row number (sheet), for messages. */
  lines: number[];
}

/**
 * Points from a table with coordinate columns (a parsed CSV, an Excel sheet): the shared core of
 * `readPointsFromCsv` and `readPointsFromXlsx`. Columns are found case-insensitively, Chinese
 * headers included (经度/纬度, 名称, 乡镇, 人口: see `PROPERTY_ALIASES`); coordinates in another
 * CRS (`crs`: GCJ-02, BD-09, a Gauss–Krüger zone…) are converted to WGS84 here, at the edge.
 *
 * @param table - Header, rows and their line numbers.
 * @param options - Column names (`lonField`, `latField`, `idField`, `categoryField`,
 *   `nameField`, `townshipField`), `crs`, and `source` for messages.
 * @returns One point per row; properties keep every cell as text plus the canonical `name`,
 *   `township`, `population`, `category` when they came from a differently named column.
 * @example
 * readPointsFromTable({ header: ['名称', '经度', '纬度'], rows: [['石门村', '100.1', '25.6']], lines: [2] });
 */
export function readPointsFromTable(
  table: PointTable,
  options: PointReadOptions = {},
): IndexedPoint[] {
  const where = options.source ?? 'table';
  const { header, rows, lines } = dropBlankRows(table);
  const lower = header.map((h) => h.toLowerCase());
  const column = (wanted: string | undefined, names: string[], what: string) => {
    const candidates = wanted ? [wanted.toLowerCase()] : names;
    for (const n of candidates) {
      const i = lower.indexOf(n);
      if (i >= 0) return i;
    }
    // Replacement characters in the header: the file was decoded in the wrong encoding.
    const garbled = header.some((h) => h.includes('\uFFFD'));
    throw new InputError(
      'missing-column',
      `${where}: no ${what} column (looked for ${candidates.join(', ')}; the header is ${header.join(',')})${garbled ? '; the header has undecodable characters: is the file in another encoding (e.g. --encoding gbk, or leave out --encoding)?' : ''}`,
      {
        zh: `${where}：找不到${COLUMN_ZH[what] ?? what}列（查找了 ${candidates.join('、')}；表头为 ${header.join(',')}）${garbled ? '；表头有无法解码的字符（乱码）：文件可能是另一种编码（如 --encoding gbk，或去掉 --encoding）' : ''}`,
      },
    );
  };
  const optional = (wanted: string | undefined, names: string[], what: string) =>
    wanted
      ? column(wanted, [], what)
      : (names.map((n) => lower.indexOf(n)).find((i) => i >= 0) ?? -1);
  const crs = resolveCrs(options.crs, `${where} crs`);
  const lonCol = column(
    options.lonField,
    LON_COLUMNS,
    crs.kind === 'projected' ? 'easting (x)' : 'longitude',
  );
  const latCol = column(
    options.latField,
    LAT_COLUMNS,
    crs.kind === 'projected' ? 'northing (y)' : 'latitude',
  );
  const idCol = options.idField
    ? lower.indexOf(options.idField.toLowerCase())
    : optional(undefined, ID_COLUMNS, 'id');
  const aliases: [string, number][] = [];
  const extra = { name: options.nameField, township: options.townshipField };
  for (const [key, names] of Object.entries(PROPERTY_ALIASES)) {
    const given = extra[key as keyof typeof extra];
    const col = given
      ? column(given, [], key)
      : lower.includes(key)
        ? -1
        : optional(undefined, names, key);
    if (col >= 0 && header[col] !== key) aliases.push([key, col]);
  }
  const catName = (options.categoryField ?? 'category').toLowerCase();
  let catCol = lower.indexOf(catName);
  if (catCol < 0 && !options.categoryField)
    catCol = aliases.find(([k]) => k === 'category')?.[1] ?? -1;
  return rows.map((r, i) => {
    const id = idCol >= 0 ? r[idCol] : i;
    const name = `${where}, line ${lines[i]} (id ${JSON.stringify(id)})`;
    const nameZh = () => `${where} 第 ${lines[i]} 行（编号 ${JSON.stringify(id)}）`;
    let x = parseNumber(r[lonCol], name, nameZh, header[lonCol]);
    let y = parseNumber(r[latCol], name, nameZh, header[latCol]);
    if (!crs.identity) [x, y] = crs.toWgs84(x, y);
    // Checked here first so that the Chinese name of the line is made only for a bad one.
    if (!(x >= -180 && x <= 180 && y >= -90 && y <= 90))
      checkLonLat(
        x,
        y,
        crs.identity ? name : `${name} (converted from ${crs.name})`,
        crs.identity ? nameZh() : `${nameZh()}（由 ${crs.name} 转换）`,
      );
    const properties: Record<string, unknown> = {};
    header.forEach((h, c) => {
      properties[h] = r[c];
    });
    for (const [key, col] of aliases) properties[key] = r[col];
    return {
      id,
      lon: x,
      lat: y,
      category: catCol >= 0 && r[catCol] !== '' ? r[catCol] : undefined,
      properties,
    };
  });
}

// What `column` looks for, in Chinese.
const COLUMN_ZH: Readonly<Record<string, string>> = {
  longitude: '经度',
  latitude: '纬度',
  'easting (x)': '东坐标（x）',
  'northing (y)': '北坐标（y）',
  id: '编号',
  name: '名称',
  township: '乡镇',
  category: '类别',
};

// A coordinate cell; `row` and `rowZh` name the line, `column` the header cell.
function parseNumber(s: string, row: string, rowZh: () => string, column: string): number {
  const t = s.trim();
  const v = t === '' ? Number.NaN : Number(t);
  if (!Number.isFinite(v))
    throw new InputError(
      'invalid-coordinate',
      `${row}: ${column} is not a number: ${JSON.stringify(s)}`,
      { zh: `${rowZh()}：“${column}”列不是数字：${JSON.stringify(s)}` },
    );
  return v;
}

// Rows of nothing but empty cells (",,,,," as Excel writes below a table) are no points.
function dropBlankRows(t: PointTable): PointTable {
  const keep = t.rows.map((r) => r.some((c) => c.trim() !== ''));
  if (keep.every(Boolean)) return t;
  return {
    header: t.header,
    rows: t.rows.filter((_, i) => keep[i]),
    lines: t.lines.filter((_, i) => keep[i]),
  };
}
