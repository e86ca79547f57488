/**
 * Which OSM PBF decoder should servicereach use? Decodes one real extract with our decoder (fflate
 * and node:zlib inflate), with a variant of ours that reads protobuf through the `pbf` package, and
 * with every npm PBF package that installs and works here, then prints markdown tables.
 *
 *   npx tsx benchmarks/pbf-decoders.ts [file.osm.pbf] [--reps N]
 *
 * Each decoder starts from the file path (reading the file is part of the job), counts nodes, ways
 * and way refs and sums coordinates so no work can be optimised away, and must agree with ours on
 * those numbers. Results go into benchmarks/pbf-decoders.md by hand, with the machine they ran on.
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, cpus } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateSync } from 'node:zlib';
import { unzlibSync } from 'fflate';
import { createOSMStream } from 'osm-pbf-parser-node';
import { PbfReader } from 'pbf';
import { inflateZlibNode, readOsmPbfFile } from '../src/node/read-pbf-file';
import { decodeOsmPbf } from '../src/inputs/osm/pbf/file';
import { inflateZlibFflate } from '../src/inputs/osm/pbf/inflate';
import type { OsmSink } from '../src/inputs/osm/sink';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const repsAt = args.indexOf('--reps');
const REPS = repsAt >= 0 ? Number(args[repsAt + 1]) : 7;
const childAt0 = args.indexOf('--child');
const file =
  args.find(
    (a, i) => !a.startsWith('--') && i !== repsAt + 1 && (childAt0 < 0 || i > childAt0 + 2),
  ) ?? resolve(root, '../shared/data/osm/andorra-2025.osm.pbf');
const require = createRequire(import.meta.url);

/** What every decoder reports; equal tallies mean equal work. */
interface Tally {
  nodes: number;
  ways: number;
  refs: number;
  coordSum: number;
}

const newTally = (): Tally => ({ nodes: 0, ways: 0, refs: 0, coordSum: 0 });

function tallySink(t: Tally): OsmSink {
  return {
    node(_id, lon, lat) {
      t.nodes++;
      t.coordSum += lon + lat;
    },
    way(_id, refs) {
      t.ways++;
      t.refs += refs.length;
    },
  };
}

// ---- Candidate packages. None but osm-pbf-parser-node ships types; these are the parts we call. ----

interface PkgNode {
  type: 'node';
  lat: number;
  lon: number;
}
interface PkgWay {
  type: 'way';
  refs?: number[];
  nodes?: number[];
  nodeRefs?: string[];
}
type PkgElement = PkgNode | PkgWay | { type: 'relation' };

function countElement(t: Tally, e: PkgElement): void {
  if (e.type === 'node') {
    t.nodes++;
    t.coordSum += e.lon + e.lat;
  } else if (e.type === 'way') {
    t.ways++;
    t.refs += (e.refs ?? e.nodes ?? e.nodeRefs ?? []).length;
  }
}

type TinyOsmPbf = (buf: Uint8Array, handler: (e: PkgElement) => void) => unknown;
interface OsmRead {
  parse(opts: {
    filePath: string;
    format: 'pbf';
    node(n: { lat: number; lon: number }): void;
    way(w: { nodeRefs: string[] }): void;
    endDocument(): void;
    error(msg: unknown): void;
  }): unknown;
}
type OsmPbfParser = () => NodeJS.ReadWriteStream;

/** A decoder under test: reads `path`, fills the tally. */
interface Candidate {
  name: string;
  run(path: string, t: Tally): void | Promise<void>;
}

function tryLoad<T>(name: string): T | undefined {
  try {
    return require(name) as T;
  } catch (e) {
    console.error(`skipping ${name}: ${(e as Error).message}`);
    return undefined;
  }
}

const candidates: Candidate[] = [
  {
    name: 'servicereach (fflate inflate)',
    run: (path, t) => decodeOsmPbf(readFileSync(path), tallySink(t)),
  },
  {
    name: 'servicereach (node:zlib, streaming file reader)',
    run: (path, t) => readOsmPbfFile(path, tallySink(t)),
  },
  {
    name: 'servicereach variant: protobuf via `pbf` package (node:zlib)',
    run: (path, t) => decodeWithPbfPackage(readFileSync(path), tallySink(t)),
  },
];

const tiny = tryLoad<TinyOsmPbf>('tiny-osmpbf');
if (tiny)
  candidates.push({
    name: 'tiny-osmpbf 0.1.0',
    run: (path, t) => void tiny(readFileSync(path), (e) => countElement(t, e)),
  });

const osmRead = tryLoad<OsmRead>('osm-read');
if (osmRead) {
  candidates.push({
    name: 'osm-read 0.7.0',
    run: (path, t) =>
      new Promise<void>((done, fail) => {
        osmRead.parse({
          filePath: path,
          format: 'pbf',
          node: (n) => countElement(t, { type: 'node', lat: n.lat, lon: n.lon }),
          way: (w) => countElement(t, { type: 'way', nodeRefs: w.nodeRefs }),
          endDocument: () => done(),
          error: (msg) => fail(new Error(String(msg))),
        });
      }),
  });
}

const osmPbfParser = tryLoad<OsmPbfParser>('osm-pbf-parser');
if (osmPbfParser) {
  candidates.push({
    name: 'osm-pbf-parser 2.3.0',
    run: (path, t) =>
      new Promise<void>((done, fail) => {
        const parser = osmPbfParser();
        parser.on('data', (items: PkgElement[]) => {
          for (const e of items) countElement(t, e);
        });
        parser.on('end', () => done());
        parser.on('error', fail);
        createReadStream(path).pipe(parser);
      }),
  });
}

candidates.push({
  name: 'osm-pbf-parser-node 1.1.4',
  run: async (path, t) => {
    for await (const e of createOSMStream(path, { withTags: true, withInfo: false }))
      countElement(t, e as PkgElement);
  },
});

// ---- Our block decoding logic, but reading protobuf with the `pbf` package's PbfReader. ----
// Kept here only to decide "hand-rolled vs pbf" by measurement; same structure as src/inputs/osm/pbf/.

const PBF_UTF8 = new TextDecoder();

function decodeWithPbfPackage(bytes: Uint8Array, sink: OsmSink): void {
  let off = 0;
  while (off < bytes.length) {
    const headerLength =
      ((bytes[off] << 24) | (bytes[off + 1] << 16) | (bytes[off + 2] << 8) | bytes[off + 3]) >>> 0;
    const header = new PbfReader(bytes.subarray(off + 4, off + 4 + headerLength));
    let type = '';
    let dataSize = 0;
    header.readFields((tag, _r, p) => {
      if (tag === 1) type = p.readString();
      else if (tag === 3) dataSize = p.readVarint();
    }, null);
    const blobAt = off + 4 + headerLength;
    const blob = new PbfReader(bytes.subarray(blobAt, blobAt + dataSize));
    let data: Uint8Array = new Uint8Array(0);
    let zlib: Uint8Array | undefined;
    let rawSize = 0;
    blob.readFields((tag, _r, p) => {
      if (tag === 1) data = p.readBytes();
      else if (tag === 2) rawSize = p.readVarint();
      else if (tag === 3) zlib = p.readBytes();
    }, null);
    if (zlib !== undefined) data = inflateZlibNode(zlib, rawSize);
    if (type === 'OSMData') decodeBlockWithPbf(new PbfReader(data), sink);
    off = blobAt + dataSize;
  }
}

function decodeBlockWithPbf(p: PbfReader, sink: OsmSink): void {
  // Lazily decoded string table, as in src/inputs/osm/pbf/.
  const strStart: number[] = [];
  const strEnd: number[] = [];
  const strings: (string | undefined)[] = [];
  const str = (i: number): string => {
    let s = strings[i];
    if (s === undefined) {
      s = PBF_UTF8.decode(p.buf.subarray(strStart[i], strEnd[i]));
      strings[i] = s;
    }
    return s;
  };
  const groups: number[] = [];
  let granularity = 100;
  let latOffset = 0;
  let lonOffset = 0;
  p.readFields((tag) => {
    if (tag === 1) {
      const end = p.readVarint() + p.pos;
      while (p.pos < end) {
        p.readVarint(); // StringTable.s key
        const len = p.readVarint();
        strStart.push(p.pos);
        strEnd.push(p.pos + len);
        p.pos += len;
      }
    } else if (tag === 2) {
      groups.push(p.pos);
      const len = p.readVarint();
      p.pos += len;
    } else if (tag === 17) granularity = p.readVarint();
    else if (tag === 19) latOffset = p.readVarint(true);
    else if (tag === 20) lonOffset = p.readVarint(true);
  }, null);
  const keys: number[] = [];
  const vals: number[] = [];
  const refs: number[] = [];
  for (const groupAt of groups) {
    p.pos = groupAt;
    const groupEnd = p.readVarint() + p.pos;
    p.readFields(
      (tag) => {
        const end = p.readVarint() + p.pos;
        if (tag === 2) {
          let ids = 0;
          let lats = 0;
          let lons = 0;
          let idsEnd = 0;
          p.readFields(
            (t) => {
              if (t === 1 || t === 8 || t === 9) {
                const e = p.readVarint() + p.pos;
                if (t === 1) {
                  ids = p.pos;
                  idsEnd = e;
                } else if (t === 8) lats = p.pos;
                else lons = p.pos;
                p.pos = e;
              }
            },
            null,
            end,
          );
          let id = 0;
          let lat = 0;
          let lon = 0;
          while (ids < idsEnd) {
            p.pos = ids;
            id += p.readSVarint();
            ids = p.pos;
            p.pos = lats;
            lat += p.readSVarint();
            lats = p.pos;
            p.pos = lons;
            lon += p.readSVarint();
            lons = p.pos;
            sink.node(
              id,
              (lonOffset + granularity * lon) / 1e9,
              (latOffset + granularity * lat) / 1e9,
            );
          }
          p.pos = end;
        } else if (tag === 3) {
          let id = 0;
          refs.length = 0;
          keys.length = 0;
          vals.length = 0;
          p.readFields(
            (t) => {
              if (t === 1) id = p.readVarint();
              else if (t === 2) p.readPackedVarint(keys);
              else if (t === 3) p.readPackedVarint(vals);
              else if (t === 8) {
                const e = p.readVarint() + p.pos;
                let ref = 0;
                while (p.pos < e) {
                  ref += p.readSVarint();
                  refs.push(ref);
                }
              }
            },
            null,
            end,
          );
          const tags: Record<string, string> = {};
          for (let i = 0; i < keys.length; i++) tags[str(keys[i])] = str(vals[i]);
          sink.way(id, refs, tags);
        } else p.pos = end; // nodes (not written by current tools), relations
      },
      null,
      groupEnd,
    );
  }
}

// ---- Measurement ----
// Each decoder and each inflater runs in a fresh child process, so one package's garbage and JIT
// state cannot slow the next (in one process, fflate measured up to ~1.9x slower after the packages had run).

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

async function timeRuns(run: () => void | Promise<void>): Promise<number> {
  const times: number[] = [];
  for (let r = -2; r < REPS; r++) {
    const t0 = performance.now();
    await run();
    if (r >= 0) times.push(performance.now() - t0); // the first two runs warm the JIT
  }
  return median(times);
}

/** Every zlib blob of the file with its raw size, to time inflaters on their own. */
function zlibBlobs(): [Uint8Array, number][] {
  const blobs: [Uint8Array, number][] = [];
  decodeOsmPbf(
    readFileSync(file),
    { node() {}, way() {} },
    {
      inflate: (d, n) => {
        blobs.push([d.slice(), n]);
        return inflateSync(d);
      },
    },
  );
  return blobs;
}

const inflaters: [string, (d: Uint8Array, n: number) => Uint8Array][] = [
  [
    'fflate unzlibSync, output preallocated, no Adler-32 check',
    (d, n) => unzlibSync(d, { out: new Uint8Array(n) }),
  ],
  ['fflate + Adler-32 check (`inflateZlibFflate`, our default)', inflateZlibFflate],
  ['node:zlib inflateSync, default chunks', (d) => inflateSync(d)],
  [
    'node:zlib inflateSync, one chunk of raw_size (`inflateZlibNode`, ours in Node)',
    inflateZlibNode,
  ],
];

/** Child side: one measurement, printed as a JSON line. */
async function child(kind: string, index: number): Promise<void> {
  if (kind === 'decoder') {
    const c = candidates[index];
    let tally = newTally();
    const ms = await timeRuns(async () => {
      tally = newTally();
      await c.run(file, tally);
    });
    console.log(JSON.stringify({ ms, tally }));
  } else {
    const blobs = zlibBlobs();
    const f = inflaters[index][1];
    const ms = await timeRuns(() => {
      for (const [d, n] of blobs) f(d, n);
    });
    console.log(
      JSON.stringify({ ms, rawBytes: blobs.reduce((s, b) => s + b[1], 0), blobs: blobs.length }),
    );
  }
}

function inChild(kind: string, index: number): Record<string, unknown> | undefined {
  const r = spawnSync(
    process.execPath,
    [
      ...process.execArgv,
      process.argv[1],
      '--child',
      kind,
      String(index),
      '--reps',
      String(REPS),
      file,
    ],
    {
      encoding: 'utf8',
      maxBuffer: 1 << 24,
    },
  );
  const line = r.stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    console.error(`${kind} ${index} failed: ${r.stderr.trim().split('\n').slice(-3).join(' / ')}`);
    return undefined;
  }
}

function parent(): void {
  console.log(
    `file: ${file} (${readFileSync(file).length} bytes); ${REPS} timed runs after 2 warm-ups, median; each row in a fresh process`,
  );
  console.log(
    `machine: ${cpus()[0]?.model ?? 'unknown CPU'}, nproc ${availableParallelism()}, node ${process.version}, ${new Date().toISOString().slice(0, 10)}`,
  );
  const results: { name: string; ms: number; tally: Tally }[] = [];
  candidates.forEach((c, i) => {
    const r = inChild('decoder', i) as { ms: number; tally: Tally } | undefined;
    if (r === undefined) return;
    results.push({ name: c.name, ...r });
    console.error(`${c.name}: ${r.ms.toFixed(1)} ms`);
  });
  const ref = results[0].tally;
  const fastest = Math.min(...results.map((r) => r.ms));
  console.log('');
  console.log(
    '| decoder | median ms | nodes/s | × fastest | nodes | ways | refs | same result as ours |',
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|---|');
  for (const r of results) {
    const same =
      r.tally.nodes === ref.nodes &&
      r.tally.ways === ref.ways &&
      r.tally.refs === ref.refs &&
      Math.abs(r.tally.coordSum - ref.coordSum) < 1e-6 * r.tally.nodes;
    console.log(
      `| ${r.name} | ${r.ms.toFixed(1)} | ${(r.tally.nodes / (r.ms / 1000) / 1e6).toFixed(2)} M | ${(r.ms / fastest).toFixed(2)} | ${r.tally.nodes} | ${r.tally.ways} | ${r.tally.refs} | ${same ? 'yes' : 'NO'} |`,
    );
  }
  console.log('');
  const rows = inflaters.map(([name], i) => ({
    name,
    r: inChild('inflate', i) as { ms: number; rawBytes: number; blobs: number } | undefined,
  }));
  const any = rows.find((x) => x.r !== undefined)?.r;
  if (any === undefined) return;
  console.log(
    `Inflating all ${any.blobs} zlib blobs (${(any.rawBytes / 1e6).toFixed(1)} MB decompressed) alone:`,
  );
  console.log('');
  console.log('| inflater | median ms | MB/s (output) |');
  console.log('|---|---:|---:|');
  for (const { name, r } of rows) {
    if (r !== undefined)
      console.log(`| ${name} | ${r.ms.toFixed(1)} | ${(r.rawBytes / 1e3 / r.ms).toFixed(0)} |`);
  }
}

const childAt = args.indexOf('--child');
if (childAt >= 0) await child(args[childAt + 1], Number(args[childAt + 2]));
else parent();
