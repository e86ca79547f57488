/**
 * OSM XML decoding, streaming and browser-safe: the decoder API. Chunks of text or bytes are
 * buffered only as far as a partial tag; the scanner (scanner.ts) tokenises complete markup, and
 * the element handler (elements.ts) turns tags into sink calls.
 */
import { GunzipStream, isGzip } from '../../gzip';
import type { OsmSink } from '../sink';
import { GT, isWs, SLASH, startsWithAscii } from './chars';
import { OsmXmlScanner } from './scanner';

// Text handed over as one JS string is encoded in slices of this many UTF-16 units, so the byte
// buffer stays small even for a huge string.
const STRING_SLICE = 1 << 18;

const EMPTY = new Uint8Array(0);

/**
 * A push-style OSM XML decoder: feed it text or UTF-8 bytes in chunks of any size, then call `end()`.
 *
 * @example
 * const decoder: OsmXmlDecoder = createOsmXmlDecoder(sink);
 * decoder.write(new TextEncoder().encode('<osm><node id="1" lat="50" lon="11"/>'));
 * decoder.write('</osm>');
 * decoder.end();
 */
export interface OsmXmlDecoder {
  /** Feeds the next chunk: UTF-8 bytes or text, split anywhere (even inside a character). */
  write(chunk: string | Uint8Array): void;
  /** Flushes the last element and checks the document is complete. */
  end(): void;
}

/** Chunk handling: joins a partial tag to the next chunk, and text to UTF-8 bytes. */
class StreamingOsmXmlDecoder implements OsmXmlDecoder {
  private readonly scanner: OsmXmlScanner;
  private readonly encoder = new TextEncoder();
  private ended = false;
  /** The first error thrown; rethrown by later calls so a caller cannot decode past damage. */
  private failed: unknown = null;
  /** A high surrogate that ended the previous string chunk, joined to the next one. */
  private pendingSurrogate = '';
  /** Unprocessed bytes (a partial tag at most) left over from the previous write. */
  private buf: Uint8Array = EMPTY;

  constructor(sink: OsmSink) {
    this.scanner = new OsmXmlScanner(sink);
  }

  write(chunk: string | Uint8Array): void {
    this.guard();
    try {
      if (typeof chunk === 'string') this.writeString(chunk);
      else this.writeBytes(chunk);
    } catch (e) {
      this.failed = e;
      throw e;
    }
  }

  end(): void {
    this.guard();
    this.ended = true;
    try {
      if (this.pendingSurrogate !== '') this.writeBytes(this.encoder.encode(this.pendingSurrogate));
      this.scanner.scan(this.buf, 0, true);
      this.scanner.finish();
    } catch (e) {
      this.failed = e;
      throw e;
    }
  }

  private guard(): void {
    if (this.failed !== null) throw this.failed;
    if (this.ended) throw new Error('OSM XML decoder: write() or end() called after end()');
  }

  private writeString(text: string): void {
    if (this.pendingSurrogate !== '') {
      text = this.pendingSurrogate + text;
      this.pendingSurrogate = '';
    }
    // Encoding a lone half of a surrogate pair would turn it into U+FFFD: keep it for the next chunk.
    const last = text.charCodeAt(text.length - 1);
    if (last >= 0xd800 && last <= 0xdbff) {
      this.pendingSurrogate = text.slice(-1);
      text = text.slice(0, -1);
    }
    for (let i = 0; i < text.length; ) {
      let j = Math.min(text.length, i + STRING_SLICE);
      const c = text.charCodeAt(j - 1);
      if (j < text.length && c >= 0xd800 && c <= 0xdbff) j--;
      this.writeBytes(this.encoder.encode(text.slice(i, j)));
      i = j;
    }
  }

  private writeBytes(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    const rest = this.buf.length;
    let b = chunk;
    if (rest > 0) {
      b = new Uint8Array(rest + chunk.length);
      b.set(this.buf);
      b.set(chunk, rest);
    }
    const done = this.scanner.scan(b, 0, false);
    // Copy the unprocessed tail: the caller may reuse the chunk's memory once write() returns.
    this.buf = done < b.length ? b.slice(done) : EMPTY;
  }
}

/**
 * Creates a streaming OSM XML decoder that calls `sink` for every node and way as soon as its
 * markup is complete, keeping only the current element in memory. Chunks may split the input
 * anywhere, including inside a tag or a multi-byte UTF-8 character.
 *
 * Calls `sink.node` for every `<node>` (at its start tag), `sink.taggedNode` after `</node>` for
 * nodes with tags (only if the sink defines it), and `sink.way` after `</way>` with a reused refs
 * buffer, unless `sink.wantWay` rejects the tags. Relations, bounds and other elements are skipped.
 * Objects marked `visible="false"` (deleted, in history output) are skipped.
 *
 * Throws `FormatError` `corrupt-xml` (with line number, element id and offending value) for
 * malformed markup, missing or non-numeric id/lat/lon and truncated input, and `not-osm-xml` when
 * the input is not XML or the root element is not `<osm>`.
 *
 * @param sink Receives the nodes and ways.
 * @example
 * const decoder = createOsmXmlDecoder(sink);
 * for await (const chunk of response.body!) decoder.write(chunk);
 * decoder.end();
 */
export function createOsmXmlDecoder(sink: OsmSink): OsmXmlDecoder {
  return new StreamingOsmXmlDecoder(sink);
}

/**
 * Decodes a whole OSM XML document (text, UTF-8 bytes, or gzipped bytes, detected by content) into
 * `sink`. See `createOsmXmlDecoder` for what is called and thrown; gzip damage throws `corrupt-gzip`.
 *
 * @param input The document: text, UTF-8 bytes, or gzipped UTF-8 bytes.
 * @param sink Receives the nodes and ways.
 * @example
 * const counts = { nodes: 0, ways: 0 };
 * decodeOsmXml(new Uint8Array(await file.arrayBuffer()), {
 *   node: () => { counts.nodes++; },
 *   way: () => { counts.ways++; },
 * });
 */
export function decodeOsmXml(input: string | Uint8Array, sink: OsmSink): void {
  const decoder = createOsmXmlDecoder(sink);
  if (typeof input !== 'string' && isGzip(input)) {
    const gz = new GunzipStream((chunk) => decoder.write(chunk));
    // Slicing bounds each decompressed chunk, so no more than a slice's output is held at once.
    const step = 1 << 16;
    for (let i = 0; i < input.length; i += step)
      gz.push(input.subarray(i, Math.min(input.length, i + step)));
    gz.end();
  } else {
    decoder.write(input);
  }
  decoder.end();
}

/**
 * Sniffs whether `bytes` (the start of a file is enough) look like OSM XML: after an optional
 * byte-order mark and whitespace, `<?xml` or `<osm`. Gzipped data is not looked into: check
 * `isGzip` first.
 *
 * @param bytes The start of a file (or text).
 * @example
 * if (isOsmXml(firstBytes)) decodeOsmXml(bytes, sink);
 */
export function isOsmXml(bytes: Uint8Array | string): boolean {
  const b = typeof bytes === 'string' ? new TextEncoder().encode(bytes.slice(0, 64)) : bytes;
  let i = b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
  while (i < b.length && isWs(b[i])) i++;
  if (startsWithAscii(b, i, '<?xml')) return true;
  if (!startsWithAscii(b, i, '<osm')) return false;
  const after = i + 4 < b.length ? b[i + 4] : GT;
  return isWs(after) || after === GT || after === SLASH;
}
