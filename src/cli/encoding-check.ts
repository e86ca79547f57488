import { sniffOsm } from '../inputs/osm/decode-osm';
import { gzippedTextStart, readHead } from '../node/files';
import { sniffRoadFile } from '../node/load-network';
import { givenInputFiles, workbookKind } from './input-files';
import { UsageError } from './usage-error';

/**
 * `--encoding` decodes text files (CSV/TSV, GeoJSON) and a shapefile's `.dbf`: given while
 * every input file of the command is an `.xlsx` workbook (its text is UTF-8 by format), an OSM
 * file or a saved network, it decoded nothing and the run was the same without it. That is a
 * usage error naming the files. The input files are the points files (the inputs with a
 * `--<input>-crs`) and the road network; files that do not exist are left to the command.
 *
 * @param values - The command's parsed option values.
 * @param options - The command's option names.
 * @param command - The command, for the usage line.
 * @example
 * checkEncoding({ encoding: 'gbk', villages: 'v.xlsx' }, ['encoding', 'villages', 'villages-crs'], 'coverage'); // throws
 */
export function checkEncoding(
  values: Record<string, unknown>,
  options: readonly string[],
  command: string,
): void {
  if (values.encoding === undefined) return;
  const files: [string, string][] = []; // path, what it is when no text is decoded in it
  for (const { input, path } of givenInputFiles(values, options, true)) {
    const kind = input === 'network' ? roadsKind(path) : pointsKind(path);
    if (kind === undefined) return; // text or a shapefile: --encoding decodes it
    files.push([path, kind]);
  }
  if (files.length === 0) return;
  const which = files.map(([path, kind]) => `${path} is ${kind}`).join(', ');
  throw new UsageError(
    `--encoding is the text encoding of CSV, GeoJSON and shapefile (.dbf) inputs, and ${which} (told by the content, not the name): leave out --encoding`,
    command,
  );
}

const WORKBOOK = 'an .xlsx workbook, always UTF-8';
const OSM = 'an OSM file, always UTF-8';

// What a points file is when --encoding does not apply to it; undefined for text and shapefiles.
function pointsKind(path: string): string | undefined {
  const head = readHead(path, 64);
  const osm = sniffOsm(head);
  if (osm && !(osm === 'xml.gz' && !gzippedTextStart(path).startsWith('<'))) return OSM;
  // A damaged zip counts as text here: the reader names what is wrong with it.
  return workbookKind(path) === 'xlsx' ? WORKBOOK : undefined;
}

// Roads are decoded with --encoding only from a shapefile's .dbf.
function roadsKind(path: string): string | undefined {
  let format: string;
  try {
    format = sniffRoadFile(path);
  } catch {
    return undefined; // empty or unknown: the command itself says so
  }
  if (format === 'shapefile') return undefined;
  if (format === 'srn') return 'a saved network';
  if (format === 'geojson') return 'GeoJSON roads, read as UTF-8';
  return OSM;
}
