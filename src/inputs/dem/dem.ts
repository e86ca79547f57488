import { InputError } from '../../errors';
import type { DemGrid } from './dem-grid';

/** Metres per degree of latitude (mean Earth radius 6,371,008.8 m). */
const M_PER_DEG = (Math.PI / 180) * 6371008.8;

/**
 * A digital elevation model made of one or more grids (SRTM tiles, GeoTIFFs): a point takes its
 * height from the finest grid that covers it. Read one with `readHgt` / `readGeoTiffDem` (or
 * `loadDem` in `servicereach/node` for a file or a folder of them).
 *
 * @example
 * const dem = new Dem([readHgt(bytes, 'N42E001.hgt.zip')]);
 * dem.elevationAt(1.5216, 42.5564); // ≈ 1300 m, Ordino
 */
export class Dem {
  /** Finest first. */
  readonly grids: readonly DemGrid[];

  /**
   * A DEM of the given grids (kept in order of fineness; nothing is copied).
   *
   * @param grids - At least one grid; where grids overlap the finest wins.
   */
  constructor(grids: readonly DemGrid[]) {
    if (grids.length === 0) throw new InputError('empty-dem', 'a DEM needs at least one grid');
    this.grids = [...grids].sort((a, b) => a.dLat - b.dLat); // spread-ok: copies a bounded list
  }

  /**
   * Metres above sea level at a point (bilinear), or `NaN` where no grid covers it.
   *
   * @param lon - Longitude, degrees.
   * @param lat - Latitude, degrees.
   * @example
   * const z = dem.elevationAt(1.52, 42.56);
   */
  elevationAt(lon: number, lat: number): number {
    for (const g of this.grids) {
      const z = g.sample(lon, lat);
      if (!Number.isNaN(z)) return z;
    }
    return Number.NaN;
  }

  /** Void cells filled over all grids. */
  get voidsFilled(): number {
    let n = 0;
    for (const g of this.grids) n += g.voidsFilled;
    return n;
  }

  /** North–south spacing of the finest grid, metres (≈ 92 for SRTM3, 31 for SRTM1). */
  get spacingM(): number {
    return this.grids[0].dLat * M_PER_DEG;
  }

  /** The grids' sources, comma-separated. */
  get source(): string {
    return this.grids.map((g) => g.source).join(', ');
  }
}
