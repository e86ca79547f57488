import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { unzipSync } from 'fflate';
import { FormatError } from '../errors';
import { isShp } from '../inputs/shapefile/shp-geometry';
import { type ShapefileParts, shapefileFromZip } from '../inputs/shapefile/read-shapefile';

/** What a file holds when it is none of the text formats: a shapefile, a zip bundle or a workbook. */
export type BinaryTableFormat = 'shp' | 'shapefile-zip' | 'xlsx';

/**
 * Whether a file is a `.shp`, a zipped shapefile or an `.xlsx` workbook, from its content
 * (a zip is a workbook when it holds `xl/workbook.xml`).
 *
 * @param bytes - The whole file (zips are looked into).
 * @param source - The file's name for messages. A zip that cannot be opened (truncated, damaged)
 *   is `FormatError` `invalid-zip` naming it.
 * @returns The format, or `undefined` for anything else.
 * @example
 * sniffBinaryTable(readFileSync('villages.zip')); // 'shapefile-zip'
 */
export function sniffBinaryTable(
  bytes: Uint8Array,
  source = 'zip file',
): BinaryTableFormat | undefined {
  if (isShp(bytes)) return 'shp';
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b || bytes[2] !== 0x03 || bytes[3] !== 0x04)
    return undefined;
  let workbook = false;
  try {
    unzipSync(bytes, {
      filter: (f) => {
        if (f.name === 'xl/workbook.xml') workbook = true;
        return false;
      },
    });
  } catch (e) {
    throw new FormatError(
      'invalid-zip',
      `${source}: a damaged or truncated zip (an .xlsx workbook or zipped shapefile): ${(e as Error).message}`,
    );
  }
  return workbook ? 'xlsx' : 'shapefile-zip';
}

/**
 * The parts of a shapefile on disk: the `.shp` given and its `.dbf`, `.prj`, `.cpg` siblings
 * (same base name, extension in any case), or the parts inside a zip bundle.
 *
 * @param path - The `.shp` or `.zip` file.
 * @param bytes - Its content, read already.
 * @param layer - For a zip holding several shapefiles: which one (base name).
 * @returns The parts found.
 * @example
 * const parts = shapefileParts('roads.shp', readFileSync('roads.shp'));
 */
export function shapefileParts(path: string, bytes: Uint8Array, layer?: string): ShapefileParts {
  if (!isShp(bytes)) return shapefileFromZip(bytes, { layer, source: path });
  const dir = dirname(path);
  const stem = basename(path)
    .replace(/\.shp$/i, '')
    .toLowerCase();
  const names = existsSync(dir) ? readdirSync(dir) : [];
  const sibling = (ext: string) => {
    const n = names.find((x) => x.toLowerCase() === `${stem}.${ext}`);
    return n ? new Uint8Array(readFileSync(join(dir, n))) : undefined;
  };
  const text = (b: Uint8Array | undefined) => (b ? new TextDecoder().decode(b) : undefined);
  return { shp: bytes, dbf: sibling('dbf'), prj: text(sibling('prj')), cpg: text(sibling('cpg')) };
}
