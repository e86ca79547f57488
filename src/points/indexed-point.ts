/** A point to index: a village or a facility. */
export interface IndexedPoint {
  lon: number;
  lat: number;
  /** The input's own id (kept as given); defaults to the point's position in the input. */
  id?: string | number;
  /** Facility category (e.g. `health`), for the `category` query filter. */
  category?: string;
  properties?: Record<string, unknown> | null;
}

/**
 * `[lon0, lat0, lon1, lat1, …]` of points, the form every search and snapping call takes.
 *
 * @param points - Anything with `lon` and `lat` in degrees (villages, facilities, your own
 *   objects); copied, not checked. An empty array gives an empty `Float64Array`.
 *
 * @example
 * nearestFacilities(net, pointCoords(villages), pointCoords(clinics));
 */
export function pointCoords(points: readonly { lon: number; lat: number }[]): Float64Array {
  const out = new Float64Array(2 * points.length);
  for (let i = 0; i < points.length; i++) {
    out[2 * i] = points[i].lon;
    out[2 * i + 1] = points[i].lat;
  }
  return out;
}
