/**
 * The few protobuf encodings an OSM PBF writer needs (https://protobuf.dev/programming-guides/encoding/),
 * into one growable byte buffer that is reset and reused from message to message. Nested messages
 * are encoded into their own writer first, then copied in behind their length.
 */

const TWO_POW_32 = 4294967296;

/**
 * A growable protobuf byte buffer.
 *
 * @example
 * const w = new ProtoWriter();
 * w.uint(17, 100); // field 17, varint
 * w.string(1, 'OSMData');
 * const bytes = w.finish(); // valid until the next reset() or write
 */
export class ProtoWriter {
  private buf: Uint8Array;
  /** Bytes written so far. */
  length = 0;

  /**
   * @param capacity Initial buffer size in bytes; the buffer grows as needed.
   */
  constructor(capacity = 1 << 16) {
    this.buf = new Uint8Array(Math.max(16, capacity));
  }

  /** Empties the buffer, keeping its capacity. */
  reset(): void {
    this.length = 0;
  }

  /** A view of the bytes written; only valid until the writer is written to or reset. */
  finish(): Uint8Array {
    return this.buf.subarray(0, this.length);
  }

  private ensure(n: number): void {
    if (this.length + n <= this.buf.length) return;
    const grown = new Uint8Array(Math.max(this.length + n, this.buf.length * 2));
    grown.set(this.buf.subarray(0, this.length));
    this.buf = grown;
  }

  /** Unsigned varint of an integer in 0..2^53. */
  varint(n: number): void {
    this.ensure(10);
    const b = this.buf;
    let p = this.length;
    if (n < 0x80000000) {
      // Small values (string indices, deltas) take the 32-bit path.
      while (n >= 0x80) {
        b[p++] = (n & 0x7f) | 0x80;
        n >>>= 7;
      }
    } else {
      while (n >= 0x80) {
        b[p++] = (n % 128) | 0x80;
        n = Math.floor(n / 128);
      }
    }
    b[p++] = n;
    this.length = p;
  }

  /**
   * An `int64` varint: negatives as their 64-bit two's complement (10 bytes), worked out on two
   * 32-bit halves because 2^64 + n is not exact in a double.
   */
  int64(n: number): void {
    if (n >= 0) {
      this.varint(n);
      return;
    }
    this.ensure(10);
    let lo = n >>> 0; // ToUint32 is n modulo 2^32, also for |n| > 2^32
    let hi = Math.floor(n / TWO_POW_32) >>> 0;
    const b = this.buf;
    let p = this.length;
    while (hi !== 0 || lo >= 0x80) {
      b[p++] = (lo & 0x7f) | 0x80;
      lo = ((lo >>> 7) | (hi << 25)) >>> 0;
      hi >>>= 7;
    }
    b[p++] = lo;
    this.length = p;
  }

  /** A zigzag (`sint64`) varint; exact for |n| ≤ 2^52, which callers guarantee. */
  sint(n: number): void {
    this.varint(n >= 0 ? 2 * n : -2 * n - 1);
  }

  /** A field key: field number and wire type (0 varint, 2 length-delimited). */
  key(field: number, wire: 0 | 2): void {
    this.varint(field * 8 + wire);
  }

  /** Field with an unsigned varint value. */
  uint(field: number, n: number): void {
    this.key(field, 0);
    this.varint(n);
  }

  /** Field with an int64 value (negatives allowed). */
  int64Field(field: number, n: number): void {
    this.key(field, 0);
    this.int64(n);
  }

  /** Field with a zigzag varint value. */
  sintField(field: number, n: number): void {
    this.key(field, 0);
    this.sint(n);
  }

  /** Length-delimited field: a nested message, packed array or bytes. */
  bytes(field: number, data: Uint8Array): void {
    this.key(field, 2);
    this.varint(data.length);
    this.ensure(data.length);
    this.buf.set(data, this.length);
    this.length += data.length;
  }

  /** UTF-8 string field. */
  string(field: number, s: string): void {
    this.bytes(field, utf8.encode(s));
  }

  /**
   * Length-delimited field holding a nested message, which `fill` writes into a writer of its own.
   *
   * @param field The field number.
   * @param fill Writes the nested message's fields.
   * @example
   * block.message(2, (group) => group.message(3, (way) => way.uint(1, 42)));
   */
  message(field: number, fill: (w: ProtoWriter) => void): void {
    const nested = new ProtoWriter(256);
    fill(nested);
    this.bytes(field, nested.finish());
  }

  /**
   * Packed repeated unsigned varints (string-table indices, DenseNodes keys_vals).
   *
   * @param field The field number.
   * @param values Integers in 0..2^53.
   * @example
   * way.packedVarints(2, [1, 3]); // Way.keys
   */
  packedVarints(field: number, values: ArrayLike<number>): void {
    this.message(field, (w) => {
      for (let i = 0; i < values.length; i++) w.varint(values[i]);
    });
  }

  /**
   * Packed repeated zigzag varints (`sint64`: delta-coded ids, coordinates and refs).
   *
   * @param field The field number.
   * @param values Integers with |n| ≤ 2^52.
   * @example
   * dense.packedSints(1, [100, 1, 1]); // DenseNodes.id: 100, 101, 102
   */
  packedSints(field: number, values: ArrayLike<number>): void {
    this.message(field, (w) => {
      for (let i = 0; i < values.length; i++) w.sint(values[i]);
    });
  }
}

const utf8 = new TextEncoder();
