import proj4 from 'proj4';
import { InputError } from '../../errors';
import { bd09ToWgs84, wgs84ToBd09 } from './bd09';
import { cgcs2000GkCode, epsgDefinition } from './epsg-definitions';
import { gcj02ToWgs84, wgs84ToGcj02 } from './gcj02';

/**
 * A coordinate reference system as the API and the CLI take it: `wgs84` (the default),
 * `cgcs2000`, `gcj02` (Amap/Gaode, Tencent), `bd09` (Baidu), `EPSG:<code>` (CGCS2000 and UTM
 * zones, Web Mercator: see `epsgDefinition`), a proj string (`+proj=tmerc …`) or the WKT of a
 * `.prj` file.
 */
export type CrsSpec = string;

/** A resolved CRS: converts its coordinates to WGS84 `[lon, lat]` degrees and back. */
export interface Crs {
  /** The canonical name: `wgs84`, `cgcs2000`, `gcj02`, `bd09`, `EPSG:4527`, or the definition given. */
  readonly name: string;
  /** `geographic` (WGS84-equal degrees), `shifted` (GCJ-02/BD-09 degrees) or `projected` (metres). */
  readonly kind: 'geographic' | 'shifted' | 'projected';
  /** True when coordinates pass unchanged (WGS84, CGCS2000). */
  readonly identity: boolean;
  /** This CRS's `(x, y)` → WGS84 `[lon, lat]`. */
  toWgs84(x: number, y: number): [number, number];
  /** WGS84 `(lon, lat)` → this CRS's `[x, y]`. */
  fromWgs84(lon: number, lat: number): [number, number];
}

const same = (x: number, y: number): [number, number] => [x, y];

function named(name: string, kind: Crs['kind'], to: Crs['toWgs84'], from: Crs['fromWgs84']): Crs {
  return { name, kind, identity: to === same, toWgs84: to, fromWgs84: from };
}

const WGS84 = named('wgs84', 'geographic', same, same);
// CGCS2000 is realised on ITRF97 at epoch 2000.0 and WGS84 (G1762) on ITRF2008: they agree to a
// few centimetres, plus ≈ 0.5 m of plate motion in China since 2000 — below a metre, so no shift.
const CGCS2000 = named('cgcs2000', 'geographic', same, same);
const GCJ02 = named('gcj02', 'shifted', gcj02ToWgs84, wgs84ToGcj02);
const BD09 = named('bd09', 'shifted', bd09ToWgs84, wgs84ToBd09);

const ALIASES: Record<string, Crs> = {
  wgs84: WGS84,
  'wgs-84': WGS84,
  'epsg:4326': WGS84,
  '4326': WGS84,
  cgcs2000: CGCS2000,
  'epsg:4490': CGCS2000,
  '4490': CGCS2000,
  gcj02: GCJ02,
  'gcj-02': GCJ02,
  gcj: GCJ02,
  amap: GCJ02,
  bd09: BD09,
  'bd-09': BD09,
  bd09ll: BD09,
  baidu: BD09,
};

const HELP =
  'use wgs84, cgcs2000, gcj02, bd09, EPSG:<code> (4490–4554 CGCS2000 zones, 326xx/327xx UTM, 3857), a proj string (+proj=…) or the WKT of a .prj file';
const HELP_ZH =
  '可用 wgs84、cgcs2000、gcj02（高德）、bd09（百度）、EPSG:<代码>（4490–4554 为 CGCS2000 高斯-克吕格分带，326xx/327xx 为 UTM，3857）、proj 字符串（+proj=…）或 .prj 文件中的 WKT';

/**
 * Resolve a CRS spec (see `CrsSpec`) into converters to and from WGS84. Names are
 * case-insensitive; `undefined` is WGS84.
 *
 * @param spec - The CRS, or an already resolved `Crs` (returned as is).
 * @param where - What the CRS belongs to, for the error message (a file, an option).
 * @returns The resolved CRS. An unknown name, EPSG code or an unreadable definition throws
 *   `InputError` `unknown-crs` naming the value and what is accepted.
 * @example
 * resolveCrs('gcj02').toWgs84(121.531541859215, 31.17530398364597); // ≈ [121.5272106, 31.1774276]
 * resolveCrs('EPSG:4547').toWgs84(500000, 2700000); // on the central meridian 114° E
 */
export function resolveCrs(spec: CrsSpec | Crs | undefined, where = 'crs'): Crs {
  if (spec === undefined) return WGS84;
  if (spec && typeof spec === 'object' && typeof (spec as Crs).toWgs84 === 'function') return spec;
  if (typeof spec !== 'string' || spec.trim() === '')
    throw new InputError(
      'unknown-crs',
      `${where}: expected a CRS name, got ${JSON.stringify(spec)}; ${HELP}`,
      { zh: `${where}：需要坐标系名称，得到 ${JSON.stringify(spec)}；${HELP_ZH}` },
    );
  // The names the 2008 GeoJSON `crs` member and OGC services use: urn:ogc:def:crs:EPSG::4547,
  // urn:ogc:def:crs:OGC:1.3:CRS84.
  const text = spec
    .trim()
    .replace(/^urn:ogc:def:crs:EPSG:[\d.]*:(\d+)$/i, 'EPSG:$1')
    .replace(/^urn:ogc:def:crs:OGC:[\d.]*:CRS84$/i, 'wgs84');
  const alias = ALIASES[text.toLowerCase()];
  if (alias) return alias;
  const epsg = /^(?:epsg:)?(\d{4,6})$/i.exec(text);
  if (epsg) {
    const def = epsgDefinition(Number(epsg[1]));
    if (!def)
      throw new InputError(
        'unknown-crs',
        `${where}: EPSG:${epsg[1]} is not one this library defines; give its proj string instead (${HELP})`,
        {
          zh: `${where}：本库没有定义 EPSG:${epsg[1]}，请改为给出它的 proj 字符串（${HELP_ZH}）`,
        },
      );
    return projected(`EPSG:${epsg[1]}`, def, where);
  }
  if (/^(PROJCS|PROJCRS)\[/i.test(text)) {
    // ArcGIS names CGCS2000 zones with a projection ("Gauss_Kruger") some WKT readers do not know:
    // take the zone from the name when it is one of them.
    const name = /^PROJC(?:S|RS)\["([^"]*)"/i.exec(text)?.[1];
    const gk = name ? cgcs2000GkCode(name) : undefined;
    if (gk) return projected(`EPSG:${gk}`, epsgDefinition(gk) as string, where);
    return projected(text, text, where);
  }
  if (/^(GEOGCS|GEOGCRS)\[/i.test(text)) {
    // The names crsPrj gives GCJ-02 and BD-09 (on WGS84's datum: they have no EPSG code).
    const geog = /^GEOGC(?:S|RS)\["([^"]*)"/i.exec(text)?.[1] ?? '';
    if (/^GCS_GCJ_02$/i.test(geog)) return GCJ02;
    if (/^GCS_BD_09$/i.test(geog)) return BD09;
    if (/WGS[ _]?(19)?84|China[ _]Geodetic|CGCS[ _]?2000|China[ _]2000/i.test(text))
      return /2000/.test(text) ? CGCS2000 : WGS84;
    return projected(text, text, where);
  }
  if (text.startsWith('+')) return projected(text, text, where);
  throw new InputError('unknown-crs', `${where}: unknown CRS ${JSON.stringify(text)}; ${HELP}`, {
    zh: `${where}：无法识别的坐标系 ${JSON.stringify(text)}；${HELP_ZH}`,
  });
}

function projected(name: string, definition: string, where: string): Crs {
  let conv: proj4.Converter;
  try {
    conv = proj4(definition, 'WGS84');
  } catch (e) {
    throw new InputError(
      'unknown-crs',
      `${where}: cannot read the CRS ${JSON.stringify(name.length > 80 ? `${name.slice(0, 80)}…` : name)}: ${(e as Error)?.message ?? String(e)}; ${HELP}`,
      {
        zh: `${where}：无法读取坐标系 ${JSON.stringify(name.length > 80 ? `${name.slice(0, 80)}…` : name)}（${(e as Error)?.message ?? String(e)}）；${HELP_ZH}`,
      },
    );
  }
  const geographic = /\+proj=longlat|^GEOG/i.test(definition);
  const short = name.length > 80 ? `${name.slice(0, 80)}…` : name;
  return named(
    name,
    geographic ? 'geographic' : 'projected',
    (x, y) => {
      // Metres of a projected CRS within 180 m × 90 m of its false origin (the origin itself
      // aside) do not occur on land — zones have false eastings of 500 km: such a pair is
      // degrees under a wrong .prj or --crs.
      if (!geographic && Math.abs(x) <= 180 && Math.abs(y) <= 90 && (x !== 0 || y !== 0))
        throw new InputError(
          'degrees-in-projected-crs',
          `${where}: the coordinates ${x}, ${y} look like longitude/latitude degrees, but ${JSON.stringify(short)} is a projected CRS in metres; give the CRS the coordinates are in (wgs84 for degrees)`,
          {
            zh: `${where}：坐标 ${x}, ${y} 像是经纬度（度），但 ${JSON.stringify(short)} 是以米为单位的投影坐标系；请给出坐标实际所用的坐标系（经纬度用 wgs84）`,
          },
        );
      return conv.forward([x, y]) as [number, number];
    },
    (lon, lat) => conv.inverse([lon, lat]) as [number, number],
  );
}

/**
 * WGS84 `(lon, lat)` as written in `crs`: converted and rounded to what the CRS resolves
 * (7 decimals of a degree ≈ 1 cm; millimetres for a projected CRS), for CSV and table outputs.
 *
 * @param crs - The output CRS (resolved).
 * @param lon - Longitude, WGS84 degrees.
 * @param lat - Latitude, WGS84 degrees.
 * @returns `[x, y]` in `crs`.
 * @example
 * outputXy(resolveCrs('gcj02'), 116.397, 39.908); // ≈ [116.4032, 39.9094]
 */
export function outputXy(crs: Crs, lon: number, lat: number): [number, number] {
  const [x, y] = crs.fromWgs84(lon, lat);
  const f = crs.kind === 'projected' ? 1e3 : 1e7;
  return [Math.round(x * f) / f, Math.round(y * f) / f];
}
