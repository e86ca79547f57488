import { FormatError } from '../errors';
import type { NetworkArrays } from './road-network';

/** Arrays only networks built with a DEM have: heights per node and per geometry vertex. */
type ElevationSection = 'nodeElevM' | 'geomElevM';
const ELEVATION: readonly ElevationSection[] = ['nodeElevM', 'geomElevM'];

/**
 * The elevation arrays a network has, each with its section name, for `encodeNetwork`. Empty
 * for a network built without a DEM, whose saved bytes then carry no elevation section at all.
 *
 * @param arrays - The network's arrays.
 * @returns `[name, array]` pairs in saving order.
 * @example
 * elevationSections(net.arrays); // [] or [['nodeElevM', …], ['geomElevM', …]]
 */
export function elevationSections(arrays: NetworkArrays): [ElevationSection, Float32Array][] {
  const out: [ElevationSection, Float32Array][] = [];
  for (const name of ELEVATION) {
    const a = arrays[name];
    if (a) out.push([name, a]);
  }
  return out;
}

/**
 * Move the elevation sections a decoded buffer carries from `extra` onto the network's arrays,
 * after checking each has one finite height per node (per geometry vertex) — a damaged section
 * is a `FormatError`, never a wrong pace. Sections of other names stay in `extra`.
 *
 * @param arrays - The required arrays, already read and checked; the heights are added.
 * @param extra - The buffer's other sections by name; the elevation ones are taken out.
 * @param vertices - Interior geometry vertices of the network (`checkNetwork` counts them).
 * @example
 * attachElevation(sections, extra, checkNetwork(sections, meta));
 */
export function attachElevation(
  arrays: NetworkArrays,
  extra: Record<string, unknown>,
  vertices: number,
): void {
  const expected: Record<ElevationSection, number> = {
    nodeElevM: arrays.nodeE7.length / 2,
    geomElevM: vertices,
  };
  for (const name of ELEVATION) {
    const a = extra[name];
    if (a === undefined) continue;
    delete extra[name];
    if (!(a instanceof Float32Array) || a.length !== expected[name])
      throw new FormatError(
        'corrupt-network',
        `corrupt network: section "${name}" should hold ${expected[name]} heights (float32)`,
      );
    for (let i = 0; i < a.length; i++)
      if (!Number.isFinite(a[i]))
        throw new FormatError(
          'corrupt-network',
          `corrupt network: section "${name}" has a height of ${a[i]} at ${i}`,
        );
    arrays[name] = a;
  }
  if ((arrays.nodeElevM === undefined) !== (arrays.geomElevM === undefined))
    throw new FormatError(
      'corrupt-network',
      'corrupt network: only one of the two height sections',
    );
}
