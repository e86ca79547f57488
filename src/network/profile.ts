import { InputError } from '../errors';

/**
 * A speed profile is plain data: which OSM ways a mode may use and how fast it moves on them.
 * Copy a built-in one and change any field to make your own (see `defineProfile`).
 */
export interface SpeedProfile {
  /** Name recorded in saved networks and reports. */
  readonly name: string;
  /** km/h per routable `highway=*` value. A value absent here is not routable for this profile. */
  readonly highway: Readonly<Record<string, number>>;
  /** km/h per `tracktype=*` on `highway=track`; replaces the `track` speed when present. */
  readonly tracktype?: Readonly<Record<string, number>>;
  /** Access keys from general to specific; the most specific key present on a way decides. */
  readonly accessKeys: readonly string[];
  /** Values of those keys that close the way to this mode. */
  readonly deniedAccess: readonly string[];
  /** Tags (key=value) that close the way to this mode regardless of access, e.g. `motorroad=yes` for walking. */
  readonly deniedTags?: Readonly<Record<string, string>>;
  /** Oneway keys from specific to general; the first present decides. Empty: oneways are ignored. */
  readonly onewayKeys: readonly string[];
  /** Whether `junction=roundabout|circular` and `highway=motorway` imply a oneway (when no oneway key says otherwise). */
  readonly impliedOneway: boolean;
  /**
   * When set, a parseable `maxspeed` gives speed = maxspeed × factor (capped at `maxSpeedKmh`):
   * signposted limits are upper bounds, real mean speeds are lower. `null` ignores maxspeed.
   */
  readonly maxspeedFactor: number | null;
  /** Upper bound on any speed this profile assigns, km/h. */
  readonly maxSpeedKmh: number;
  /** Speed on `route=ferry` ways without a usable `duration`, km/h; `null` = ferries not used. */
  readonly ferryKmh: number | null;
  /** Off-road speed of the access leg from a point to the road it snaps to, km/h. */
  readonly accessKmh: number;
}

const WALK = 4.5;

/**
 * Car, tuned for rural and mountain counties: the class speeds are typical travel speeds, not
 * limits — winding unclassified mountain roads ~30 km/h, tracks ~12 km/h (by `tracktype` when tagged).
 */
export const car: SpeedProfile = {
  name: 'car',
  highway: {
    motorway: 100,
    motorway_link: 50,
    trunk: 80,
    trunk_link: 40,
    primary: 65,
    primary_link: 35,
    secondary: 55,
    secondary_link: 30,
    tertiary: 45,
    tertiary_link: 25,
    unclassified: 30,
    road: 25,
    residential: 25,
    living_street: 10,
    service: 15,
    track: 12,
  },
  tracktype: { grade1: 20, grade2: 15, grade3: 12, grade4: 8, grade5: 6 },
  accessKeys: ['access', 'vehicle', 'motor_vehicle', 'motorcar'],
  deniedAccess: ['no', 'private', 'agricultural', 'forestry', 'emergency', 'military'],
  onewayKeys: ['oneway'],
  impliedOneway: true,
  maxspeedFactor: 0.85,
  maxSpeedKmh: 120,
  ferryKmh: 15,
  accessKmh: 3,
};

/**
 * Walking at 4.5 km/h on every way a pedestrian may use (footways, paths, steps, tracks and roads
 * except motorways), slower on steps and mountain paths. One-ways do not apply to pedestrians.
 */
export const walk: SpeedProfile = {
  name: 'walk',
  highway: {
    trunk: WALK,
    trunk_link: WALK,
    primary: WALK,
    primary_link: WALK,
    secondary: WALK,
    secondary_link: WALK,
    tertiary: WALK,
    tertiary_link: WALK,
    unclassified: WALK,
    road: WALK,
    residential: WALK,
    living_street: WALK,
    service: WALK,
    track: WALK,
    pedestrian: WALK,
    footway: WALK,
    cycleway: WALK,
    bridleway: 4,
    path: 4,
    steps: 2,
  },
  accessKeys: ['access', 'foot'],
  deniedAccess: ['no', 'private', 'use_sidepath'],
  deniedTags: { motorroad: 'yes' },
  onewayKeys: ['oneway:foot'],
  impliedOneway: false,
  maxspeedFactor: null,
  maxSpeedKmh: WALK,
  ferryKmh: 10,
  accessKmh: 3,
};

/** Cycling at 15 km/h on roads, slower on tracks and paths, pushing on footways; no motorways or steps. */
export const bicycle: SpeedProfile = {
  name: 'bicycle',
  highway: {
    trunk: 15,
    trunk_link: 15,
    primary: 15,
    primary_link: 15,
    secondary: 15,
    secondary_link: 15,
    tertiary: 15,
    tertiary_link: 15,
    unclassified: 15,
    road: 15,
    residential: 15,
    living_street: 10,
    service: 12,
    track: 10,
    cycleway: 16,
    path: 8,
    bridleway: 6,
    pedestrian: 5,
    footway: 5,
  },
  accessKeys: ['access', 'vehicle', 'bicycle'],
  deniedAccess: ['no', 'private', 'use_sidepath', 'dismount'],
  deniedTags: { motorroad: 'yes' },
  onewayKeys: ['oneway:bicycle', 'oneway'],
  impliedOneway: true,
  maxspeedFactor: null,
  maxSpeedKmh: 25,
  ferryKmh: 10,
  accessKmh: 3,
};

/** The built-in profiles by name. */
export const profiles: Readonly<Record<'car' | 'walk' | 'bicycle', SpeedProfile>> = {
  car,
  walk,
  bicycle,
};

/**
 * `highway=*` values that are real but never routable (under construction, platforms, areas…).
 * Ways with these are counted as `highway-not-routable`; values outside every list are
 * counted as `highway-unknown` so mistyped tags stand out.
 */
export const NON_ROUTABLE_HIGHWAYS: ReadonlySet<string> = new Set([
  'construction',
  'proposed',
  'planned',
  'abandoned',
  'disused',
  'razed',
  'platform',
  'bus_stop',
  'rest_area',
  'services',
  'elevator',
  'corridor',
  'via_ferrata',
  'raceway',
  'busway',
  'bus_guideway',
  'escape',
  'emergency_bay',
  'traffic_island',
  'crossing',
]);

/**
 * A profile derived from a built-in one, for overrides without restating everything. The merge
 * is shallow: an override of `highway` replaces the whole table, so spread the base's table to
 * change one speed (as below).
 *
 * @param base - A built-in profile by name (`'car'`, `'walk'`, `'bicycle'`) or any profile object.
 * @param overrides - Fields to replace; speeds in km/h. Give a new `name`: it is recorded in saved
 *   networks and reports.
 *
 * @example
 * const slowCar = defineProfile('car', { name: 'car-winter', highway: { ...car.highway, track: 6 } });
 */
export function defineProfile(
  base: 'car' | 'walk' | 'bicycle' | SpeedProfile,
  overrides: Partial<SpeedProfile>,
): SpeedProfile {
  const b = typeof base === 'string' ? profiles[base] : base;
  return { ...b, ...overrides };
}

/**
 * The profile for a name or object; a clear error for unknown names.
 *
 * @param p - A built-in profile name (`'car'`, `'walk'`, `'bicycle'`), or a profile object, which
 *   is returned as is.
 * @throws InputError `unknown-profile` for any other name.
 *
 * @example
 * resolveProfile('walk').highway.steps; // 2
 */
export function resolveProfile(p: string | SpeedProfile): SpeedProfile {
  if (typeof p !== 'string') return p;
  const found = (profiles as Record<string, SpeedProfile>)[p];
  if (!found) {
    throw new InputError(
      'unknown-profile',
      `unknown profile "${p}": use one of ${Object.keys(profiles).join(', ')} or pass a SpeedProfile object`,
    );
  }
  return found;
}
