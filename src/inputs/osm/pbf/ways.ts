/**
 * Ways of a PrimitiveGroup: an id, packed tag key / value indices and delta-coded node refs. The
 * sink's `wantWay` sees the tags first, so the refs of rejected ways are never unpacked.
 */
import type { OsmSink } from '../sink';
import type { BlockDecoder } from './block-decoder';
import { growF64 } from './buffers';

/**
 * Decodes one Way message into `sink`. The refs handed over are a view of a reused buffer.
 *
 * @param d The decoder state.
 * @param buf The decompressed block.
 * @param start Start of the Way payload.
 * @param end End of the payload.
 * @param sink Receives the way, unless its `wantWay` rejects the tags.
 * @example
 * decodeWay(d, buf, d.pos, d.pos + len, sink);
 */
export function decodeWay(
  d: BlockDecoder,
  buf: Uint8Array,
  start: number,
  end: number,
  sink: OsmSink,
): void {
  let id = Number.NaN;
  let kS = 0;
  let kE = 0;
  let vS = 0;
  let vE = 0;
  let rS = 0;
  let rE = 0;
  d.pos = start;
  while (d.pos < end) {
    const k = d.key(buf, end);
    const field = k >>> 3;
    if (field === 1) {
      d.expectWire(k, 0, 'Way.id');
      id = d.int64(buf, end);
    } else if (field === 2 || field === 3 || field === 8) {
      d.expectWire(k, 2, 'Way keys/vals/refs');
      const len = d.length(buf, end, 'Way keys/vals/refs');
      const s = d.pos;
      d.pos += len;
      if (field === 2) {
        kS = s;
        kE = d.pos;
      } else if (field === 3) {
        vS = s;
        vE = d.pos;
      } else {
        rS = s;
        rE = d.pos;
      }
    } else d.skip(buf, end, k % 8);
  }
  if (Number.isNaN(id)) d.fail('Way lacks its id', start);
  const n = kE > kS ? d.unpackKeysVals(buf, kS, kE, vS, vE, start) : 0;
  const tags = d.strings.tags(d.keys, d.vals, n, start);
  if (sink.wantWay !== undefined && !sink.wantWay(tags)) return;
  if (d.refs.length < rE - rS) {
    d.refs = growF64(d.refs, rE - rS);
    d.refViews = [];
  }
  const count = d.unpackDeltas(buf, rS, rE, d.refs);
  // A typed-array view costs more than decoding a short way, so keep one view per way length.
  let view = d.refViews[count];
  if (view === undefined) {
    view = d.refs.subarray(0, count);
    d.refViews[count] = view;
  }
  sink.way(id, view, tags);
}
