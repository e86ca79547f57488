import { parseDuration, parseMaxspeed, parseOneway } from './osm-tags';
import { NON_ROUTABLE_HIGHWAYS, type SpeedProfile } from './profile';
import type { WarningLog } from './warnings';

/** Why a way was left out of the network; each is counted in the network's warnings. */
export type SkipReason =
  | 'highway-unknown'
  | 'highway-not-routable'
  | 'highway-area'
  | 'access-denied'
  | 'oneway-reversible'
  | 'ferry-not-used';

/** A way the profile can use: its class and speed (km/h) in each direction, 0 = closed. */
export interface WayCost {
  /** `true`: the profile uses the way. */
  readonly ok: true;
  /** `highway` value, or `ferry`. */
  readonly cls: string;
  /** km/h along the way's node order and against it; 0 closes that direction. */
  readonly forwardKmh: number;
  readonly backwardKmh: number;
  /** Whole-way ferry crossing time from `duration=*`, overriding the speeds (seconds), else null. */
  readonly durationS: number | null;
  /** A tag that was present but could not be used, so a default applied. */
  readonly degraded: 'maxspeed' | 'duration' | null;
  /** The tag value that could not be used, for the warning's examples. */
  readonly degradedValue: string | null;
}

/** Words for each skip reason, shared by the OSM and GeoJSON readers. */
export const SKIP_MESSAGES: Readonly<Record<SkipReason, string>> = {
  'highway-unknown': 'highway value not known to any profile (typo or unusual tag): way skipped',
  'highway-not-routable':
    'highway value not usable by this profile (e.g. footway for car, construction): way skipped',
  'highway-area': 'highway area (area=yes) is not a line to route along: way skipped',
  'access-denied': 'access tags close the way to this profile: way skipped',
  'oneway-reversible': 'reversible/alternating oneway has no fixed direction: way skipped',
  'ferry-not-used': 'this profile does not use ferries: way skipped',
};

/** A way the profile leaves out, and why. */
export interface WaySkip {
  /** `false`: the way is not part of the network. */
  readonly ok: false;
  readonly reason: SkipReason;
  /** The tag value that decided, for the warning's examples. */
  readonly value: string;
}

/**
 * How a profile treats an OSM way, from its tags alone: its class and base speed, then access,
 * then signposted limits, then the direction of travel — the rules every network builder applies
 * (class speed, `tracktype`, access keys, `maxspeed` scaled by the profile's factor, oneways,
 * ferries), so a skipped or slow road can be explained tag by tag.
 *
 * @param tags - The way's OSM tags (for GeoJSON roads, its properties).
 * @param profile - The speed profile (a profile object; `resolveProfile` turns a name into one).
 * @returns A `WayCost` when the profile may use the way, else a `WaySkip` with the reason and
 *   the tag value that decided.
 *
 * @example
 * evaluateWay({ highway: 'footway' }, car); // { ok: false, reason: 'highway-not-routable', value: 'footway' }
 * evaluateWay({ highway: 'residential', oneway: 'yes' }, car);
 * // { ok: true, cls: 'residential', forwardKmh: 25, backwardKmh: 0, durationS: null, degraded: null, degradedValue: null }
 */
export function evaluateWay(
  tags: Readonly<Record<string, string>>,
  profile: SpeedProfile,
): WayCost | WaySkip {
  const base = classSpeed(tags, profile);
  if (!base.ok) return base;
  const denied = accessDenial(tags, profile);
  if (denied) return denied;
  let forward = base.speed;
  let backward = base.speed;
  let degraded: WayCost['degraded'] = base.degraded;
  if (profile.maxspeedFactor !== null && !base.isFerry) {
    const limits = signposted(tags, profile.maxspeedFactor, profile.maxSpeedKmh);
    if (limits.unusable) degraded = 'maxspeed';
    forward = limits.forward ?? base.speed;
    backward = limits.backward ?? base.speed;
  }
  forward = Math.min(forward, profile.maxSpeedKmh);
  backward = Math.min(backward, profile.maxSpeedKmh);
  const dir = onewayDirection(tags, profile);
  if (typeof dir !== 'number') return dir;
  if (dir === 1) backward = 0;
  else if (dir === -1) forward = 0;

  const degradedValue =
    degraded === 'duration'
      ? tags.duration
      : degraded === 'maxspeed'
        ? (tags.maxspeed ?? tags['maxspeed:forward'] ?? tags['maxspeed:backward'])
        : null;
  return {
    ok: true,
    cls: base.cls,
    forwardKmh: forward,
    backwardKmh: backward,
    durationS: base.durationS,
    degraded,
    degradedValue,
  };
}

interface ClassSpeed {
  readonly ok: true;
  readonly cls: string;
  readonly speed: number;
  readonly isFerry: boolean;
  readonly durationS: number | null;
  readonly degraded: 'duration' | null;
}

// A ferry is a `route=ferry` way whose highway tag (if any) the profile does not route on its own:
// a ferry that is also a routable highway is driven as that highway.
function classSpeed(
  tags: Readonly<Record<string, string>>,
  profile: SpeedProfile,
): ClassSpeed | WaySkip {
  const highway = tags.highway;
  if (tags.route === 'ferry' && (highway === undefined || !(highway in profile.highway))) {
    if (profile.ferryKmh === null) return skip('ferry-not-used', 'route=ferry');
    let durationS: number | null = null;
    let degraded: ClassSpeed['degraded'] = null;
    if (tags.duration !== undefined) {
      durationS = parseDuration(tags.duration);
      if (durationS === null) degraded = 'duration';
    }
    return { ok: true, cls: 'ferry', speed: profile.ferryKmh, isFerry: true, durationS, degraded };
  }
  if (highway === undefined) return skip('highway-unknown', '(no highway tag)');
  const base = profile.highway[highway];
  if (base === undefined) {
    const known = NON_ROUTABLE_HIGHWAYS.has(highway) || isKnownElsewhere(highway);
    return skip(known ? 'highway-not-routable' : 'highway-unknown', highway);
  }
  if (tags.area === 'yes') return skip('highway-area', highway);
  let speed = base;
  if (highway === 'track' && profile.tracktype && tags.tracktype !== undefined) {
    speed = profile.tracktype[tags.tracktype] ?? speed;
  }
  return { ok: true, cls: highway, speed, isFerry: false, durationS: null, degraded: null };
}

// The most specific access key present decides (`motorcar=yes` reopens `access=no`); denied tags
// such as `motorroad=yes` for walking close the way whatever access says.
function accessDenial(
  tags: Readonly<Record<string, string>>,
  profile: SpeedProfile,
): WaySkip | null {
  for (let i = profile.accessKeys.length - 1; i >= 0; i--) {
    const v = tags[profile.accessKeys[i]];
    if (v === undefined) continue;
    if (profile.deniedAccess.includes(v))
      return skip('access-denied', `${profile.accessKeys[i]}=${v}`);
    break;
  }
  if (profile.deniedTags) {
    for (const k in profile.deniedTags) {
      if (tags[k] === profile.deniedTags[k]) return skip('access-denied', `${k}=${tags[k]}`);
    }
  }
  return null;
}

// Speeds from `maxspeed`, `maxspeed:forward` and `maxspeed:backward` (null where none applies);
// `unusable` when one of them is present but not a number, so the caller degrades to the class speed.
function signposted(
  tags: Readonly<Record<string, string>>,
  factor: number,
  cap: number,
): { forward: number | null; backward: number | null; unusable: boolean } {
  const both = directional(tags.maxspeed, factor, cap);
  const fw = directional(tags['maxspeed:forward'], factor, cap);
  const bw = directional(tags['maxspeed:backward'], factor, cap);
  return {
    forward: fw ?? both ?? null,
    backward: bw ?? both ?? null,
    unusable: both === undefined || fw === undefined || bw === undefined,
  };
}

// undefined = tag present but unusable (degrade to default); null = tag absent.
function directional(
  value: string | undefined,
  factor: number,
  cap: number,
): number | null | undefined {
  if (value === undefined) return null;
  const v = parseMaxspeed(value);
  return v === null ? undefined : Math.min(v * factor, cap);
}

// 1 = along the way only, -1 = against it only, 0 = both. The first oneway key present with a
// value understood decides; without one, roundabouts and motorways are one-way where the profile
// says so. A reversible way has no fixed direction, so no static graph can route it.
function onewayDirection(
  tags: Readonly<Record<string, string>>,
  profile: SpeedProfile,
): 1 | -1 | 0 | WaySkip {
  for (const key of profile.onewayKeys) {
    const v = tags[key];
    if (v === undefined) continue;
    if (v === 'reversible' || v === 'alternating') return skip('oneway-reversible', `${key}=${v}`);
    const dir = parseOneway(v);
    if (dir !== null) return dir;
  }
  if (!profile.impliedOneway) return 0;
  const j = tags.junction;
  return j === 'roundabout' || j === 'circular' || tags.highway === 'motorway' ? 1 : 0;
}

function skip(reason: SkipReason, value: string): WaySkip {
  return { ok: false, reason, value };
}

// A highway value routable by some built-in profile (e.g. `footway` for car) is known, not a typo.
const KNOWN = new Set([
  'motorway',
  'motorway_link',
  'trunk',
  'trunk_link',
  'primary',
  'primary_link',
  'secondary',
  'secondary_link',
  'tertiary',
  'tertiary_link',
  'unclassified',
  'road',
  'residential',
  'living_street',
  'service',
  'track',
  'pedestrian',
  'footway',
  'cycleway',
  'bridleway',
  'path',
  'steps',
]);
function isKnownElsewhere(highway: string): boolean {
  return KNOWN.has(highway);
}

/**
 * Count a verdict in the warnings (skip reason, or a degraded tag) and tell whether the way is
 * usable. `example` names the way or feature for the warning's examples.
 *
 * @example
 * const v = evaluateWay(tags, car);
 * if (!logVerdict(v, log, `way ${id}`)) continue;
 */
export function logVerdict(v: WayCost | WaySkip, log: WarningLog, example: string): v is WayCost {
  if (!v.ok) {
    log.add(v.reason, SKIP_MESSAGES[v.reason], `${example} (${v.value})`);
    return false;
  }
  if (v.degraded === 'maxspeed')
    log.add(
      'maxspeed-degraded',
      'maxspeed not a number (zone code, "none", …): class speed used',
      `${example} (${v.degradedValue})`,
    );
  else if (v.degraded === 'duration')
    log.add(
      'duration-unparsed',
      'ferry duration not understood: profile ferry speed used',
      `${example} (${v.degradedValue})`,
    );
  return true;
}

/**
 * Seconds per metre along and against a usable way of `lengthM` metres: from its speeds, or its
 * ferry duration spread over its length; `Infinity` for a closed direction.
 *
 * @example
 * wayPaces(evaluateWay({ highway: 'residential' }, car) as WayCost, 500); // [0.144, 0.144]
 */
export function wayPaces(v: WayCost, lengthM: number): [number, number] {
  if (v.durationS !== null) {
    const pace = lengthM > 0 ? v.durationS / lengthM : 0;
    return [pace, pace];
  }
  return [
    v.forwardKmh > 0 ? 3.6 / v.forwardKmh : Infinity,
    v.backwardKmh > 0 ? 3.6 / v.backwardKmh : Infinity,
  ];
}
