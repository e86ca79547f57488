import { InputError } from '../errors';

// Checks at the public API's edge for callers without TypeScript: a wrong-shaped argument gets
// the library's InputError naming the argument, never a TypeError, a NaN result or an empty answer.

/**
 * `options` as an object: `undefined` and `null` give `{}`, anything else that is not an object
 * throws `InputError` `invalid-option`.
 *
 * @param options - What the caller passed.
 * @param where - The function, for the message (`coverage`).
 * @example
 * const o = optionsObject(options, 'coverage');
 */
export function optionsObject<T extends object>(options: T | null | undefined, where: string): T {
  if (options === undefined || options === null) return {} as T;
  if (typeof options !== 'object' || Array.isArray(options))
    throw new InputError(
      'invalid-option',
      `${where}: options must be an object, got ${Array.isArray(options) ? 'an array' : typeof options}`,
    );
  return options;
}

/**
 * Throws `InputError` `invalid-coordinates` unless `coords` is a flat `[lon, lat, lon, lat, …]`
 * array (or typed array) of even length. A GeoJSON object is named as such, with the fix.
 *
 * @param coords - What the caller passed.
 * @param what - The argument, for the message (`origins`).
 * @example
 * checkCoordArray(origins, 'origins');
 */
export function checkCoordArray(coords: unknown, what: string): void {
  const c = coords as { length?: unknown; type?: unknown } | null;
  if (c && typeof c === 'object' && typeof c.type === 'string' && !ArrayBuffer.isView(c))
    throw new InputError(
      'invalid-coordinates',
      `${what} must be flat [lon, lat, lon, lat, …] numbers, got a GeoJSON ${c.type}; convert points with pointCoords(points) or pass [lon, lat]`,
    );
  if (c && typeof c === 'object' && Number.isInteger(c.length) && (c.length as number) % 2 !== 0)
    throw new InputError(
      'invalid-coordinates',
      `${what} must be [lon, lat, …] pairs, got ${c.length} numbers`,
    );
  if (
    !c ||
    typeof c !== 'object' ||
    typeof c.length !== 'number' ||
    !Number.isInteger(c.length) ||
    c.length % 2 !== 0
  )
    throw new InputError(
      'invalid-coordinates',
      `${what} must be flat [lon, lat, lon, lat, …] numbers of even length, got ${c === null ? 'null' : typeof c === 'object' ? `length ${String(c.length)}` : typeof c}`,
    );
}
