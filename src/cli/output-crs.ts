import { readFileSync } from 'node:fs';
import { type Crs, resolveCrs } from '../geo/crs/crs';
import { fromWgs84GeoJson, toWgs84GeoJson } from '../geo/crs/reproject-geojson';
import { featureCollectionChunks } from '../report/geojson-chunks';
import { shapefileParts } from '../node/read-shapefile-file';
import type { DbfEncoding } from '../report/shapefile-writer';
import { stringOption } from './option-spec';
import { readFor } from './options';
import { UsageError } from './usage-error';

/** `--out-crs`: the CRS of the coordinates a command writes (GeoJSON, CSV, shapefile). */
export const OUT_CRS_OPTION = {
  'out-crs': stringOption(
    'input|wgs84|<crs>',
    `coordinates of the GeoJSON, CSV and shapefile written: input (the CRS the
main points came in — --villages, or --from for nearest and isochrone: their --*-crs, --crs or
.prj), wgs84 (default), cgcs2000, gcj02, bd09 or EPSG:<code>; the HTML report stays WGS84`,
  ),
};

/**
 * The CRS a command writes its coordinates in, from `--out-crs`: `input` is the CRS of the
 * command's main points input (`--villages`, or `--from`): its `--<flag>-crs`, else `--crs`,
 * else the `.prj` of a shapefile, else WGS84. Unknown names are `InputError` `unknown-crs`.
 *
 * @param values - The command's option values (`out-crs`, `crs`, `<flag>-crs`).
 * @param input - The main points input: its flag and the file named.
 * @returns The resolved CRS (WGS84 when not asked for).
 * @example
 * const out = outputCrs(values, { flag: 'villages', path: values.villages });
 */
export function outputCrs(
  values: Partial<Record<string, unknown>>,
  input: { flag: string; path: string | undefined },
): Crs {
  const asked = values['out-crs'];
  if (typeof asked !== 'string') return resolveCrs(undefined);
  if (asked.trim().toLowerCase() !== 'input') return resolveCrs(asked, '--out-crs');
  const given = readFor({ crs: values.crs as string | undefined }, values, input.flag).crs;
  if (given !== undefined) return resolveCrs(given, `--${input.flag}-crs`);
  if (input.path && /\.(shp|zip)$/i.test(input.path)) {
    const bytes = new Uint8Array(readFileSync(input.path));
    // a .zip that is a workbook or holds no shapefile: its coordinates were read as WGS84
    let prj: string | undefined;
    try {
      prj = shapefileParts(input.path, bytes).prj;
    } catch {
      prj = undefined;
    }
    if (prj?.trim()) return resolveCrs(prj.trim(), `${input.path} (.prj)`);
  }
  return resolveCrs(undefined);
}

/**
 * `--shapefile-encoding utf-8|gbk`: the text encoding of a written shapefile's attributes.
 *
 * @param value - What the user gave (`undefined`: UTF-8).
 * @param command - The command, for the usage error.
 * @returns The encoding.
 * @example
 * shapefileEncodingOption('gbk', 'coverage'); // 'gbk'
 */
export function shapefileEncodingOption(value: string | undefined, command: string): DbfEncoding {
  const v = value?.trim().toLowerCase();
  if (v === undefined || v === 'utf-8' || v === 'utf8') return 'utf-8';
  if (v === 'gbk' || v === 'cp936' || v === '936') return 'gbk';
  throw new UsageError(`--shapefile-encoding must be utf-8 or gbk, got "${value}"`, command);
}

/**
 * WGS84 features written as a FeatureCollection in the output CRS (`--out-crs`), a chunk of
 * features at a time (a million villages pass V8's string limit as one string); a projected CRS
 * is named in the collection's `crs` member.
 *
 * @param features - WGS84 features, best a generator building each as it is asked for.
 * @param crs - The output CRS (`outputCrs`).
 * @returns The GeoJSON text, chunk by chunk, for `writeFileAtomic`.
 * @example
 * writeFileAtomic('out.geojson', featureChunksIn(features(), outputCrs(values, input)));
 */
export function featureChunksIn(features: Iterable<object>, crs: Crs): Iterable<string> {
  const member = (fromWgs84GeoJson({ features: [] }, crs) as { crs?: unknown }).crs;
  function* converted() {
    for (const f of features) yield toWgs84GeoJson(f, crs, true);
  }
  return featureCollectionChunks(crs.identity ? features : converted(), undefined, {
    crs: member,
  });
}
