import { InputError } from '../../errors';
import { type Crs, type CrsSpec, resolveCrs } from './crs';
import { epsgDefinition } from './epsg-definitions';

const DEGREE = 'PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]';
const WGS84_GEOGCS = (name: string) =>
  `GEOGCS["${name}",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],${DEGREE}]`;
const CGCS2000_GEOGCS = `GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],${DEGREE}]`;

const tm = (
  name: string,
  geogcs: string,
  projection: string,
  p: { x0: number; y0: number; lon0: number; k: number },
) =>
  `PROJCS["${name}",${geogcs},PROJECTION["${projection}"],PARAMETER["False_Easting",${p.x0.toFixed(1)}],PARAMETER["False_Northing",${p.y0.toFixed(1)}],PARAMETER["Central_Meridian",${p.lon0.toFixed(1)}],PARAMETER["Scale_Factor",${p.k}],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]`;

/** The ArcGIS name of a CGCS2000 Gauss–Krüger EPSG code (4491–4554). */
function gkName(code: number, lon0: number): string {
  if (code <= 4501) return `CGCS2000_GK_Zone_${code - 4491 + 13}`;
  if (code <= 4512) return `CGCS2000_GK_CM_${lon0}E`;
  if (code <= 4533) return `CGCS2000_3_Degree_GK_Zone_${code - 4513 + 25}`;
  return `CGCS2000_3_Degree_GK_CM_${lon0}E`;
}

/**
 * The `.prj` text (ESRI WKT) of a CRS, for a shapefile written in it: WGS84 and CGCS2000
 * geographic, the CGCS2000 Gauss–Krüger zones (EPSG:4491–4554, named as ArcGIS names them), WGS84
 * UTM zones, and a `.prj` WKT given as the CRS (returned as it came). GCJ-02 and BD-09 have no
 * EPSG code: their `.prj` is WGS84's datum under the name `GCS_GCJ_02` / `GCS_BD_09`, which
 * `resolveCrs` reads back as that CRS (other software sees WGS84 degrees, which is how Amap and
 * Baidu basemap users load them).
 *
 * @param spec - The CRS (see `CrsSpec`) or a resolved `Crs`.
 * @returns The WKT. A CRS without a WKT here (Web Mercator, a proj string) throws `InputError`
 *   `no-prj` naming it and what can be written.
 * @example
 * crsPrj('EPSG:4547'); // 'PROJCS["CGCS2000_3_Degree_GK_CM_114E",GEOGCS[…'
 */
export function crsPrj(spec: CrsSpec | Crs | undefined): string {
  const crs = resolveCrs(spec);
  const name = crs.name;
  if (name === 'wgs84') return WGS84_GEOGCS('GCS_WGS_1984');
  if (name === 'cgcs2000') return CGCS2000_GEOGCS;
  if (name === 'gcj02') return WGS84_GEOGCS('GCS_GCJ_02');
  if (name === 'bd09') return WGS84_GEOGCS('GCS_BD_09');
  if (/^(PROJCS|PROJCRS|GEOGCS|GEOGCRS)\[/i.test(name)) return name;
  const code = /^EPSG:(\d+)$/.exec(name) ? Number(name.slice(5)) : undefined;
  const def = code === undefined ? undefined : epsgDefinition(code);
  if (code !== undefined && def) {
    const lon0 = Number(/\+lon_0=(-?[\d.]+)/.exec(def)?.[1]);
    const x0 = Number(/\+x_0=([\d.]+)/.exec(def)?.[1]);
    if (code >= 4491 && code <= 4554)
      return tm(gkName(code, lon0), CGCS2000_GEOGCS, 'Gauss_Kruger', { x0, y0: 0, lon0, k: 1 });
    if ((code >= 32601 && code <= 32660) || (code >= 32701 && code <= 32760)) {
      const zone = code % 100;
      const south = code > 32700;
      return tm(
        `WGS_1984_UTM_Zone_${zone}${south ? 'S' : 'N'}`,
        WGS84_GEOGCS('GCS_WGS_1984'),
        'Transverse_Mercator',
        { x0: 500000, y0: south ? 10000000 : 0, lon0: 6 * zone - 183, k: 0.9996 },
      );
    }
  }
  throw new InputError(
    'no-prj',
    `cannot write a .prj for the CRS ${JSON.stringify(name.length > 80 ? `${name.slice(0, 80)}…` : name)}: write in wgs84, cgcs2000, gcj02, bd09, a CGCS2000 Gauss–Krüger zone (EPSG:4491–4554), a UTM zone (EPSG:326xx/327xx) or the WKT of a .prj`,
  );
}
