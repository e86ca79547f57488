import { type FlagOption, flagOption, type StringOption, stringOption } from './option-spec';

// Shared option groups. A command spreads the groups it uses and adds its own options; the
// descriptions have defaults and each command may word them for what the option does there.

/** `--debug` and `-h, --help`: every command has them (defineCommand adds them last). */
export const COMMON_OPTIONS = {
  debug: flagOption('stack traces on errors'),
  help: { ...flagOption('this help'), short: 'h' },
} satisfies Record<string, FlagOption>;

/**
 * The road network a command routes on: `--network` and `--profile`.
 *
 * @param help - the command's own wording of either option
 * @example
 * const options = { ...networkOptions({ profile: 'speed profile (default car; a saved .srn keeps its own)' }) };
 */
export function networkOptions(help: { network?: string; profile?: string } = {}) {
  return {
    network: stringOption(
      '<roads|.srn>',
      help.network ?? 'OSM extract, GeoJSON roads or a saved network (.srn)',
    ),
    profile: stringOption(
      'car|walk|bicycle',
      help.profile ?? 'speed profile (default car; a saved .srn keeps its own)',
    ),
  };
}

/**
 * Villages and facilities of the analysis commands: `--villages --facilities --category
 * --population-field --max-snap`.
 *
 * @param help - the command's own wording of any of them
 * @example
 * const options = { ...pointsOptions({ category: 'facilities of these categories only' }) };
 */
export function pointsOptions(
  help: Partial<
    Record<'villages' | 'facilities' | 'category' | 'population-field' | 'max-snap', string>
  > = {},
) {
  return {
    villages: stringOption(
      '<file>',
      help.villages ?? 'villages: GeoJSON, CSV with lon/lat, or an OSM extract (its places)',
    ),
    facilities: stringOption(
      '<file>',
      help.facilities ?? 'facilities: GeoJSON, CSV with lon/lat, or an OSM extract',
    ),
    category: stringOption('<c[,c…]>', help.category ?? 'facility categories that count'),
    'population-field': stringOption(
      '<name>',
      help['population-field'] ?? 'village population property/column (default "population")',
    ),
    'max-snap': stringOption(
      '<metres>',
      help['max-snap'] ?? 'villages farther from every road are off-network (default 1000)',
    ),
  };
}

/**
 * `--max-snap <metres>` for commands that route between points: how far off-road a point may be.
 *
 * @param help - the command's own wording
 * @example
 * const options = { 'max-snap': maxSnapOption('start points farther from every road are ignored') };
 */
export function maxSnapOption(help?: string): StringOption {
  return stringOption(
    '<metres>',
    help ?? 'points farther from every road are off-network (default 1000)',
  );
}

/** How points files are read: id and CSV coordinate columns. */
export const POINT_COLUMN_OPTIONS = {
  'id-field': stringOption('<name>', 'id property/column (default "id")'),
  'lon-field': stringOption(
    '<name>',
    'CSV longitude column (default: lon, lng, long, longitude or x)',
  ),
  'lat-field': stringOption('<name>', 'CSV latitude column (default: lat, latitude or y)'),
  'name-field': stringOption('<name>', 'name column (default: name, 名称, 村名…)'),
  'township-field': stringOption('<name>', 'township column (default: township, 乡镇…)'),
  crs: stringOption(
    '<crs>',
    'coordinates of every input: wgs84 (default), cgcs2000, gcj02 (Amap), bd09 (Baidu),\nEPSG:<code> (e.g. 4547, a CGCS2000 Gauss–Krüger zone) or a proj string; a .prj wins',
  ),
  encoding: stringOption(
    '<name>',
    'text encoding of CSV, GeoJSON and .dbf inputs (default: UTF-8, else GBK detected)',
  ),
  sheet: stringOption('<name|n>', 'sheet of an .xlsx workbook (default: the first)'),
} satisfies Record<string, StringOption>;

/** `--lang`: the language of what a command prints and of the headers of the files it writes. */
export const LANG_OPTION = {
  lang: stringOption(
    'en|zh',
    'language of tables, column headers and warnings (default en; zh: 简体中文, names not ids)',
  ),
} satisfies Record<string, StringOption>;

/** What people read and which extra files are written: `--lang --bom --xlsx --shapefile`. */
export const OUTPUT_FORMAT_OPTIONS = {
  lang: stringOption(
    'en|zh',
    'language of tables, headers and the report (default en; zh: 简体中文)',
  ),
  bom: flagOption('start CSV files with a UTF-8 byte-order mark, so Excel shows Chinese'),
  xlsx: flagOption('also write coverage.xlsx (a sheet per standard, by township, not covered)'),
  shapefile: flagOption('also write villages-shp.zip (points, .prj, UTF-8 .cpg) for ArcGIS'),
  'shapefile-encoding': stringOption(
    'utf-8|gbk',
    'attributes of the shapefile: utf-8 (default) or gbk (.cpg 936) for old ArcGIS',
  ),
};

/**
 * `--<input>-crs` for each input file flag of a command: the CRS of that file alone, overriding
 * `--crs` (e.g. `--facilities-crs gcj02` for an Amap facility list beside WGS84 villages).
 *
 * @param inputs - the command's input flags (`network`, `villages`, `facilities`, `from`, `to`, `candidates`)
 * @example
 * const options = { ...inputCrsOptions('network', 'villages', 'facilities') };
 */
export function inputCrsOptions<K extends string>(
  ...inputs: K[]
): Record<`${K}-crs`, StringOption> {
  const out: Record<string, StringOption> = {};
  for (const k of inputs) out[`${k}-crs`] = stringOption('<crs>', `CRS of --${k} (default: --crs)`);
  return out as Record<`${K}-crs`, StringOption>;
}

/** The facility category column, for commands that select facilities by category. */
export const CATEGORY_COLUMN_OPTIONS = {
  'category-field': stringOption('<name>', 'category property/column (default "category")'),
} satisfies Record<string, StringOption>;

/**
 * `--out <where>`.
 *
 * @param value - what --out takes, e.g. `<file.csv>` or `<dir>`
 * @param help - what is written there
 * @example
 * const out = outOption('<spt.csv>', 'write the CSV there instead of stdout');
 */
export function outOption(value: string, help: string): StringOption {
  return stringOption(value, help);
}

/**
 * `--json`.
 *
 * @param help - what is printed as JSON
 * @example
 * const json = jsonOption('print the route (with coordinates) as JSON');
 */
export function jsonOption(help = 'print the summary as JSON'): FlagOption {
  return flagOption(help);
}

/**
 * `--quiet`.
 *
 * @param help - what it silences
 * @example
 * const quiet = quietOption('no summary');
 */
export function quietOption(help = 'print nothing but errors'): FlagOption {
  return flagOption(help);
}

/**
 * What a command writes and prints: `--out --json --quiet`.
 *
 * @param out - `[value, help]` of --out
 * @param help - the command's own wording of --json and --quiet
 * @example
 * const options = { ...outputOptions(['<dir>', 'write the files there'], { quiet: 'no table' }) };
 */
export function outputOptions(
  out: [value: string, help: string],
  help: { json?: string; quiet?: string } = {},
) {
  return {
    out: outOption(...out), // spread-ok: a [value, help] pair
    json: jsonOption(help.json),
    quiet: quietOption(help.quiet),
  };
}

/**
 * `--elevation <dir|file>`: terrain-aware paces from a DEM (SRTM .hgt/.hgt.zip tiles or a
 * GeoTIFF, or a folder of them), for commands that build a network.
 *
 * @param help - the command's own wording
 * @example
 * const options = { ...networkOptions(), elevation: elevationOption() };
 */
export function elevationOption(
  help = 'DEM file or folder (SRTM .hgt[.zip], GeoTIFF): uphill slower, downhill faster',
): StringOption {
  return stringOption('<dir|file>', help);
}
