import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import threads from 'node:worker_threads';
import { InputError } from '../errors';
import { optionsObject } from '../geo/check-args';
import type { OptionKeys } from '../geo/option-keys';
import { Dem } from '../inputs/dem/dem';
import type { DemGrid } from '../inputs/dem/dem-grid';
import { readGeoTiffDem } from '../inputs/dem/geotiff-dem';
import { hgtTileOrigin, readHgt } from '../inputs/dem/hgt';
import { assertFile } from './files';

const HGT = /\.hgt(\.zip)?$|^[NS]\d{1,2}[EW]\d{1,3}.*\.zip$/i;
const TIFF = /\.tiff?$/i;

/** Options of `loadDem`. */
export interface LoadDemOptions {
  /**
   * `[west, south, east, north]` degrees: SRTM tiles of a folder that do not touch it are not
   * read (their names give their extent), so one folder can hold a whole province's tiles.
   */
  bbox?: readonly [number, number, number, number];
}

/** The keys of `LoadDemOptions`, for the unknown-key check. */
const LOAD_DEM_KEYS = { bbox: true } satisfies OptionKeys<LoadDemOptions>;

/**
 * A DEM from a file or a folder: SRTM `.hgt` / `.hgt.zip` tiles (1″ or 3″, named after their
 * south-west corner, e.g. `N42E001.hgt.zip`) and GeoTIFFs (`.tif`, geographic WGS84/CGCS2000).
 * Voids are filled from neighbours (see `dem.voidsFilled`).
 *
 * @param path - A DEM file, or a folder whose DEM files are all read (other files are ignored).
 * @param options - `bbox` to read only the SRTM tiles of a folder that touch it.
 * @returns The DEM; throws `InputError` `file-not-found` for a missing path and `no-dem` for a
 *   folder without DEM files, `FormatError` for a damaged file.
 * @example
 * import { loadDem, loadNetwork } from 'servicereach/node';
 * const dem = await loadDem('../shared/data/osm/srtm');
 * const net = await loadNetwork('county.osm.pbf', { profile: 'walk', elevation: { dem } });
 */
export async function loadDem(path: string, options: LoadDemOptions = {}): Promise<Dem> {
  options = optionsObject(options, 'loadDem', LOAD_DEM_KEYS);
  let files: string[];
  let isDir = false;
  try {
    isDir = statSync(path).isDirectory();
  } catch {
    assertFile(path); // throws file-not-found
  }
  if (isDir) {
    files = readdirSync(path)
      .filter((f) => HGT.test(f) || TIFF.test(f))
      .filter((f) => (!TIFF.test(f) && options.bbox ? touches(f, options.bbox) : true))
      .sort()
      .map((f) => join(path, f));
    if (files.length === 0)
      throw new InputError(
        'no-dem',
        `${path}: no DEM files (.hgt, .hgt.zip, .tif) ${options.bbox ? `touching [${options.bbox.join(', ')}]` : 'in this folder'}`,
      );
  } else files = [path];
  const grids: DemGrid[] = [];
  for (const f of files) {
    const bytes = readFileSync(f);
    const view = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (TIFF.test(f)) {
      // geotiff loads `web-worker`, which throws when imported in a worker thread started
      // without workerData (a thread pool's); an empty object makes it act as on the main thread.
      if (!threads.isMainThread && threads.workerData == null)
        (threads as { workerData: unknown }).workerData = {};
      grids.push(await readGeoTiffDem(view, f));
    } else grids.push(readHgt(view, f));
  }
  return new Dem(grids);
}

function touches(name: string, [w, s, e, n]: readonly [number, number, number, number]): boolean {
  const o = hgtTileOrigin(name);
  return !o || (o[0] <= e && o[0] + 1 >= w && o[1] <= n && o[1] + 1 >= s);
}
