/** Mean Earth radius (IUGG R1) in metres; the same sphere is used for every length in the library. */
export const EARTH_RADIUS_M = 6371008.8;

const RAD = Math.PI / 180;

/**
 * Great-circle distance in metres between two WGS84 points (haversine on the mean-radius sphere).
 * Haversine stays accurate for the very short segments road geometry is made of, where the
 * spherical law of cosines loses digits.
 *
 * @param lon1 - Longitude of the first point, degrees.
 * @param lat1 - Latitude of the first point, degrees.
 * @param lon2 - Longitude of the second point, degrees.
 * @param lat2 - Latitude of the second point, degrees.
 * @returns Distance in metres; 0 for the same point. Inputs are not range-checked.
 *
 * @example
 * haversineM(1.5, 42.5, 1.51, 42.5); // ≈ 819.8 (0.01° of longitude at 42.5° N)
 */
export function haversineM(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const s = Math.sin(dLat / 2);
  const t = Math.sin(dLon / 2);
  const a = s * s + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * t * t;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
}
