import { optionsObject } from '../geo/check-args';
import type { OptionKeys } from '../geo/option-keys';
import type { CoverageResult } from '../analysis/coverage';
import type { IndexedPoint } from '../points/indexed-point';
import { label, type Lang, STATUS_ZH } from './lang';
import { SHAPEFILE_WRITE_KEYS, type ShapefileWriteOptions, shapefileZip } from './shapefile-writer';
import { type Crs, type CrsSpec, resolveCrs } from '../geo/crs/crs';
import { crsPrj } from '../geo/crs/prj';

/** The options of `coverageShapefile`. */
interface CoverageShapefileOptions extends ShapefileWriteOptions {
  villages?: readonly IndexedPoint[];
  lang?: Lang;
  name?: string;
  crs?: CrsSpec | Crs;
}
const COVERAGE_SHAPEFILE_KEYS = {
  villages: true,
  lang: true,
  name: true,
  crs: true,
  ...SHAPEFILE_WRITE_KEYS,
} satisfies OptionKeys<CoverageShapefileOptions>;

/**
 * Coverage of one standard as a zipped point shapefile for ArcGIS users: one point per village
 * (WGS84, with `.prj` and a UTF-8 `.cpg`) with fields `id`, `name`, `group`, `population`,
 * `status`, `minutes`, `meters`, `facility`, `reason` (statuses in Chinese with `lang: 'zh'`).
 * Field names stay ASCII, the ten bytes dBase allows. With `crs` the points and the `.prj` are
 * in that CRS (see `crsPrj`); with `encoding: 'gbk'` the attributes are GBK (`.cpg` `936`).
 *
 * @param result - A `coverage` result.
 * @param options - `villages` as read (their names), `lang`, `name` of the files inside the zip
 *   (default the standard's id), `crs` of the output, `encoding` (`utf-8` or `gbk`) and
 *   `onUnencodable` (called with the count of characters GBK cannot hold, written as `?`).
 * @returns The `.zip` file's bytes.
 * @example
 * writeFileSync('villages-shp.zip', coverageShapefile(result, { villages, lang: 'zh' }));
 */
export function coverageShapefile(
  result: CoverageResult,
  options: CoverageShapefileOptions = {},
): Uint8Array {
  options = optionsObject(options, 'coverageShapefile', COVERAGE_SHAPEFILE_KEYS);
  const crs = resolveCrs(options.crs);
  const lang = options.lang ?? 'en';
  const fin = (x: number | null) =>
    x !== null && Number.isFinite(x) ? Math.round(x * 10) / 10 : null;
  const records = result.villages.map((v) => ({
    geometry: { type: 'Point' as const, coordinates: crs.fromWgs84(v.lon, v.lat) },
    properties: {
      id: String(v.id),
      name: (options.villages?.[v.index]?.properties?.name as string | undefined) ?? null,
      group: v.group,
      population: v.population,
      status: label(lang, STATUS_ZH, v.status),
      minutes: fin(v.minutes),
      meters: fin(v.meters),
      facility: v.facility === null ? null : String(v.facility),
      reason: v.reason,
    },
  }));
  return shapefileZip(options.name ?? result.standard.id, records, crsPrj(crs), {
    encoding: options.encoding,
    onUnencodable: options.onUnencodable,
  });
}
