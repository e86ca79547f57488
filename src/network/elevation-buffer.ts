import { FormatError } from '../errors';
import type { NetworkArrays } from './road-network';

/** Arrays only some networks have (the elevation profile), saved after the fixed sections. */
export type OptionalSection = 'nodeElevM' | 'geomElevM';
const OPTIONAL: readonly OptionalSection[] = ['nodeElevM', 'geomElevM'];

/**
 * The optional arrays a network has, in saving order, each with its name. An empty list (a
 * network built without elevation) leaves the saved buffer exactly as before.
 *
 * @param arrays the network's arrays
 * @example
 * optionalSections(net.arrays); // [] or [['nodeElevM', …], ['geomElevM', …]]
 */
export function optionalSections(arrays: NetworkArrays): [OptionalSection, Float32Array][] {
  const out: [OptionalSection, Float32Array][] = [];
  for (const name of OPTIONAL) {
    const a = arrays[name];
    if (a) out.push([name, a]);
  }
  return out;
}

/**
 * Read the optional sections a header lists (`[name, length]` pairs), starting at byte `off` of
 * the buffer, into `arrays`; returns the offset after them. Throws `FormatError` for an unknown
 * name, a length that does not match the network, or a truncated buffer.
 *
 * @param listed the header's `optional` entry
 * @param buf the buffer, `base` its first byte
 * @param base offset of the network in `buf`
 * @param off offset of the first optional section (8-byte aligned)
 * @param total bytes of the network
 * @param arrays the fixed arrays, already read; the optional ones are added
 * @example
 * off = readOptionalSections(header.optional, buf, base, off, total, arrays);
 */
export function readOptionalSections(
  listed: unknown,
  buf: ArrayBuffer | SharedArrayBuffer,
  base: number,
  off: number,
  total: number,
  arrays: NetworkArrays,
): number {
  if (!Array.isArray(listed))
    throw new FormatError(
      'corrupt-network',
      'corrupt network header: optional sections are not a list',
    );
  const expect: Record<OptionalSection, number> = {
    nodeElevM: arrays.nodeCoords.length / 2,
    geomElevM: arrays.geomE7.length / 2,
  };
  for (const entry of listed) {
    const [name, length] = Array.isArray(entry) ? entry : [];
    if (!OPTIONAL.includes(name) || length !== expect[name as OptionalSection])
      throw new FormatError(
        'corrupt-network',
        `corrupt network header: optional section ${JSON.stringify(entry)} is unknown or of the wrong length`,
      );
    const bytes = 4 * length;
    if (off + bytes > total)
      throw new FormatError(
        'truncated-network',
        `truncated network buffer: section "${name}" needs ${bytes} bytes at offset ${off}, buffer has ${total}`,
      );
    arrays[name as OptionalSection] = new Float32Array(buf as ArrayBuffer, base + off, length);
    off = (off + bytes + 7) & ~7;
  }
  return off;
}
