/** Parsers for the OSM tag values that set travel time. Each returns `null` when it cannot tell. */

const MPH = 1.609344;
const KNOT = 1.852;

/**
 * `maxspeed=*` in km/h. Accepts `50`, `50 km/h`, `30 mph`, `10 knots`, and the first of several
 * `;`-separated values. Zone and country codes (`RU:rural`, `DE:urban`), `none`, `signals`,
 * `variable` return `null`: the caller then uses the class default, because a code's meaning
 * varies by country and by vehicle.
 *
 * @param value - The tag's value, or `undefined` when the way has none (gives `null`).
 *
 * @example
 * parseMaxspeed('30 mph'); // 48.28032
 * parseMaxspeed('CN:rural'); // null
 */
export function parseMaxspeed(value: string | undefined): number | null {
  if (value === undefined) return null;
  const first = value.split(';')[0].trim().toLowerCase();
  const m = /^(\d+(?:\.\d+)?)\s*(km\/h|kmh|kph|mph|knots)?$/.exec(first);
  if (!m) return null;
  const n = Number(m[1]);
  if (!(n > 0)) return null;
  if (m[2] === 'mph') return n * MPH;
  if (m[2] === 'knots') return n * KNOT;
  return n;
}

/**
 * `duration=*` of a ferry in seconds: `HH:MM`, `HH:MM:SS`, plain minutes (`45`), or ISO 8601
 * (`PT1H30M`). `null` for anything else.
 *
 * @param value - The tag's value, or `undefined` when the way has none (gives `null`).
 *
 * @example
 * parseDuration('01:30'); // 5400
 * parseDuration('PT45M'); // 2700
 */
export function parseDuration(value: string | undefined): number | null {
  if (value === undefined) return null;
  const v = value.trim();
  let m = /^(\d+):(\d{1,2})(?::(\d{1,2}(?:\.\d+)?))?$/.exec(v);
  if (m) return Number(m[1]) * 3600 + Number(m[2]) * 60 + (m[3] ? Number(m[3]) : 0);
  m = /^(\d+(?:\.\d+)?)$/.exec(v);
  if (m) return Number(m[1]) * 60;
  m =
    /^P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i.exec(
      v,
    );
  if (m && (m[1] || m[2] || m[3] || m[4])) {
    return (
      Number(m[1] ?? 0) * 86400 +
      Number(m[2] ?? 0) * 3600 +
      Number(m[3] ?? 0) * 60 +
      Number(m[4] ?? 0)
    );
  }
  return null;
}

/**
 * Direction from a oneway value: 1 along the way, -1 against it, 0 both ways, `null` when the
 * value is missing or not a direction (`reversible`, `alternating` are handled by the caller).
 *
 * @param value - A `oneway` (or `oneway:foot`, `oneway:bicycle`) value: `yes`, `1`, `true`,
 *   `-1`, `reverse`, `no`, `0`, `false`; case matters, as in OSM.
 *
 * @example
 * parseOneway('-1'); // -1
 */
export function parseOneway(value: string | undefined): 1 | -1 | 0 | null {
  switch (value) {
    case 'yes':
    case '1':
    case 'true':
      return 1;
    case '-1':
    case 'reverse':
      return -1;
    case 'no':
    case '0':
    case 'false':
      return 0;
    default:
      return null;
  }
}
