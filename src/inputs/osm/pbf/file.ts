/**
 * OpenStreetMap PBF files (https://wiki.openstreetmap.org/wiki/PBF_Format), browser-safe: the
 * file-level framing. A file is a sequence of (4-byte big-endian length, BlobHeader, Blob); the
 * first blob must be the OSMHeader. This layer walks that sequence, checks every length against
 * what is left of the file, and hands each Blob to `decodeOsmPbfBlob`.
 *
 * The layers below, as in libosmium: blob.ts (Blob unwrapping, inflate.ts for zlib),
 * primitive-block.ts with nodes.ts and ways.ts (elements to the sink), string-table.ts, and
 * wire-reader.ts (protobuf varints and fields).
 */
import { FormatError } from '../../../errors';
import type { OsmSink } from '../sink';
import { type BlockDecoder, withDecoder } from './block-decoder';
import { type DecodeOsmPbfBlobOptions, decodeOsmPbfBlob, MAX_BLOB_BYTES } from './blob';
import { inflateZlibFflate, type PbfInflate } from './inflate';
import { plainBytes } from './buffers';
import { WireCorruption } from './wire-reader';

/**
 * Options of {@link decodeOsmPbf}.
 *
 * @example
 * decodeOsmPbf(bytes, sink, { onProgress: (done, total) => bar.update(done / total) });
 */
export interface DecodeOsmPbfOptions {
  /** zlib decompressor; defaults to fflate's `unzlibSync` with an Adler-32 check. */
  inflate?: PbfInflate;
  /** Called after each blob with the bytes consumed so far and the total. */
  onProgress?: (bytesRead: number, totalBytes: number) => void;
  /**
   * Called after each data blob with its file offset and what it holds
   * (`BLOCK_NODES | BLOCK_WAYS | BLOCK_RELATIONS` bits, whether the sink read them or not).
   */
  onBlob?: (blobAt: number, kinds: number) => void;
  /**
   * Return true to skip a data blob unread (not even inflated), e.g. one that an earlier pass
   * found to hold no nodes. Never asked about the header blob.
   */
  skipBlob?: (blobAt: number) => boolean;
}

/** What a BlobHeader says about the blob that follows it. */
interface PbfBlobHeader {
  /** `OSMHeader`, `OSMData`; any other type is refused as damage. */
  type: string;
  /** Size in bytes of the Blob message that follows the header. */
  dataSize: number;
}

/** The format caps a BlobHeader at 64 KiB; larger means we are not looking at a PBF length prefix. */
const MAX_BLOB_HEADER_BYTES = 64 * 1024;

const utf8 = new TextDecoder('utf-8');

/** Reads a BlobHeader message's type and datasize; `offset` is the header's file offset, for messages. */
function parseBlobHeader(d: BlockDecoder, bytes: Uint8Array, offset: number): PbfBlobHeader {
  let type: string | undefined;
  let dataSize = -1;
  const end = bytes.length;
  try {
    while (d.pos < end) {
      const k = d.key(bytes, end);
      const field = k >>> 3;
      if (field === 1) {
        d.expectWire(k, 2, 'BlobHeader.type');
        const len = d.length(bytes, end, 'BlobHeader.type');
        type = utf8.decode(bytes.subarray(d.pos, d.pos + len));
        d.pos += len;
      } else if (field === 3) {
        d.expectWire(k, 0, 'BlobHeader.datasize');
        dataSize = d.varint(bytes, end);
      } else d.skip(bytes, end, k % 8);
    }
  } catch (e) {
    if (e instanceof WireCorruption) {
      throw new FormatError(
        'corrupt-pbf',
        `corrupt PBF: blob header at byte ${offset}: ${e.message}`,
      );
    }
    throw e;
  }
  if (type === undefined || dataSize < 0) {
    throw new FormatError(
      'corrupt-pbf',
      `corrupt PBF: blob header at byte ${offset} lacks its ${type === undefined ? 'type' : 'datasize'}`,
    );
  }
  if (dataSize > MAX_BLOB_BYTES) {
    throw new FormatError(
      'corrupt-pbf',
      `corrupt PBF: blob header at byte ${offset} declares a ${dataSize}-byte blob, above the format's 32 MiB limit`,
    );
  }
  return { type, dataSize };
}

/**
 * True when `bytes` starts like an OSM PBF file: a sane length prefix followed by a BlobHeader whose
 * type is `OSMHeader`. Never throws; a few dozen bytes of the file are enough.
 *
 * @param bytes The start of a file, or all of it.
 * @example
 * if (isPbf(bytes)) decodeOsmPbf(bytes, sink); else parseOsmXml(bytes, sink);
 */
export function isPbf(bytes: Uint8Array): boolean {
  if (bytes.length < 4) return false;
  const len = ((bytes[0] << 24) | (bytes[1] << 16) | (bytes[2] << 8) | bytes[3]) >>> 0;
  if (len === 0 || len > MAX_BLOB_HEADER_BYTES) return false;
  const end = Math.min(bytes.length, 4 + len);
  return withDecoder((d) => {
    d.pos = 4;
    try {
      const k = d.key(bytes, end);
      if (k !== 10) return false; // field 1, wire type 2: the type string comes first
      const n = d.length(bytes, end, 'type');
      return n === 9 && utf8.decode(bytes.subarray(d.pos, d.pos + n)) === 'OSMHeader';
    } catch {
      return false;
    }
  });
}

/**
 * Random access to the bytes of a PBF source: `length` bytes from `offset`, returned as a view that
 * only has to stay valid until the next call (readers may reuse one buffer).
 *
 * @example
 * const fromMemory: PbfByteSource = (offset, length) => bytes.subarray(offset, offset + length);
 */
export type PbfByteSource = (offset: number, length: number) => Uint8Array;

/**
 * Walks a PBF source of `totalBytes` bytes blob by blob, reading each BlobHeader and Blob through
 * `read`, so a file reader can stream with memory bounded by the largest blob (32 MiB at most).
 * {@link decodeOsmPbf} is this over an in-memory buffer. Same errors as {@link decodeOsmPbf}.
 *
 * @param totalBytes Size of the source.
 * @param read Returns the bytes at an offset.
 * @param sink Receives every node and way, in file order.
 * @param options The inflater and a progress callback.
 * @example
 * decodeOsmPbfSource(size, (offset, length) => readChunk(fd, offset, length), sink, { inflate });
 */
export function decodeOsmPbfSource(
  totalBytes: number,
  read: PbfByteSource,
  sink: OsmSink,
  options: DecodeOsmPbfOptions = {},
): void {
  if (totalBytes === 0)
    throw new FormatError('empty-file', 'empty input: 0 bytes where an OSM PBF file was expected');
  const blobOptions: DecodeOsmPbfBlobOptions = {
    inflate: options.inflate ?? inflateZlibFflate,
    offset: 0,
  };
  let off = 0;
  let first = true;
  while (off < totalBytes) {
    const remaining = totalBytes - off;
    if (remaining < 4) {
      throw new FormatError(
        'truncated-pbf',
        `truncated PBF: ${remaining} stray byte(s) at byte ${off} where a 4-byte blob header length was expected`,
      );
    }
    const l = read(off, 4);
    const headerLength = ((l[0] << 24) | (l[1] << 16) | (l[2] << 8) | l[3]) >>> 0;
    if (headerLength === 0 || headerLength > MAX_BLOB_HEADER_BYTES) {
      throw new FormatError(
        'corrupt-pbf',
        `corrupt PBF: blob header length ${headerLength} at byte ${off} is outside 1..${MAX_BLOB_HEADER_BYTES}${first ? ' (is this a PBF file?)' : ''}`,
      );
    }
    const headerAt = off + 4;
    if (headerLength > totalBytes - headerAt) {
      throw new FormatError(
        'truncated-pbf',
        `truncated PBF: blob header at byte ${headerAt} declares ${headerLength} bytes but only ${totalBytes - headerAt} remain`,
      );
    }
    const header = withDecoder((d) =>
      parseBlobHeader(d, plainBytes(read(headerAt, headerLength)), headerAt),
    );
    if (first && header.type !== 'OSMHeader') {
      // A data blob first means a fragment of a file, whose required features we cannot check.
      throw new FormatError(
        'corrupt-pbf',
        `corrupt PBF: first blob (header at byte ${headerAt}) is "${header.type}", expected "OSMHeader"`,
      );
    }
    first = false;
    const blobAt = headerAt + headerLength;
    if (header.dataSize > totalBytes - blobAt) {
      throw new FormatError(
        'truncated-pbf',
        `truncated PBF: ${header.type} blob at byte ${blobAt} declares ${header.dataSize} bytes but only ${totalBytes - blobAt} remain`,
      );
    }
    blobOptions.offset = blobAt;
    const data = header.type === 'OSMData';
    if (!(data && options.skipBlob?.(blobAt))) {
      const kinds = decodeOsmPbfBlob(header.type, read(blobAt, header.dataSize), sink, blobOptions);
      if (data) options.onBlob?.(blobAt, kinds);
    }
    off = blobAt + header.dataSize;
    options.onProgress?.(off, totalBytes);
  }
}

/**
 * Decodes a whole OSM PBF file held in memory, calling `sink` for every node and way in file order.
 * Relations are skipped. Throws FormatError `empty-file`, `truncated-pbf`, `corrupt-pbf` (message
 * gives the byte offset and what was expected) or `unsupported-pbf` (history files, lzma/zstd blobs,
 * unknown required features).
 *
 * @param bytes The whole file.
 * @param sink Receives every node and way, in file order.
 * @param options The inflater (fflate by default) and a progress callback.
 * @example
 * let nodes = 0;
 * decodeOsmPbf(bytes, { node: () => { nodes++; }, way: (id, refs, tags) => {} });
 */
export function decodeOsmPbf(
  bytes: Uint8Array,
  sink: OsmSink,
  options: DecodeOsmPbfOptions = {},
): void {
  const all = plainBytes(bytes);
  decodeOsmPbfSource(
    all.length,
    (offset, length) => all.subarray(offset, offset + length),
    sink,
    options,
  );
}
