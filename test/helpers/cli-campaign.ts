// The command-line bad-input campaign of issue 15: bad village and facility files of every kind a
// planner produces (CSV/TSV, GeoJSON, .xlsx, shapefiles) × the commands that read them, and bad
// options × the commands that take them, each run in this process through `main`. Run in a child
// process (test/fuzz-cli.test.ts, or by hand for the full product and the figures in
// docs/robustness.md):
//
//   node --import tsx test/helpers/cli-campaign.ts <runs|all> <seed> [--list]
//
// prints one JSON CliCampaignReport line on stdout; before each run it writes the run's label to
// stderr, so a run that hangs (the parent kills the process) is named by the last label.
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { main } from '../../src/cli/main';
import { xlsxWorkbook } from '../../src/report/xlsx-workbook';
import { shapefileFiles } from '../../src/report/shapefile-writer';
import { ROOT } from './cli';
import { mulberry32 } from './random';

/** One bad (or, as a control, good) input file: its files by name and what a run must do with it. */
export interface BadFile {
  kind: string;
  /** Files to write (name → bytes); the first is the one passed on the command line. */
  files: [string, Uint8Array][];
  /** Village ids every successful run must account for (listed in its output). */
  ids: string[];
  /** Only an error is right (a successful run would have dropped or invented something). */
  mustFail?: boolean;
  /** Text the error message must hold besides the file name (the line, feature, value…). */
  names?: RegExp;
  /** A warning a successful run must print (unless --quiet). */
  warns?: RegExp;
}

/** The campaign's totals. */
export interface CliCampaignReport {
  runs: number;
  fileKinds: number;
  commands: string[];
  exit0: number;
  /** Exit 1 (input or environment) with a message naming the file or path. */
  named: number;
  /** Exit 2 (command line) naming the option. */
  usage: number;
  /** Of `named`: also naming a place in the file (line, row, feature, record, column, sheet). */
  located: number;
  failures: string[];
  /** Each run's exit code and first message line, by label (for reading the campaign by hand). */
  outcomes: Record<string, string>;
  ms: number;
}

const tmp = mkdtempSync(join(tmpdir(), 'servicereach-cli-campaign-'));
const county = (f: string) => join(ROOT, 'data/county', f);
const enc = (s: string) => new TextEncoder().encode(s);

interface Village {
  id: string;
  name: string;
  township: string;
  population: number;
  lon: number;
  lat: number;
}

function countyPoints(file: string, n: number, keep: (p: Record<string, unknown>) => boolean) {
  const fc = JSON.parse(readFileSync(county(file), 'utf8'));
  return fc.features
    .filter((f: { properties: Record<string, unknown> }) => keep(f.properties))
    .slice(0, n);
}

const villageFeatures = countyPoints('villages.geojson', 8, () => true);
const V: Village[] = villageFeatures.map(
  (f: { properties: Village; geometry: { coordinates: number[] } }) => ({
    id: f.properties.id,
    name: f.properties.name,
    township: f.properties.township,
    population: f.properties.population,
    lon: f.geometry.coordinates[0],
    lat: f.geometry.coordinates[1],
  }),
);
const ids = V.map((v) => v.id);

function csv(rows: (string | number)[][], sep = ',', eol = '\n'): string {
  return rows.map((r) => r.join(sep)).join(eol) + eol;
}
const header = ['id', 'name', 'township', 'population', 'lon', 'lat'];
const rowsOf = (vs: Village[]) =>
  vs.map((v) => [v.id, v.name, v.township, v.population, v.lon, v.lat]);
const goodCsv = csv([header, ...rowsOf(V)]);
/** The good CSV with row `i` (0-based village) given `col` = `value`. */
function csvWith(col: string, value: string, i = 2): string {
  const c = header.indexOf(col);
  return csv([
    header,
    ...rowsOf(V).map((r, k) => (k === i ? r.map((x, j) => (j === c ? value : x)) : r)),
  ]);
}
function fc(features: unknown[]): string {
  return JSON.stringify({ type: 'FeatureCollection', features });
}
function feature(v: Village, geometry: unknown, properties: unknown = undefined) {
  return {
    type: 'Feature',
    properties:
      properties === undefined
        ? { id: v.id, name: v.name, township: v.township, population: v.population }
        : properties,
    geometry,
  };
}
const point = (v: Village) => ({ type: 'Point', coordinates: [v.lon, v.lat] });
const square = (v: Village, d = 0.001) => [
  [v.lon, v.lat],
  [v.lon + d, v.lat],
  [v.lon + d, v.lat + d],
  [v.lon, v.lat + d],
  [v.lon, v.lat],
];
/** The good GeoJSON with village `i`'s geometry replaced. */
function gjWith(geometry: unknown, i = 2, properties: unknown = undefined): string {
  return fc(V.map((v, k) => (k === i ? feature(v, geometry, properties) : feature(v, point(v)))));
}
function junk(n: number, seed: number): Uint8Array {
  const r = mulberry32(seed);
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = Math.floor(r() * 256);
  return b;
}

/** The first `n` lines of the county's GBK village table (Chinese headers, CRLF or LF as saved). */
function gbkHead(n: number): Uint8Array {
  const b = readFileSync(county('villages-gbk.csv'));
  let at = 0;
  for (let k = 0; k < n; k++) at = b.indexOf(10, at) + 1;
  return new Uint8Array(b.subarray(0, at));
}

const sheetRows = (vs: Village[]) => [header, ...rowsOf(vs)];
const mtime = new Date(Date.UTC(2000, 0, 1));
/** The workbook's files, edited by `edit` (path → text or undefined to drop it), zipped again. */
function xlsxEdited(edit: (files: Map<string, string>) => void): Uint8Array {
  const files = new Map(
    Object.entries(unzipSync(xlsxWorkbook([{ name: '村庄', rows: sheetRows(V) }]))).map(
      ([k, v]) => [k, new TextDecoder().decode(v)],
    ),
  );
  edit(files);
  return zipSync(Object.fromEntries([...files].map(([k, v]) => [k, [strToU8(v), { mtime }]])));
}
const SHEET = 'xl/worksheets/sheet1.xml';

function shp(records: { geometry: unknown; properties: Record<string, unknown> }[], prj?: string) {
  return shapefileFiles(records as never, prj);
}
const shpRecords = (vs: Village[]) =>
  vs.map((v) => ({
    geometry: point(v),
    properties: { id: v.id, name: v.name, population: v.population },
  }));
/** A polygon shapefile: closed lines with the shape type changed from 3 (polyline) to 5. */
function polygonShp() {
  const f = shp(
    V.map((v) => ({
      geometry: { type: 'LineString', coordinates: square(v) },
      properties: { id: v.id, name: v.name, population: v.population },
    })),
  );
  for (const b of [f.shp, f.shx]) new DataView(b.buffer).setInt32(32, 5, true);
  const view = new DataView(f.shp.buffer);
  for (let at = 100; at < f.shp.length; ) {
    view.setInt32(at + 8, 5, true);
    at += 8 + view.getInt32(at + 4, false) * 2;
  }
  return f;
}
const shapefileSet = (
  base: string,
  f: ReturnType<typeof shp>,
  drop: string[] = [],
): [string, Uint8Array][] =>
  (['shp', 'shx', 'dbf', 'prj', 'cpg'] as const)
    .filter((e) => !drop.includes(e))
    .map((e) => [`${base}.${e}`, f[e]]);
const zipOf = (entries: [string, Uint8Array][]) =>
  zipSync(Object.fromEntries(entries.map(([k, v]) => [k, [v, { mtime }]])));
const GK_PRJ =
  'PROJCS["CGCS2000_3_Degree_GK_CM_99E",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",99.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';

/** Every kind of bad village file (and a few good controls), in a fixed order. */
export function badVillageFiles(): BadFile[] {
  const t = (kind: string, name: string, text: string | Uint8Array, more: Partial<BadFile> = {}) =>
    ({
      kind,
      files: [[name, typeof text === 'string' ? enc(text) : text]],
      ids,
      ...more,
    }) as BadFile;
  const fail = (names?: RegExp): Partial<BadFile> => ({ mustFail: true, names });
  const idsBut = (i: number) => ids.filter((_, k) => k !== i);
  const f = shp(shpRecords(V));
  const goodXlsx = xlsxWorkbook([{ name: '村庄', rows: sheetRows(V) }]);
  const cut = goodCsv.lastIndexOf(String(V[7].lat).slice(0, 5));
  return [
    // CSV / TSV
    t('csv: good (control)', 'v.csv', goodCsv),
    t(
      'csv: no lon column',
      'v.csv',
      csv([
        header.filter((h) => h !== 'lon'),
        ...rowsOf(V).map((r) => r.filter((_, j) => j !== 4)),
      ]),
      fail(/lon/),
    ),
    t(
      'csv: no lat column',
      'v.csv',
      csv([header.filter((h) => h !== 'lat'), ...rowsOf(V).map((r) => r.slice(0, 5))]),
      fail(/lat/),
    ),
    t('csv: no id column', 'v.csv', csv([header.slice(1), ...rowsOf(V).map((r) => r.slice(1))]), {
      ids: [],
    }),
    t('csv: empty file', 'v.csv', '', fail()),
    t('csv: header only', 'v.csv', csv([header]), { ids: [] }),
    t('csv: whitespace only', 'v.csv', '  \n\n \r\n', fail()),
    t('csv: UTF-8 BOM', 'v.csv', `\ufeff${goodCsv}`),
    t('csv: GBK, Chinese headers', 'v.csv', gbkHead(9)),
    t(
      'csv: UTF-16LE with BOM',
      'v.csv',
      new Uint8Array(Buffer.from(`\ufeff${goodCsv}`, 'utf16le')),
    ),
    t('csv: semicolons', 'v.csv', csv([header, ...rowsOf(V)], ';')),
    t('tsv', 'v.tsv', csv([header, ...rowsOf(V)], '\t')),
    t('csv: CRLF', 'v.csv', csv([header, ...rowsOf(V)], ',', '\r\n')),
    t('csv: lon is text', 'v.csv', csvWith('lon', 'east'), fail(/east/)),
    t('csv: lon is NaN', 'v.csv', csvWith('lon', 'NaN'), fail(/NaN/)),
    t('csv: lat is Infinity', 'v.csv', csvWith('lat', 'Infinity'), fail(/Infinity/)),
    t('csv: lon empty', 'v.csv', csvWith('lon', ''), fail()),
    t('csv: lat 95', 'v.csv', csvWith('lat', '95'), fail(/95/)),
    t('csv: lon 200', 'v.csv', csvWith('lon', '200'), fail(/200/)),
    t(
      'csv: lat/lon swapped',
      'v.csv',
      csv([header, ...rowsOf(V).map((r) => [...r.slice(0, 4), r[5], r[4]])]),
      fail(),
    ),
    t('csv: degrees and minutes', 'v.csv', csvWith('lon', '100°11′'), fail(/100°11′/)),
    t('csv: decimal comma', 'v.csv', csvWith('lon', '"100,19"'), fail(/100,19/)),
    t('csv: duplicate ids', 'v.csv', csvWith('id', V[1].id), {
      ids: idsBut(2),
      warns: /more than once/,
    }),
    t('csv: population negative', 'v.csv', csvWith('population', '-50')),
    t('csv: population text', 'v.csv', csvWith('population', 'many')),
    t('csv: population empty', 'v.csv', csvWith('population', '')),
    t('csv: huge line', 'v.csv', csvWith('name', 'x'.repeat(2_000_000))),
    t('csv: unclosed quote', 'v.csv', csvWith('name', '"Shimen'), fail()),
    t('csv: ragged rows', 'v.csv', goodCsv.replace(`\n${V[3].id},`, `\n${V[3].id},extra,`), fail()),
    t('csv: binary junk', 'v.csv', junk(3000, 1), fail()),
    t('csv: gzip of junk', 'v.csv.gz', gzipSync(junk(3000, 2)), fail()),
    t('csv: gzip, good', 'v.csv.gz', gzipSync(goodCsv)),
    t('csv: gzip truncated', 'v.csv.gz', gzipSync(goodCsv).subarray(0, 120), fail()),
    t('csv: truncated mid-row', 'v.csv', goodCsv.slice(0, cut + 3), { ids: idsBut(7) }),
    t('csv: NUL bytes', 'v.csv', goodCsv.replace(V[4].name, `${V[4].name}\u0000\u0000`)),
    t(
      'csv: header repeated mid-file',
      'v.csv',
      csv([header, ...rowsOf(V.slice(0, 4)), header, ...rowsOf(V.slice(4))]),
      fail(/"lon"|lon/),
    ),
    t(
      'csv: trailing empty rows and commas',
      'v.csv',
      `${csv([header, ...rowsOf(V)]).trimEnd()}\n,,,,,\n\n,,,,,\n`,
    ),
    t('csv: title line above the header', 'v.csv', `某县村庄名单\n${goodCsv}`, fail(/a title\?/)),
    t(
      'csv: spaces around values',
      'v.csv',
      csv([header, ...rowsOf(V).map((r) => r.map((x) => ` ${x} `))]),
    ),
    t('csv: only one village', 'v.csv', csv([header, ...rowsOf(V.slice(0, 1))]), {
      ids: [V[0].id],
    }),
    // GeoJSON
    t('geojson: good (control)', 'v.geojson', fc(V.map((v) => feature(v, point(v))))),
    t(
      'geojson: LineString village',
      'v.geojson',
      gjWith({ type: 'LineString', coordinates: square(V[2]).slice(0, 3) }),
    ),
    t(
      'geojson: Polygon village',
      'v.geojson',
      gjWith({ type: 'Polygon', coordinates: [square(V[2])] }),
    ),
    t(
      'geojson: MultiPoint village',
      'v.geojson',
      gjWith({ type: 'MultiPoint', coordinates: [[V[2].lon, V[2].lat]] }),
    ),
    t(
      'geojson: MultiPolygon village',
      'v.geojson',
      gjWith({ type: 'MultiPolygon', coordinates: [[square(V[2])]] }),
    ),
    t(
      'geojson: GeometryCollection village',
      'v.geojson',
      gjWith({ type: 'GeometryCollection', geometries: [point(V[2])] }),
    ),
    t(
      'geojson: unknown geometry type',
      'v.geojson',
      gjWith({ type: 'Circle', coordinates: [V[2].lon, V[2].lat] }),
      fail(/Circle/),
    ),
    t('geojson: geometry null', 'v.geojson', gjWith(null), fail()),
    t(
      'geojson: coordinates null',
      'v.geojson',
      gjWith({ type: 'Point', coordinates: null }),
      fail(/null/),
    ),
    t('geojson: coordinates missing', 'v.geojson', gjWith({ type: 'Point' }), fail()),
    t(
      'geojson: one coordinate',
      'v.geojson',
      gjWith({ type: 'Point', coordinates: [100.2] }),
      fail(),
    ),
    t(
      'geojson: Point nested one level too deep',
      'v.geojson',
      gjWith({ type: 'Point', coordinates: [[V[2].lon, V[2].lat]] }),
      fail(),
    ),
    t(
      'geojson: Polygon not nested',
      'v.geojson',
      gjWith({ type: 'Polygon', coordinates: square(V[2]) }),
      fail(),
    ),
    t(
      'geojson: Polygon with no rings',
      'v.geojson',
      gjWith({ type: 'Polygon', coordinates: [] }),
      fail(),
    ),
    t(
      'geojson: coordinates as strings',
      'v.geojson',
      gjWith({ type: 'Point', coordinates: ['100.2', '25.2'] }),
      fail(),
    ),
    t(
      'geojson: huge numbers',
      'v.geojson',
      gjWith({ type: 'Point', coordinates: [1e308, 25.2] }),
      fail(/1e\+308|1\.0*e\+?308/),
    ),
    t(
      'geojson: lat 1e400 (Infinity)',
      'v.geojson',
      fc(V.map((v) => feature(v, point(v)))).replace(String(V[2].lat), '1e400'),
      fail(),
    ),
    t(
      'geojson: 3-D coordinates',
      'v.geojson',
      gjWith({ type: 'Point', coordinates: [V[2].lon, V[2].lat, 1800] }),
    ),
    t(
      'geojson: properties null',
      'v.geojson',
      fc(V.map((v) => ({ type: 'Feature', id: v.id, properties: null, geometry: point(v) }))),
    ),
    t('geojson: properties an array', 'v.geojson', gjWith(point(V[2]), 2, [1, 2]), fail()),
    t(
      'geojson: FeatureCollection without features',
      'v.geojson',
      '{"type":"FeatureCollection"}',
      fail(),
    ),
    t(
      'geojson: features an object',
      'v.geojson',
      '{"type":"FeatureCollection","features":{}}',
      fail(),
    ),
    t('geojson: no features', 'v.geojson', '{"type":"FeatureCollection","features":[]}', {
      ids: [],
    }),
    t('geojson: one Feature', 'v.geojson', JSON.stringify(feature(V[0], point(V[0]))), {
      ids: [V[0].id],
    }),
    t('geojson: a bare Point', 'v.geojson', JSON.stringify(point(V[0])), { ids: [] }),
    t(
      'geojson: feature not an object',
      'v.geojson',
      fc([...V.map((v) => feature(v, point(v))), 42]),
      fail(),
    ),
    t(
      'geojson: invalid JSON',
      'v.geojson',
      fc(V.map((v) => feature(v, point(v)))).replace('"Feature"', '"Feature'),
      fail(),
    ),
    t(
      'geojson: truncated',
      'v.geojson',
      fc(V.map((v) => feature(v, point(v)))).slice(0, 900),
      fail(),
    ),
    t(
      'geojson: population negative',
      'v.geojson',
      gjWith(point(V[2]), 2, { id: V[2].id, population: -3 }),
    ),
    t(
      'geojson: population text',
      'v.geojson',
      gjWith(point(V[2]), 2, { id: V[2].id, population: 'lots' }),
    ),
    t(
      'geojson: population an object',
      'v.geojson',
      gjWith(point(V[2]), 2, { id: V[2].id, population: { n: 3 } }),
    ),
    t(
      'geojson: id an object',
      'v.geojson',
      gjWith(point(V[2]), 2, { id: { a: 1 }, population: 5 }),
      { ids: idsBut(2) },
    ),
    t(
      'geojson: crs member EPSG:3857, coordinates in degrees',
      'v.geojson',
      JSON.stringify({
        type: 'FeatureCollection',
        crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::3857' } },
        features: V.map((v) => feature(v, point(v))),
      }),
      fail(/degrees/),
    ),
    t(
      'geojson: crs member EPSG:3857, coordinates in metres (control)',
      'v.geojson',
      JSON.stringify({
        type: 'FeatureCollection',
        crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::3857' } },
        features: V.map((v) =>
          feature(v, {
            type: 'Point',
            coordinates: [
              (v.lon * Math.PI * 6378137) / 180,
              6378137 * Math.log(Math.tan(Math.PI / 4 + (v.lat * Math.PI) / 360)),
            ],
          }),
        ),
      }),
    ),
    t('geojson: gzip, good', 'v.geojson.gz', gzipSync(fc(V.map((v) => feature(v, point(v)))))),
    t('geojson: UTF-8 BOM', 'v.geojson', `\ufeff${fc(V.map((v) => feature(v, point(v))))}`),
    t(
      'geojson: feature type missing',
      'v.geojson',
      fc(V.map((v) => ({ properties: { id: v.id }, geometry: point(v) }))),
    ),
    t(
      'geojson: duplicate ids',
      'v.geojson',
      fc(V.map((v, k) => feature(k === 3 ? V[2] : v, point(v)))),
      { ids: ids.filter((_, k) => k !== 3), warns: /more than once/ },
    ),
    t(
      'geojson: gzip truncated',
      'v.geojson.gz',
      gzipSync(fc(V.map((v) => feature(v, point(v))))).subarray(0, 200),
      fail(),
    ),
    // Excel
    t('xlsx: good (control)', 'v.xlsx', goodXlsx),
    t(
      'xlsx: no sheet',
      'v.xlsx',
      xlsxEdited((m) =>
        m.set(
          'xl/workbook.xml',
          m.get('xl/workbook.xml')!.replace(/<sheets>.*<\/sheets>/, '<sheets/>'),
        ),
      ),
      fail(),
    ),
    t(
      'xlsx: sheet file missing',
      'v.xlsx',
      xlsxEdited((m) => m.delete(SHEET)),
      fail(),
    ),
    t('xlsx: empty sheet', 'v.xlsx', xlsxWorkbook([{ name: 'S', rows: [] }]), fail()),
    t('xlsx: header only', 'v.xlsx', xlsxWorkbook([{ name: 'S', rows: [header] }]), { ids: [] }),
    t('xlsx: missing header', 'v.xlsx', xlsxWorkbook([{ name: 'S', rows: rowsOf(V) }]), fail()),
    t(
      'xlsx: merged cells',
      'v.xlsx',
      xlsxEdited((m) =>
        m.set(
          SHEET,
          m
            .get(SHEET)!
            .replace(/<c r="C5"[\s\S]*?<\/c>/, '')
            .replace(
              '</sheetData>',
              '</sheetData><mergeCells count="1"><mergeCell ref="C4:C5"/></mergeCells>',
            ),
        ),
      ),
    ),
    t(
      'xlsx: formulas with cached values',
      'v.xlsx',
      xlsxEdited((m) =>
        m.set(
          SHEET,
          m
            .get(SHEET)!
            .replace(/<c r="D3"><v>(\d+)<\/v><\/c>/, '<c r="D3"><f>1+$1-1</f><v>$1</v></c>'),
        ),
      ),
    ),
    t(
      'xlsx: formula without a value',
      'v.xlsx',
      xlsxEdited((m) =>
        m.set(
          SHEET,
          m.get(SHEET)!.replace(/<c r="E3"><v>[^<]*<\/v><\/c>/, '<c r="E3"><f>E2+0.01</f></c>'),
        ),
      ),
      fail(),
    ),
    t(
      'xlsx: numbers stored as text',
      'v.xlsx',
      xlsxWorkbook([{ name: 'S', rows: [header, ...rowsOf(V).map((r) => r.map(String))] }]),
    ),
    t(
      'xlsx: a title row above the header',
      'v.xlsx',
      xlsxWorkbook([{ name: 'S', rows: [['某县村庄名单'], header, ...rowsOf(V)] }]),
    ),
    t(
      'xlsx: two sheets, villages on the second',
      'v.xlsx',
      xlsxWorkbook([
        { name: '说明', rows: [['本表为村庄名单']] },
        { name: '村庄', rows: sheetRows(V) },
      ]),
      fail(/--sheet/),
    ),
    t(
      'xlsx: dates',
      'v.xlsx',
      xlsxWorkbook([
        { name: 'S', rows: [[...header, 'surveyed'], ...rowsOf(V).map((r) => [...r, 45123])] },
      ]),
    ),
    t(
      'xlsx: shared strings missing',
      'v.xlsx',
      xlsxEdited((m) =>
        m.set(
          SHEET,
          m
            .get(SHEET)!
            .replace(
              '<c r="B2" t="inlineStr"><is><t xml:space="preserve">',
              '<c r="B2" t="s"><v>7</v><is><t>',
            ),
        ),
      ),
      fail(),
    ),
    t(
      'xlsx: truncated zip',
      'v.xlsx',
      goodXlsx.subarray(0, Math.floor(goodXlsx.length / 2)),
      fail(),
    ),
    t(
      'xlsx: sheet XML damaged',
      'v.xlsx',
      xlsxEdited((m) => m.set(SHEET, m.get(SHEET)!.slice(0, 700))),
      fail(),
    ),
    // Shapefiles
    t('shapefile: good (control)', 'v.shp', new Uint8Array(), { files: shapefileSet('v', f) }),
    t('shapefile: zipped (control)', 'v.zip', zipOf(shapefileSet('v', f))),
    t('shapefile: no .dbf', 'v.shp', new Uint8Array(), {
      files: shapefileSet('v', f, ['dbf']),
      ids: [],
    }),
    t('shapefile: no .shx', 'v.shp', new Uint8Array(), { files: shapefileSet('v', f, ['shx']) }),
    t('shapefile: no .prj', 'v.shp', new Uint8Array(), { files: shapefileSet('v', f, ['prj']) }),
    t('shapefile: .prj garbage', 'v.shp', new Uint8Array(), {
      files: [...shapefileSet('v', f, ['prj']), ['v.prj', enc('hello world')]],
      mustFail: true,
    }),
    t('shapefile: .prj projected, coordinates in degrees', 'v.shp', new Uint8Array(), {
      files: shapefileSet('v', shp(shpRecords(V), GK_PRJ)),
      mustFail: true,
    }),
    t('shapefile: .shp truncated', 'v.shp', new Uint8Array(), {
      files: [['v.shp', f.shp.subarray(0, f.shp.length - 10)], ...shapefileSet('v', f, ['shp'])],
      mustFail: true,
    }),
    t('shapefile: .dbf truncated', 'v.shp', new Uint8Array(), {
      files: [...shapefileSet('v', f, ['dbf']), ['v.dbf', f.dbf.subarray(0, f.dbf.length - 40)]],
      mustFail: true,
    }),
    t('shapefile: zip without .shp', 'v.zip', zipOf(shapefileSet('v', f, ['shp'])), fail()),
    t('shapefile: polygons', 'v.shp', new Uint8Array(), { files: shapefileSet('v', polygonShp()) }),
    t('shapefile: null shapes', 'v.shp', new Uint8Array(), {
      files: shapefileSet(
        'v',
        shp(shpRecords(V).map((r, k) => (k === 2 ? { ...r, geometry: null } : r))),
      ),
      mustFail: true,
    }),
    // No file at all, a directory
    { kind: 'missing file', files: [], ids, mustFail: true },
    { kind: 'a directory', files: [['dir.csv/', new Uint8Array()]], ids, mustFail: true },
  ];
}

// The bad file as villages (or --from) of each command, and the flags around it. `FILE` stands for
// the bad file, `OUT` for a fresh output path.
const FILE = '\u0000file';
const OUT = '\u0000out';
/** OUT with an extension: the output file of a command that writes one. */
const outFile = (ext: string) => `${OUT}${ext}`;
interface CommandCase {
  name: string;
  args: string[];
  /** How the output names villages: ids appear in stdout or in these files under OUT. */
  outFiles?: string[];
  /** Where a facility file goes instead, for the facility runs. */
  facilityFlag?: string;
}
function commands(srn: { walk: string; car: string }, facilities: string): CommandCase[] {
  return [
    {
      name: 'coverage',
      args: [
        'coverage',
        '--network',
        srn.walk,
        '--villages',
        FILE,
        '--facilities',
        facilities,
        '--minutes',
        '15',
        '--out',
        OUT,
        '--quiet',
      ],
      outFiles: ['villages.geojson'],
    },
    { name: 'nearest', args: ['nearest', '--from', FILE, '--to', facilities, '--k', '2'] },
    {
      name: 'access',
      args: [
        'access',
        '--network',
        srn.walk,
        '--villages',
        FILE,
        '--facilities',
        facilities,
        '--capacity-field',
        'beds',
        '--minutes',
        '30',
        '--quiet',
      ],
    },
    {
      name: 'site',
      args: [
        'site',
        '--network',
        srn.walk,
        '--villages',
        FILE,
        '--facilities',
        facilities,
        '--add',
        '2',
        '--minutes',
        '15',
        '--out',
        OUT,
        '--quiet',
      ],
      outFiles: ['summary.json'],
    },
    {
      name: 'isochrone',
      args: [
        'isochrone',
        '--network',
        srn.walk,
        '--from',
        facilities,
        '--villages',
        FILE,
        '--minutes',
        '10',
        '--cell',
        '200',
        '--json',
      ],
    },
    {
      name: 'matrix',
      args: [
        'matrix',
        '--network',
        srn.walk,
        '--from',
        FILE,
        '--to',
        facilities,
        '--max-minutes',
        '30',
        '--out',
        outFile('.csv'),
      ],
      outFiles: ['.csv'],
    },
    {
      name: 'tours',
      args: [
        'tours',
        '--network',
        srn.car,
        '--villages',
        FILE,
        '--depots',
        facilities,
        '--iterations',
        '10',
        '--json',
      ],
    },
  ];
}

/** One bad command line: the options changed from a command's good run. */
interface OptionCase {
  kind: string;
  command: string;
  /** Replace the value of `--name` (or add it), add a bare flag, or drop one. */
  edit: (args: string[]) => string[];
  /** A successful run would have taken a wrong value silently. */
  mustFail?: boolean;
  /** Text the message must hold (the option or the path). */
  names?: RegExp;
  /** Text that may appear in the message because the command line holds it (e.g. NaN). */
  allow?: string;
}

const setOption = (name: string, value: string) => (args: string[]) => {
  const at = args.indexOf(name);
  return at >= 0 ? args.map((a, i) => (i === at + 1 ? value : a)) : [...args, name, value];
};
const addArgs =
  (...more: string[]) =>
  (args: string[]) => [...args, ...more];
const dropOption = (name: string) => (args: string[]) => {
  const at = args.indexOf(name);
  return at < 0 ? args : [...args.slice(0, at), ...args.slice(at + 2)];
};
const PLACES = join(tmp, 'setup', 'places.osm');
const PLACES_XML = `<?xml version="1.0" encoding="UTF-8"?>
<osm version="0.6">
${V.map((v, i) => `<node id="${i + 1}" lat="${v.lat}" lon="${v.lon}"><tag k="place" v="village"/><tag k="name" v="${v.id}"/></node>`).join('\n')}
</osm>
`;
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// Numeric options of each command and whether 0 is a valid value of each.
const NUMBERS: Record<string, string[]> = {
  coverage: ['--minutes', '--max-snap', '--default-population'],
  nearest: ['--k', '--max-distance'],
  access: ['--minutes', '--max-snap', '--standard-per-1000'],
  site: ['--add', '--minutes', '--max-snap', '--threads'],
  isochrone: ['--minutes', '--cell', '--max-snap', '--threads'],
  matrix: ['--max-minutes', '--max-snap', '--threads'],
  tours: [
    '--day-hours',
    '--service-minutes',
    '--period-days',
    '--max-stops',
    '--max-snap',
    '--max-walk',
    '--iterations',
    '--seed',
  ],
  spt: ['--max-minutes', '--max-snap'],
  route: ['--max-snap'],
};
const BAD_NUMBERS: [string, boolean][] = [
  ['-5', true],
  ['NaN', true],
  ['abc', true],
  ['', true],
  ['1e400', true],
  ['1,5', true],
  ['0', false],
  ['1e9', false],
  ['0x10', false],
];

function optionCases(outDirCommands: Set<string>): OptionCase[] {
  const cases: OptionCase[] = [];
  for (const [command, names] of Object.entries(NUMBERS))
    for (const name of names)
      for (const [value, mustFail] of BAD_NUMBERS) {
        // Huge values are valid for some options but would make a grid of the whole region.
        if (
          value === '1e9' &&
          ['--minutes', '--threads', '--add', '--k', '--iterations'].includes(name)
        )
          continue;
        // More than one thread needs the built worker (dist/); the campaign runs from src/.
        if (name === '--threads' && (value === '0x10' || value === '1,5')) continue;
        cases.push({
          kind: `${name} ${JSON.stringify(value)}`,
          command,
          edit: setOption(name, value),
          // a list of minutes is valid where the option takes several
          mustFail: mustFail && !(value === '1,5' && name === '--minutes'),
          names: new RegExp(escapeRe(name)),
          allow: value,
        });
      }
  const all = [
    'coverage',
    'nearest',
    'access',
    'site',
    'isochrone',
    'matrix',
    'tours',
    'spt',
    'route',
    'network',
    'extract',
  ];
  for (const command of all) {
    cases.push({
      kind: 'unknown flag',
      command,
      edit: addArgs('--bogus'),
      mustFail: true,
      names: /--bogus/,
    });
    cases.push({
      kind: 'unknown flag with value',
      command,
      edit: addArgs('--bogus=1'),
      mustFail: true,
      names: /bogus/,
    });
    cases.push({
      kind: 'a stray positional',
      command,
      edit: (a) =>
        command === 'network' || command === 'extract' ? [...a, 'stray.csv'] : [...a, 'stray.csv'],
      mustFail: true,
      names: /stray\.csv/,
    });
    cases.push({
      kind: 'option without its value',
      command,
      edit: addArgs('--out'),
      mustFail: true,
      names: /--out/,
    });
    cases.push({
      kind: '--profile bogus',
      command,
      edit: setOption('--profile', 'hovercraft'),
      mustFail: !['nearest', 'extract'].includes(command),
      names: /hovercraft|--profile/,
    });
    cases.push({
      kind: '--crs bogus',
      command,
      edit: setOption('--crs', 'EPSG:99999'),
      mustFail: true,
      names: /EPSG:99999|--crs/,
    });
    cases.push({
      kind: '--out is a directory',
      command,
      edit: setOption('--out', tmp),
      mustFail: !outDirCommands.has(command),
      names: new RegExp(escapeRe(tmp)),
    });
    cases.push({
      kind: '--out under a file',
      command,
      edit: setOption('--out', join(tmp, 'a-file', 'x.out')),
      mustFail: true,
      names: /a-file/,
    });
    cases.push({
      kind: '--out in a missing directory',
      command,
      edit: setOption('--out', join(tmp, 'no', 'such', 'x.out')),
      names: /no\/such/,
    });
    cases.push({
      kind: '--out /dev/full',
      command,
      edit: setOption('--out', '/dev/full'),
      mustFail: !outDirCommands.has(command) || true,
      names: /\/dev\/full/,
    });
    cases.push({
      kind: '--out read-only file system',
      command,
      edit: setOption('--out', '/proc/servicereach-x'),
      mustFail: true,
      names: /\/proc\/servicereach-x/,
    });
  }
  const more: OptionCase[] = [
    {
      kind: '--standard unknown',
      command: 'coverage',
      edit: addArgs('--standard', 'no-such-standard'),
      mustFail: true,
      names: /no-such-standard/,
    },
    {
      kind: 'neither --standard nor --minutes',
      command: 'coverage',
      edit: dropOption('--minutes'),
      mustFail: true,
      names: /--minutes|--standard/,
    },
    {
      kind: '--minutes list with a gap',
      command: 'coverage',
      edit: setOption('--minutes', '15,,30'),
      mustFail: true,
      names: /--minutes/,
    },
    {
      kind: '--require sometimes',
      command: 'coverage',
      edit: addArgs('--require', 'sometimes'),
      mustFail: true,
      names: /sometimes/,
    },
    {
      kind: '--direction sideways',
      command: 'coverage',
      edit: addArgs('--direction', 'sideways'),
      mustFail: true,
      names: /sideways/,
    },
    {
      kind: '--group-by missing property',
      command: 'coverage',
      edit: addArgs('--group-by', 'nonesuch'),
      mustFail: true,
      names: /no village has "nonesuch" \(--group-by\)/,
    },
    {
      kind: '--population-field missing',
      command: 'coverage',
      edit: addArgs('--population-field', 'nonesuch'),
      mustFail: true,
      names: /no village has "nonesuch" \(--population-field\)/,
    },
    {
      kind: '--population table missing',
      command: 'coverage',
      edit: addArgs('--population', join(tmp, 'nope.csv')),
      mustFail: true,
      names: /nope\.csv/,
    },
    {
      kind: '--lang fr',
      command: 'coverage',
      edit: addArgs('--lang', 'fr'),
      mustFail: true,
      names: /fr/,
    },
    {
      kind: '--encoding klingon',
      command: 'coverage',
      edit: addArgs('--encoding', 'klingon'),
      mustFail: true,
      names: /klingon/,
    },
    { kind: '--sheet 9 of a CSV', command: 'coverage', edit: addArgs('--sheet', '9') },
    {
      kind: '--lon-field missing',
      command: 'nearest',
      edit: addArgs('--lon-field', 'nonesuch'),
      mustFail: true,
      names: /nonesuch/,
    },
    {
      kind: '--mode sideways',
      command: 'nearest',
      edit: addArgs('--mode', 'sideways'),
      mustFail: true,
      names: /sideways/,
    },
    {
      kind: '--mode network without --network',
      command: 'nearest',
      edit: addArgs('--mode', 'network'),
      mustFail: true,
      names: /--network/,
    },
    {
      kind: '--category nobody has',
      command: 'nearest',
      edit: addArgs('--category', 'spaceport'),
      mustFail: true,
      names: /spaceport/,
    },
    {
      kind: '--method linear',
      command: 'access',
      edit: addArgs('--method', 'linear'),
      mustFail: true,
      names: /linear/,
    },
    {
      kind: '--capacity-field missing',
      command: 'access',
      edit: setOption('--capacity-field', 'nonesuch'),
      mustFail: true,
      names: /nonesuch/,
    },
    {
      kind: '--add and --cover-all',
      command: 'site',
      edit: addArgs('--cover-all'),
      mustFail: true,
      names: /--cover-all|--add/,
    },
    {
      kind: 'neither --add nor --cover-all',
      command: 'site',
      edit: dropOption('--add'),
      mustFail: true,
      names: /--cover-all|--add/,
    },
    {
      kind: '--candidates missing file',
      command: 'site',
      edit: addArgs('--candidates', join(tmp, 'nope.geojson')),
      mustFail: true,
      names: /nope\.geojson/,
    },
    {
      kind: '--from "lon,lat" out of range',
      command: 'isochrone',
      edit: setOption('--from', '200,25'),
      mustFail: true,
      names: /200/,
    },
    {
      kind: '--cell 0.001 (grid too large)',
      command: 'isochrone',
      edit: setOption('--cell', '0.001'),
      mustFail: true,
      names: /--cell/,
    },
    {
      kind: '--from "a,b"',
      command: 'spt',
      edit: setOption('--from', 'a,b'),
      mustFail: true,
      names: /a,b/,
    },
    {
      kind: '--from "100.2"',
      command: 'route',
      edit: setOption('--from', '100.2'),
      mustFail: true,
      names: /100\.2/,
    },
    {
      kind: '--from 100,95 (lat out of range)',
      command: 'route',
      edit: setOption('--from', '100.2,95'),
      mustFail: true,
      names: /95/,
    },
    {
      kind: '--direction sideways',
      command: 'spt',
      edit: setOption('--direction', 'sideways'),
      mustFail: true,
      names: /sideways/,
    },
    {
      kind: '--depots and --tsplib',
      command: 'tours',
      edit: addArgs('--tsplib', join(tmp, 'nope.vrp')),
      mustFail: true,
      names: /--tsplib|nope\.vrp/,
    },
    {
      kind: '--standard and --minutes',
      command: 'tours',
      edit: addArgs('--standard', 'health-30min', '--minutes', '30'),
      names: /--standard|--minutes|health-30min/,
    },
    {
      kind: '--places and --facilities',
      command: 'extract',
      edit: addArgs('--facilities', 'health'),
      mustFail: true,
      names: /--places|--facilities/,
    },
    {
      kind: '--facilities unknown category',
      command: 'extract',
      edit: (a) => [
        ...dropOption('--places')(a.filter((x) => x !== '--places')),
        '--facilities',
        'spaceport',
      ],
      mustFail: true,
      names: /spaceport/,
    },
    {
      kind: 'network file missing',
      command: 'network',
      edit: (a) => [a[0], join(tmp, 'nope.osm.pbf'), ...a.slice(2)],
      mustFail: true,
      names: /nope\.osm\.pbf/,
    },
    {
      kind: '--export-edges under a file',
      command: 'network',
      edit: addArgs('--export-edges', join(tmp, 'a-file', 'e.csv')),
      mustFail: true,
      names: /a-file/,
    },
    {
      kind: '--export-nodes /dev/full',
      command: 'network',
      edit: addArgs('--export-nodes', '/dev/full'),
      mustFail: true,
      names: /\/dev\/full/,
    },
    {
      kind: '--facility-out is a directory',
      command: 'access',
      edit: addArgs('--facility-out', tmp),
      mustFail: true,
      names: new RegExp(escapeRe(tmp)),
    },
    {
      kind: '--network is a directory',
      command: 'coverage',
      edit: setOption('--network', tmp),
      mustFail: true,
      names: new RegExp(escapeRe(tmp)),
    },
    {
      kind: '--network is a CSV',
      command: 'matrix',
      edit: setOption('--network', county('facilities-gcj02.csv')),
      mustFail: true,
      names: /facilities-gcj02\.csv/,
    },
    {
      kind: '--elevation missing',
      command: 'network',
      edit: addArgs('--elevation', join(tmp, 'no-dem')),
      mustFail: true,
      names: /no-dem/,
    },
  ];
  return [...cases, ...more];
}

/** A run: the command line with FILE and OUT in it, and what it must show. */
interface Run {
  label: string;
  args: string[];
  files: [string, Uint8Array][];
  /** The bad file is FILE: an error must name it. */
  subject?: boolean;
  ids: string[];
  idsIn: 'stdout' | 'files' | 'none' | 'count';
  outFiles?: string[];
  mustFail?: boolean;
  names?: RegExp;
  warns?: RegExp;
  allow?: string;
}

function plan(srn: { walk: string; car: string }, goodVillages: string, facilities: string): Run[] {
  const cmds = commands(srn, facilities);
  const files = badVillageFiles();
  const runs: Run[] = [];
  const idsIn = (c: CommandCase): Run['idsIn'] =>
    c.name === 'isochrone' ? 'none' : c.name === 'site' ? 'count' : c.outFiles ? 'files' : 'stdout';
  for (const f of files)
    for (const c of cmds)
      runs.push({
        label: `${c.name} --villages [${f.kind}]`,
        subject: true,
        args: c.args,
        files: f.files,
        ids: f.ids,
        idsIn: idsIn(c),
        outFiles: c.outFiles,
        mustFail: f.mustFail,
        names: f.names,
        warns: f.warns,
        allow: /NaN|Infinity/.exec(f.kind)?.[0],
      });
  // The same files as facilities, in the two commands with the fewest other inputs.
  for (const f of files)
    for (const c of cmds.filter((x) => x.name === 'coverage' || x.name === 'nearest')) {
      const flag = c.name === 'coverage' ? '--facilities' : '--to';
      const args = c.args.map((a) => (a === FILE ? goodVillages : a));
      args[args.indexOf(flag) + 1] = FILE;
      runs.push({
        label: `${c.name} ${flag} [${f.kind}]`,
        subject: true,
        args,
        files: f.files,
        ids,
        idsIn: c.outFiles ? 'files' : 'stdout',
        outFiles: c.outFiles,
        // no facility at all is a valid answer (every village unreachable) or a named error
        mustFail: f.mustFail,
        names: f.names,
        warns: f.warns,
        allow: /NaN|Infinity/.exec(f.kind)?.[0],
      });
    }
  const base: Record<string, string[]> = Object.fromEntries(
    cmds.map((c) => [c.name, c.args.map((a) => (a === FILE ? goodVillages : a))]),
  );
  base.spt = [
    'spt',
    '--network',
    srn.walk,
    '--from',
    `${V[0].lon},${V[0].lat}`,
    '--max-minutes',
    '10',
    '--out',
    outFile('.csv'),
    '--quiet',
  ];
  base.route = [
    'route',
    '--network',
    srn.walk,
    '--from',
    `${V[0].lon},${V[0].lat}`,
    '--to',
    `${V[1].lon},${V[1].lat}`,
    '--out',
    outFile('.geojson'),
  ];
  base.network = [
    'network',
    county('roads.geojson'),
    '--profile',
    'walk',
    '--out',
    outFile('.srn'),
    '--quiet',
  ];
  base.extract = ['extract', PLACES, '--places', '--out', outFile('.geojson'), '--quiet'];
  base.isochrone = [...base.isochrone, '--out', outFile('.geojson')];
  base.nearest = [...base.nearest, '--out', outFile('.csv')];
  base.access = [...base.access, '--out', outFile('.csv')];
  base.tours = [...base.tours, '--out', OUT];
  const dirs = new Set(['coverage', 'site', 'tours']);
  for (const o of optionCases(dirs)) {
    const args = o.edit(base[o.command]);
    runs.push({
      label: `${o.command} [${o.kind}]`,
      args,
      files: [],
      ids: o.mustFail ? [] : ids,
      idsIn: 'none',
      mustFail: o.mustFail,
      names: o.names,
      allow: o.allow,
    });
  }
  return runs;
}

const STACK = /^\s+at .+[:(]\d+:\d+\)?$/m;

/** Runs one case and returns its failure, if any, and how it ended. */
async function runOne(
  run: Run,
  dir: string,
): Promise<{ code: number; failure?: string; located?: boolean; message?: string }> {
  mkdirSync(dir, { recursive: true });
  for (const [name, bytes] of run.files) {
    if (name.endsWith('/')) mkdirSync(join(dir, name), { recursive: true });
    else writeFileSync(join(dir, name), bytes);
  }
  const subject = join(dir, run.files[0]?.[0].replace(/\/$/, '') ?? 'missing.csv');
  const out = join(dir, 'out');
  const args = run.args.map((a) =>
    a === FILE ? subject : a.startsWith(OUT) ? out + a.slice(OUT.length) : a,
  );
  let stdout = '';
  let stderr = '';
  const io = {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
  };
  const timeout = new Promise<number>((_, reject) =>
    setTimeout(() => reject(new Error('timed out after 60 s')), 60_000).unref(),
  );
  let code: number;
  try {
    code = await Promise.race([main(args, io), timeout]);
  } catch (e) {
    return { code: -1, failure: `threw out of main: ${(e as Error).message}` };
  }
  const fail = (why: string) => ({
    code,
    failure: `${why} — exit ${code}: ${stderr.slice(0, 400).trim()}`,
  });
  const message = stderr.replaceAll(run.allow ?? '\u0000', '');
  if (code === 3) return fail('internal error');
  if (STACK.test(stderr)) return fail('stack trace');
  if (/undefined|\[object Object\]|\bNaN\b/.test(message))
    return fail('undefined/NaN/[object Object] in the message');
  const usesSubject = run.subject === true;
  if (code === 0) {
    if (run.mustFail) return fail('accepted (must be an error)');
    if (run.warns && !args.includes('--quiet') && !run.warns.test(stderr))
      return fail(`no warning ${run.warns}`);
    let text = stdout;
    if (run.idsIn === 'files' || run.idsIn === 'count')
      for (const f of run.outFiles ?? []) {
        const p = f.startsWith('.') ? out + f : join(out, f);
        try {
          text += statSync(p).isFile() ? readFileSync(p, 'utf8') : readdirSync(p).join(' ');
        } catch {
          return fail(`no output file ${p}`);
        }
      }
    if (/\bNaN\b|undefined|\[object Object\]/.test(text))
      return fail('NaN/undefined in the output');
    if (run.idsIn === 'count') {
      const n = JSON.parse(text).villages;
      if (typeof n !== 'number' || n < run.ids.length)
        return fail(`summary counts ${n} villages, the file has ${run.ids.length}`);
    } else if (run.idsIn !== 'none') {
      const missing = run.ids.filter((id) => !text.includes(id));
      if (missing.length > 0) return fail(`villages missing from the output: ${missing.join(' ')}`);
    }
    return { code };
  }
  if (code === 1 || code === 2) {
    if (usesSubject && !message.includes(subject) && code === 1)
      return fail('error does not name the file');
    if (usesSubject && code === 2) return fail('a bad file is not a command-line error');
    if (run.names && !run.names.test(stderr)) return fail(`message does not name ${run.names}`);
    if (!usesSubject && code === 1 && !args.some((a) => a.length > 1 && message.includes(a)))
      return fail('error names no path or value of the command line');
    const located = /\b(line|row|feature|record|column|sheet|cell|offset|byte|field)s?\b|第/i.test(
      message,
    );
    return { code, located, message: stderr.split('\n')[0] };
  }
  return fail('unexpected exit code');
}

/**
 * The campaign: all runs (`limit` undefined) or a seeded sample of `limit` of them. Prints the
 * label of each run to stderr before it starts.
 */
export async function runCliCampaign(
  limit: number | undefined,
  seed: number,
): Promise<CliCampaignReport> {
  const t0 = performance.now();
  const setup = join(tmp, 'setup');
  mkdirSync(setup, { recursive: true });
  writeFileSync(join(tmp, 'a-file'), 'not a directory');
  const srn = { walk: join(setup, 'walk.srn'), car: join(setup, 'car.srn') };
  const silent = { stdout: { write: () => true }, stderr: { write: () => true } };
  for (const profile of ['walk', 'car'] as const) {
    const code = await main(
      ['network', county('roads.geojson'), '--profile', profile, '--out', srn[profile], '--quiet'],
      silent,
    );
    if (code !== 0) throw new Error(`cannot build the ${profile} network`);
  }
  writeFileSync(PLACES, PLACES_XML);
  const facilities = join(setup, 'facilities.geojson');
  writeFileSync(
    facilities,
    fc(countyPoints('facilities.geojson', 10, (p) => p.category === 'health')),
  );
  const villages = join(setup, 'villages.csv');
  writeFileSync(villages, goodCsv);
  let runs = plan(srn, villages, facilities);
  const all = runs.length;
  if (limit !== undefined && limit < runs.length) {
    const r = mulberry32(seed);
    const picked = new Set<number>();
    while (picked.size < limit) picked.add(Math.floor(r() * runs.length));
    runs = [...picked].sort((a, b) => a - b).map((i) => runs[i]);
  }
  const report: CliCampaignReport = {
    runs: 0,
    fileKinds: badVillageFiles().length,
    commands: [...new Set(runs.map((r) => r.args[0]))],
    exit0: 0,
    named: 0,
    usage: 0,
    located: 0,
    failures: [],
    outcomes: {},
    ms: 0,
  };
  for (const [i, run] of runs.entries()) {
    process.stderr.write(`run ${i + 1}/${runs.length} of ${all}: ${run.label}\n`);
    const r = await runOne(run, join(tmp, `run-${i}`));
    report.runs++;
    report.outcomes[`${i} ${run.label}`] = `${r.code} ${r.message ?? ''}`;
    if (r.failure) report.failures.push(`${run.label}: ${r.failure}`);
    else if (r.code === 0) report.exit0++;
    else if (r.code === 1) {
      report.named++;
      if (r.located) report.located++;
    } else report.usage++;
  }
  report.ms = Math.round(performance.now() - t0);
  return report;
}

if (process.argv[1]?.endsWith('cli-campaign.ts')) {
  const [limit, seed] = process.argv.slice(2);
  runCliCampaign(limit === 'all' ? undefined : Number(limit), Number(seed ?? 2026)).then(
    (r) => {
      process.stdout.write(`${JSON.stringify(r)}\n`);
      process.exit(0);
    },
    (e) => {
      process.stderr.write(`${(e as Error).stack}\n`);
      process.exit(1);
    },
  );
}
