import { FormatError } from '../../errors';
import { gunzipBytes, isGzip } from '../gzip';
import { decodeOsmPbf, isPbf } from './pbf/file';
import type { OsmSink } from './sink';
import { decodeOsmXml, isOsmXml } from './xml/decoder';

/** The OSM encodings servicereach reads, as sniffed from content (never from a file name). */
export type OsmFormat = 'pbf' | 'xml' | 'xml.gz';

/**
 * Which OSM encoding `bytes` hold, or `null` when they are none of them.
 *
 * @param bytes - The file's first bytes (64 are enough) or all of it.
 * @returns `pbf`, `xml` or `xml.gz`, or `null` for anything else (nothing throws).
 * @example
 * sniffOsm(new TextEncoder().encode('<?xml version="1.0"?><osm>')); // 'xml'
 */
export function sniffOsm(bytes: Uint8Array): OsmFormat | null {
  if (isPbf(bytes)) return 'pbf';
  if (isGzip(bytes)) return 'xml.gz';
  if (isOsmXml(bytes)) return 'xml';
  return null;
}

/**
 * Decode a whole OSM file held in memory (PBF, XML or gzipped XML) into `sink`. Browser-safe;
 * in Node, `readOsmFile` from `servicereach/node` streams from disk instead.
 *
 * @param bytes - The whole file. Empty, unknown or damaged data throws `FormatError` naming what
 *   it found (never a silently shorter result).
 * @param sink - Receives nodes, tagged nodes and ways (`OsmRoadCollector`, `OsmPointCollector`, or
 *   your own `OsmSink`).
 * @returns The format that was read.
 * @example
 * const roads = new OsmRoadCollector();
 * decodeOsm(new Uint8Array(await file.arrayBuffer()), roads);
 */
export function decodeOsm(bytes: Uint8Array, sink: OsmSink): OsmFormat {
  const format = sniffOsm(bytes);
  if (format === 'pbf') decodeOsmPbf(bytes, sink);
  else if (format === 'xml') decodeOsmXml(bytes, sink);
  else if (format === 'xml.gz') {
    const inner = gunzipBytes(bytes);
    if (!isOsmXml(inner))
      throw new FormatError(
        'unknown-format',
        'gzip data that is not OSM XML (expected <?xml … <osm> after decompression)',
      );
    decodeOsmXml(inner, sink);
  } else if (bytes.length === 0) {
    throw new FormatError('empty-file', 'empty input: 0 bytes where OSM data was expected');
  } else {
    throw new FormatError(
      'unknown-format',
      `not OSM PBF, OSM XML or gzipped OSM XML (starts with ${describeStart(bytes)})`,
    );
  }
  return format;
}

/** The first bytes of a buffer in a form fit for an error message. */
export function describeStart(bytes: Uint8Array): string {
  const head = bytes.subarray(0, 16);
  const text = String.fromCharCode(...head); // spread-ok: at most 16 bytes
  return /^[\x20-\x7e\t\r\n]*$/.test(text)
    ? JSON.stringify(text)
    : `bytes ${[...head].map((b) => b.toString(16).padStart(2, '0')).join(' ')}`;
}
