import { InputError } from '../errors';

/**
 * Throw `InputError` `invalid-coordinate` unless lon ∈ [−180, 180] and lat ∈ [−90, 90] are finite
 * numbers. `where` names the feature for the message; a hint is added when the pair looks swapped.
 *
 * @example
 * checkLonLat(25.0, 100.2, 'village "Xiaocun"'); // throws: … looks like [lat, lon]
 */
export function checkLonLat(lon: unknown, lat: unknown, where: string): void {
  if (
    typeof lon !== 'number' ||
    typeof lat !== 'number' ||
    !Number.isFinite(lon) ||
    !Number.isFinite(lat)
  ) {
    throw new InputError(
      'invalid-coordinate',
      `${where}: coordinates must be finite numbers, got lon=${String(lon)}, lat=${String(lat)}`,
    );
  }
  if (lon < -180 || lon > 180 || lat < -90 || lat > 90) {
    const swapped = Math.abs(lon) <= 90 && Math.abs(lat) <= 180;
    throw new InputError(
      'invalid-coordinate',
      `${where}: [${lon}, ${lat}] is out of range (lon −180…180, lat −90…90)${swapped ? '; it looks like [lat, lon] — use [lon, lat]' : ''}`,
    );
  }
}
