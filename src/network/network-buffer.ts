import { FormatError } from '../errors';
import { type OptionalSection, optionalSections, readOptionalSections } from './elevation-buffer';
import type { NetworkArrays, NetworkMeta, RoadNetwork } from './road-network';

/** First 8 bytes of every saved network. */
export const NETWORK_MAGIC = 'SRNET\0\0\0';
/** Bumped on any incompatible change of the layout below. */
export const NETWORK_FORMAT_VERSION = 1;

type ArrayCtor =
  | Float64ArrayConstructor
  | Uint32ArrayConstructor
  | Int32ArrayConstructor
  | Uint8ArrayConstructor;

// Order and types of the sections; the header names them so a reader can check it got what it expects.
const SECTIONS: readonly (readonly [Exclude<keyof NetworkArrays, OptionalSection>, ArrayCtor])[] = [
  ['nodeCoords', Float64Array],
  ['nodeSourceId', Float64Array],
  ['firstEdge', Uint32Array],
  ['edgeTarget', Uint32Array],
  ['edgeTimeS', Float64Array],
  ['edgeLink', Uint32Array],
  ['linkFrom', Uint32Array],
  ['linkTo', Uint32Array],
  ['linkLengthM', Float64Array],
  ['linkClass', Uint8Array],
  ['linkSourceId', Float64Array],
  ['geomStart', Uint32Array],
  ['geomE7', Int32Array],
];

const align8 = (x: number) => (x + 7) & ~7;

/**
 * Layout: magic (8 bytes) · version u32 · header length u32 · header JSON (UTF-8) · padding to 8 ·
 * each typed array in `SECTIONS` order, each starting on an 8-byte boundary so it can be viewed in
 * place. Little-endian, as every platform JS runs on is.
 */
export function encodeNetwork(net: RoadNetwork, shared = false): ArrayBuffer | SharedArrayBuffer {
  const optional = optionalSections(net.arrays);
  const header = new TextEncoder().encode(
    JSON.stringify({
      meta: net.meta,
      sections: SECTIONS.map(([name]) => [name, net.arrays[name].length]),
      ...(optional.length && { optional: optional.map(([name, a]) => [name, a.length]) }),
    }),
  );
  let size = align8(16 + header.length);
  for (const [name] of SECTIONS) size = align8(size + net.arrays[name].byteLength);
  for (const [, a] of optional) size = align8(size + a.byteLength);
  const buf = shared ? new SharedArrayBuffer(size) : new ArrayBuffer(size);
  const bytes = new Uint8Array(buf);
  for (let i = 0; i < 8; i++) bytes[i] = NETWORK_MAGIC.charCodeAt(i);
  const dv = new DataView(buf);
  dv.setUint32(8, NETWORK_FORMAT_VERSION, true);
  dv.setUint32(12, header.length, true);
  bytes.set(header, 16);
  let off = align8(16 + header.length);
  for (const a of [...SECTIONS.map(([name]) => net.arrays[name]), ...optional.map((o) => o[1])]) {
    bytes.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), off);
    off = align8(off + a.byteLength);
  }
  return buf;
}

/**
 * Inverse of `encodeNetwork`; typed arrays are views on the (8-byte aligned) input buffer, shared
 * or not, so a network in a SharedArrayBuffer is read by every worker without a copy.
 */
export function decodeNetwork(input: ArrayBuffer | SharedArrayBuffer | Uint8Array): {
  arrays: NetworkArrays;
  meta: NetworkMeta;
} {
  let buf: ArrayBuffer | SharedArrayBuffer;
  let base: number;
  if (input instanceof Uint8Array) {
    if (input.byteOffset % 8 === 0) {
      buf = input.buffer;
      base = input.byteOffset;
    } else {
      buf = input.slice().buffer as ArrayBuffer; // realign: typed views need aligned offsets
      base = 0;
    }
  } else {
    buf = input;
    base = 0;
  }
  const total = input.byteLength;
  const bytes = new Uint8Array(buf, base, total);
  let magic = '';
  for (let i = 0; i < Math.min(8, total); i++) magic += String.fromCharCode(bytes[i]);
  if (magic !== NETWORK_MAGIC) {
    throw new FormatError(
      'not-a-network',
      `not a servicereach network: expected magic "SRNET" but found ${JSON.stringify(magic)}`,
    );
  }
  if (total < 16)
    throw new FormatError(
      'truncated-network',
      `truncated network buffer: ${total} bytes, the header alone needs 16`,
    );
  const dv = new DataView(buf, base, total);
  const version = dv.getUint32(8, true);
  if (version !== NETWORK_FORMAT_VERSION) {
    throw new FormatError(
      'unsupported-network-version',
      `network format version ${version} is not supported by this servicereach (it reads version ${NETWORK_FORMAT_VERSION}); rebuild the network from its source`,
    );
  }
  const headerLen = dv.getUint32(12, true);
  if (16 + headerLen > total) {
    throw new FormatError(
      'truncated-network',
      `truncated network buffer: header declares ${headerLen} bytes but only ${total - 16} follow`,
    );
  }
  let header: { meta: NetworkMeta; sections: [string, number][]; optional?: unknown };
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(16, 16 + headerLen)));
  } catch (e) {
    throw new FormatError('corrupt-network', `corrupt network header: ${(e as Error).message}`);
  }
  if (!header || !Array.isArray(header.sections) || header.sections.length !== SECTIONS.length) {
    throw new FormatError(
      'corrupt-network',
      'corrupt network header: section table does not match this format version',
    );
  }
  const arrays = {} as Record<keyof NetworkArrays, ArrayBufferView>;
  let off = align8(16 + headerLen);
  SECTIONS.forEach(([name, Ctor], i) => {
    const [gotName, length] = header.sections[i];
    if (gotName !== name || !Number.isInteger(length) || length < 0) {
      throw new FormatError(
        'corrupt-network',
        `corrupt network header: section ${i} is ${JSON.stringify(gotName)}, expected "${name}"`,
      );
    }
    const byteLength = length * Ctor.BYTES_PER_ELEMENT;
    if (off + byteLength > total) {
      throw new FormatError(
        'truncated-network',
        `truncated network buffer: section "${name}" needs ${byteLength} bytes at offset ${off}, buffer has ${total}`,
      );
    }
    // Views on a SharedArrayBuffer work the same; the TypeScript lib types this constructor for ArrayBuffer only.
    arrays[name] = new Ctor(buf as ArrayBuffer, base + off, length);
    off = align8(off + byteLength);
  });
  const a = arrays as unknown as NetworkArrays;
  const n = a.firstEdge.length - 1;
  if (
    n < 0 ||
    a.nodeCoords.length !== 2 * n ||
    a.edgeTarget.length !== a.firstEdge[n] ||
    a.geomStart.length !== a.linkFrom.length + 1
  ) {
    throw new FormatError('corrupt-network', 'corrupt network: array lengths are inconsistent');
  }
  if (header.optional !== undefined)
    readOptionalSections(header.optional, buf, base, off, total, a);
  return { arrays: a, meta: header.meta };
}
