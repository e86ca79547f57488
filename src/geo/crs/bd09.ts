// BD-09: Baidu's further offset of GCJ-02 (a small rotation and scaling about the origin plus a
// fixed shift of 0.0065°, 0.006°). The forward formula is published in Baidu-related code since
// 2009; its usual inverse is approximate (≈ 1e-6°), so we refine it by iteration like GCJ-02.
import { gcj02ToWgs84, wgs84ToGcj02 } from './gcj02';

const X_PI = (Math.PI * 3000) / 180;

/**
 * GCJ-02 → BD-09.
 *
 * @param lon - GCJ-02 longitude in degrees.
 * @param lat - GCJ-02 latitude in degrees.
 * @returns `[lon, lat]` in BD-09.
 * @example
 * gcj02ToBd09(116.404, 39.915); // ≈ [116.410369, 39.921337]
 */
export function gcj02ToBd09(lon: number, lat: number): [number, number] {
  const z = Math.sqrt(lon * lon + lat * lat) + 0.00002 * Math.sin(lat * X_PI);
  const t = Math.atan2(lat, lon) + 0.000003 * Math.cos(lon * X_PI);
  return [z * Math.cos(t) + 0.0065, z * Math.sin(t) + 0.006];
}

/**
 * BD-09 → GCJ-02: the published approximate inverse, refined by iteration to 1e-12°.
 *
 * @param lon - BD-09 longitude in degrees.
 * @param lat - BD-09 latitude in degrees.
 * @returns `[lon, lat]` in GCJ-02.
 * @example
 * bd09ToGcj02(116.410369, 39.921337); // ≈ [116.404, 39.915]
 */
export function bd09ToGcj02(lon: number, lat: number): [number, number] {
  const x = lon - 0.0065;
  const y = lat - 0.006;
  const z = Math.sqrt(x * x + y * y) - 0.00002 * Math.sin(y * X_PI);
  const t = Math.atan2(y, x) - 0.000003 * Math.cos(x * X_PI);
  let gLon = z * Math.cos(t);
  let gLat = z * Math.sin(t);
  for (let i = 0; i < 10; i++) {
    const [bLon, bLat] = gcj02ToBd09(gLon, gLat);
    const eLon = bLon - lon;
    const eLat = bLat - lat;
    gLon -= eLon;
    gLat -= eLat;
    if (Math.abs(eLon) < 1e-12 && Math.abs(eLat) < 1e-12) break;
  }
  return [gLon, gLat];
}

/**
 * WGS84 → BD-09 (through GCJ-02).
 *
 * @param lon - WGS84 longitude in degrees.
 * @param lat - WGS84 latitude in degrees.
 * @returns `[lon, lat]` in BD-09.
 * @example
 * wgs84ToBd09(120.00877901149691, 29.196131605295484); // ≈ [120.019809, 29.199786]
 */
export function wgs84ToBd09(lon: number, lat: number): [number, number] {
  const [gLon, gLat] = wgs84ToGcj02(lon, lat);
  return gcj02ToBd09(gLon, gLat);
}

/**
 * BD-09 → WGS84 (through GCJ-02, both inverses iterated).
 *
 * @param lon - BD-09 longitude in degrees.
 * @param lat - BD-09 latitude in degrees.
 * @returns `[lon, lat]` in WGS84.
 * @example
 * bd09ToWgs84(120.019809, 29.199786); // ≈ [120.008779, 29.196132]
 */
export function bd09ToWgs84(lon: number, lat: number): [number, number] {
  const [gLon, gLat] = bd09ToGcj02(lon, lat);
  return gcj02ToWgs84(gLon, gLat);
}
