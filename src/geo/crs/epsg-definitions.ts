// proj4 knows only EPSG:4326, 4269, 3857 by itself. The projected systems Chinese data comes in
// are regular families, so their definitions are generated from the code rather than tabulated:
//   4491–4501  CGCS2000 / Gauss-Kruger zone 13–23        6° zones, CM 6·zone − 3, easting prefixed by the zone
//   4502–4512  CGCS2000 / Gauss-Kruger CM 75E–135E       the same zones without the prefix
//   4513–4533  CGCS2000 / 3-degree Gauss-Kruger zone 25–45  3° zones, CM 3·zone, prefixed
//   4534–4554  CGCS2000 / 3-degree Gauss-Kruger CM 75E–135E
//   32601–32660, 32701–32760  WGS 84 / UTM zones north and south
// CGCS2000 uses the GRS80 ellipsoid and agrees with WGS84 (ITRF) to a few centimetres at its
// epoch 2000.0, so no datum shift is applied (below a metre even with plate motion since).

const GK = (lon0: number, x0: number) =>
  `+proj=tmerc +lat_0=0 +lon_0=${lon0} +k=1 +x_0=${x0} +y_0=0 +ellps=GRS80 +units=m +no_defs`;

/**
 * The proj4 definition of an EPSG code this library knows (CGCS2000 geographic and Gauss–Krüger
 * zones, WGS84 and its UTM zones, Web Mercator), or `undefined`.
 *
 * @param code - The EPSG number, e.g. `4547` (CGCS2000 / 3-degree Gauss-Kruger CM 114E).
 * @returns A proj4 string (`+proj=…`), or `undefined` for a code outside these families.
 * @example
 * epsgDefinition(4527); // '+proj=tmerc +lat_0=0 +lon_0=117 +k=1 +x_0=39500000 +y_0=0 +ellps=GRS80 +units=m +no_defs'
 */
export function epsgDefinition(code: number): string | undefined {
  if (code === 4326 || code === 4490) return '+proj=longlat +datum=WGS84 +no_defs';
  if (code === 3857 || code === 900913)
    return '+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +no_defs';
  if (code >= 4491 && code <= 4501) {
    const zone = code - 4491 + 13;
    return GK(6 * zone - 3, zone * 1e6 + 500000);
  }
  if (code >= 4502 && code <= 4512) return GK(75 + 6 * (code - 4502), 500000);
  if (code >= 4513 && code <= 4533) {
    const zone = code - 4513 + 25;
    return GK(3 * zone, zone * 1e6 + 500000);
  }
  if (code >= 4534 && code <= 4554) return GK(75 + 3 * (code - 4534), 500000);
  if ((code >= 32601 && code <= 32660) || (code >= 32701 && code <= 32760)) {
    const zone = code % 100;
    const south = code > 32700 ? ' +south' : '';
    return `+proj=utm +zone=${zone}${south} +datum=WGS84 +units=m +no_defs`;
  }
  return undefined;
}

/**
 * The EPSG code of a CGCS2000 Gauss–Krüger system named the way ArcGIS names it in a `.prj`
 * (`CGCS2000_3_Degree_GK_Zone_34`, `CGCS2000_3_Degree_GK_CM_102E`, `CGCS2000_GK_Zone_18`,
 * `CGCS2000_GK_CM_105E`), or `undefined`.
 *
 * @param name - The PROJCS name.
 * @returns The EPSG code (4491–4554), or `undefined` when the name is none of these.
 * @example
 * cgcs2000GkCode('CGCS2000_3_Degree_GK_Zone_34'); // 4522
 */
export function cgcs2000GkCode(name: string): number | undefined {
  const m = /^CGCS2000_(3_Degree_)?GK_(Zone_(\d+)|CM_(\d+)E)$/i.exec(name.trim());
  if (!m) return undefined;
  const three = m[1] !== undefined;
  if (m[3] !== undefined) {
    const zone = Number(m[3]);
    if (three && zone >= 25 && zone <= 45) return 4513 + zone - 25;
    if (!three && zone >= 13 && zone <= 23) return 4491 + zone - 13;
    return undefined;
  }
  const cm = Number(m[4]);
  const step = three ? 3 : 6;
  if (cm < 75 || cm > 135 || (cm - 75) % step !== 0) return undefined;
  return (three ? 4534 : 4502) + (cm - 75) / step;
}
