import { FormatError } from '../errors';
import { crc32 } from '../inputs/crc32';
import { attachElevation, elevationSections } from './elevation-buffer';
import { checkNetwork } from './network-checks';
import type { NetworkArrays, NetworkMeta, RoadNetwork } from './road-network';

/** First 8 bytes of every saved network. */
export const NETWORK_MAGIC = 'SRNET\0\0\0';
/**
 * Bumped on any incompatible change of the layout below. 2: a CRC-32 and a section table (1 had
 * neither). 3: node positions as Int32 of 1e-7 degree and link geometry as delta varints
 * (`link-geometry.ts`), 62 instead of 85 bytes per edge on Andorra by car. Older files are refused
 * with a message saying to rebuild them.
 */
export const NETWORK_FORMAT_VERSION = 3;

/** A section's element type as the section table spells it. */
export type SectionType = 'f64' | 'f32' | 'u32' | 'i32' | 'u8';
/** The typed arrays a section can hold. */
export type SectionArray = Float64Array | Float32Array | Uint32Array | Int32Array | Uint8Array;

const CTORS = {
  f64: Float64Array,
  f32: Float32Array,
  u32: Uint32Array,
  i32: Int32Array,
  u8: Uint8Array,
} as const;

// The sections every network has, and their element types.
const REQUIRED: readonly (readonly [RequiredSection, SectionType])[] = [
  ['nodeE7', 'i32'],
  ['nodeSourceId', 'f64'],
  ['firstEdge', 'u32'],
  ['edgeTarget', 'u32'],
  ['edgeTimeS', 'f64'],
  ['edgeLink', 'u32'],
  ['linkFrom', 'u32'],
  ['linkTo', 'u32'],
  ['linkLengthM', 'f64'],
  ['linkClass', 'u8'],
  ['linkSourceId', 'f64'],
  ['geomOffset', 'u32'],
  ['geomDelta', 'u8'],
];

/** The arrays every network has (the others, such as heights, are optional). */
type RequiredSection = Exclude<keyof NetworkArrays, 'nodeElevM' | 'geomElevM'>;

/** One row of the section table in the header: where a typed array lies in the buffer. */
interface SectionEntry {
  name: string;
  type: SectionType;
  /** Byte offset from the start of the buffer; a multiple of 8. */
  offset: number;
  /** Number of elements. */
  length: number;
}

interface Header {
  meta: NetworkMeta;
  /** Total size of the buffer in bytes: a shorter one was truncated. */
  bytes: number;
  sections: SectionEntry[];
}

// magic 8 · version u32 · header length u32 · CRC-32 u32 · reserved u32 (0)
const PREFIX = 24;
const align8 = (x: number) => (x + 7) & ~7;

function typeOf(a: SectionArray): SectionType {
  if (a instanceof Float64Array) return 'f64';
  if (a instanceof Float32Array) return 'f32';
  if (a instanceof Uint32Array) return 'u32';
  if (a instanceof Int32Array) return 'i32';
  return 'u8';
}

/**
 * Layout (version 2): magic (8 bytes) · version u32 · header length u32 · CRC-32 u32 of every byte
 * after it · a reserved u32 · header JSON (UTF-8: `meta`, total `bytes`, and the section table
 * `sections: [{ name, type, offset, length }]`) · the sections, each on an 8-byte boundary so it
 * can be viewed in place. Little-endian, as every platform JS runs on is.
 *
 * Optional sections (a contraction hierarchy, elevation profiles…) go in `extra` under a name of
 * their own; a reader that does not know a name skips it (the checksum still covers it), and
 * `decodeNetwork` hands every extra section back by name.
 */
export function encodeNetwork(
  net: RoadNetwork,
  shared = false,
  extra: Readonly<Record<string, SectionArray>> = {},
): ArrayBuffer | SharedArrayBuffer {
  const arrays: [string, SectionArray][] = REQUIRED.map(([name]) => [name, net.arrays[name]]);
  // The network's own optional arrays (heights, in networks built with a DEM) travel as sections.
  arrays.push(...elevationSections(net.arrays)); // spread-ok: two sections at most
  for (const [name, a] of Object.entries(extra)) {
    if (REQUIRED.some(([n]) => n === name))
      throw new FormatError('bad-section', `extra section "${name}" has a reserved name`);
    arrays.push([name, a]);
  }
  // The header holds the offsets, which depend on the header's length: lay out with a guess,
  // then again with the real length until it stops growing (twice at most in practice).
  let headerBytes = new Uint8Array(0);
  let header: Header;
  for (;;) {
    let off = align8(PREFIX + headerBytes.length);
    const sections = arrays.map(([name, a]) => {
      const s = { name, type: typeOf(a), offset: off, length: a.length };
      off = align8(off + a.byteLength);
      return s;
    });
    header = { meta: net.meta, bytes: off, sections };
    const next = new TextEncoder().encode(JSON.stringify(header));
    if (align8(PREFIX + next.length) === align8(PREFIX + headerBytes.length)) {
      headerBytes = next;
      break;
    }
    headerBytes = next;
  }
  const buf = shared ? new SharedArrayBuffer(header.bytes) : new ArrayBuffer(header.bytes);
  const bytes = new Uint8Array(buf);
  for (let i = 0; i < 8; i++) bytes[i] = NETWORK_MAGIC.charCodeAt(i);
  const dv = new DataView(buf);
  dv.setUint32(8, NETWORK_FORMAT_VERSION, true);
  dv.setUint32(12, headerBytes.length, true);
  bytes.set(headerBytes, PREFIX);
  header.sections.forEach((s, i) => {
    const a = arrays[i][1];
    bytes.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), s.offset);
  });
  dv.setUint32(16, crc32(bytes.subarray(20)), true);
  return buf;
}

const corrupt = (why: string) => new FormatError('corrupt-network', `corrupt network: ${why}`);

/**
 * Inverse of `encodeNetwork`; typed arrays are views on the (8-byte aligned) input buffer, shared
 * or not, so a network in a SharedArrayBuffer is read by every worker without a copy. Verifies the
 * checksum and range-checks every section (`checkNetwork`), so damaged bytes are a `FormatError`,
 * never a different answer or an endless search.
 */
export function decodeNetwork(input: ArrayBuffer | SharedArrayBuffer | Uint8Array): {
  arrays: NetworkArrays;
  meta: NetworkMeta;
  extra: Record<string, SectionArray>;
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
  } else if (input instanceof ArrayBuffer || input instanceof SharedArrayBuffer) {
    buf = input;
    base = 0;
  } else {
    throw new FormatError(
      'not-a-network',
      `not a servicereach network: expected an ArrayBuffer, SharedArrayBuffer or Uint8Array, got ${input === null ? 'null' : typeof input}`,
    );
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
  const dv = new DataView(buf, base, total);
  const version = total >= 12 ? dv.getUint32(8, true) : NETWORK_FORMAT_VERSION;
  if (version !== NETWORK_FORMAT_VERSION) {
    throw new FormatError(
      'unsupported-network-version',
      `network format version ${version} is not supported by this servicereach (it reads version ${NETWORK_FORMAT_VERSION}${version < NETWORK_FORMAT_VERSION ? ': the file was saved by an older release, before compact geometry' : ''}); rebuild it from its source with \`servicereach network <roads> --out <file>.srn\``,
    );
  }
  if (total < PREFIX)
    throw new FormatError(
      'truncated-network',
      `truncated network buffer: ${total} bytes, the fixed header alone needs ${PREFIX}`,
    );
  const headerLen = dv.getUint32(12, true);
  if (PREFIX + headerLen > total) {
    throw new FormatError(
      'truncated-network',
      `truncated network buffer: header declares ${headerLen} bytes but only ${total - PREFIX} follow`,
    );
  }
  let header: Header;
  try {
    header = JSON.parse(
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(PREFIX, PREFIX + headerLen)),
    );
  } catch (e) {
    throw corrupt(`unreadable header (${(e as Error).message})`);
  }
  if (header && Number.isInteger(header.bytes) && header.bytes > total)
    throw new FormatError(
      'truncated-network',
      `truncated network buffer: ${total} bytes of ${header.bytes}`,
    );
  const stored = dv.getUint32(16, true);
  const actual = crc32(bytes.subarray(20));
  if (stored !== actual || header?.bytes !== total)
    throw corrupt(
      `checksum mismatch (stored ${stored.toString(16).padStart(8, '0')}, computed ${actual.toString(16).padStart(8, '0')}): the bytes were damaged after saving`,
    );
  const { sections, extra } = readSections(header, buf, base, total, headerLen);
  const vertices = checkNetwork(sections, header.meta);
  attachElevation(sections, extra, vertices);
  return { arrays: sections, meta: header.meta, extra };
}

// The section table, checked entry by entry: known type, aligned, inside the buffer, no overlap.
function readSections(
  header: Header,
  buf: ArrayBuffer | SharedArrayBuffer,
  base: number,
  total: number,
  headerLen: number,
): { sections: NetworkArrays; extra: Record<string, SectionArray> } {
  if (!header || typeof header !== 'object' || !Array.isArray(header.sections))
    throw corrupt('the header has no section table');
  const found = new Map<string, SectionArray>();
  let end = align8(PREFIX + headerLen);
  for (const [i, s] of header.sections.entries()) {
    const Ctor = CTORS[s?.type as SectionType];
    if (
      typeof s?.name !== 'string' ||
      !Ctor ||
      !Number.isInteger(s.offset) ||
      !Number.isInteger(s.length) ||
      s.length < 0 ||
      s.offset % 8 !== 0 ||
      s.offset < end ||
      s.offset + s.length * Ctor.BYTES_PER_ELEMENT > total ||
      found.has(s.name)
    )
      throw corrupt(`section ${i} (${JSON.stringify(s?.name)}) has a bad table entry`);
    // Views on a SharedArrayBuffer work the same; the TypeScript lib types this constructor for ArrayBuffer only.
    found.set(s.name, new Ctor(buf as ArrayBuffer, base + s.offset, s.length));
    end = s.offset + s.length * Ctor.BYTES_PER_ELEMENT;
  }
  const sections = {} as Record<RequiredSection, SectionArray>;
  for (const [name, type] of REQUIRED) {
    const a = found.get(name);
    if (!a) throw corrupt(`section "${name}" is missing`);
    if (typeOf(a) !== type) throw corrupt(`section "${name}" is ${typeOf(a)}, expected ${type}`);
    sections[name] = a;
    found.delete(name);
  }
  return { sections: sections as unknown as NetworkArrays, extra: Object.fromEntries(found) };
}
