import { FormatError, InputError } from '../../errors';
import { DemGrid } from './dem-grid';
import { fillVoids } from './fill-voids';

// GeoKey values (GeoTIFF 1.1 §7): model type 2 = geographic lon/lat; raster type 2 = pixel is point.
const MODEL_GEOGRAPHIC = 2;
const RASTER_PIXEL_IS_POINT = 2;
// Geographic CRSs whose degrees are WGS84's to within a metre or two: WGS84 itself and CGCS2000,
// the datum of Chinese national DEMs.
const WGS84_LIKE = new Set([4326, 4490]);

/**
 * A single-band GeoTIFF DEM in geographic coordinates (WGS84 or CGCS2000 degrees; ASTER GDEM,
 * ALOS AW3D30, Copernicus and national DEMs come so), read with the `geotiff` package (loaded on
 * first use). Pixel-is-area rasters sample at pixel centres and cover the outer half pixel too;
 * pixel-is-point rasters sample at the grid lines. Cells equal to the GDAL nodata value (or
 * −32768, or NaN) are filled from their neighbours and counted.
 *
 * @param bytes - The file's content.
 * @param name - The file name, for messages.
 * @returns The grid; throws `FormatError` for a file `geotiff` cannot read and `InputError`
 *   `unsupported-crs` for a projected raster (reproject it to EPSG:4326 first, e.g. with
 *   `gdalwarp -t_srs EPSG:4326`).
 * @example
 * const grid = await readGeoTiffDem(readFileSync('alos-county.tif'), 'alos-county.tif');
 * grid.sample(100.2, 25.6); // metres
 */
export async function readGeoTiffDem(bytes: Uint8Array, name: string): Promise<DemGrid> {
  const { fromArrayBuffer } = await import('geotiff');
  const ab = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  let image: Awaited<ReturnType<Awaited<ReturnType<typeof fromArrayBuffer>>['getImage']>>;
  try {
    image = await (await fromArrayBuffer(ab as ArrayBuffer)).getImage();
  } catch (e) {
    throw new FormatError(
      'corrupt-dem',
      `${name}: not a readable GeoTIFF: ${(e as Error).message}`,
    );
  }
  const keys = image.getGeoKeys() ?? {};
  const crs = Number(keys.GeographicTypeGeoKey ?? 4326);
  if (keys.GTModelTypeGeoKey !== MODEL_GEOGRAPHIC || keys.ProjectedCSTypeGeoKey !== undefined)
    throw new InputError(
      'unsupported-crs',
      `${name}: the DEM is not in geographic degrees (model type ${String(keys.GTModelTypeGeoKey)}${keys.ProjectedCSTypeGeoKey !== undefined ? `, projected CRS EPSG:${keys.ProjectedCSTypeGeoKey}` : ''}); reproject it to EPSG:4326 first (gdalwarp -t_srs EPSG:4326)`,
    );
  if (!WGS84_LIKE.has(crs))
    throw new InputError(
      'unsupported-crs',
      `${name}: geographic CRS EPSG:${crs} is not supported; use WGS84 (EPSG:4326) or CGCS2000 (EPSG:4490)`,
    );
  let origin: number[];
  let res: number[];
  try {
    origin = image.getOrigin();
    res = image.getResolution();
  } catch (e) {
    throw new FormatError('corrupt-dem', `${name}: no georeferencing: ${(e as Error).message}`);
  }
  const cols = image.getWidth();
  const rows = image.getHeight();
  const dLon = res[0];
  const dLat = -res[1];
  if (!(dLon > 0 && dLat > 0) || cols < 1 || rows < 1)
    throw new FormatError(
      'corrupt-dem',
      `${name}: expected a north-up raster with positive pixel size, got ${res[0]} × ${res[1]} degrees over ${cols} × ${rows} pixels`,
    );
  const raster = (await image.readRasters({ samples: [0], interleave: true })) as ArrayLike<number>;
  const nodata = image.getGDALNoData();
  const h = new Float32Array(cols * rows);
  for (let i = 0; i < h.length; i++) {
    const v = Number(raster[i]);
    h[i] = v === nodata || v === -32768 || !Number.isFinite(v) ? Number.NaN : v;
  }
  const filled = fillVoids(h, cols, rows, name);
  const isPoint = keys.GTRasterTypeGeoKey === RASTER_PIXEL_IS_POINT;
  const half = isPoint ? 0 : 0.5;
  return new DemGrid(
    h,
    cols,
    rows,
    origin[0] + half * dLon,
    origin[1] - half * dLat,
    dLon,
    dLat,
    filled,
    name,
    half,
  );
}
