import { readFileSync } from 'node:fs';
import { FormatError, InputError, ServiceReachError } from '../errors';
import { optionsObject } from '../geo/check-args';
import { type OptionKeys, pickOptions } from '../geo/option-keys';
import {
  BUILD_KEYS,
  buildNetworkConsumingOsmRoads,
  buildNetworkFromGeoJson,
  GEOJSON_BUILD_KEYS,
  type GeoJsonBuildOptions,
} from '../network/build';
import { checkElevationKeys, type ElevationOptions } from '../network/elevation';
import { NETWORK_MAGIC } from '../network/network-buffer';
import { RoadNetwork } from '../network/road-network';
import { preparedHierarchy } from '../search/ch/network-hierarchy';
import { describeStart, type OsmFormat, sniffOsm } from '../inputs/osm/decode-osm';
import { OsmRoadCollector } from '../network/osm-road-collector';
import { resolveProfile } from '../network/profile';
import type { OsmSink } from '../inputs/osm/sink';
import { isShp } from '../inputs/shapefile/shp-geometry';
import { readShapefile } from '../inputs/shapefile/read-shapefile';
import { gzippedTextStart, readHead, readTextFile, writeFileAtomic } from './files';
import { shapefileParts } from './read-shapefile-file';
import { loadDem } from './load-dem';
import { readOsmXmlFile } from './read-osm-xml-file';
import { readOsmPbfFile } from './read-pbf-file';
import { readOsmRoadsTwoPass } from './read-osm-roads';

/** What a road file holds, sniffed from its first bytes. */
export type RoadFileFormat = OsmFormat | 'srn' | 'geojson' | 'shapefile';

/** Options of `loadNetwork`. */
export interface LoadNetworkOptions extends Omit<GeoJsonBuildOptions, 'elevation'> {
  /** Called as the file is read: bytes read so far and the file size. */
  onProgress?: (bytesRead: number, totalBytes: number) => void;
  /** Attribute encoding of a shapefile's `.dbf` (default: its `.cpg`, else detected). */
  encoding?: string;
  /**
   * Terrain-aware paces: a DEM file or folder (read with `loadDem`) or ready `ElevationOptions`.
   * A saved network keeps the terrain it was built with; asking one built without for it throws.
   */
  elevation?: string | ElevationOptions;
}

/** The keys of `LoadNetworkOptions`, for the unknown-key check. */
const LOAD_NETWORK_KEYS = {
  onProgress: true,
  encoding: true,
  ...GEOJSON_BUILD_KEYS,
} satisfies OptionKeys<LoadNetworkOptions>;

/** The options of `readOsmFile`. */
interface ReadOsmFileOptions {
  onProgress?: (read: number, total: number) => void;
}
const READ_OSM_FILE_KEYS = { onProgress: true } satisfies OptionKeys<ReadOsmFileOptions>;

/**
 * The format of a road file from its content: a saved network, OSM PBF, OSM XML (plain or
 * gzipped) or GeoJSON. Throws `FormatError` `unknown-format` quoting the first bytes.
 *
 * @example
 * sniffRoadFile('county.osm.pbf'); // 'pbf'
 */
export function sniffRoadFile(path: string): RoadFileFormat {
  const head = readHead(path, 64);
  if (head.length === 0) throw new FormatError('empty-file', `empty file: ${path}`);
  if (String.fromCharCode(...head.subarray(0, 8)) === NETWORK_MAGIC) return 'srn'; // spread-ok: 8 bytes
  const osm = sniffOsm(head);
  if (osm === 'xml.gz' && gzippedTextStart(path).startsWith('{')) return 'geojson';
  if (osm) return osm;
  const text = new TextDecoder().decode(head).trimStart();
  if (text.startsWith('{')) return 'geojson';
  if (isShp(head) || (head[0] === 0x50 && head[1] === 0x4b && head[2] === 3 && head[3] === 4))
    return 'shapefile';
  throw new FormatError(
    'unknown-format',
    `${path}: not a saved network (.srn), OSM PBF/XML, GeoJSON or a shapefile (starts with ${describeStart(head)})`,
    {
      zh: `${path}：不是已保存的路网（.srn）、OSM PBF/XML、GeoJSON 或 shapefile（开头是 ${describeStart(head)}）`,
    },
  );
}

/**
 * Stream an OSM file (PBF, XML or gzipped XML, sniffed from content) from disk into `sink`,
 * without holding the whole file in memory.
 *
 * @param path - The file; a missing file throws `InputError` `file-not-found`, a saved network
 *   or GeoJSON file `FormatError` `unknown-format`.
 * @param sink - Receives every node and way in file order (an `OsmRoadCollector`, an
 *   `OsmPointCollector` or your own `OsmSink`).
 * @param options - `onProgress(bytesRead, totalBytes)`, called as the file is read.
 * @returns The format found: `'pbf'`, `'xml'` or `'xml.gz'`.
 *
 * @example
 * const roads = new OsmRoadCollector();
 * await readOsmFile('andorra.osm.pbf', roads);
 */
export async function readOsmFile(
  path: string,
  sink: OsmSink,
  options: ReadOsmFileOptions = {},
): Promise<OsmFormat> {
  options = optionsObject(options, 'readOsmFile', READ_OSM_FILE_KEYS);
  const format = sniffRoadFile(path);
  if (format === 'pbf') readOsmPbfFile(path, sink, options);
  else if (format === 'xml' || format === 'xml.gz') await readOsmXmlFile(path, sink, options);
  else
    throw new FormatError(
      'unknown-format',
      `${path} is not an OSM file (it looks like ${format === 'srn' ? 'a saved network' : format === 'shapefile' ? 'a shapefile' : 'GeoJSON'})`,
    );
  return format;
}

/**
 * A road network from a file: a saved network (`.srn`, loaded as is), an OSM extract (PBF, XML,
 * `.osm.gz`), a GeoJSON FeatureCollection of roads or a shapefile of lines (`.shp` with its
 * siblings, or zipped; its `.prj` gives the CRS). GeoJSON and shapefile roads need OSM-like
 * properties (`highway`…) or a `cost` function. The format is sniffed from the content.
 *
 * @param path - The file. Missing: `InputError` `file-not-found`; empty or of another format:
 *   `FormatError`.
 * @param options - `profile` (`'car'` by default; a saved network keeps its own, and a different
 *   one given here throws `InputError` `profile-mismatch`), `cost` and `crs` for GeoJSON and
 *   shapefile roads, `encoding` for a shapefile's attributes, `onProgress(bytesRead, totalBytes)`
 *   while an OSM file is read, and `elevation` (a DEM file or folder, or `ElevationOptions`) for
 *   terrain-aware paces.
 *
 * @example
 * import { loadNetwork } from 'servicereach/node';
 * const net = await loadNetwork('../shared/data/osm/andorra-2025.osm.pbf', { profile: 'car' });
 * console.log(net.stats());
 */
export async function loadNetwork(
  path: string,
  options: LoadNetworkOptions = {},
): Promise<RoadNetwork> {
  options = optionsObject(options, 'loadNetwork', LOAD_NETWORK_KEYS);
  checkElevationKeys(options.elevation, 'loadNetwork');
  const format = sniffRoadFile(path);
  if (format === 'srn') {
    const bytes = readFileSync(path);
    let net: RoadNetwork;
    try {
      net = RoadNetwork.fromBuffer(
        new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      );
      preparedHierarchy(net); // a saved hierarchy is range-checked now, naming the file
    } catch (e) {
      if (e instanceof FormatError)
        throw new FormatError(e.code, `${path}: ${e.message}`, { cause: e });
      throw e;
    }
    if (options.profile !== undefined) {
      const wanted = typeof options.profile === 'string' ? options.profile : options.profile.name;
      if (wanted !== net.meta.profile) {
        throw new InputError(
          'profile-mismatch',
          `${path} was built with profile "${net.meta.profile}", not "${wanted}": rebuild it from the roads file`,
        );
      }
    }
    if (options.elevation !== undefined && !net.meta.elevation)
      throw new InputError(
        'elevation-mismatch',
        `${path} was built without elevation: rebuild it from the roads file with the DEM`,
      );
    return net;
  }
  const elevation =
    typeof options.elevation === 'string'
      ? { dem: await loadDem(options.elevation) }
      : options.elevation;
  if (format === 'geojson') {
    let json: unknown;
    try {
      json = JSON.parse(readTextFile(path));
    } catch (e) {
      throw new InputError('invalid-json', `${path}: invalid JSON: ${(e as Error).message}`, {
        zh: `${path}：不是有效的 JSON（${(e as Error).message}）`,
      });
    }
    return namingFile(path, () =>
      buildNetworkFromGeoJson(json, { ...pickOptions(options, GEOJSON_BUILD_KEYS), elevation }),
    );
  }
  if (format === 'shapefile') {
    // Roads as a shapefile (or a zip of one): its .prj gives the CRS unless `crs` says otherwise.
    const bytes = new Uint8Array(readFileSync(path));
    const { geojson } = readShapefile(shapefileParts(path, bytes), {
      crs: options.crs,
      encoding: options.encoding,
      source: path,
    });
    return namingFile(path, () =>
      buildNetworkFromGeoJson(geojson, {
        ...pickOptions(options, GEOJSON_BUILD_KEYS),
        crs: undefined,
        elevation,
      }),
    );
  }
  // Two passes (ways, then only the nodes of the ways this profile routes): the same network from
  // a fraction of the memory.
  const profile = namingFile(path, () => resolveProfile(options.profile ?? 'car'));
  const roads = new OsmRoadCollector();
  await readOsmRoadsTwoPass(path, format, roads, options.onProgress, profile);
  return namingFile(path, () =>
    buildNetworkConsumingOsmRoads(roads, { ...pickOptions(options, BUILD_KEYS), elevation }),
  );
}

// The builders know features and ways, not files: "no routable road", "feature #12 …" gain the path.
function namingFile<T>(path: string, build: () => T): T {
  try {
    return build();
  } catch (e) {
    if (e instanceof ServiceReachError && !e.message.includes(path)) {
      const Named = e instanceof FormatError ? FormatError : InputError;
      throw new Named(e.code, `${path}: ${e.message}`, {
        cause: e,
        zh: e.zh === undefined ? undefined : `${path}：${e.zh}`,
      });
    }
    throw e;
  }
}

/**
 * Write a network to disk in the one-buffer format `loadNetwork` reads back.
 *
 * @param net - The network.
 * @param path - Where to write; an existing file is replaced atomically (temporary file beside
 *   it, fsync, rename: a crash leaves the old file whole), and a failure is `InputError`
 *   `write-failed` naming the path and cause. The extension is free (`.srn` by convention):
 *   `loadNetwork` recognises the content.
 *
 * @example
 * saveNetwork(net, 'county.srn');
 */
export function saveNetwork(net: RoadNetwork, path: string): void {
  writeFileAtomic(path, new Uint8Array(net.toBuffer()));
}
