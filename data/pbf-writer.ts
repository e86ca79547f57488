/**
 * A small OpenStreetMap PBF writer, written from the format description
 * (https://wiki.openstreetmap.org/wiki/PBF_Format): an OSMHeader blob, then OSMData blobs of at
 * most 8,000 entities, each a zlib-compressed PrimitiveBlock with its own string table. Nodes go
 * into DenseNodes (delta-coded ids and coordinates at the default granularity of 100 nanodegrees),
 * ways carry packed keys, values and delta-coded refs. No metadata (versions, users, timestamps).
 *
 * Blocks are written as soon as they fill, so memory stays bounded by one block whatever the file
 * size. Nodes must all come before ways and ids must increase, which lets the header promise
 * `Sort.Type_then_ID` and keeps every delta small.
 *
 * The framing is exported too ({@link encodePbfBlob}, {@link encodePbfHeaderBlock}): the decoder's
 * tests build unusual and damaged files from them (raw and "zstd" blobs, odd header features,
 * hand-made PrimitiveBlocks written with {@link ProtoWriter}), so there is one PBF writer, here.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { ProtoWriter } from './proto-writer';

/**
 * Options of {@link PbfWriter}.
 *
 * @example
 * new PbfWriter('out.osm.pbf', { bbox: [1.4, 42.4, 1.8, 42.7], level: 6 });
 */
export interface PbfWriterOptions {
  /** Written to the header as `[west, south, east, north]` in degrees; informational for readers. */
  bbox?: readonly [number, number, number, number];
  /** HeaderBlock.writingprogram (default `servicereach data/pbf-writer`). */
  writingProgram?: string;
  /** zlib level 0–9 (default 6); the output is byte-identical for the same input and level. */
  level?: number;
}

/**
 * Counts of a finished file.
 *
 * @example
 * const { nodes, ways, bytes } = writer.close();
 */
export interface PbfWriterStats {
  nodes: number;
  ways: number;
  /** OSMData blobs written. */
  blocks: number;
  /** File size in bytes. */
  bytes: number;
}

/** The format's recommended cap on entities per block. */
const MAX_ENTITIES = 8000;
/** Way refs per block; keeps an uncompressed block far below the format's 16 MiB guideline. */
const MAX_REFS = 1 << 20;
/** Ids stay within ±2^51 so that every delta's zigzag value (≤ 2^53) is exact in a double. */
const MAX_ABS_ID = 2 ** 51;

/**
 * Streams nodes and ways into an `.osm.pbf` file.
 *
 * @example
 * const w = new PbfWriter('tiny.osm.pbf');
 * w.node(1, 1.5, 42.5);
 * w.node(2, 1.501, 42.5, { highway: 'crossing' });
 * w.way(10, [1, 2], { highway: 'residential', name: 'Carrer Major' });
 * w.close(); // { nodes: 2, ways: 1, blocks: 2, bytes: … }
 */
export class PbfWriter {
  private fd: number;
  private readonly level: number;
  private bytesWritten = 0;
  private blocks = 0;
  private nodes = 0;
  private ways = 0;
  private lastNodeId = -Infinity;
  private lastWayId = -Infinity;
  private relations = 0;
  private lastRelationId = -Infinity;
  /** Relations waiting for the block: few in any file we write, kept as given. */
  private pendingRelations: {
    id: number;
    types: number[];
    refs: number[];
    roles: string[];
    tags: Record<string, string>;
  }[] = [];
  private closed = false;

  // The block being filled: either nodes or ways, never both.
  private count = 0;
  private ids = new Float64Array(MAX_ENTITIES);
  private lon7 = new Int32Array(MAX_ENTITIES);
  private lat7 = new Int32Array(MAX_ENTITIES);
  /** Dense keys_vals: string indices, each node's pairs closed by a 0. */
  private kv: number[] = [];
  private anyNodeTags = false;
  /** Way i's refs are refs[refEnd[i - 1]..refEnd[i]), its tag indices tags[tagEnd[i - 1]..tagEnd[i]) as key, value pairs. */
  private refs = new Float64Array(1 << 16);
  private refCount = 0;
  private refEnd = new Int32Array(MAX_ENTITIES);
  private tagIdx: number[] = [];
  private tagEnd = new Int32Array(MAX_ENTITIES);
  /**
   * Per-block string table. Index 0 is a placeholder never handed out, since 0 ends a node's
   * keys_vals; a real empty string gets an index of its own.
   */
  private strings = new Map<string, number>();
  private stringList: string[] = [''];

  // Reused encoders: the block, its string table and group, and the packed arrays.
  private readonly block = new ProtoWriter();
  private readonly part = new ProtoWriter();
  private readonly group = new ProtoWriter();
  private readonly packed = new ProtoWriter();

  constructor(path: string, options: PbfWriterOptions = {}) {
    const level = options.level ?? 6;
    if (!Number.isInteger(level) || level < 0 || level > 9)
      throw new Error(`PbfWriter: zlib level must be an integer 0..9, got ${options.level}`);
    this.level = level;
    if (options.bbox) {
      const [w, s, e, n] = options.bbox;
      if (!(w >= -180 && e <= 180 && w <= e && s >= -90 && n <= 90 && s <= n))
        throw new Error(
          `PbfWriter: bbox must be [west, south, east, north] in degrees, got [${options.bbox.join(', ')}]`,
        );
    }
    const header = encodePbfHeaderBlock({
      bbox: options.bbox,
      requiredFeatures: ['OsmSchema-V0.6', 'DenseNodes'],
      optionalFeatures: ['Sort.Type_then_ID'],
      writingProgram: options.writingProgram ?? 'servicereach data/pbf-writer',
    });
    this.fd = openSync(path, 'w');
    this.writeBlob('OSMHeader', header);
  }

  /** Adds a node; `lon`/`lat` in degrees, kept to 1e-7°. Throws after a way or on a non-increasing id. */
  node(id: number, lon: number, lat: number, tags?: Record<string, string>): void {
    this.checkOpen();
    if (this.ways > 0)
      throw new Error(
        `PbfWriter: node ${id} comes after ways; write every node before the first way`,
      );
    if (!(id > this.lastNodeId))
      throw new Error(`PbfWriter: node ids must increase, got ${id} after ${this.lastNodeId}`);
    checkId(id, 'node');
    if (!(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90))
      throw new Error(`PbfWriter: node ${id} has coordinates outside the globe: ${lon}, ${lat}`);
    if (this.count === MAX_ENTITIES) this.flush();
    const i = this.count++;
    this.ids[i] = id;
    this.lon7[i] = Math.round(lon * 1e7);
    this.lat7[i] = Math.round(lat * 1e7);
    if (tags) {
      for (const k in tags) {
        if (!Object.hasOwn(tags, k)) continue;
        this.kv.push(this.str(k), this.str(tags[k]));
        this.anyNodeTags = true;
      }
    }
    this.kv.push(0);
    this.lastNodeId = id;
    this.nodes++;
  }

  /** Adds a way over node ids `refs`. Throws on a non-increasing id. */
  way(id: number, refs: ArrayLike<number>, tags: Record<string, string>): void {
    this.checkOpen();
    if (this.relations > 0)
      throw new Error(`PbfWriter: way ${id} comes after relations; write every way first`);
    if (!(id > this.lastWayId))
      throw new Error(`PbfWriter: way ids must increase, got ${id} after ${this.lastWayId}`);
    checkId(id, 'way');
    if (this.ways === 0 && this.count > 0) this.flush(); // the last node block
    if (this.count === MAX_ENTITIES || (this.count > 0 && this.refCount + refs.length > MAX_REFS))
      this.flush();
    if (this.refs.length < this.refCount + refs.length) {
      const grown = new Float64Array(Math.max(this.refCount + refs.length, this.refs.length * 2));
      grown.set(this.refs.subarray(0, this.refCount));
      this.refs = grown;
    }
    for (let j = 0; j < refs.length; j++) {
      const r = refs[j];
      if (!Number.isInteger(r) || Math.abs(r) > MAX_ABS_ID)
        throw new Error(`PbfWriter: way ${id} refers to node ${r}, not an integer within ±2^51`);
    }
    for (let j = 0; j < refs.length; j++) this.refs[this.refCount++] = refs[j];
    for (const k in tags) {
      if (Object.hasOwn(tags, k)) this.tagIdx.push(this.str(k), this.str(tags[k]));
    }
    const i = this.count++;
    this.ids[i] = id;
    this.refEnd[i] = this.refCount;
    this.tagEnd[i] = this.tagIdx.length;
    this.lastWayId = id;
    this.ways++;
  }

  /**
   * Adds a relation; `members` as `[type, id, role]` with type `node`, `way` or `relation`. Write
   * relations after every node and way. Throws on a non-increasing id.
   */
  relation(
    id: number,
    members: readonly [type: 'node' | 'way' | 'relation', ref: number, role: string][],
    tags: Record<string, string>,
  ): void {
    this.checkOpen();
    if (!(id > this.lastRelationId))
      throw new Error(
        `PbfWriter: relation ids must increase, got ${id} after ${this.lastRelationId}`,
      );
    checkId(id, 'relation');
    if (this.relations === 0 && this.count > 0) this.flush(); // the last node or way block
    if (this.pendingRelations.length === MAX_ENTITIES) this.flush();
    const types = members.map(([t]) => (t === 'node' ? 0 : t === 'way' ? 1 : 2));
    this.pendingRelations.push({
      id,
      types,
      refs: members.map(([, r]) => r),
      roles: members.map(([, , role]) => role),
      tags,
    });
    this.count++;
    this.lastRelationId = id;
    this.relations++;
  }

  /** Writes the last block and closes the file. */
  close(): PbfWriterStats {
    this.checkOpen();
    if (this.count > 0) this.flush();
    closeSync(this.fd);
    this.closed = true;
    return { nodes: this.nodes, ways: this.ways, blocks: this.blocks, bytes: this.bytesWritten };
  }

  private checkOpen(): void {
    if (this.closed) throw new Error('PbfWriter: already closed');
  }

  private str(s: string): number {
    let i = this.strings.get(s);
    if (i === undefined) {
      i = this.stringList.length;
      this.strings.set(s, i);
      this.stringList.push(s);
    }
    return i;
  }

  /** Encodes the pending nodes or ways as one PrimitiveBlock and writes it. */
  private flush(): void {
    const { group, packed, part, block } = this;
    group.reset();
    if (this.relations > 0) this.encodeRelations(group);
    else if (this.ways === 0) this.encodeDense(group);
    else this.encodeWays(group);
    block.reset();
    part.reset();
    for (const s of this.stringList) part.string(1, s);
    block.bytes(1, part.finish()); // StringTable
    block.bytes(2, group.finish()); // one PrimitiveGroup
    block.uint(17, 100); // granularity, spelled out although it is the default
    this.writeBlob('OSMData', block.finish());
    packed.reset();
    this.count = 0;
    this.kv.length = 0;
    this.anyNodeTags = false;
    this.refCount = 0;
    this.tagIdx.length = 0;
    this.strings.clear();
    this.stringList = [''];
  }

  private encodeDense(group: ProtoWriter): void {
    const { packed, part, count } = this;
    part.reset();
    const deltas = (values: ArrayLike<number>) => {
      packed.reset();
      let prev = 0;
      for (let i = 0; i < count; i++) {
        packed.sint(values[i] - prev);
        prev = values[i];
      }
      return packed.finish();
    };
    part.bytes(1, deltas(this.ids));
    part.bytes(8, deltas(this.lat7));
    part.bytes(9, deltas(this.lon7));
    // Readers take a missing keys_vals as "no node has tags", which saves a byte per node.
    if (this.anyNodeTags) {
      packed.reset();
      for (const x of this.kv) packed.varint(x);
      part.bytes(10, packed.finish());
    }
    group.bytes(2, part.finish());
  }

  private encodeRelations(group: ProtoWriter): void {
    const { packed, part } = this;
    for (const r of this.pendingRelations) {
      part.reset();
      part.int64Field(1, r.id);
      const keys = Object.keys(r.tags);
      if (keys.length) {
        part.bytes(2, this.packedOf(keys.map((k) => this.str(k))));
        part.bytes(3, this.packedOf(keys.map((k) => this.str(r.tags[k]))));
      }
      part.bytes(8, this.packedOf(r.roles.map((role) => this.str(role))));
      packed.reset();
      let prev = 0;
      for (const ref of r.refs) {
        packed.sint(ref - prev);
        prev = ref;
      }
      part.bytes(9, packed.finish());
      part.bytes(10, this.packedOf(r.types));
      group.bytes(4, part.finish());
    }
    this.pendingRelations = [];
  }

  /** Packed varints of `values`, as bytes of their own. */
  private packedOf(values: readonly number[]): Uint8Array {
    this.packed.reset();
    for (const v of values) this.packed.varint(v);
    return this.packed.finish().slice();
  }

  private encodeWays(group: ProtoWriter): void {
    const { packed, part } = this;
    let r0 = 0;
    let t0 = 0;
    for (let i = 0; i < this.count; i++) {
      part.reset();
      part.int64Field(1, this.ids[i]);
      const t1 = this.tagEnd[i];
      if (t1 > t0) {
        packed.reset();
        for (let t = t0; t < t1; t += 2) packed.varint(this.tagIdx[t]);
        part.bytes(2, packed.finish());
        packed.reset();
        for (let t = t0 + 1; t < t1; t += 2) packed.varint(this.tagIdx[t]);
        part.bytes(3, packed.finish());
      }
      const r1 = this.refEnd[i];
      packed.reset();
      let prev = 0;
      for (let r = r0; r < r1; r++) {
        packed.sint(this.refs[r] - prev);
        prev = this.refs[r];
      }
      part.bytes(8, packed.finish());
      group.bytes(3, part.finish());
      r0 = r1;
      t0 = t1;
    }
  }

  /** One zlib-compressed blob, framed. */
  private writeBlob(type: 'OSMHeader' | 'OSMData', raw: Uint8Array): void {
    this.write(encodePbfBlob(type, raw, { level: this.level }));
    if (type === 'OSMData') this.blocks++;
  }

  private write(bytes: Uint8Array): void {
    let done = 0;
    while (done < bytes.length) done += writeSync(this.fd, bytes, done, bytes.length - done);
    this.bytesWritten += bytes.length;
  }
}

/**
 * What goes into a HeaderBlock, the payload of a file's OSMHeader blob.
 *
 * @example
 * encodePbfHeaderBlock({ requiredFeatures: ['OsmSchema-V0.6', 'HistoricalInformation'] });
 */
export interface PbfHeaderBlockOptions {
  /** HeaderBBox as `[west, south, east, north]` in degrees; not validated here. */
  bbox?: readonly [number, number, number, number];
  /** HeaderBlock.required_features: what a reader must implement to read the file. */
  requiredFeatures?: readonly string[];
  /** HeaderBlock.optional_features, such as `Sort.Type_then_ID`. */
  optionalFeatures?: readonly string[];
  /** HeaderBlock.writingprogram. */
  writingProgram?: string;
}

/**
 * Encodes a HeaderBlock message. {@link PbfWriter} writes one with `OsmSchema-V0.6` and
 * `DenseNodes`; tests pass other features (`HistoricalInformation`, made-up ones) to check that
 * readers refuse them.
 *
 * @param options The bbox, features and writing program.
 * @example
 * const header = encodePbfBlob('OSMHeader', encodePbfHeaderBlock({ requiredFeatures: ['OsmSchema-V0.6'] }));
 */
export function encodePbfHeaderBlock(options: PbfHeaderBlockOptions): Uint8Array {
  const header = new ProtoWriter(256);
  if (options.bbox) {
    const [w, s, e, n] = options.bbox;
    // HeaderBBox is in nanodegrees: left, right, top, bottom.
    header.message(1, (bb) => {
      bb.sintField(1, Math.round(w * 1e9));
      bb.sintField(2, Math.round(e * 1e9));
      bb.sintField(3, Math.round(n * 1e9));
      bb.sintField(4, Math.round(s * 1e9));
    });
  }
  for (const f of options.requiredFeatures ?? []) header.string(4, f);
  for (const f of options.optionalFeatures ?? []) header.string(5, f);
  if (options.writingProgram !== undefined) header.string(16, options.writingProgram);
  return header.finish();
}

/**
 * How {@link encodePbfBlob} stores a payload: zlib-compressed (what {@link PbfWriter} writes),
 * raw (`Blob.raw`, legal and readable), or `zstd`, which puts the payload *uncompressed* into
 * `Blob.zstd_data`: not real zstd, only enough for a test that readers refuse the compression.
 *
 * @example
 * const encoding: PbfBlobEncoding = 'raw';
 */
export type PbfBlobEncoding = 'zlib' | 'raw' | 'zstd';

/**
 * Options of {@link encodePbfBlob}.
 *
 * @example
 * encodePbfBlob('OSMData', block, { encoding: 'zlib', level: 9 });
 */
export interface PbfBlobOptions {
  /** How the payload is stored (default `zlib`). */
  encoding?: PbfBlobEncoding;
  /** zlib level 0–9 (default 6). */
  level?: number;
}

/**
 * One framed blob of a PBF file: the BlobHeader's length (4 bytes, big-endian), the BlobHeader,
 * then the Blob. A file is an `OSMHeader` blob followed by `OSMData` blobs; any other `type` is
 * one readers must skip.
 *
 * @param type BlobHeader.type: `OSMHeader`, `OSMData`, or another.
 * @param payload The HeaderBlock or PrimitiveBlock (or any bytes, for damaged-input tests).
 * @param options Encoding and zlib level.
 * @example
 * const file = concat(
 *   encodePbfBlob('OSMHeader', encodePbfHeaderBlock({ requiredFeatures: ['OsmSchema-V0.6'] })),
 *   encodePbfBlob('OSMData', primitiveBlock, { encoding: 'raw' }),
 * );
 */
export function encodePbfBlob(
  type: string,
  payload: Uint8Array,
  options: PbfBlobOptions = {},
): Uint8Array {
  const encoding = options.encoding ?? 'zlib';
  const blob = new ProtoWriter(payload.length + 64);
  if (encoding === 'raw') blob.bytes(1, payload);
  else {
    blob.uint(2, payload.length); // raw_size
    if (encoding === 'zlib') blob.bytes(3, deflateSync(payload, { level: options.level ?? 6 }));
    else blob.bytes(7, payload); // zstd_data, left uncompressed
  }
  const blobBytes = blob.finish();
  const header = new ProtoWriter(64);
  header.string(1, type);
  header.uint(3, blobBytes.length); // datasize
  const headerBytes = header.finish();
  const out = new Uint8Array(4 + headerBytes.length + blobBytes.length);
  new DataView(out.buffer).setUint32(0, headerBytes.length);
  out.set(headerBytes, 4);
  out.set(blobBytes, 4 + headerBytes.length);
  return out;
}

function checkId(id: number, kind: string): void {
  if (!Number.isInteger(id) || Math.abs(id) > MAX_ABS_ID)
    throw new Error(`PbfWriter: ${kind} id ${id} is not an integer within ±2^51`);
}
