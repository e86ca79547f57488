import { UsageError } from './usage-error';

/** Profile names the CLI accepts. */
export type ProfileName = 'car' | 'walk' | 'bicycle';

/** `--profile`: one of the built-in profiles, or undefined when not given. */
export function profileOption(value: string | undefined, command: string): ProfileName | undefined {
  if (value !== undefined && !['car', 'walk', 'bicycle'].includes(value)) {
    throw new UsageError(`--profile must be car, walk or bicycle, got "${value}"`, command);
  }
  return value as ProfileName | undefined;
}

/** `--max-minutes`: a number ≥ 0, or undefined when not given. */
export function maxMinutesOption(value: string | undefined, command: string): number | undefined {
  if (value === undefined) return undefined;
  const m = Number(value);
  if (!(m >= 0)) throw new UsageError(`--max-minutes must be a number ≥ 0, got "${value}"`, command);
  return m;
}

/** `"lon,lat;lon,lat"` → `[lon, lat, lon, lat]`, naming the bad pair. */
export function parseLonLatList(text: string): number[] {
  const out: number[] = [];
  for (const [i, pair] of text.split(';').entries()) {
    const parts = pair.split(',').map((x) => x.trim());
    const lon = Number(parts[0]);
    const lat = Number(parts[1]);
    if (parts.length !== 2 || parts[0] === '' || parts[1] === '' || !Number.isFinite(lon) || !Number.isFinite(lat)) {
      throw new UsageError(`--from point ${i + 1} must be "lon,lat", got "${pair}"`);
    }
    out.push(lon, lat);
  }
  return out;
}
