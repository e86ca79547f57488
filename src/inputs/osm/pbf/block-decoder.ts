/**
 * The state a PrimitiveBlock is decoded with: the wire reader's cursor, the block's string table,
 * its coordinate granularity and offsets, and scratch typed arrays that packed fields are unpacked
 * into, reused from element to element and block to block so the hot loops do not allocate.
 */
import { StringTable } from './string-table';
import { growF64 } from './buffers';
import { WireReader } from './wire-reader';

/**
 * Decoder state. One instance is shared by all calls (its scratch arrays are the point of reuse);
 * a fresh one is made only if a sink callback starts another decode while one is running. Blob
 * headers and the file sniffer read with it too, so every wire read in the process sees this one
 * class and its call sites stay monomorphic.
 *
 * @example
 * withDecoder((d) => decodePrimitiveBlock(d, block, sink));
 */
export class BlockDecoder extends WireReader {
  busy = false;

  readonly strings = new StringTable();

  /** Byte ranges of the block's PrimitiveGroups, decoded after the block's trailing fields. */
  groupStart = new Int32Array(16);
  groupEnd = new Int32Array(16);

  ids = new Float64Array(8192);
  lats = new Float64Array(8192);
  lons = new Float64Array(8192);
  kv = new Float64Array(8192);
  keys = new Float64Array(64);
  vals = new Float64Array(64);
  refs = new Float64Array(2048);
  /** One view of `refs` per way length, so handing a way's refs to the sink allocates nothing. */
  refViews: Float64Array[] = [];

  granularity = 100;
  latOffset = 0;
  lonOffset = 0;

  /**
   * Unpacks an element's packed `keys` and `vals` fields into `this.keys` / `this.vals`; returns
   * the pair count.
   *
   * @param buf The decompressed block.
   * @param kS Start of the keys payload.
   * @param kE End of the keys payload.
   * @param vS Start of the vals payload.
   * @param vE End of the vals payload.
   * @param at Byte offset of the element, for the error message.
   * @example
   * const n = d.unpackKeysVals(buf, kS, kE, vS, vE, start);
   * const tags = d.strings.tags(d.keys, d.vals, n, start);
   */
  unpackKeysVals(
    buf: Uint8Array,
    kS: number,
    kE: number,
    vS: number,
    vE: number,
    at: number,
  ): number {
    this.keys = growF64(this.keys, kE - kS);
    this.vals = growF64(this.vals, vE - vS);
    const n = this.unpackUints(buf, kS, kE, this.keys);
    if (this.unpackUints(buf, vS, vE, this.vals) !== n)
      this.fail(`element has ${n} tag keys but a different number of values`, at);
    return n;
  }
}

let shared: BlockDecoder | undefined;

/**
 * Runs `fn` with the shared decoder, or a fresh one when the shared one is busy (a sink callback
 * decoding another file), and releases it afterwards.
 *
 * @param fn Work to do with the decoder; its result is returned.
 * @example
 * const header = withDecoder((d) => parseBlobHeader(d, bytes, offset));
 */
export function withDecoder<T>(fn: (d: BlockDecoder) => T): T {
  let d = shared;
  if (d === undefined || d.busy) {
    d = new BlockDecoder();
    if (shared === undefined) shared = d;
  }
  d.busy = true;
  d.pos = 0;
  try {
    return fn(d);
  } finally {
    d.busy = false;
    // Drop the reference to the last block so a large buffer is not kept alive between calls.
    d.strings.clear();
  }
}
