// GCJ-02 ("Mars coordinates"): the obfuscated datum Chinese web maps (Amap/Gaode, Tencent, Google
// inside China) publish. The forward formula is the one leaked with the "on4wp7"/emq code and used
// everywhere since (Krasovsky axis a = 6378245 m, e² = 0.00669342162296594323); it is reproduced
// here from its published description. The inverse is not published: we solve forward(w) = g by
// fixed-point iteration, which converges because the shift varies by < 1e-4 per degree.

const A = 6378245.0;
const EE = 0.006693421622965943; // the published 0.00669342162296594323, as a double
const PI = Math.PI;

/**
 * Whether GCJ-02 leaves a position unshifted: outside the rough box of China the web maps publish
 * WGS84 as is (the box every implementation uses; Taiwan, Korea and parts of the border lie in it).
 *
 * @param lon - Longitude in degrees.
 * @param lat - Latitude in degrees.
 * @returns True outside 72.004–137.8347° E, 0.8293–55.8271° N.
 * @example
 * outOfChina(2.5, 48.8); // true
 */
export function outOfChina(lon: number, lat: number): boolean {
  return lon < 72.004 || lon > 137.8347 || lat < 0.8293 || lat > 55.8271;
}

function shiftLat(x: number, y: number): number {
  let r = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  r += ((20 * Math.sin(6 * x * PI) + 20 * Math.sin(2 * x * PI)) * 2) / 3;
  r += ((20 * Math.sin(y * PI) + 40 * Math.sin((y / 3) * PI)) * 2) / 3;
  r += ((160 * Math.sin((y / 12) * PI) + 320 * Math.sin((y * PI) / 30)) * 2) / 3;
  return r;
}

function shiftLon(x: number, y: number): number {
  let r = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  r += ((20 * Math.sin(6 * x * PI) + 20 * Math.sin(2 * x * PI)) * 2) / 3;
  r += ((20 * Math.sin(x * PI) + 40 * Math.sin((x / 3) * PI)) * 2) / 3;
  r += ((150 * Math.sin((x / 12) * PI) + 300 * Math.sin((x / 30) * PI)) * 2) / 3;
  return r;
}

/**
 * WGS84 → GCJ-02 (the published forward formula; exact by definition).
 *
 * @param lon - WGS84 longitude in degrees.
 * @param lat - WGS84 latitude in degrees.
 * @returns `[lon, lat]` in GCJ-02; unchanged outside China (`outOfChina`).
 * @example
 * wgs84ToGcj02(121.5272106, 31.1774276); // ≈ [121.531541859, 31.175303984] (Shanghai)
 */
export function wgs84ToGcj02(lon: number, lat: number): [number, number] {
  if (outOfChina(lon, lat)) return [lon, lat];
  const radLat = (lat / 180) * PI;
  const s = Math.sin(radLat);
  const magic = 1 - EE * s * s;
  const sqrtMagic = Math.sqrt(magic);
  const dLat =
    (shiftLat(lon - 105, lat - 35) * 180) / (((A * (1 - EE)) / (magic * sqrtMagic)) * PI);
  const dLon = (shiftLon(lon - 105, lat - 35) * 180) / ((A / sqrtMagic) * Math.cos(radLat) * PI);
  return [lon + dLon, lat + dLat];
}

/**
 * GCJ-02 → WGS84, solved by iteration to 1e-12° (≈ 0.1 µm): the round trip
 * `wgs84ToGcj02(gcj02ToWgs84(p))` gives `p` back to that tolerance, where the common one-step
 * inverse is off by 1–2 m.
 *
 * @param lon - GCJ-02 longitude in degrees.
 * @param lat - GCJ-02 latitude in degrees.
 * @returns `[lon, lat]` in WGS84; unchanged outside China.
 * @example
 * gcj02ToWgs84(121.531541859215, 31.17530398364597); // ≈ [121.5272106, 31.1774276]
 */
export function gcj02ToWgs84(lon: number, lat: number): [number, number] {
  if (outOfChina(lon, lat)) return [lon, lat];
  let wLon = lon;
  let wLat = lat;
  for (let i = 0; i < 30; i++) {
    const [gLon, gLat] = wgs84ToGcj02(wLon, wLat);
    const eLon = gLon - lon;
    const eLat = gLat - lat;
    wLon -= eLon;
    wLat -= eLat;
    if (Math.abs(eLon) < 1e-12 && Math.abs(eLat) < 1e-12) break;
  }
  return [wLon, wLat];
}
