import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { encodePbfBlob, encodePbfHeaderBlock, type PbfBlobEncoding } from '../data/pbf-writer';
import { ProtoWriter } from '../data/proto-writer';
import { FormatError, InputError } from '../src/errors';
import { inflateZlibNode, readOsmPbfFile } from '../src/node/read-pbf-file';
import { decodeOsmPbfBlob } from '../src/inputs/osm/pbf/blob';
import { decodeOsmPbf, isPbf } from '../src/inputs/osm/pbf/file';
import { inflateZlibFflate } from '../src/inputs/osm/pbf/inflate';
import type { OsmSink } from '../src/inputs/osm/sink';

const DATA = fileURLToPath(new URL('../../shared/data/osm/', import.meta.url));
const SMALL = join(DATA, 'andorra-ordino-small.osm.pbf');
const FILES = [
  'andorra-ordino-small.osm.pbf',
  'north-bayreuth-2014.osm.pbf',
  'andorra-2025.osm.pbf',
];
const missing = (f: string) => !existsSync(join(DATA, f));

// ---- An order-sensitive summary of everything a decoder reports ----

const P = 2147483647;
/** Rolling hash mod a prime; exact in doubles (h < 2^31, factor < 2^20), and safe for ids > 2^32. */
const mix = (h: number, x: number): number => (h * 1000003 + (((x % P) + P) % P)) % P;
const mixStr = (h: number, s: string): number => {
  for (let i = 0; i < s.length; i++) h = mix(h, s.charCodeAt(i));
  return mix(h, 0x10ffff);
};
const mixTags = (h: number, tags: Record<string, string>): number => {
  for (const [k, v] of Object.entries(tags)) h = mixStr(mixStr(h, k), v);
  return mix(h, 7);
};
const e7 = (deg: number) => Math.round(deg * 1e7);

interface Summary {
  nodes: number;
  ways: number;
  taggedNodes: number;
  nodeTagCount: number;
  wayTagCount: number;
  highwayWays: number;
  refs: number;
  refSum: bigint;
  lonE7Sum: number;
  latE7Sum: number;
  nodeHash: number;
  taggedHash: number;
  wayHash: number;
}

const emptySummary = (): Summary => ({
  nodes: 0,
  ways: 0,
  taggedNodes: 0,
  nodeTagCount: 0,
  wayTagCount: 0,
  highwayWays: 0,
  refs: 0,
  refSum: 0n,
  lonE7Sum: 0,
  latE7Sum: 0,
  nodeHash: 1,
  taggedHash: 1,
  wayHash: 1,
});

function addNode(s: Summary, id: number, lon: number, lat: number): void {
  s.nodes++;
  s.lonE7Sum += e7(lon);
  s.latE7Sum += e7(lat);
  s.nodeHash = mix(mix(mix(s.nodeHash, id), e7(lon)), e7(lat));
}

function addTaggedNode(s: Summary, id: number, tags: Record<string, string>): void {
  s.taggedNodes++;
  s.nodeTagCount += Object.keys(tags).length;
  s.taggedHash = mixTags(mix(s.taggedHash, id), tags);
}

function addWay(
  s: Summary,
  id: number,
  refs: ArrayLike<number>,
  tags: Record<string, string>,
): void {
  s.ways++;
  s.refs += refs.length;
  s.wayTagCount += Object.keys(tags).length;
  if (tags.highway !== undefined) s.highwayWays++;
  let h = mix(s.wayHash, id);
  for (let i = 0; i < refs.length; i++) {
    s.refSum += BigInt(refs[i]);
    h = mix(h, refs[i]);
  }
  s.wayHash = mixTags(h, tags);
}

/** A sink that summarises, and checks the contract: taggedNode follows node for the same id. */
function summarySink(s: Summary): OsmSink {
  let last = Number.NaN;
  return {
    node(id, lon, lat) {
      last = id;
      addNode(s, id, lon, lat);
    },
    taggedNode(id, _lon, _lat, tags) {
      if (id !== last) throw new Error(`taggedNode(${id}) did not follow node(${id})`);
      if (Object.keys(tags).length === 0) throw new Error(`taggedNode(${id}) called without tags`);
      addTaggedNode(s, id, tags);
    },
    way(id, refs, tags) {
      addWay(s, id, refs, tags);
    },
  };
}

// ---- The independent reference: tiny-osmpbf (pbf 3 + tiny-inflate, a separate implementation) ----

interface TinyElement {
  type: 'node' | 'way' | 'relation';
  id: number;
  lat?: number;
  lon?: number;
  nodes?: number[];
  tags?: Record<string, string>;
}
const require = createRequire(import.meta.url);
const tinyOsmPbf = require('tiny-osmpbf') as (
  buf: Uint8Array,
  handler: (e: TinyElement) => void,
) => unknown;

function referenceSummary(bytes: Uint8Array): Summary {
  const s = emptySummary();
  tinyOsmPbf(bytes, (e) => {
    const tags = e.tags ?? {};
    if (e.type === 'node') {
      addNode(s, e.id, e.lon!, e.lat!);
      if (Object.keys(tags).length > 0) addTaggedNode(s, e.id, tags);
    } else if (e.type === 'way') addWay(s, e.id, e.nodes!, tags);
  });
  return s;
}

function ourSummary(bytes: Uint8Array, options?: Parameters<typeof decodeOsmPbf>[2]): Summary {
  const s = emptySummary();
  decodeOsmPbf(bytes, summarySink(s), options);
  return s;
}

// ---- Synthetic files, written with data/pbf-writer.ts (framing) and data/proto-writer.ts ----

/** A message's bytes, written by `fill`. */
const message = (fill: (w: ProtoWriter) => void): Uint8Array => {
  const w = new ProtoWriter(256);
  fill(w);
  return w.finish();
};

/** A framed blob; raw unless asked otherwise, so the tests also cover uncompressed blobs. */
const fileBlock = (type: string, payload: Uint8Array, encoding: PbfBlobEncoding = 'raw') =>
  encodePbfBlob(type, payload, { encoding });

const headerBlock = (features: string[]): Uint8Array =>
  encodePbfHeaderBlock({ requiredFeatures: features, writingProgram: 'servicereach-test' });

const concat = (...parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

const deltas = (xs: number[]): number[] => xs.map((x, i) => (i === 0 ? x : x - xs[i - 1]));

const STRINGS = [
  '',
  'highway',
  'residential',
  'name',
  'Carrer Major — Ä',
  'amenity',
  'school',
  'type',
  'route',
];
const GRAN = 1000;
const LAT_OFF = 42_000_000_000;
const LON_OFF = 1_000_000_000;
const BIG = 2 ** 32;
const DENSE_IDS = [BIG + 1, BIG + 5, 2 ** 40, 2 ** 40 + 3];
const DENSE_LAT = [500_000, 500_123, 499_000, 600_000];
const DENSE_LON = [-7_000, -6_000, 120_000, 0];

/** A primitive block exercising dense nodes (with tags), a plain Node, ways with ids/refs > 2^32, a relation. */
const dataBlock = (): Uint8Array =>
  message((w) => {
    w.message(1, (table) => {
      for (const s of STRINGS) table.string(1, s);
    });
    w.message(2, (group) =>
      group.message(2, (dense) => {
        dense.packedSints(1, deltas(DENSE_IDS));
        dense.packedSints(8, deltas(DENSE_LAT));
        dense.packedSints(9, deltas(DENSE_LON));
        // node 1: amenity=school; node 2: none; node 3: name=…; node 4: none
        dense.packedVarints(10, [5, 6, 0, 0, 3, 4, 0, 0]);
      }),
    );
    w.message(2, (group) =>
      group.message(1, (node) => {
        node.sintField(1, 2 ** 50 + 7);
        node.packedVarints(2, [1]);
        node.packedVarints(3, [2]);
        node.sintField(8, -1_000);
        node.sintField(9, 2_000);
      }),
    );
    w.message(2, (group) => {
      group.message(3, (way) => {
        way.uint(1, BIG + 77);
        way.packedVarints(2, [1, 3]);
        way.packedVarints(3, [2, 4]);
        way.packedSints(8, deltas([BIG + 1, BIG + 5, 2 ** 40, BIG + 1]));
      });
      group.message(3, (way) => {
        way.uint(1, 12);
        way.packedSints(8, deltas([2 ** 40 + 3, 2 ** 40]));
      });
      group.message(4, (relation) => {
        relation.uint(1, 99);
        relation.packedVarints(2, [7]);
        relation.packedVarints(3, [8]);
      });
    });
    w.uint(17, GRAN);
    w.uint(19, LAT_OFF);
    w.uint(20, LON_OFF);
  });

const syntheticFile = (
  compression: 'raw' | 'zlib' = 'raw',
  features = ['OsmSchema-V0.6', 'DenseNodes'],
): Uint8Array =>
  concat(
    fileBlock('OSMHeader', headerBlock(features), compression),
    fileBlock('OSMData', dataBlock(), compression),
  );

interface Collected {
  nodes: [number, number, number][];
  tagged: [number, Record<string, string>][];
  ways: [number, number[], Record<string, string>][];
}

function collect(bytes: Uint8Array, extra: Partial<OsmSink> = {}): Collected {
  const c: Collected = { nodes: [], tagged: [], ways: [] };
  decodeOsmPbf(bytes, {
    node: (id, lon, lat) => c.nodes.push([id, lon, lat]),
    taggedNode: (id, _lon, _lat, tags) => c.tagged.push([id, tags]),
    way: (id, refs, tags) => c.ways.push([id, Array.from(refs), tags]),
    ...extra,
  });
  return c;
}

function expectFormatError(fn: () => void, codes: string[]): FormatError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(FormatError);
    const fe = e as FormatError;
    expect(codes).toContain(fe.code);
    return fe;
  }
  throw new Error('expected a FormatError, but decoding succeeded');
}

/** Seeded LCG, so every corruption below is reproducible. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

// ---- Tests ----

describe('decodeOsmPbf on synthetic files', () => {
  it('decodes dense nodes, plain nodes and ways, honouring granularity and offsets, ids above 2^32', () => {
    for (const compression of ['raw', 'zlib'] as const) {
      const c = collect(syntheticFile(compression));
      const coord = (off: number, raw: number) => (off + GRAN * raw) / 1e9;
      expect(c.nodes).toEqual([
        ...DENSE_IDS.map((id, i) => [
          id,
          coord(LON_OFF, DENSE_LON[i]),
          coord(LAT_OFF, DENSE_LAT[i]),
        ]),
        [2 ** 50 + 7, coord(LON_OFF, 2_000), coord(LAT_OFF, -1_000)],
      ]);
      expect(c.nodes[0][1]).toBeCloseTo(0.993, 12);
      expect(c.nodes[0][2]).toBeCloseTo(42.5, 12);
      expect(c.tagged).toEqual([
        [BIG + 1, { amenity: 'school' }],
        [2 ** 40, { name: 'Carrer Major — Ä' }],
        [2 ** 50 + 7, { highway: 'residential' }],
      ]);
      expect(c.ways).toEqual([
        [
          BIG + 77,
          [BIG + 1, BIG + 5, 2 ** 40, BIG + 1],
          { highway: 'residential', name: 'Carrer Major — Ä' },
        ],
        [12, [2 ** 40 + 3, 2 ** 40], {}],
      ]);
    }
  });

  it('skips building node tags when the sink has no taggedNode', () => {
    const nodes: number[] = [];
    decodeOsmPbf(syntheticFile(), { node: (id) => nodes.push(id), way() {} });
    expect(nodes).toEqual([...DENSE_IDS, 2 ** 50 + 7]);
  });

  it('does not decode refs of ways that wantWay rejects', () => {
    const seen: Record<string, string>[] = [];
    const c = collect(syntheticFile(), {
      wantWay: (tags) => {
        seen.push(tags);
        return tags.highway !== undefined;
      },
    });
    expect(seen).toHaveLength(2);
    expect(c.ways.map((w) => w[0])).toEqual([BIG + 77]);
  });

  it('keeps a __proto__ tag key as data', () => {
    const file = concat(
      fileBlock('OSMHeader', headerBlock(['OsmSchema-V0.6'])),
      fileBlock(
        'OSMData',
        message((w) => {
          w.message(1, (table) => {
            for (const s of ['', '__proto__', 'x']) table.string(1, s);
          });
          w.message(2, (group) =>
            group.message(3, (way) => {
              way.uint(1, 1);
              way.packedVarints(2, [1]);
              way.packedVarints(3, [2]);
              way.packedSints(8, [5]);
            }),
          );
        }),
      ),
    );
    const tags = collect(file).ways[0][2];
    expect(Object.keys(tags)).toEqual(['__proto__']);
    expect(Object.getOwnPropertyDescriptor(tags, '__proto__')?.value).toBe('x');
    expect(Object.getPrototypeOf(tags)).toBe(Object.prototype);
  });

  it('rejects history files, unknown required features and unsupported compressions by name', () => {
    const history = expectFormatError(
      () =>
        decodeOsmPbf(
          syntheticFile('raw', ['OsmSchema-V0.6', 'HistoricalInformation']),
          summarySink(emptySummary()),
        ),
      ['unsupported-pbf'],
    );
    expect(history.message).toContain('HistoricalInformation');
    const unknown = expectFormatError(
      () =>
        decodeOsmPbf(
          syntheticFile('raw', ['OsmSchema-V0.6', 'Teleportation']),
          summarySink(emptySummary()),
        ),
      ['unsupported-pbf'],
    );
    expect(unknown.message).toContain('"Teleportation"');
    const zstd = concat(
      fileBlock('OSMHeader', headerBlock(['OsmSchema-V0.6'])),
      fileBlock('OSMData', dataBlock(), 'zstd'),
    );
    expect(
      expectFormatError(() => decodeOsmPbf(zstd, summarySink(emptySummary())), ['unsupported-pbf'])
        .message,
    ).toContain('zstd');
  });

  it('accepts LocationsOnWays', () => {
    const file = concat(
      fileBlock('OSMHeader', headerBlock(['OsmSchema-V0.6', 'DenseNodes', 'LocationsOnWays'])),
      fileBlock('OSMData', dataBlock()),
    );
    expect(collect(file).ways).toHaveLength(2);
  });

  it('refuses an unknown blob type (a damaged header) instead of dropping its block, as osmium does', () => {
    const file = concat(
      fileBlock('OSMHeader', headerBlock(['OsmSchema-V0.6', 'DenseNodes'])),
      fileBlock('OSMDaXa', dataBlock()),
    );
    const e = expectFormatError(() => collect(file), ['corrupt-pbf']);
    expect(e.message).toMatch(/unknown type "OSMDaXa"/);
  });

  it('requires the file to start with an OSMHeader blob', () => {
    const e = expectFormatError(
      () => decodeOsmPbf(fileBlock('OSMData', dataBlock()), summarySink(emptySummary())),
      ['corrupt-pbf'],
    );
    expect(e.message).toMatch(/first blob .* "OSMData", expected "OSMHeader"/);
  });

  it('decodeOsmPbfBlob decodes one blob at a time', () => {
    const data = message((w) => w.bytes(1, dataBlock()));
    const ids: number[] = [];
    decodeOsmPbfBlob('OSMData', data, { node: (id) => ids.push(id), way() {} });
    expect(ids).toEqual([...DENSE_IDS, 2 ** 50 + 7]);
  });

  it('isPbf sniffs the OSMHeader blob header', () => {
    expect(isPbf(syntheticFile())).toBe(true);
    expect(isPbf(fileBlock('OSMData', dataBlock()))).toBe(false);
    expect(isPbf(new TextEncoder().encode('<?xml version="1.0"?><osm version="0.6"></osm>'))).toBe(
      false,
    );
    expect(isPbf(new Uint8Array(0))).toBe(false);
    expect(isPbf(new Uint8Array([0, 0, 0, 14, 10]))).toBe(false);
  });
});

describe('decodeOsmPbf errors', () => {
  it('rejects an empty file', () => {
    const e = expectFormatError(
      () => decodeOsmPbf(new Uint8Array(0), summarySink(emptySummary())),
      ['empty-file'],
    );
    expect(e.message).toContain('0 bytes');
  });

  it('rejects a non-PBF file with a clear message', () => {
    const xml = new TextEncoder().encode('<?xml version="1.0"?><osm version="0.6"></osm>');
    expect(
      expectFormatError(() => decodeOsmPbf(xml, summarySink(emptySummary())), ['corrupt-pbf'])
        .message,
    ).toMatch(/at byte 0 .*PBF/);
  });

  it('rejects truncated synthetic files at every cut point', () => {
    const file = syntheticFile('zlib');
    const headerOnly = fileBlock(
      'OSMHeader',
      headerBlock(['OsmSchema-V0.6', 'DenseNodes']),
      'zlib',
    ).length;
    for (let cut = 1; cut < file.length; cut++) {
      // Cut exactly after the header blob is a valid (empty) file, not a truncated one.
      if (cut === headerOnly) continue;
      expectFormatError(
        () => decodeOsmPbf(file.subarray(0, cut), summarySink(emptySummary())),
        ['truncated-pbf', 'corrupt-pbf'],
      );
    }
  });
});

describe.skipIf(!existsSync(SMALL))(
  `corrupt real data (needs ${SMALL}; shared/ data missing)`,
  () => {
    const bytes = existsSync(SMALL) ? new Uint8Array(readFileSync(SMALL)) : new Uint8Array(0);

    it('rejects truncated files with the byte offset and what was expected', () => {
      for (const cut of [3, 10, 100, 5000, bytes.length >> 1, bytes.length - 1]) {
        const e = expectFormatError(
          () => decodeOsmPbf(bytes.subarray(0, cut), summarySink(emptySummary())),
          ['truncated-pbf'],
        );
        expect(e.message).toMatch(/truncated PBF: .*byte \d+/);
      }
      const e = expectFormatError(
        () => decodeOsmPbf(bytes.subarray(0, bytes.length - 1), summarySink(emptySummary())),
        ['truncated-pbf'],
      );
      expect(e.message).toMatch(/declares \d+ bytes but only \d+ remain/);
    });

    it('rejects randomly corrupted files (fixed seed) quickly, with FormatError only', () => {
      const rnd = lcg(20250119);
      for (let trial = 0; trial < 12; trial++) {
        const copy = bytes.slice();
        for (let k = 0; k < 1 + Math.floor(rnd() * 3); k++)
          copy[Math.floor(rnd() * copy.length)] ^= 1 + Math.floor(rnd() * 255);
        for (const inflate of [undefined, inflateZlibNode]) {
          const t0 = performance.now();
          expectFormatError(
            () => decodeOsmPbf(copy, summarySink(emptySummary()), { inflate }),
            ['corrupt-pbf', 'truncated-pbf', 'unsupported-pbf'],
          );
          expect(performance.now() - t0).toBeLessThan(2000);
        }
      }
    });

    it('survives corrupted block contents behind a valid checksum (fixed seed): FormatError or clean decode', () => {
      const rnd = lcg(42);
      let rejected = 0;
      for (let trial = 0; trial < 40; trial++) {
        let calls = 0;
        const inflate = (d: Uint8Array, n: number): Uint8Array => {
          const out = new Uint8Array(inflateZlibNode(d, n));
          if (calls++ === 0) return out; // leave the OSMHeader intact, fuzz the data blocks
          for (let k = 0; k < 1 + Math.floor(rnd() * 4); k++)
            out[Math.floor(rnd() * out.length)] = Math.floor(rnd() * 256);
          return out;
        };
        try {
          decodeOsmPbf(
            bytes,
            { ...summarySink(emptySummary()), wantWay: () => rnd() < 0.5, taggedNode() {} },
            { inflate },
          );
        } catch (e) {
          expect(e).toBeInstanceOf(FormatError);
          expect((e as FormatError).code).toBe('corrupt-pbf');
          expect((e as FormatError).message).toMatch(
            /OSMData blob at byte \d+: .*\(at byte \d+ of its \d+-byte decompressed block\)/,
          );
          rejected++;
        }
      }
      expect(rejected).toBeGreaterThan(20);
    });

    it('readOsmPbfFile reports missing, empty and truncated files with their path', () => {
      const dir = mkdtempSync(join(tmpdir(), 'servicereach-pbf-'));
      try {
        const nowhere = join(dir, 'nope.osm.pbf');
        expect(() => readOsmPbfFile(nowhere, summarySink(emptySummary()))).toThrow(InputError);
        try {
          readOsmPbfFile(nowhere, summarySink(emptySummary()));
        } catch (e) {
          expect((e as InputError).code).toBe('file-not-found');
          expect((e as InputError).message).toContain(nowhere);
        }
        const empty = join(dir, 'empty.osm.pbf');
        writeFileSync(empty, new Uint8Array(0));
        expect(
          expectFormatError(
            () => readOsmPbfFile(empty, summarySink(emptySummary())),
            ['empty-file'],
          ).message,
        ).toContain(empty);
        const cut = join(dir, 'cut.osm.pbf');
        writeFileSync(cut, bytes.subarray(0, bytes.length - 10));
        expect(
          expectFormatError(
            () => readOsmPbfFile(cut, summarySink(emptySummary())),
            ['truncated-pbf'],
          ).message,
        ).toContain(cut);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  },
);

for (const name of FILES) {
  const path = join(DATA, name);
  describe.skipIf(missing(name))(
    `${name} (needs ${path}; skipped when shared/ data is missing)`,
    () => {
      const bytes = missing(name) ? new Uint8Array(0) : new Uint8Array(readFileSync(path));
      let reference: Summary | undefined;
      const ref = (): Summary => {
        reference ??= referenceSummary(bytes);
        return reference;
      };

      it('matches tiny-osmpbf on counts, refs, coordinates and tags', { timeout: 60_000 }, () => {
        const ours = ourSummary(bytes);
        const theirs = ref();
        expect(ours.nodes).toBeGreaterThan(0);
        expect(ours.ways).toBeGreaterThan(0);
        expect(ours.taggedNodes).toBeGreaterThan(0);
        expect(ours).toEqual(theirs);
      });

      it('gives identical results with fflate, node:zlib and the streaming file reader', {
        timeout: 60_000,
      }, () => {
        const viaFflate = ourSummary(bytes, { inflate: inflateZlibFflate });
        const viaZlib = ourSummary(bytes, { inflate: inflateZlibNode });
        const viaFile = emptySummary();
        const progress: [number, number][] = [];
        readOsmPbfFile(path, summarySink(viaFile), {
          onProgress: (done, total) => progress.push([done, total]),
        });
        expect(viaZlib).toEqual(viaFflate);
        expect(viaFile).toEqual(viaFflate);
        expect(progress.length).toBeGreaterThan(1);
        expect(
          progress.every(([d, t], i) => t === bytes.length && (i === 0 || d > progress[i - 1][0])),
        ).toBe(true);
        expect(progress.at(-1)).toEqual([bytes.length, bytes.length]);
      });

      it('wantWay filtering delivers exactly the accepted ways', { timeout: 60_000 }, () => {
        let asked = 0;
        const delivered: Record<string, string>[] = [];
        decodeOsmPbf(bytes, {
          node() {},
          wantWay(tags) {
            asked++;
            return tags.highway !== undefined;
          },
          way(_id, refs, tags) {
            expect(refs.length).toBeGreaterThan(0);
            delivered.push(tags);
          },
        });
        expect(asked).toBe(ref().ways);
        expect(delivered.length).toBe(ref().highwayWays);
        expect(delivered.length).toBeGreaterThan(0);
        expect(delivered.every((t) => t.highway !== undefined)).toBe(true);
      });

      it('isPbf recognises it', () => {
        expect(isPbf(bytes)).toBe(true);
        expect(isPbf(bytes.subarray(0, 32))).toBe(true);
      });
    },
  );
}
