/**
 * A PrimitiveBlock's string table: every key, value and role of the block is an index into it.
 * Entries are kept as byte ranges of the decompressed block and decoded on first use, since many
 * strings (user names, values of tags a sink never looks at) are never needed.
 */
import { setTag } from '../set-tag';
import { growI32 } from './buffers';
import { WireCorruption, type WireReader } from './wire-reader';

const utf8 = new TextDecoder('utf-8');
const EMPTY = new Uint8Array(0);

/**
 * The string table of the block being decoded; reused from block to block.
 *
 * @example
 * const strings = new StringTable();
 * strings.read(reader, block, tableEnd); // reader.pos at the table's first field
 * strings.get(1, at); // 'highway'
 */
export class StringTable {
  private start = new Int32Array(1024);
  private end = new Int32Array(1024);
  private count = 0;
  private cache: (string | undefined)[] = [];
  private buf: Uint8Array = EMPTY;

  /**
   * Reads StringTable.s byte ranges without decoding them.
   *
   * @param r A reader positioned at the table's first field; left at `end`.
   * @param buf The decompressed block the table sits in (kept until {@link StringTable.clear}).
   * @param end End of the StringTable message.
   * @example
   * strings.read(reader, block, reader.pos + len);
   */
  read(r: WireReader, buf: Uint8Array, end: number): void {
    let n = 0;
    this.buf = buf;
    while (r.pos < end) {
      const k = r.key(buf, end);
      if (k >>> 3 === 1) {
        r.expectWire(k, 2, 'StringTable.s');
        const len = r.length(buf, end, 'string');
        if (n === this.start.length) {
          this.start = growI32(this.start, n + 1);
          this.end = growI32(this.end, n + 1);
        }
        this.start[n] = r.pos;
        this.end[n] = r.pos + len;
        n++;
        r.pos += len;
      } else r.skip(buf, end, k % 8);
    }
    this.count = n;
    this.cache = new Array(n);
  }

  /**
   * Forgets the table, dropping the reference to its block so a large buffer is not kept alive.
   *
   * @example
   * strings.clear(); // between blocks, or when a decode ends
   */
  clear(): void {
    this.buf = EMPTY;
    this.count = 0;
  }

  /**
   * String `i` of the table.
   *
   * @param i The index, as read from the block.
   * @param at Byte offset of the element that refers to it, for the error message.
   * @example
   * const key = strings.get(keys[t], wayStart);
   */
  get(i: number, at: number): string {
    if (i >= this.count) {
      throw new WireCorruption(
        `string index ${i} is beyond the block's ${this.count}-entry string table`,
        at,
      );
    }
    let s = this.cache[i];
    if (s === undefined) {
      s = utf8.decode(this.buf.subarray(this.start[i], this.end[i]));
      this.cache[i] = s;
    }
    return s;
  }

  /**
   * Builds a tag object from parallel key / value index arrays.
   *
   * @param keys Key indices.
   * @param vals Value indices, same count.
   * @param n How many pairs to take.
   * @param at Byte offset of the element, for error messages.
   * @example
   * sink.way(id, refs, strings.tags(keys, vals, n, start));
   */
  tags(keys: Float64Array, vals: Float64Array, n: number, at: number): Record<string, string> {
    const tags: Record<string, string> = {};
    for (let i = 0; i < n; i++) setTag(tags, this.get(keys[i], at), this.get(vals[i], at));
    return tags;
  }
}
