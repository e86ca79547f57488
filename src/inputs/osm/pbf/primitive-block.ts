/**
 * A decompressed PrimitiveBlock: its string table, coordinate granularity and offsets, and its
 * PrimitiveGroups, each holding one kind of element (plain nodes, dense nodes, ways, relations,
 * changesets). Nodes and ways go to the sink, relations too when it reads them (`sink.relation`);
 * changesets are skipped unread.
 */
import type { OsmSink } from '../sink';
import type { BlockDecoder } from './block-decoder';
import { decodeDenseNodes, decodeNode } from './nodes';
import { growI32 } from './buffers';
import { decodeRelation } from './relations';
import { decodeWay } from './ways';

/** What a PrimitiveBlock holds, as bits of the mask {@link decodePrimitiveBlock} returns. */
export const BLOCK_NODES = 1;
/** The block holds ways. */
export const BLOCK_WAYS = 2;
/** The block holds relations. */
export const BLOCK_RELATIONS = 4;

/**
 * Decodes a whole PrimitiveBlock into `sink`, in file order, skipping nodes or ways unread when the
 * sink says it does not read them (`readsNodes` / `readsWays` false). Throws WireCorruption
 * (offsets into `buf`) on damage; the blob level adds where in the file the block was.
 *
 * @param d The decoder state, from `withDecoder`.
 * @param buf The decompressed block.
 * @param sink Receives the block's nodes and ways.
 * @returns What the block holds, read or not: `BLOCK_NODES | BLOCK_WAYS | BLOCK_RELATIONS` bits.
 * @example
 * const kinds = withDecoder((d) => decodePrimitiveBlock(d, block, sink));
 * if (kinds & BLOCK_NODES) nodeBlocks.push(offset);
 */
export function decodePrimitiveBlock(d: BlockDecoder, buf: Uint8Array, sink: OsmSink): number {
  const end = buf.length;
  d.pos = 0;
  d.strings.clear();
  d.granularity = 100;
  d.latOffset = 0;
  d.lonOffset = 0;
  let groups = 0;
  let sawStrings = false;
  // Granularity and offsets (fields 17-20) are written after the groups, so collect first.
  while (d.pos < end) {
    const k = d.key(buf, end);
    const field = k >>> 3;
    if (field === 1) {
      d.expectWire(k, 2, 'PrimitiveBlock.stringtable');
      const len = d.length(buf, end, 'string table');
      const stEnd = d.pos + len;
      d.strings.read(d, buf, stEnd);
      d.pos = stEnd;
      sawStrings = true;
    } else if (field === 2) {
      d.expectWire(k, 2, 'PrimitiveBlock.primitivegroup');
      const len = d.length(buf, end, 'primitive group');
      if (groups === d.groupStart.length) {
        d.groupStart = growI32(d.groupStart, groups + 1);
        d.groupEnd = growI32(d.groupEnd, groups + 1);
      }
      d.groupStart[groups] = d.pos;
      d.groupEnd[groups] = d.pos + len;
      groups++;
      d.pos += len;
    } else if (field === 17) {
      d.expectWire(k, 0, 'PrimitiveBlock.granularity');
      const at = d.pos;
      const g = d.int64(buf, end);
      if (g <= 0) d.fail(`granularity ${g} is not positive`, at);
      d.granularity = g;
    } else if (field === 19) {
      d.expectWire(k, 0, 'PrimitiveBlock.lat_offset');
      d.latOffset = d.int64(buf, end);
    } else if (field === 20) {
      d.expectWire(k, 0, 'PrimitiveBlock.lon_offset');
      d.lonOffset = d.int64(buf, end);
    } else d.skip(buf, end, k % 8);
  }
  if (!sawStrings && groups > 0) d.fail('primitive block has no string table', 0);
  let kinds = 0;
  for (let g = 0; g < groups; g++)
    kinds |= decodeGroup(d, buf, d.groupStart[g], d.groupEnd[g], sink);
  return kinds;
}

/** One PrimitiveGroup: every Node, DenseNodes and Way message in it, in order; returns its kinds. */
function decodeGroup(
  d: BlockDecoder,
  buf: Uint8Array,
  start: number,
  end: number,
  sink: OsmSink,
): number {
  const nodes = sink.readsNodes !== false;
  const ways = sink.readsWays !== false;
  let kinds = 0;
  d.pos = start;
  while (d.pos < end) {
    const k = d.key(buf, end);
    const field = k >>> 3;
    if (field >= 1 && field <= 4)
      kinds |= field === 3 ? BLOCK_WAYS : field === 4 ? BLOCK_RELATIONS : BLOCK_NODES;
    if (field >= 1 && field <= 3 && (field === 3 ? ways : nodes)) {
      d.expectWire(k, 2, field === 1 ? 'Node' : field === 2 ? 'DenseNodes' : 'Way');
      const len = d.length(buf, end, field === 1 ? 'node' : field === 2 ? 'dense nodes' : 'way');
      const next = d.pos + len;
      if (field === 1) decodeNode(d, buf, d.pos, next, sink);
      else if (field === 2) decodeDenseNodes(d, buf, d.pos, next, sink);
      else decodeWay(d, buf, d.pos, next, sink);
      d.pos = next;
    } else if (field === 4 && sink.relation !== undefined) {
      d.expectWire(k, 2, 'Relation');
      const len = d.length(buf, end, 'relation');
      const next = d.pos + len;
      decodeRelation(d, buf, d.pos, next, sink);
      d.pos = next;
    } else d.skip(buf, end, k % 8); // changesets (5), elements the sink does not read
  }
  return kinds;
}
