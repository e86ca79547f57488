import { unzipSync } from 'fflate';
import { FormatError } from '../../errors';
import { DemGrid } from './dem-grid';
import { fillVoids } from './fill-voids';

/** The SRTM void marker. */
export const HGT_VOID = -32768;

/**
 * The south-west corner a tile name gives: `N42E001` → `[1, 42]`, `S09W078` → `[-78, -9]`;
 * `null` when the name holds no tile code. Case and directories are ignored.
 *
 * @param name - A file name or path such as `srtm/N42E001.hgt.zip`.
 * @example
 * hgtTileOrigin('N42E001.hgt'); // [1, 42]
 */
export function hgtTileOrigin(name: string): [number, number] | null {
  const base = name.split(/[\\/]/).pop() ?? name;
  const m = /([NS])(\d{1,2})([EW])(\d{1,3})/i.exec(base);
  if (!m) return null;
  const lat = Number(m[2]) * (m[1].toUpperCase() === 'S' ? -1 : 1);
  const lon = Number(m[4]) * (m[3].toUpperCase() === 'W' ? -1 : 1);
  if (lat < -90 || lat > 89 || lon < -180 || lon > 179) return null;
  return [lon, lat];
}

/** True when `bytes` start like a zip archive (local file header `PK\3\4`). */
function isZip(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3 && bytes[3] === 4
  );
}

/**
 * An SRTM `.hgt` tile (1″: 3601 × 3601 samples, 3″: 1201 × 1201; signed 16-bit big-endian
 * metres, row 0 the north edge), plain or zipped (the archive's one `.hgt` entry). The tile name
 * — the zip entry's, else `name` — gives the south-west corner. Voids (−32768) are filled from
 * their neighbours and counted in `voidsFilled`.
 *
 * @param bytes - The file's content.
 * @param name - The file name, for the tile origin and for messages.
 * @returns The grid; throws `FormatError` for a size that is no SRTM tile, a name without a tile
 *   code, or a zip without a `.hgt` entry.
 * @example
 * const grid = readHgt(readFileSync('N42E001.hgt.zip'), 'N42E001.hgt.zip');
 * grid.sample(1.5, 42.5); // metres
 */
export function readHgt(bytes: Uint8Array, name: string): DemGrid {
  let data = bytes;
  let tileName = name;
  if (isZip(bytes)) {
    let entries: Record<string, Uint8Array>;
    try {
      entries = unzipSync(bytes, { filter: (f) => /\.hgt$/i.test(f.name) });
    } catch (e) {
      throw new FormatError('corrupt-dem', `${name}: corrupt zip archive: ${(e as Error).message}`);
    }
    const keys = Object.keys(entries);
    if (keys.length !== 1)
      throw new FormatError(
        'corrupt-dem',
        `${name}: expected one .hgt file in the zip archive, found ${keys.length}`,
      );
    data = entries[keys[0]];
    tileName = hgtTileOrigin(keys[0]) ? keys[0] : name;
  }
  const origin = hgtTileOrigin(tileName);
  if (!origin)
    throw new FormatError(
      'unknown-dem-tile',
      `${name}: an SRTM tile is named after its south-west corner (e.g. N42E001.hgt); "${tileName}" holds no such code`,
    );
  const n = Math.round(Math.sqrt(data.length / 2));
  if (2 * n * n !== data.length || (n !== 1201 && n !== 3601))
    throw new FormatError(
      'corrupt-dem',
      `${name}: ${data.length} bytes is no SRTM tile (1″: 3601² × 2 = 25,934,402 bytes, 3″: 1201² × 2 = 2,884,802)`,
    );
  const h = new Float32Array(n * n);
  for (let i = 0; i < h.length; i++) {
    const v = ((data[2 * i] << 24) >> 16) | data[2 * i + 1];
    h[i] = v === HGT_VOID ? Number.NaN : v;
  }
  const filled = fillVoids(h, n, n, name);
  const step = 1 / (n - 1);
  return new DemGrid(h, n, n, origin[0], origin[1] + 1, step, step, filled, name);
}
