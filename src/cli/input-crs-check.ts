import { sniffRoadFile } from '../node/load-network';
import { UsageError } from './usage-error';

/**
 * `--<input>-crs` must name the CRS of an input that is given and has one: `--villages-crs
 * gcj02` without `--villages` (or `--network-crs` for a straight-line `nearest`) changed nothing,
 * and neither did `--network-crs` for a saved network (.srn), whose coordinates are WGS84 since
 * it was built. Either is a usage error naming the option.
 *
 * @param values - The command's parsed option values.
 * @param options - The command's option names (an `<input>-crs` counts only when `<input>` is one).
 * @param command - The command, for the usage line.
 * @example
 * checkInputCrs({ 'villages-crs': 'gcj02' }, ['villages', 'villages-crs'], 'coverage'); // throws
 */
export function checkInputCrs(
  values: Record<string, unknown>,
  options: readonly string[],
  command: string,
): void {
  for (const name of Object.keys(values)) {
    if (values[name] === undefined || !name.endsWith('-crs')) continue;
    const input = name.slice(0, -4);
    if (input === 'out' || !options.includes(input)) continue;
    const path = values[input];
    if (path === undefined)
      throw new UsageError(
        `--${name} is the CRS of --${input}, which is not given: add --${input} <file> or leave out --${name}`,
        command,
      );
    if (input === 'network' && typeof path === 'string' && isSavedNetwork(path))
      throw new UsageError(
        `--network-crs does nothing for a saved network (${path} was reprojected when it was built): leave it out, or give the roads file with --network-crs`,
        command,
      );
  }
}

function isSavedNetwork(path: string): boolean {
  try {
    return sniffRoadFile(path) === 'srn';
  } catch {
    return false; // missing or unreadable: the command itself says so
  }
}
