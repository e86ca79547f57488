import { UsageError } from './usage-error';

/** Profile names the CLI accepts. */
export type ProfileName = 'car' | 'walk' | 'bicycle';

/** `--profile`: one of the built-in profiles, or undefined when not given. */
export function profileOption(value: string | undefined, command: string): ProfileName | undefined {
  if (value !== undefined && !['car', 'walk', 'bicycle'].includes(value)) {
    throw new UsageError(
      `--profile must be car, walk or bicycle, got "${value}"`,
      command,
      `--profile 必须是 car（驾车）、walk（步行）或 bicycle（骑行），得到 "${value}"`,
    );
  }
  return value as ProfileName | undefined;
}

/** `--direction from|to`. */
export function directionOption(value: string | undefined, command: string): 'from' | 'to' {
  if (value !== 'from' && value !== 'to')
    throw new UsageError(
      `--direction must be from or to, got "${value}"`,
      command,
      `--direction 必须是 from 或 to，得到 "${value}"`,
    );
  return value;
}

/** `--max-minutes`: a number ≥ 0, or undefined when not given. */
export function maxMinutesOption(value: string | undefined, command: string): number | undefined {
  if (value === undefined) return undefined;
  const m = Number(value);
  if (!(m >= 0 && Number.isFinite(m)))
    throw new UsageError(
      `--max-minutes must be a number ≥ 0, got "${value}"`,
      command,
      `--max-minutes 必须是 ≥ 0 的数值，得到 "${value}"`,
    );
  return m;
}

/** `"lon,lat;lon,lat"` → `[lon, lat, lon, lat]`, naming the option (`from`, `to`) and the bad pair. */
export function parseLonLatList(text: string, flag = 'from'): number[] {
  const out: number[] = [];
  for (const [i, pair] of text.split(';').entries()) {
    const parts = pair.split(',').map((x) => x.trim());
    const lon = Number(parts[0]);
    const lat = Number(parts[1]);
    if (
      parts.length !== 2 ||
      parts[0] === '' ||
      parts[1] === '' ||
      !Number.isFinite(lon) ||
      !Number.isFinite(lat)
    ) {
      throw new UsageError(
        `--${flag} point ${i + 1} must be "lon,lat", got "${pair}"`,
        undefined,
        `--${flag} 的第 ${i + 1} 个点必须是 "经度,纬度"，得到 "${pair}"`,
      );
    }
    out.push(lon, lat);
  }
  return out;
}

/** The `PointReadOptions` given by `POINT_COLUMN_OPTIONS` and `CATEGORY_COLUMN_OPTIONS`. */
export function pointFileOptions(values: {
  'id-field'?: string;
  'category-field'?: string;
  'lon-field'?: string;
  'lat-field'?: string;
  'name-field'?: string;
  'township-field'?: string;
  crs?: string;
  encoding?: string;
  sheet?: string;
}) {
  return {
    idField: values['id-field'],
    categoryField: values['category-field'],
    lonField: values['lon-field'],
    latField: values['lat-field'],
    nameField: values['name-field'],
    townshipField: values['township-field'],
    crs: values.crs,
    encoding: values.encoding,
    sheet: values.sheet,
  };
}

/**
 * The read options of one input file: `--<input>-crs` when given, else `--crs`.
 *
 * @param read - What `pointFileOptions` gave.
 * @param values - The command's option values.
 * @param input - The input's flag (`villages`, `facilities`, `from`, `to`, `candidates`, `network`).
 * @returns `read` with that input's CRS.
 * @example
 * readCommandPoints(values.facilities!, wanted, { ...context, read: readFor(read, values, 'facilities') });
 */
export function readFor<T extends { crs?: string }>(
  read: T,
  values: Partial<Record<string, unknown>>,
  input: string,
): T {
  const own = values[`${input}-crs`];
  return typeof own === 'string' ? { ...read, crs: own } : read;
}

/** `--minutes 15,30`: numbers > 0, in the order given. */
export function minutesListOption(value: string, command: string): number[] {
  return value.split(',').map((m) => {
    const x = Number(m.trim());
    if (!(x > 0 && Number.isFinite(x)))
      throw new UsageError(
        `--minutes must be numbers > 0 separated by commas, got "${value}"`,
        command,
        `--minutes 必须是 > 0 的数值，多个用英文逗号分隔，得到 "${value}"`,
      );
    return x;
  });
}

/** A number option ≥ 0 (`> 0` with `positive`), or undefined when not given. */
export function numberOption(
  name: string,
  value: string | undefined,
  command: string,
  positive = false,
): number | undefined {
  if (value === undefined) return undefined;
  const x = Number(value);
  if (!(Number.isFinite(x) && (positive ? x > 0 : x >= 0)))
    throw new UsageError(
      `--${name} must be a number ${positive ? '> 0' : '≥ 0'}, got "${value}"`,
      command,
      `--${name} 必须是 ${positive ? '> 0' : '≥ 0'} 的数值，得到 "${value}"`,
    );
  return x;
}

/** `--threads n`: a whole number ≥ 1, or `fallback` when absent. */
export function threadsOption(
  value: string | undefined,
  command: string,
  fallback: number,
): number {
  const n = numberOption('threads', value, command, true) ?? fallback;
  if (!Number.isInteger(n))
    throw new UsageError(
      `--threads must be a whole number ≥ 1, got "${value}"`,
      command,
      `--threads 必须是 ≥ 1 的整数，得到 "${value}"`,
    );
  return n;
}

/** `--category a,b` → a list, or undefined. */
export function listOption(value: string | undefined): string[] | undefined {
  return value
    ?.split(',')
    .map((c) => c.trim())
    .filter(Boolean);
}
