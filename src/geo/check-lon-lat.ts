import { InputError } from '../errors';

/**
 * Throw `InputError` `invalid-coordinate` unless lon ∈ [−180, 180] and lat ∈ [−90, 90] are finite
 * numbers. `where` names the feature for the message; a hint is added when the pair looks swapped
 * or looks like metres of a projected CRS read as degrees.
 *
 * @param lon - The longitude read.
 * @param lat - The latitude read.
 * @param where - The feature, for the message (`villages.csv, line 12 (id "V12")`).
 * @param whereZh - The same in Chinese, for the error's Chinese text (default `where`).
 * @example
 * checkLonLat(25.0, 100.2, 'village "Xiaocun"'); // throws: … looks like [lat, lon]
 */
export function checkLonLat(lon: unknown, lat: unknown, where: string, whereZh = where): void {
  if (
    typeof lon !== 'number' ||
    typeof lat !== 'number' ||
    !Number.isFinite(lon) ||
    !Number.isFinite(lat)
  ) {
    throw new InputError(
      'invalid-coordinate',
      `${where}: coordinates must be finite numbers, got lon=${String(lon)}, lat=${String(lat)}`,
      { zh: `${whereZh}：坐标必须是有限数值，得到经度=${String(lon)}、纬度=${String(lat)}` },
    );
  }
  if (lon < -180 || lon > 180 || lat < -90 || lat > 90) {
    const swapped = Math.abs(lon) <= 90 && Math.abs(lat) <= 180;
    // Metres (a projected CRS such as CGCS2000 Gauss–Krüger) are far beyond either range.
    const metres = Math.abs(lon) > 1000 || Math.abs(lat) > 1000;
    throw new InputError(
      'invalid-coordinate',
      `${where}: [${lon}, ${lat}] is out of range (lon −180…180, lat −90…90)${
        swapped
          ? '; it looks like [lat, lon] — use [lon, lat]'
          : metres
            ? '; it looks like metres of a projected CRS — give the CRS (--crs, e.g. EPSG:4545 for a CGCS2000 Gauss–Krüger zone) or a .prj'
            : ''
      }`,
      {
        zh: `${whereZh}：坐标 [${lon}, ${lat}] 超出经纬度范围（经度 −180…180，纬度 −90…90）${
          swapped
            ? '；像是经纬度写反了（[纬度, 经度]），应为 [经度, 纬度]'
            : metres
              ? '；像是以米为单位的投影坐标：请用 --crs 给出坐标系（如 EPSG:4545 等 CGCS2000 高斯-克吕格分带）或 .prj 文件'
              : ''
        }`,
      },
    );
  }
}
