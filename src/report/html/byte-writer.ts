/**
 * A growing byte buffer of zigzag varints, emitted as base64: the compact form in which the report
 * embeds dense layers (road polylines as small integer deltas take one or two bytes a vertex).
 */
export class ByteWriter {
  private bytes = new Uint8Array(1024);
  /** Bytes written so far. */
  length = 0;

  /**
   * Appends a signed integer as a zigzag varint.
   *
   * @param v - An integer within ±2^30.
   *
   * @example
   * w.int(-3); // one byte
   */
  int(v: number): void {
    let z = v < 0 ? -2 * v - 1 : 2 * v;
    if (this.length + 6 > this.bytes.length) {
      const next = new Uint8Array(this.bytes.length * 2);
      next.set(this.bytes);
      this.bytes = next;
    }
    while (z >= 0x80) {
      this.bytes[this.length++] = (z & 0x7f) | 0x80;
      z = Math.floor(z / 128);
    }
    this.bytes[this.length++] = z;
  }

  /**
   * The bytes as base64 text.
   *
   * @returns Standard base64 with padding.
   *
   * @example
   * const text = w.base64();
   */
  base64(): string {
    return toBase64(this.bytes, this.length);
  }
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * Base64 of the first `n` bytes, without Node's Buffer (the report layer runs in browsers too).
 *
 * @param b - The bytes.
 * @param n - How many to encode.
 * @returns Standard base64 with padding.
 *
 * @example
 * toBase64(new Uint8Array([1, 2, 3]), 3); // 'AQID'
 */
export function toBase64(b: Uint8Array, n: number): string {
  const parts: string[] = [];
  let chunk = '';
  let i = 0;
  for (; i + 2 < n; i += 3) {
    const x = (b[i] << 16) | (b[i + 1] << 8) | b[i + 2];
    chunk +=
      ALPHABET[x >> 18] + ALPHABET[(x >> 12) & 63] + ALPHABET[(x >> 6) & 63] + ALPHABET[x & 63];
    if (chunk.length >= 65536) {
      parts.push(chunk);
      chunk = '';
    }
  }
  if (i < n) {
    const x = (b[i] << 16) | (i + 1 < n ? b[i + 1] << 8 : 0);
    chunk += `${ALPHABET[x >> 18]}${ALPHABET[(x >> 12) & 63]}${i + 1 < n ? ALPHABET[(x >> 6) & 63] : '='}=`;
  }
  parts.push(chunk);
  return parts.join('');
}
