import { InputError } from '../../errors';

/**
 * The map's frame: a planar equirectangular projection at the data's mid-latitude, fitted to a
 * `width` × `height` box of report pixels (y down). Distances on it are true to within a fraction
 * of a percent over a county or a province, which is all a scale bar needs.
 */
export interface MapFrame {
  width: number;
  height: number;
  /** Report pixels per degree of latitude. */
  k: number;
  /** Longitude / latitude → report pixels. */
  x(lon: number): number;
  y(lat: number): number;
  /** Kilometres per report pixel. */
  kmPerPx: number;
}

/** Running bounding box of lon/lat positions, without collecting them (no spread, no arrays). */
export class LonLatBox {
  minLon = Infinity;
  maxLon = -Infinity;
  minLat = Infinity;
  maxLat = -Infinity;

  /**
   * Widens the box to hold a position; non-finite values are ignored.
   *
   * @param lon - Degrees.
   * @param lat - Degrees.
   *
   * @example
   * box.add(1.52, 42.5);
   */
  add(lon: number, lat: number): void {
    if (!Number.isFinite(lon) || !Number.isFinite(lat)) return;
    if (lon < this.minLon) this.minLon = lon;
    if (lon > this.maxLon) this.maxLon = lon;
    if (lat < this.minLat) this.minLat = lat;
    if (lat > this.maxLat) this.maxLat = lat;
  }
}

/**
 * Fits the box into a frame `width` wide, its height following the area's shape (between 45% and
 * 110% of the width), with `pad` pixels of margin.
 *
 * @param box - The area to show.
 * @param width - Frame width, report pixels.
 * @param pad - Margin on every side.
 * @returns The frame.
 *
 * @example
 * const frame = fitFrame(box, 1000, 24); frame.x(1.52);
 */
export function fitFrame(box: LonLatBox, width: number, pad: number): MapFrame {
  if (!(box.minLon <= box.maxLon))
    throw new InputError('invalid-input', 'the report has nothing to draw: no roads or villages');
  const cos = Math.cos((((box.minLat + box.maxLat) / 2) * Math.PI) / 180);
  const spanX = (box.maxLon - box.minLon) * cos || 0.01;
  const spanY = box.maxLat - box.minLat || 0.01;
  const inner = width - 2 * pad;
  const height = Math.round(Math.min(1.1, Math.max(0.45, spanY / spanX)) * inner + 2 * pad);
  const k = Math.min(inner / spanX, (height - 2 * pad) / spanY);
  // Centre the area in the frame.
  const ox = (width - spanX * k) / 2;
  const oy = (height - spanY * k) / 2;
  return {
    width,
    height,
    k,
    x: (lon) => ox + (lon - box.minLon) * cos * k,
    y: (lat) => height - oy - (lat - box.minLat) * k,
    kmPerPx: 111.195 / k,
  };
}
