import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { FormatError, InputError, ServiceReachError } from '../errors';
import { isGzip } from '../inputs/gzip';
import type { OsmSink } from '../inputs/osm/sink';
import { createOsmXmlDecoder } from '../inputs/osm/xml/decoder';

/**
 * Options for `readOsmXmlFile`.
 *
 * @example
 * const options: ReadOsmXmlFileOptions = { onProgress: (done, total) => bar.update(done / total) };
 */
export interface ReadOsmXmlFileOptions {
  /** Called as the file is read; `bytesRead` counts file (compressed) bytes, up to `totalBytes`. */
  onProgress?(bytesRead: number, totalBytes: number): void;
}

/**
 * Streams an OSM XML file (`.osm`, or gzipped — detected by its magic bytes, not its name) into
 * `sink`, holding only one read buffer and the current element in memory.
 *
 * Throws `InputError` `file-not-found` / `not-a-file` for a bad path, `FormatError` `corrupt-gzip`
 * for damaged compression, and the decoder's `corrupt-xml` / `not-osm-xml` errors prefixed with the
 * path.
 *
 * @example
 * const roads = new OsmRoadCollector();
 * await readOsmXmlFile('region.osm.gz', roads, {
 *   onProgress: (done, total) => process.stderr.write(`\r${((100 * done) / total).toFixed(0)}%`),
 * });
 */
export async function readOsmXmlFile(
  path: string,
  sink: OsmSink,
  options: ReadOsmXmlFileOptions = {},
): Promise<void> {
  let totalBytes: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new InputError('not-a-file', `OSM XML path is not a file: ${path}`);
    totalBytes = info.size;
  } catch (e) {
    if (e instanceof InputError) throw e;
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new InputError('file-not-found', `OSM XML file not found: ${path}`, {
        cause: e,
        zh: `找不到 OSM XML 文件：${path}`,
      });
    }
    throw e;
  }

  const head = new Uint8Array(3);
  const handle = await open(path, 'r');
  let headLength: number;
  try {
    headLength = (await handle.read(head, 0, 3, 0)).bytesRead;
  } finally {
    await handle.close();
  }
  const gzipped = isGzip(head.subarray(0, headLength));

  const decoder = createOsmXmlDecoder(sink);
  const file = createReadStream(path);
  const onProgress = options.onProgress;
  const consume = async (source: AsyncIterable<Buffer>): Promise<void> => {
    for await (const chunk of source) {
      decoder.write(chunk);
      onProgress?.(file.bytesRead, totalBytes);
    }
    decoder.end();
  };
  try {
    // 64 KiB output chunks instead of zlib's 16 KiB default: a quarter of the per-chunk overhead in
    // the decoder, measured ~10% faster end to end, memory still bounded.
    if (gzipped) await pipeline(file, createGunzip({ chunkSize: 1 << 16 }), consume);
    else await pipeline(file, consume);
  } catch (e) {
    // The decoder cannot know the file name; a sink's own errors are passed through untouched.
    if (e instanceof FormatError)
      throw new FormatError(e.code, `${path}: ${e.message}`, { cause: e });
    if (e instanceof ServiceReachError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (gzipped && typeof code === 'string' && code.startsWith('Z_')) {
      throw new FormatError(
        'corrupt-gzip',
        `${path}: gzip data is truncated or corrupt (${(e as Error).message})`,
        {
          cause: e,
        },
      );
    }
    throw e;
  }
  onProgress?.(totalBytes, totalBytes);
}
