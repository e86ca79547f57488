import { InputError } from '../errors';
import { checkOptionKeys, type OptionKeys } from './option-keys';

// Checks at the public API's edge for callers without TypeScript: a wrong-shaped argument gets
// the library's InputError naming the argument, never a TypeError, a NaN result or an empty answer.

/**
 * `options` as an object with only keys the function knows: `undefined` and `null` give `{}`,
 * anything else that is not an object throws `InputError` `invalid-option`, and so does a key
 * `known` lacks (whatever its value), naming the closest known key.
 *
 * @param options - What the caller passed.
 * @param where - The function, for the message (`coverage`).
 * @param known - The key table of the options type (`satisfies OptionKeys<CoverageOptions>`).
 * @example
 * const o = optionsObject(options, 'coverage', COVERAGE_KEYS);
 */
export function optionsObject<T extends object>(
  options: T | null | undefined,
  where: string,
  known: NoInfer<OptionKeys<T>>,
): T {
  if (options === undefined || options === null) return {} as T;
  if (typeof options !== 'object' || Array.isArray(options))
    throw new InputError(
      'invalid-option',
      `${where}: options must be an object, got ${Array.isArray(options) ? 'an array' : typeof options}`,
    );
  checkOptionKeys(options, known, where);
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

// What a wrong value is, in a few words, for the messages below.
function describe(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return `an array of ${x.length}`;
  if (typeof x === 'object') {
    const t = (x as { type?: unknown }).type;
    return typeof t === 'string' ? `a GeoJSON ${t}` : 'an object';
  }
  return typeof x === 'number' ? String(x) : typeof x;
}

/**
 * Throws `InputError` `invalid-argument` unless `x` is a string (CSV text, a TSPLIB file).
 *
 * @param x - What the caller passed.
 * @param what - The argument, for the message (`readPointsFromCsv: text`).
 * @example
 * checkText(text, 'readPointsFromCsv: text');
 */
export function checkText(x: unknown, what: string): void {
  if (typeof x !== 'string')
    throw new InputError('invalid-argument', `${what} must be a string, got ${describe(x)}`);
}

/**
 * Throws `InputError` `invalid-argument` unless `x` is an array of objects (points, villages,
 * depots); a GeoJSON FeatureCollection is named as such, with the function that converts it.
 *
 * @param x - What the caller passed.
 * @param what - The argument, for the message (`coverage: villages`).
 * @example
 * checkObjectArray(villages, 'coverage: villages');
 */
export function checkObjectArray(x: unknown, what: string): void {
  if (!Array.isArray(x))
    throw new InputError(
      'invalid-argument',
      `${what} must be an array of points ({ id, lon, lat, properties }), got ${describe(x)}${describe(x).startsWith('a GeoJSON') ? '; read GeoJSON with readPointsFromGeoJson' : ''}`,
    );
  for (let i = 0; i < x.length; i++)
    if (!x[i] || typeof x[i] !== 'object')
      throw new InputError(
        'invalid-argument',
        `${what}[${i}] must be a point object, got ${describe(x[i])}`,
      );
}

/**
 * Throws `InputError` `invalid-argument` unless `x` is an array or typed array of numbers (per
 * village, per facility…), of `length` when given.
 *
 * @param x - What the caller passed.
 * @param what - The argument, for the message (`twoStepFca: supply`).
 * @param length - The length it must have, if known.
 * @example
 * checkNumberArray(population, 'maximalCovering: population', c.villages);
 */
export function checkNumberArray(x: unknown, what: string, length?: number): void {
  const n = (x as { length?: unknown } | null)?.length;
  if (
    !x ||
    typeof x !== 'object' ||
    typeof n !== 'number' ||
    (!Array.isArray(x) && !ArrayBuffer.isView(x))
  )
    throw new InputError(
      'invalid-argument',
      `${what} must be an array of numbers, got ${describe(x)}`,
    );
  if (length !== undefined && n !== length)
    throw new InputError('invalid-argument', `${what} must have ${length} numbers, got ${n}`);
}

/**
 * Throws `InputError` `invalid-argument` unless `x` is a non-array object (a result of the
 * library passed on, a problem description).
 *
 * @param x - What the caller passed.
 * @param what - The argument and what it should be (`maximalCovering: catchments`).
 * @example
 * checkObject(problem, 'solveVrp: problem');
 */
export function checkObject(x: unknown, what: string): void {
  if (!x || typeof x !== 'object' || Array.isArray(x))
    throw new InputError('invalid-argument', `${what} must be an object, got ${describe(x)}`);
}

/**
 * Throws `InputError` `invalid-network` unless `net` looks like a `RoadNetwork` (node and link
 * counts, arrays): checked by shape, so a network from another copy of the library passes.
 *
 * @param net - What the caller passed.
 * @param where - The function, for the message (`coverage`).
 * @example
 * checkNetwork(net, 'snapPoints');
 */
export function checkNetwork(net: unknown, where: string): void {
  const n = net as { nodeCount?: unknown; linkCount?: unknown; arrays?: unknown } | null;
  if (
    !n ||
    typeof n !== 'object' ||
    typeof n.nodeCount !== 'number' ||
    typeof n.linkCount !== 'number' ||
    !n.arrays ||
    typeof n.arrays !== 'object'
  )
    throw new InputError(
      'invalid-network',
      `${where}: the network must be a RoadNetwork (buildNetworkFromGeoJson, buildNetworkFromOsm, RoadNetwork.fromBuffer), got ${describe(net)}`,
    );
}
