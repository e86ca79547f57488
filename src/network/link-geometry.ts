import { FormatError } from '../errors';
import { fromE7 } from '../geo/fixed';

/**
 * How a network stores the interior vertices of its links (the vertices between the two end
 * nodes): one byte stream, `geomDelta`, where link `l` owns bytes `geomOffset[l] …
 * geomOffset[l + 1] - 1`. Each vertex is two zigzag varints, the steps in 1e-7 degree of longitude
 * and latitude from the previous vertex — from the link's `linkFrom` node for the first one. Road
 * vertices lie metres apart, so a step fits in one to three bytes where an absolute Int32 pair
 * takes eight: Andorra's 47,000 car-network vertices take 3.9 bytes each instead of 8.
 * Decoding is per link and exact (integers throughout), so nothing is decoded at load.
 */
export interface LinkGeometryArrays {
  /** `[lon, lat, …]` of each node in 1e-7 degree. */
  nodeE7: Int32Array;
  linkFrom: Uint32Array;
  /** Byte offset of each link's vertices in `geomDelta`; length `linkCount + 1`. */
  geomOffset: Uint32Array;
  /** Zigzag-varint steps, two per interior vertex. */
  geomDelta: Uint8Array;
}

/** Bytes a value `u` (≥ 0, < 2^35) takes as a varint. */
function varintBytes(u: number): number {
  let n = 1;
  while (u >= 128) {
    u = Math.floor(u / 128);
    n++;
  }
  return n;
}

/** Zigzag: 0, -1, 1, -2 … → 0, 1, 2, 3 …; plain arithmetic, as a step of longitude can exceed 2^31. */
const zigzag = (d: number) => (d >= 0 ? 2 * d : -2 * d - 1);

/**
 * Encode polylines into `geomOffset` / `geomDelta`. Link `l` starts at position `start(l)` (its
 * `linkFrom` node, 1e-7 degree) and has interior vertices `vertex[first[l]] … vertex[first[l + 1] - 1]`,
 * each an index into `coords` (`[lon, lat, …]` in 1e-7 degree). Two passes: sizes, then bytes.
 *
 * @param count - Number of links.
 * @param first - Offsets of each link's interior vertices in `vertex`; length `count + 1`.
 * @param vertex - Interior vertices as indexes into `coords`.
 * @param coords - Coordinates in 1e-7 degree, `[lon, lat, …]`.
 * @param startVertex - Index into `coords` of each link's start node.
 * @returns The byte offsets per link and the byte stream.
 * @example
 * const { geomOffset, geomDelta } = encodeLinkGeometry(L, links.geomStart, links.geom, t.coords, links.from);
 */
export function encodeLinkGeometry(
  count: number,
  first: Uint32Array,
  vertex: Int32Array,
  coords: Int32Array,
  startVertex: Int32Array,
): { geomOffset: Uint32Array; geomDelta: Uint8Array } {
  const geomOffset = new Uint32Array(count + 1);
  let size = 0;
  for (let l = 0; l < count; l++) {
    let px = coords[2 * startVertex[l]];
    let py = coords[2 * startVertex[l] + 1];
    for (let i = first[l]; i < first[l + 1]; i++) {
      const x = coords[2 * vertex[i]];
      const y = coords[2 * vertex[i] + 1];
      size += varintBytes(zigzag(x - px)) + varintBytes(zigzag(y - py));
      px = x;
      py = y;
    }
    geomOffset[l + 1] = size;
  }
  const geomDelta = new Uint8Array(size);
  let p = 0;
  const put = (u: number) => {
    while (u >= 128) {
      geomDelta[p++] = (u % 128) | 128;
      u = Math.floor(u / 128);
    }
    geomDelta[p++] = u;
  };
  for (let l = 0; l < count; l++) {
    let px = coords[2 * startVertex[l]];
    let py = coords[2 * startVertex[l] + 1];
    for (let i = first[l]; i < first[l + 1]; i++) {
      const x = coords[2 * vertex[i]];
      const y = coords[2 * vertex[i] + 1];
      put(zigzag(x - px));
      put(zigzag(y - py));
      px = x;
      py = y;
    }
  }
  return { geomOffset, geomDelta };
}

/**
 * Decode the interior vertices of link `l` into `out` as `[lon, lat, …]` in 1e-7 degree, from
 * index 0. `out` needs `geomOffset[l + 1] - geomOffset[l]` entries at most (a vertex takes at least
 * two bytes); `LinkGeometryReader` manages that for you.
 *
 * @param a - The network's arrays (`net.arrays`).
 * @param l - Link id.
 * @param out - Receives the coordinates; at least the link's byte length long.
 * @returns The number of interior vertices written.
 * @example
 * const out = new Int32Array(a.geomOffset[l + 1] - a.geomOffset[l]);
 * const k = decodeLinkE7(a, l, out); // out[0 … 2k - 1]
 */
export function decodeLinkE7(a: LinkGeometryArrays, l: number, out: Int32Array): number {
  const bytes = a.geomDelta;
  const end = a.geomOffset[l + 1];
  let p = a.geomOffset[l];
  const s = a.linkFrom[l];
  let x = a.nodeE7[2 * s];
  let y = a.nodeE7[2 * s + 1];
  let k = 0;
  let odd = false;
  while (p < end) {
    let b = bytes[p++];
    let u = b & 127;
    if (b >= 128) {
      b = bytes[p++];
      u |= (b & 127) << 7;
      if (b >= 128) {
        b = bytes[p++];
        u |= (b & 127) << 14;
        if (b >= 128) {
          b = bytes[p++];
          u |= (b & 127) << 21;
          if (b >= 128) u += bytes[p++] * 268435456; // 2^28; the check keeps it to 5 bits
        }
      }
    }
    const d = u < 2147483648 ? (u >>> 1) ^ -(u & 1) : u % 2 === 1 ? -(u + 1) / 2 : u / 2;
    if (odd) {
      y += d;
      out[k++] = x;
      out[k++] = y;
    } else x += d;
    odd = !odd;
  }
  return k >> 1;
}

/**
 * Number of interior vertices of link `l` (vertices between its end nodes): a count of the
 * varints' last bytes in the link's range, no decoding.
 *
 * @param a - The network's arrays.
 * @param l - Link id.
 * @example
 * const polylineLength = interiorVertexCount(net.arrays, l) + 2;
 */
export function interiorVertexCount(
  a: Pick<LinkGeometryArrays, 'geomOffset' | 'geomDelta'>,
  l: number,
): number {
  const bytes = a.geomDelta;
  let n = 0;
  for (let p = a.geomOffset[l]; p < a.geomOffset[l + 1]; p++) if (bytes[p] < 128) n++;
  return n >> 1;
}

/**
 * Decodes links one at a time into a scratch array it owns and grows: no allocation per link
 * once warm. Positions include the end nodes, in 1e-7 degree or degrees.
 *
 * @example
 * const reader = new LinkGeometryReader(net.arrays);
 * const n = reader.read(l); // vertices, end nodes included
 * for (let j = 0; j < n; j++) console.log(reader.lon(j), reader.lat(j));
 */
export class LinkGeometryReader {
  /** `[lon, lat, …]` of the link last read, 1e-7 degree, end nodes included. */
  e7: Int32Array = new Int32Array(64);
  private interior: Int32Array = new Int32Array(64);

  /**
   * A reader over a network's arrays.
   *
   * @param a - The network's arrays (`net.arrays`); `linkTo` gives the last vertex.
   */
  constructor(readonly a: LinkGeometryArrays & { linkTo: Uint32Array }) {}

  /**
   * Decode link `l` into `e7`.
   *
   * @param l - Link id.
   * @returns The number of vertices from `linkFrom` to `linkTo`, both included (≥ 2).
   * @example
   * const n = reader.read(l);
   */
  read(l: number): number {
    const { a } = this;
    const bytes = a.geomOffset[l + 1] - a.geomOffset[l];
    if (this.interior.length < bytes) this.interior = new Int32Array(2 * bytes);
    const k = decodeLinkE7(a, l, this.interior);
    if (this.e7.length < 2 * k + 4) this.e7 = new Int32Array(4 * k + 8);
    const out = this.e7;
    const s = a.linkFrom[l];
    const t = a.linkTo[l];
    out[0] = a.nodeE7[2 * s];
    out[1] = a.nodeE7[2 * s + 1];
    out.set(this.interior.subarray(0, 2 * k), 2);
    out[2 * k + 2] = a.nodeE7[2 * t];
    out[2 * k + 3] = a.nodeE7[2 * t + 1];
    return k + 2;
  }

  /**
   * Longitude of vertex `j` of the link last read, degrees.
   *
   * @param j - Vertex, `0 … read(l) - 1`.
   * @example
   * reader.lon(0); // the linkFrom node's longitude
   */
  lon(j: number): number {
    return fromE7(this.e7[2 * j]);
  }

  /**
   * Latitude of vertex `j` of the link last read, degrees.
   *
   * @param j - Vertex, `0 … read(l) - 1`.
   * @example
   * reader.lat(0); // the linkFrom node's latitude
   */
  lat(j: number): number {
    return fromE7(this.e7[2 * j + 1]);
  }
}

// Keyed by the offsets: networks sharing roads (distanceNetwork) share them; junction copies add links.
const startCache = new WeakMap<Uint32Array, Uint32Array>();

/**
 * Where each link's interior vertices start when numbered across the network (a count of the
 * byte stream, done once per geometry and cached): heights per vertex (`geomElevM`) are parallel
 * to this numbering.
 *
 * @param a - The network's arrays.
 * @returns Offsets, length `linkCount + 1`; the last is the number of interior vertices.
 * @example
 * const start = linkVertexStarts(net.arrays);
 * const heights = net.arrays.geomElevM?.subarray(start[l], start[l + 1]);
 */
export function linkVertexStarts(
  a: Pick<LinkGeometryArrays, 'geomOffset' | 'geomDelta'>,
): Uint32Array {
  let out = startCache.get(a.geomOffset);
  if (out) return out;
  const links = a.geomOffset.length - 1;
  out = new Uint32Array(links + 1);
  for (let l = 0; l < links; l++) out[l + 1] = out[l] + interiorVertexCount(a, l);
  startCache.set(a.geomOffset, out);
  return out;
}

const corrupt = (why: string) => new FormatError('corrupt-network', `corrupt network: ${why}`);

/**
 * Check the geometry stream of a network read from bytes: every link's range holds whole
 * varints (at most five bytes, the fifth below 32), two per vertex, and every vertex decoded lies
 * on the globe. One pass over the bytes without allocating — a damaged stream is a named
 * `FormatError`, never a hang or a vertex elsewhere.
 *
 * @param a - The network's arrays; `geomOffset` already checked to rise from 0 to the stream's length.
 * @returns The number of interior vertices.
 * @example
 * const vertices = checkLinkGeometry(net.arrays);
 */
export function checkLinkGeometry(a: LinkGeometryArrays): number {
  const bytes = a.geomDelta;
  const links = a.geomOffset.length - 1;
  let vertices = 0;
  for (let l = 0; l < links; l++) {
    const end = a.geomOffset[l + 1];
    let p = a.geomOffset[l];
    if (p === end) continue;
    // A range ending on a varint's last byte holds only whole varints: none can run past it.
    if (bytes[end - 1] >= 128) throw corrupt(`link ${l}'s geometry ends inside a number`);
    const s = a.linkFrom[l];
    let x = a.nodeE7[2 * s];
    let y = a.nodeE7[2 * s + 1];
    while (p < end) {
      // Longitude then latitude step; one- and two-byte varints (most steps) take the short path.
      let b = bytes[p++];
      let u = b;
      if (b >= 128) {
        b = bytes[p++];
        u = (u & 127) | ((b & 127) << 7);
        if (b >= 128) {
          u = longStep(bytes, p, u, l);
          p = stepEnd;
        }
      }
      x += u < 2147483648 ? (u >>> 1) ^ -(u & 1) : u % 2 === 1 ? -(u + 1) / 2 : u / 2;
      if (p >= end) throw corrupt(`link ${l}'s geometry ends with half a vertex`);
      b = bytes[p++];
      u = b;
      if (b >= 128) {
        b = bytes[p++];
        u = (u & 127) | ((b & 127) << 7);
        if (b >= 128) {
          u = longStep(bytes, p, u, l);
          p = stepEnd;
        }
      }
      y += u < 2147483648 ? (u >>> 1) ^ -(u & 1) : u % 2 === 1 ? -(u + 1) / 2 : u / 2;
      if (!(x >= -1_800_000_000 && x <= 1_800_000_000 && y >= -900_000_000 && y <= 900_000_000))
        throw corrupt(`link ${l}'s geometry vertex ${vertices} lies off the globe`);
      vertices++;
    }
  }
  return vertices;
}

// Where the last `longStep` stopped reading.
let stepEnd = 0;

/** The rest of a varint of three to five bytes whose first two gave `u`; sets `stepEnd`. */
function longStep(bytes: Uint8Array, p: number, u: number, l: number): number {
  let b = bytes[p++];
  u |= (b & 127) << 14;
  if (b >= 128) {
    b = bytes[p++];
    u |= (b & 127) << 21;
    if (b >= 128) {
      b = bytes[p++];
      if (b >= 32) throw corrupt(`link ${l}'s geometry has a step too long`);
      u += b * 268435456;
    }
  }
  stepEnd = p;
  return u;
}
