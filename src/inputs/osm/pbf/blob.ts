/**
 * The Blob message that follows each BlobHeader: a raw or zlib-compressed HeaderBlock or
 * PrimitiveBlock. This is where a blob is unwrapped, decompressed and handed to the block decoder,
 * and where file offsets are put into the block decoder's error messages.
 */
import { FormatError } from '../../../errors';
import type { OsmSink } from '../sink';
import { type BlockDecoder, withDecoder } from './block-decoder';
import { checkHeaderBlock } from './header-block';
import { inflateZlibFflate, type PbfInflate } from './inflate';
import { decodePrimitiveBlock } from './primitive-block';
import { plainBytes } from './buffers';
import { WireCorruption } from './wire-reader';

/** The format caps a Blob (compressed or raw) at 32 MiB; capping protects memory on corrupt input. */
export const MAX_BLOB_BYTES = 32 * 1024 * 1024;

/** Blob fields of compressions we cannot inflate, so the error can name them. */
const COMPRESSIONS: Record<number, string> = { 4: 'lzma', 5: 'bzip2', 6: 'lz4', 7: 'zstd' };

/**
 * Options of {@link decodeOsmPbfBlob}.
 *
 * @example
 * decodeOsmPbfBlob('OSMData', blob, sink, { offset: 4 + headerLength });
 */
export interface DecodeOsmPbfBlobOptions {
  /** zlib decompressor; defaults to fflate's `unzlibSync` with an Adler-32 check. */
  inflate?: PbfInflate;
  /** File offset of the blob, only used to make error messages point at the right byte. */
  offset?: number;
}

/**
 * Decodes one Blob (the `dataSize` bytes after a BlobHeader): checks an `OSMHeader` blob's required
 * features, decodes an `OSMData` blob into `sink`, and refuses other blob types (`corrupt-pbf`):
 * none is written in practice, so one is a damaged header, as osmium too treats it.
 * Lets a streaming reader feed a file blob by blob without holding it whole; feed the OSMHeader
 * blob first, since that is where unsupported files are refused (`decodeOsmPbfSource` does).
 *
 * @param type The BlobHeader's type: `OSMHeader` or `OSMData`; another throws `corrupt-pbf`.
 * @param blob The Blob message's bytes.
 * @param sink Receives the nodes and ways of an `OSMData` blob.
 * @param options The inflater, and the blob's file offset for error messages.
 * @returns What an `OSMData` blob holds (`BLOCK_NODES | BLOCK_WAYS | BLOCK_RELATIONS` bits of
 *   primitive-block.ts, read or skipped); 0 for the header.
 * @example
 * decodeOsmPbfBlob(header.type, blobBytes, sink, { inflate: (d, n) => inflateSync(d), offset: 4 + headerLength });
 */
export function decodeOsmPbfBlob(
  type: string,
  blob: Uint8Array,
  sink: OsmSink,
  options: DecodeOsmPbfBlobOptions = {},
): number {
  const offset = options.offset ?? 0;
  if (type !== 'OSMHeader' && type !== 'OSMData')
    // The format lets readers skip unknown blob types, but no writer makes any: a type we do not
    // know is a damaged header, and skipping it would drop a block of ways silently (osmium refuses).
    throw new FormatError(
      'corrupt-pbf',
      `corrupt PBF: blob at byte ${offset} has the unknown type ${JSON.stringify(type)} (expected "OSMData"); the file is damaged`,
    );
  const where = `${type} blob at byte ${offset}`;
  return withDecoder((d) => {
    const data = blobPayload(d, plainBytes(blob), where, options.inflate ?? inflateZlibFflate);
    if (type === 'OSMHeader') {
      checkHeaderBlock(d, data, where);
      return 0;
    }
    d.pos = 0;
    try {
      return decodePrimitiveBlock(d, data, sink);
    } catch (e) {
      if (e instanceof WireCorruption) {
        throw new FormatError(
          'corrupt-pbf',
          `corrupt PBF: ${where}: ${e.message} (at byte ${e.at} of its ${data.length}-byte decompressed block)`,
        );
      }
      throw e;
    }
  });
}

/** The decompressed PrimitiveBlock / HeaderBlock bytes of a Blob message. */
function blobPayload(
  d: BlockDecoder,
  blob: Uint8Array,
  where: string,
  inflate: PbfInflate,
): Uint8Array {
  const end = blob.length;
  let raw: Uint8Array | undefined;
  let zlib: Uint8Array | undefined;
  let rawSize = -1;
  try {
    while (d.pos < end) {
      const k = d.key(blob, end);
      const field = k >>> 3;
      if (field === 1 || field === 3) {
        d.expectWire(k, 2, field === 1 ? 'Blob.raw' : 'Blob.zlib_data');
        const len = d.length(blob, end, field === 1 ? 'Blob.raw' : 'Blob.zlib_data');
        const bytes = blob.subarray(d.pos, d.pos + len);
        if (field === 1) raw = bytes;
        else zlib = bytes;
        d.pos += len;
      } else if (field === 2) {
        d.expectWire(k, 0, 'Blob.raw_size');
        rawSize = d.varint(blob, end);
      } else if (COMPRESSIONS[field] !== undefined) {
        throw new FormatError(
          'unsupported-pbf',
          `unsupported PBF: ${where} is ${COMPRESSIONS[field]}-compressed; only zlib and uncompressed blobs are supported (re-encode it, e.g. \`osmium cat in.osm.pbf -o out.osm.pbf\`)`,
        );
      } else d.skip(blob, end, k % 8);
    }
  } catch (e) {
    if (e instanceof WireCorruption)
      throw new FormatError('corrupt-pbf', `corrupt PBF: ${where}: ${e.message}`);
    throw e;
  }
  if (raw !== undefined) return plainBytes(raw);
  if (zlib === undefined)
    throw new FormatError('corrupt-pbf', `corrupt PBF: ${where} holds neither raw nor zlib data`);
  if (rawSize < 0 || rawSize > MAX_BLOB_BYTES) {
    throw new FormatError(
      'corrupt-pbf',
      `corrupt PBF: ${where} declares a decompressed size of ${rawSize < 0 ? 'nothing' : `${rawSize} bytes`} (expected 0..32 MiB)`,
    );
  }
  let out: Uint8Array;
  try {
    out = inflate(zlib, rawSize);
  } catch (e) {
    throw new FormatError(
      'corrupt-pbf',
      `corrupt PBF: ${where}: zlib data does not inflate (${(e as Error).message})`,
      { cause: e },
    );
  }
  if (out.length !== rawSize) {
    throw new FormatError(
      'corrupt-pbf',
      `corrupt PBF: ${where}: zlib data inflated to ${out.length} bytes, expected ${rawSize}`,
    );
  }
  return plainBytes(out);
}
