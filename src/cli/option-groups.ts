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

/** How points files are read: id and CSV coordinate columns. */
export const POINT_COLUMN_OPTIONS = {
  'id-field': stringOption('<name>', 'id property/column (default "id")'),
  'lon-field': stringOption(
    '<name>',
    'CSV longitude column (default: lon, lng, long, longitude or x)',
  ),
  'lat-field': stringOption('<name>', 'CSV latitude column (default: lat, latitude or y)'),
} satisfies Record<string, StringOption>;

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
