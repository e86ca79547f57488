/**
 * Nodes of a PrimitiveGroup: DenseNodes (what every current writer emits: ids and coordinates as
 * delta-coded packed arrays, tags as one `keys_vals` run with a 0 after each node) and plain Node
 * messages (legal, rare). Coordinates are `offset + granularity * raw` nanodegrees.
 */
import { setTag } from '../set-tag';
import type { OsmSink } from '../sink';
import type { BlockDecoder } from './block-decoder';
import { growF64 } from './buffers';

/**
 * Decodes one DenseNodes message into `sink`: `node` for each, then `taggedNode` for those with
 * tags when the sink wants them.
 *
 * @param d The decoder state (granularity and offsets of the current block).
 * @param buf The decompressed block.
 * @param start Start of the DenseNodes payload.
 * @param end End of the payload.
 * @param sink Receives the nodes.
 * @example
 * decodeDenseNodes(d, buf, d.pos, d.pos + len, sink);
 */
export function decodeDenseNodes(
  d: BlockDecoder,
  buf: Uint8Array,
  start: number,
  end: number,
  sink: OsmSink,
): void {
  let idS = 0;
  let idE = 0;
  let latS = 0;
  let latE = 0;
  let lonS = 0;
  let lonE = 0;
  let kvS = -1;
  let kvE = -1;
  d.pos = start;
  while (d.pos < end) {
    const k = d.key(buf, end);
    const field = k >>> 3;
    if (field === 1 || field === 8 || field === 9 || field === 10) {
      d.expectWire(k, 2, 'packed DenseNodes field');
      const len = d.length(buf, end, 'packed DenseNodes field');
      const s = d.pos;
      d.pos += len;
      if (field === 1) {
        idS = s;
        idE = d.pos;
      } else if (field === 8) {
        latS = s;
        latE = d.pos;
      } else if (field === 9) {
        lonS = s;
        lonE = d.pos;
      } else {
        kvS = s;
        kvE = d.pos;
      }
    } else d.skip(buf, end, k % 8);
  }
  d.ids = growF64(d.ids, idE - idS);
  d.lats = growF64(d.lats, latE - latS);
  d.lons = growF64(d.lons, lonE - lonS);
  const ids = d.ids;
  const lats = d.lats;
  const lons = d.lons;
  const n = d.unpackDeltas(buf, idS, idE, ids);
  if (d.unpackDeltas(buf, latS, latE, lats) !== n || d.unpackDeltas(buf, lonS, lonE, lons) !== n) {
    d.fail(`DenseNodes has ${n} ids but a different number of latitudes or longitudes`, start);
  }
  const gran = d.granularity;
  const latOff = d.latOffset;
  const lonOff = d.lonOffset;
  // Writers omit keys_vals (or leave it empty) when no node of the group has tags.
  const wantTags = sink.taggedNode !== undefined && kvE > kvS;
  if (!wantTags) {
    for (let i = 0; i < n; i++) {
      sink.node(ids[i], (lonOff + gran * lons[i]) / 1e9, (latOff + gran * lats[i]) / 1e9);
    }
    return;
  }
  d.kv = growF64(d.kv, kvE - kvS);
  const kv = d.kv;
  const kvN = d.unpackUints(buf, kvS, kvE, kv);
  const strings = d.strings;
  let j = 0;
  for (let i = 0; i < n; i++) {
    const id = ids[i];
    const lon = (lonOff + gran * lons[i]) / 1e9;
    const lat = (latOff + gran * lats[i]) / 1e9;
    sink.node(id, lon, lat);
    if (j >= kvN) d.fail(`DenseNodes.keys_vals ends before node ${id}`, kvS);
    if (kv[j] === 0) {
      j++;
      continue;
    }
    const tags: Record<string, string> = {};
    while (j < kvN && kv[j] !== 0) {
      if (j + 1 >= kvN) d.fail(`DenseNodes.keys_vals has a key without a value at node ${id}`, kvS);
      setTag(tags, strings.get(kv[j], kvS), strings.get(kv[j + 1], kvS));
      j += 2;
    }
    j++;
    sink.taggedNode?.(id, lon, lat, tags);
  }
}

/**
 * Decodes one plain Node message into `sink`.
 *
 * @param d The decoder state (granularity and offsets of the current block).
 * @param buf The decompressed block.
 * @param start Start of the Node payload.
 * @param end End of the payload.
 * @param sink Receives the node.
 * @example
 * decodeNode(d, buf, d.pos, d.pos + len, sink);
 */
export function decodeNode(
  d: BlockDecoder,
  buf: Uint8Array,
  start: number,
  end: number,
  sink: OsmSink,
): void {
  let id = Number.NaN;
  let latRaw = Number.NaN;
  let lonRaw = Number.NaN;
  let kS = 0;
  let kE = 0;
  let vS = 0;
  let vE = 0;
  d.pos = start;
  while (d.pos < end) {
    const k = d.key(buf, end);
    const field = k >>> 3;
    if (field === 1 || field === 8 || field === 9) {
      d.expectWire(k, 0, 'Node id/lat/lon');
      const u = d.varint(buf, end);
      const v = u % 2 === 1 ? -(u + 1) / 2 : u / 2;
      if (field === 1) id = v;
      else if (field === 8) latRaw = v;
      else lonRaw = v;
    } else if (field === 2 || field === 3) {
      d.expectWire(k, 2, 'Node keys/vals');
      const len = d.length(buf, end, 'Node keys/vals');
      if (field === 2) {
        kS = d.pos;
        kE = d.pos + len;
      } else {
        vS = d.pos;
        vE = d.pos + len;
      }
      d.pos += len;
    } else d.skip(buf, end, k % 8);
  }
  if (Number.isNaN(id) || Number.isNaN(latRaw) || Number.isNaN(lonRaw)) {
    d.fail('Node lacks its id, lat or lon', start);
  }
  const lon = (d.lonOffset + d.granularity * lonRaw) / 1e9;
  const lat = (d.latOffset + d.granularity * latRaw) / 1e9;
  sink.node(id, lon, lat);
  if (sink.taggedNode !== undefined && kE > kS) {
    const n = d.unpackKeysVals(buf, kS, kE, vS, vE, start);
    sink.taggedNode(id, lon, lat, d.strings.tags(d.keys, d.vals, n, start));
  }
}
