import { Gunzip } from 'fflate';
import { FormatError, ServiceReachError } from '../errors';
import { crc32 } from './crc32';

/**
 * True when `bytes` starts with the gzip magic number and the deflate method byte (1f 8b 08).
 * Sniffs content, never a file name: `.osm` files that are really gzipped are common.
 *
 * @example
 * if (isGzip(bytes)) bytes = gunzipBytes(bytes);
 */
export function isGzip(bytes: ArrayLike<number>): boolean {
  return bytes.length >= 3 && bytes[0] === 0x1f && bytes[1] === 0x8b && bytes[2] === 0x08;
}

// fflate checks neither CRC nor ISIZE, and without them a truncated or bit-flipped .gz decodes
// "successfully" into shorter or garbled output: crc32.ts keeps the check to a small part of inflate time.

// Bytes of input history kept to find a member's 8-byte trailer when fflate reports the start of the
// next member; a later member header longer than this (huge FNAME/FEXTRA) only skips that check.
const TAIL_BYTES = 4096;
// Smallest possible member: 10-byte header, 2-byte empty deflate block, 8-byte trailer.
const MIN_MEMBER_BYTES = 20;

/**
 * Push-style streaming gunzip for Node and browsers, built on fflate's `Gunzip`, that adds what
 * fflate leaves out: each member's CRC-32 and length are checked against its trailer, so truncated
 * or corrupted input throws `FormatError` with code `corrupt-gzip` instead of yielding short data.
 * Handles multi-member (concatenated) gzip. Decompressed chunks go to `onData` as they appear.
 *
 * @example
 * const gz = new GunzipStream((chunk) => decoder.write(chunk));
 * for await (const chunk of response.body) gz.push(chunk);
 * gz.end();
 * decoder.end();
 */
export class GunzipStream {
  private readonly inflater: Gunzip;
  private readonly tail = new Uint8Array(TAIL_BYTES);
  private tailLen = 0;
  private received = 0;
  private crc = 0;
  private size = 0;
  private consumerFailed = false;
  private done = false;

  constructor(onData: (chunk: Uint8Array) => void) {
    this.inflater = new Gunzip((chunk) => {
      this.crc = crc32(chunk, this.crc);
      this.size += chunk.length;
      try {
        onData(chunk);
      } catch (e) {
        // An error from the consumer (e.g. corrupt XML) must reach the caller as itself, not be
        // reported as a gzip problem by the catch in push().
        this.consumerFailed = true;
        throw e;
      }
    });
    this.inflater.onmember = (offset) => this.checkTrailer(offset);
  }

  /** Feeds the next piece of compressed input. */
  push(chunk: Uint8Array): void {
    if (this.done) throw new Error('GunzipStream: push() called after end()');
    this.remember(chunk);
    this.guard(() => this.inflater.push(chunk, false));
  }

  /** Signals the end of compressed input; throws `corrupt-gzip` if it was truncated or damaged. */
  end(): void {
    if (this.done) return;
    this.done = true;
    if (this.received < MIN_MEMBER_BYTES) {
      throw new FormatError('corrupt-gzip', `gzip data is truncated: only ${this.received} bytes`);
    }
    this.guard(() => this.inflater.push(new Uint8Array(0), true));
    this.checkTrailer(this.received);
  }

  private guard(run: () => void): void {
    try {
      run();
    } catch (e) {
      if (this.consumerFailed || e instanceof ServiceReachError) throw e;
      const why = e instanceof Error ? e.message : String(e);
      throw new FormatError(
        'corrupt-gzip',
        `gzip data is corrupt near compressed byte ${this.received}: ${why}`,
        {
          cause: e,
        },
      );
    }
  }

  private remember(chunk: Uint8Array): void {
    this.received += chunk.length;
    if (chunk.length >= TAIL_BYTES) {
      this.tail.set(chunk.subarray(chunk.length - TAIL_BYTES));
      this.tailLen = TAIL_BYTES;
    } else {
      const keep = Math.min(this.tailLen, TAIL_BYTES - chunk.length);
      this.tail.copyWithin(0, this.tailLen - keep, this.tailLen);
      this.tail.set(chunk, keep);
      this.tailLen = keep + chunk.length;
    }
  }

  /** Verifies the member whose trailer ends at absolute input offset `end`, then starts a new one. */
  private checkTrailer(end: number): void {
    const at = end - 8 - (this.received - this.tailLen);
    if (at >= 0) {
      const t = this.tail;
      const crc = (t[at] | (t[at + 1] << 8) | (t[at + 2] << 16) | (t[at + 3] << 24)) >>> 0;
      const isize = (t[at + 4] | (t[at + 5] << 8) | (t[at + 6] << 16) | (t[at + 7] << 24)) >>> 0;
      const gotCrc = this.crc >>> 0;
      const gotSize = this.size % 0x100000000;
      if (crc !== gotCrc || isize !== gotSize) {
        throw new FormatError(
          'corrupt-gzip',
          `gzip data is truncated or corrupt: CRC-32/length check failed (trailer: ${isize} bytes, ` +
            `CRC ${hex(crc)}; decompressed: ${gotSize} bytes, CRC ${hex(gotCrc)})`,
        );
      }
    }
    this.crc = 0;
    this.size = 0;
  }
}

function hex(n: number): string {
  return `0x${n.toString(16).padStart(8, '0')}`;
}

// Compressed slice size for the one-shot helpers: bounds the size of each decompressed chunk.
const SLICE = 1 << 16;

/**
 * Decompresses a sequence of gzip chunks lazily, e.g. a `fetch` body or a Node stream, yielding
 * decompressed chunks while holding only about one input chunk's worth of output at a time.
 *
 * @example
 * const res = await fetch('/data/region.osm.gz');
 * const decoder = createOsmXmlDecoder(sink);
 * for await (const chunk of gunzipChunks(res.body!)) decoder.write(chunk);
 * decoder.end();
 */
export async function* gunzipChunks(
  source: Iterable<Uint8Array> | AsyncIterable<Uint8Array>,
): AsyncGenerator<Uint8Array, void, undefined> {
  const ready: Uint8Array[] = [];
  const gz = new GunzipStream((chunk) => ready.push(chunk));
  for await (const chunk of source) {
    for (let i = 0; i < chunk.length; i += SLICE) {
      gz.push(chunk.subarray(i, Math.min(chunk.length, i + SLICE)));
      while (ready.length > 0) yield ready.shift()!;
    }
  }
  gz.end();
  while (ready.length > 0) yield ready.shift()!;
}

/**
 * Decompresses a whole gzip buffer at once, with the same integrity checks as `GunzipStream`.
 *
 * @example
 * const xml = new TextDecoder().decode(gunzipBytes(bytes));
 */
export function gunzipBytes(bytes: Uint8Array): Uint8Array {
  const parts: Uint8Array[] = [];
  let total = 0;
  const gz = new GunzipStream((chunk) => {
    parts.push(chunk);
    total += chunk.length;
  });
  for (let i = 0; i < bytes.length; i += SLICE)
    gz.push(bytes.subarray(i, Math.min(bytes.length, i + SLICE)));
  gz.end();
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * Up to the first `n` decompressed bytes of gzip data, for sniffing what a `.gz` file holds
 * (OSM XML, GeoJSON, CSV) before choosing a reader. Never throws: damaged data gives what
 * inflated before the damage (the reader chosen reports the damage itself).
 *
 * @param bytes - The start of the gzip data (64 KiB is plenty).
 * @param n - How many decompressed bytes are wanted.
 * @example
 * const text = new TextDecoder().decode(gunzipHead(head, 64)).trimStart();
 */
export function gunzipHead(bytes: Uint8Array, n: number): Uint8Array {
  const out = new Uint8Array(n);
  let got = 0;
  const gz = new GunzipStream((chunk) => {
    const take = Math.min(chunk.length, n - got);
    out.set(chunk.subarray(0, take), got);
    got += take;
  });
  try {
    for (let i = 0; i < bytes.length && got < n; i += 4096)
      gz.push(bytes.subarray(i, Math.min(bytes.length, i + 4096)));
  } catch {
    // sniffing only: the reader reports the damage
  }
  return out.subarray(0, got);
}
