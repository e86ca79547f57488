import type { OsmFormat } from '../inputs/osm/decode-osm';
import { BLOCK_NODES, BLOCK_WAYS } from '../inputs/osm/pbf/primitive-block';
import type { OsmRoadCollector } from '../network/osm-road-collector';
import type { SpeedProfile } from '../network/profile';
import { readOsmXmlFile } from './read-osm-xml-file';
import { readOsmPbfFile } from './read-pbf-file';

/**
 * Reads the roads of an OSM file on disk into `roads` in two passes, so that only the nodes the
 * road ways refer to are kept: first the ways and turn restrictions (PBF node blocks inflated but
 * not decoded), then the nodes (PBF: only the blobs the first pass found nodes in). With a
 * profile, a turn restriction naming a way it skips takes one more pass over the ways (PBF: the
 * blobs with ways) between the two. The result is
 * the same as one pass into `roads` itself, at a fraction of the memory on a large extract; a file
 * whose node ids are not ascending takes a third pass (see `OsmRoadCollector.nodePass`).
 *
 * @param path - The OSM file.
 * @param format - Its format, as sniffed by the caller.
 * @param roads - A fresh collector.
 * @param onProgress - Called as the file is read, with bytes counted over all passes scaled to
 *   the file size (the first pass is the first half).
 * @param profile - The one profile the collector will build, if known: only the nodes of the ways
 *   it routes are kept (see `OsmRoadCollector.wayPass`).
 * @example
 * const roads = new OsmRoadCollector();
 * await readOsmRoadsTwoPass('andorra.osm.pbf', 'pbf', roads);
 * buildNetworkFromOsmRoads(roads, { profile: 'car' });
 */
export async function readOsmRoadsTwoPass(
  path: string,
  format: OsmFormat,
  roads: OsmRoadCollector,
  onProgress?: (bytesRead: number, totalBytes: number) => void,
  profile?: SpeedProfile,
): Promise<void> {
  const half = (from: number) =>
    onProgress &&
    ((done: number, total: number) => onProgress(Math.floor(from * total + done / 2), total));
  if (format === 'pbf') {
    const nodeBlobs = new Set<number>();
    const wayBlobs = new Set<number>();
    readOsmPbfFile(path, roads.wayPass(profile), {
      onProgress: half(0),
      onBlob: (at, kinds) => {
        if (kinds & BLOCK_NODES) nodeBlobs.add(at);
        if (kinds & BLOCK_WAYS) wayBlobs.add(at);
      },
    });
    if (roads.needsNamedWays)
      readOsmPbfFile(path, roads.namedWayPass(), { skipBlob: (at) => !wayBlobs.has(at) });
    const skipBlob = (at: number) => !nodeBlobs.has(at);
    readOsmPbfFile(path, roads.nodePass(), { onProgress: half(0.5), skipBlob });
    if (roads.needsAllNodes) readOsmPbfFile(path, roads.nodePass(), { skipBlob });
  } else {
    await readOsmXmlFile(path, roads.wayPass(profile), { onProgress: half(0) });
    if (roads.needsNamedWays) await readOsmXmlFile(path, roads.namedWayPass());
    await readOsmXmlFile(path, roads.nodePass(), { onProgress: half(0.5) });
    if (roads.needsAllNodes) await readOsmXmlFile(path, roads.nodePass());
  }
}
