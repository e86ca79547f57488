/**
 * One regular elevation raster in geographic coordinates: `heights[row * cols + col]` in metres,
 * row 0 the northernmost, samples at `west + col × dLon`, `north − row × dLat` (degrees). Voids
 * are already filled (see `fillVoids`), so every value is a number.
 *
 * @example
 * const plane = new DemGrid(new Float32Array([100, 100, 0, 0]), 2, 2, 100, 26, 1, 1);
 * plane.sample(100.5, 25.5); // 50: bilinear between the four samples
 */
export class DemGrid {
  /** Metres per sample, by columns then rows (row-major, north first). */
  readonly heights: Float32Array;
  readonly cols: number;
  readonly rows: number;
  /** Longitude of column 0 and latitude of row 0, degrees. */
  readonly west: number;
  readonly north: number;
  /** Sample spacing, degrees (both positive: rows run south). */
  readonly dLon: number;
  readonly dLat: number;
  /** Void cells (−32768 or the file's nodata) filled from their neighbours when read. */
  readonly voidsFilled: number;
  /** Where it came from (a file name), for messages and the network's metadata. */
  readonly source: string;
  /** How far past the outer samples (in cells) a point still counts as covered; values clamp. */
  private readonly margin: number;

  /**
   * Wraps a filled height array; nothing is copied.
   *
   * @param heights - `cols × rows` metres, row 0 north.
   * @param cols - Samples per row.
   * @param rows - Rows.
   * @param west - Longitude of column 0, degrees.
   * @param north - Latitude of row 0, degrees.
   * @param dLon - Column spacing, degrees > 0.
   * @param dLat - Row spacing, degrees > 0.
   * @param voidsFilled - How many cells were voids, filled from neighbours.
   * @param source - A name for messages (file name).
   * @param margin - Cells past the outer samples still covered (0.5 for pixel-is-area rasters).
   */
  constructor(
    heights: Float32Array,
    cols: number,
    rows: number,
    west: number,
    north: number,
    dLon: number,
    dLat: number,
    voidsFilled = 0,
    source = 'grid',
    margin = 0,
  ) {
    this.heights = heights;
    this.cols = cols;
    this.rows = rows;
    this.west = west;
    this.north = north;
    this.dLon = dLon;
    this.dLat = dLat;
    this.voidsFilled = voidsFilled;
    this.source = source;
    this.margin = margin;
  }

  /**
   * Elevation at a point by bilinear interpolation of the four samples round it; `NaN` outside
   * the grid.
   *
   * @param lon - Longitude, degrees.
   * @param lat - Latitude, degrees.
   * @example
   * grid.sample(1.52, 42.56); // metres
   */
  sample(lon: number, lat: number): number {
    const x = (lon - this.west) / this.dLon;
    const y = (this.north - lat) / this.dLat;
    const m = this.margin;
    const xMax = this.cols - 1;
    const yMax = this.rows - 1;
    if (!(x >= -m && y >= -m && x <= xMax + m && y <= yMax + m)) return Number.NaN;
    const cx = x < 0 ? 0 : x > xMax ? xMax : x;
    const cy = y < 0 ? 0 : y > yMax ? yMax : y;
    // The last column/row interpolates from the one before, with weight 1 on the edge sample.
    const c0 = Math.min(Math.floor(cx), Math.max(0, xMax - 1));
    const r0 = Math.min(Math.floor(cy), Math.max(0, yMax - 1));
    const c1 = Math.min(c0 + 1, xMax);
    const r1 = Math.min(r0 + 1, yMax);
    const fx = cx - c0;
    const fy = cy - r0;
    const h = this.heights;
    const n = this.cols;
    const top = h[r0 * n + c0] + fx * (h[r0 * n + c1] - h[r0 * n + c0]);
    const bottom = h[r1 * n + c0] + fx * (h[r1 * n + c1] - h[r1 * n + c0]);
    return top + fy * (bottom - top);
  }
}
