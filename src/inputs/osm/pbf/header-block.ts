/**
 * The HeaderBlock of a file's OSMHeader blob. Only its `required_features` matter to a reader: a
 * feature it does not implement means the data cannot be read correctly, so the file is refused.
 */
import { FormatError } from '../../../errors';
import type { BlockDecoder } from './block-decoder';
import { WireCorruption } from './wire-reader';

/** Required features we can honour; anything else in OSMHeader.required_features is refused. */
const SUPPORTED_FEATURES = new Set(['OsmSchema-V0.6', 'DenseNodes', 'LocationsOnWays']);

const utf8 = new TextDecoder('utf-8');

/**
 * Throws FormatError `unsupported-pbf` when the HeaderBlock requires a feature we do not implement
 * (history files are named as such), `corrupt-pbf` when it does not parse.
 *
 * @param d The decoder state.
 * @param data The decompressed HeaderBlock.
 * @param where The blob, as error messages name it (`OSMHeader blob at byte 4`).
 * @example
 * checkHeaderBlock(d, headerBlock, 'OSMHeader blob at byte 17');
 */
export function checkHeaderBlock(d: BlockDecoder, data: Uint8Array, where: string): void {
  d.pos = 0;
  const end = data.length;
  const unknown: string[] = [];
  try {
    while (d.pos < end) {
      const k = d.key(data, end);
      if (k >>> 3 === 4) {
        d.expectWire(k, 2, 'HeaderBlock.required_features');
        const len = d.length(data, end, 'required feature');
        const feature = utf8.decode(data.subarray(d.pos, d.pos + len));
        d.pos += len;
        if (feature === 'HistoricalInformation') {
          throw new FormatError(
            'unsupported-pbf',
            `unsupported PBF: ${where} requires HistoricalInformation (an OSM history file); use a current-state extract`,
          );
        }
        if (!SUPPORTED_FEATURES.has(feature)) unknown.push(feature);
      } else d.skip(data, end, k % 8);
    }
  } catch (e) {
    if (e instanceof WireCorruption)
      throw new FormatError(
        'corrupt-pbf',
        `corrupt PBF: ${where}: ${e.message} (at byte ${e.at} of the header block)`,
      );
    throw e;
  }
  if (unknown.length > 0) {
    throw new FormatError(
      'unsupported-pbf',
      `unsupported PBF: ${where} requires feature(s) ${unknown.map((f) => JSON.stringify(f)).join(', ')} that servicereach does not implement`,
    );
  }
}
