import { optionsObject } from '../geo/check-args';
import type { OptionKeys } from '../geo/option-keys';
import { strToU8, zipSync } from 'fflate';
import type { Geometry, Position } from 'geojson';
import { InputError } from '../errors';
import { encodeGbk } from '../inputs/text-encoding';
import { crsPrj } from '../geo/crs/prj';

/** ESRI WKT of WGS84 geographic coordinates, the `.prj` of files this library writes by default. */
export const WGS84_PRJ = crsPrj('wgs84');

/** One record to write: a point or line geometry and its attributes. */
export interface ShapefileRecord {
  geometry: Geometry | null;
  properties?: Record<string, unknown> | null;
}

/** The files of a shapefile, as bytes. */
export interface ShapefileFiles {
  shp: Uint8Array;
  shx: Uint8Array;
  dbf: Uint8Array;
  prj: Uint8Array;
  cpg: Uint8Array;
}

const enc = new TextEncoder();

/** How a shapefile's attributes are written: `utf-8` (default) or `gbk` (code page 936). */
export type DbfEncoding = 'utf-8' | 'gbk';

/** Options of `shapefileFiles` and `shapefileZip`. */
export interface ShapefileWriteOptions {
  /**
   * `utf-8` (default; `.cpg` `UTF-8`) or `gbk` for ArcGIS versions and Chinese software that
   * ignore the `.cpg`: text in GBK, `.cpg` `936` and the `.dbf` language driver byte 0x4D
   * (code page 936) saying so.
   */
  encoding?: DbfEncoding;
  /** Called once with how many characters GBK could not hold (written as `?`), when any. */
  onUnencodable?: (count: number) => void;
}

/** The keys of `ShapefileWriteOptions`, for the unknown-key check. */
export const SHAPEFILE_WRITE_KEYS = {
  encoding: true,
  onUnencodable: true,
} satisfies OptionKeys<ShapefileWriteOptions>;

/** Text → bytes for the `.dbf`, and a cut at a character boundary. */
interface DbfText {
  encode(s: string): Uint8Array;
  cut(s: string, max: number): Uint8Array;
  cpg: string;
  ldid: number;
}

const UTF8_TEXT: DbfText = { encode: (s) => enc.encode(s), cut, cpg: 'UTF-8', ldid: 0 };

function gbkText(count: { n: number }): DbfText {
  const encode = (s: string) => {
    const e = encodeGbk(s);
    count.n += e.unencodable;
    return e.bytes;
  };
  return {
    encode,
    cut: (s, max) => {
      const b = encode(s);
      let end = 0;
      while (end < b.length) {
        const step = b[end] < 0x80 ? 1 : 2;
        if (end + step > max) break;
        end += step;
      }
      return b.subarray(0, end);
    },
    cpg: '936',
    ldid: 0x4d,
  };
}

/**
 * Write records as a shapefile: `.shp`/`.shx` geometry (all points, or all lines: a shapefile
 * holds one shape type), `.dbf` attributes in UTF-8 with a `.cpg` saying so (ArcGIS and QGIS then
 * show Chinese names correctly), and a `.prj`. Numbers become numeric fields, everything else
 * text (cut at 254 bytes); field names are cut to dBase's 10 bytes and made unique. With
 * `encoding: 'gbk'` the text is GBK instead, for software that ignores the `.cpg`.
 *
 * @param records - Points (`Point`) or lines (`LineString`, `MultiLineString`); `null` geometry
 *   is a null shape. Mixing points and lines throws `InputError` `mixed-shapes`.
 * @param prj - The `.prj` text (default WGS84 geographic).
 * @param options - `encoding` of the attributes (`utf-8` or `gbk`), `onUnencodable`.
 * @returns The five files' bytes.
 * @example
 * const files = shapefileFiles([{ geometry: { type: 'Point', coordinates: [100.2, 25.2] }, properties: { 名称: '石门村' } }]);
 */
export function shapefileFiles(
  records: readonly ShapefileRecord[],
  prj = WGS84_PRJ,
  options: ShapefileWriteOptions = {},
): ShapefileFiles {
  const kinds = new Set(records.map((r) => r.geometry?.type).filter((t) => t !== undefined));
  const lines = kinds.has('LineString') || kinds.has('MultiLineString');
  const points = kinds.has('Point');
  for (const k of kinds)
    if (!['Point', 'LineString', 'MultiLineString'].includes(k as string))
      throw new InputError(
        'unsupported-shape',
        `cannot write ${k} to a shapefile here (points and lines only)`,
      );
  if (lines && points)
    throw new InputError(
      'mixed-shapes',
      'a shapefile holds one shape type: points or lines, not both',
    );
  const type = lines ? 3 : 1;
  const contents = records.map((r) => shapeContent(r.geometry, type));
  const box = bounds(records);
  const shpLen = 100 + contents.reduce((s, c) => s + 8 + c.length, 0);
  const shp = new Uint8Array(shpLen);
  const shx = new Uint8Array(100 + 8 * records.length);
  header(shp, shpLen, type, box);
  header(shx, shx.length, type, box);
  const sv = new DataView(shp.buffer);
  const xv = new DataView(shx.buffer);
  let at = 100;
  contents.forEach((c, i) => {
    xv.setInt32(100 + 8 * i, at / 2, false);
    xv.setInt32(104 + 8 * i, c.length / 2, false);
    sv.setInt32(at, i + 1, false);
    sv.setInt32(at + 4, c.length / 2, false);
    shp.set(c, at + 8);
    at += 8 + c.length;
  });
  const lost = { n: 0 };
  const t = options.encoding === 'gbk' ? gbkText(lost) : UTF8_TEXT;
  const dbf = dbfBytes(records, t);
  if (lost.n > 0) options.onUnencodable?.(lost.n);
  return { shp, shx, dbf, prj: strToU8(prj), cpg: strToU8(t.cpg) };
}

/**
 * A shapefile zipped the way portals and ArcGIS exchange them: `<name>.shp/.shx/.dbf/.prj/.cpg`
 * in one `.zip` (deterministic bytes).
 *
 * @param name - The base name of the files inside (e.g. `villages`).
 * @param records - As for `shapefileFiles`.
 * @param prj - The `.prj` text (default WGS84).
 * @param options - As for `shapefileFiles` (`encoding: 'gbk'`).
 * @returns The zip's bytes.
 * @example
 * writeFileSync('uncovered.zip', shapefileZip('uncovered', records));
 */
export function shapefileZip(
  name: string,
  records: readonly ShapefileRecord[],
  prj = WGS84_PRJ,
  options: ShapefileWriteOptions = {},
): Uint8Array {
  options = optionsObject(options, 'shapefileZip', SHAPEFILE_WRITE_KEYS);
  const f = shapefileFiles(records, prj, options);
  const mtime = new Date(Date.UTC(2000, 0, 1));
  return zipSync(
    {
      [`${name}.shp`]: [f.shp, { mtime }],
      [`${name}.shx`]: [f.shx, { mtime }],
      [`${name}.dbf`]: [f.dbf, { mtime }],
      [`${name}.prj`]: [f.prj, { mtime }],
      [`${name}.cpg`]: [f.cpg, { mtime }],
    },
    { level: 6 },
  );
}

function header(b: Uint8Array, length: number, type: number, box: number[]) {
  const v = new DataView(b.buffer);
  v.setInt32(0, 9994, false);
  v.setInt32(24, length / 2, false);
  v.setInt32(28, 1000, true);
  v.setInt32(32, type, true);
  for (let i = 0; i < 4; i++) v.setFloat64(36 + 8 * i, box[i], true);
}

function parts(g: Geometry): Position[][] {
  if (g.type === 'LineString') return [g.coordinates];
  if (g.type === 'MultiLineString') return g.coordinates;
  return [];
}

function shapeContent(g: Geometry | null, type: number): Uint8Array {
  if (!g) return new Uint8Array(4); // type 0: null shape
  if (g.type === 'Point') {
    const b = new Uint8Array(20);
    const v = new DataView(b.buffer);
    v.setInt32(0, 1, true);
    v.setFloat64(4, g.coordinates[0], true);
    v.setFloat64(12, g.coordinates[1], true);
    return b;
  }
  const ps = parts(g);
  const n = ps.reduce((s, p) => s + p.length, 0);
  const b = new Uint8Array(44 + 4 * ps.length + 16 * n);
  const v = new DataView(b.buffer);
  v.setInt32(0, type, true);
  const box = bounds([{ geometry: g }]);
  for (let i = 0; i < 4; i++) v.setFloat64(4 + 8 * i, box[i], true);
  v.setInt32(36, ps.length, true);
  v.setInt32(40, n, true);
  let k = 0;
  ps.forEach((p, i) => {
    v.setInt32(44 + 4 * i, k, true);
    for (const q of p) {
      v.setFloat64(44 + 4 * ps.length + 16 * k, q[0], true);
      v.setFloat64(52 + 4 * ps.length + 16 * k, q[1], true);
      k++;
    }
  });
  return b;
}

function bounds(records: readonly ShapefileRecord[]): number[] {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const r of records) {
    const g = r.geometry;
    if (!g) continue;
    const pts = g.type === 'Point' ? [g.coordinates] : parts(g).flat();
    for (const p of pts) {
      x0 = Math.min(x0, p[0]);
      y0 = Math.min(y0, p[1]);
      x1 = Math.max(x1, p[0]);
      y1 = Math.max(y1, p[1]);
    }
  }
  return Number.isFinite(x0) ? [x0, y0, x1, y1] : [0, 0, 0, 0];
}

/** Cut UTF-8 bytes to at most `max`, at a character boundary. */
function cut(s: string, max: number): Uint8Array {
  const b = enc.encode(s);
  if (b.length <= max) return b;
  let end = max;
  while (end > 0 && (b[end] & 0xc0) === 0x80) end--;
  return b.subarray(0, end);
}

function dbfBytes(records: readonly ShapefileRecord[], t: DbfText): Uint8Array {
  const names: string[] = [];
  for (const r of records)
    for (const k of Object.keys(r.properties ?? {})) if (!names.includes(k)) names.push(k);
  const used = new Set<string>();
  const fields = names.map((key) => {
    const values = records.map((r) => r.properties?.[key]);
    const numeric = values.every(
      (v) => v === null || v === undefined || (typeof v === 'number' && Number.isFinite(v)),
    );
    // Names are cut in the file's encoding and compared as cut (UTF-8 text is decoded back).
    let dbfName =
      new TextDecoder(t === UTF8_TEXT ? 'utf-8' : 'gb18030').decode(t.cut(key, 10)) || 'field';
    for (let k = 1; used.has(dbfName.toLowerCase()); k++)
      dbfName = `${new TextDecoder(t === UTF8_TEXT ? 'utf-8' : 'gb18030').decode(t.cut(key, 10 - String(k).length - 1))}_${k}`;
    used.add(dbfName.toLowerCase());
    if (numeric) {
      const decimals = values.some((v) => typeof v === 'number' && !Number.isInteger(v)) ? 8 : 0;
      return { key, name: dbfName, type: 'N', length: decimals ? 24 : 18, decimals };
    }
    let len = 1;
    for (const v of values) len = Math.max(len, t.cut(text(v), 254).length);
    return { key, name: dbfName, type: 'C', length: len, decimals: 0 };
  });
  const headerLen = 32 + 32 * fields.length + 1;
  const recordLen = 1 + fields.reduce((s, f) => s + f.length, 0);
  const b = new Uint8Array(headerLen + recordLen * records.length + 1).fill(0x20, headerLen);
  b.fill(0, 0, headerLen);
  const v = new DataView(b.buffer);
  b[0] = 3;
  b[1] = 100; // 2000-01-01: a fixed date keeps the bytes deterministic
  b[2] = 1;
  b[3] = 1;
  b[29] = t.ldid; // language driver: 0 (none: the .cpg says UTF-8) or 0x4D, code page 936
  v.setUint32(4, records.length, true);
  v.setUint16(8, headerLen, true);
  v.setUint16(10, recordLen, true);
  fields.forEach((f, i) => {
    const at = 32 + 32 * i;
    b.set(t.cut(f.name, 10), at);
    b[at + 11] = f.type.charCodeAt(0);
    b[at + 16] = f.length;
    b[at + 17] = f.decimals;
  });
  b[headerLen - 1] = 0x0d;
  records.forEach((r, ri) => {
    let at = headerLen + ri * recordLen + 1;
    for (const f of fields) {
      const val = r.properties?.[f.key];
      if (f.type === 'N') {
        if (typeof val === 'number') {
          const s = val.toFixed(f.decimals).slice(0, f.length);
          b.set(enc.encode(s.padStart(f.length)), at);
        }
      } else if (val !== null && val !== undefined) b.set(t.cut(text(val), f.length), at);
      at += f.length;
    }
  });
  b[b.length - 1] = 0x1a;
  return b;
}

function text(v: unknown): string {
  if (v === null || v === undefined) return '';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}
