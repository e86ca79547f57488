/**
 * Which OSM XML parsing approach should servicereach ship? Decodes the gunzipped north-bayreuth
 * extract with each candidate doing the same OSM work (ids, coordinates, way refs, tags, sink calls)
 * and prints a markdown table (median of several runs in fresh processes). Results: xml-decoders.md.
 *
 * @example
 * npx tsx benchmarks/xml-decoders.ts            # 9 timed runs per candidate
 * npx tsx benchmarks/xml-decoders.ts --runs 15
 * npx tsx benchmarks/xml-decoders.ts --gc       # force a full GC before every timed decode
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { Parser as Htmlparser2Parser } from 'htmlparser2';
import sax from 'sax';
import { SaxesParser } from 'saxes';
import { readOsmXmlFile } from '../src/node/read-osm-xml-file';
import { GunzipStream } from '../src/inputs/gzip';
import type { OsmSink } from '../src/inputs/osm/sink';
import { createOsmXmlDecoder, decodeOsmXml } from '../src/inputs/osm/xml/decoder';

const ROOT = resolve(import.meta.dirname, '..');
const SELF = fileURLToPath(import.meta.url);
const DATA = resolve(ROOT, '../shared/data/osm/north-bayreuth-2014.osm.gz');
const CHUNK = 1 << 16; // what fs.createReadStream hands over
// Off by default: a forced full GC between decodes makes V8 flush the scanner's bytecode and
// feedback, and its still-installed optimised code then de-optimises thousands of times per decode
// (measured ~1.7x slower). One long decode never does that; see xml-decoders.md.
const FORCE_GC = process.argv.includes('--gc');

/** The work every candidate must drive: enough that skipping a value would change the checksum. */
class ChecksumSink implements OsmSink {
  nodes = 0;
  ways = 0;
  refs = 0;
  tags = 0;
  sum = 0;
  node(id: number, lon: number, lat: number): void {
    this.nodes++;
    this.sum += lon + lat + id * 1e-9;
  }
  taggedNode(_id: number, _lon: number, _lat: number, tags: Record<string, string>): void {
    for (const k in tags) this.tags += k.length + tags[k].length;
  }
  way(id: number, refs: ArrayLike<number>, tags: Record<string, string>): void {
    this.ways++;
    this.refs += refs.length;
    for (let i = 0; i < refs.length; i++) this.sum += refs[i] * 1e-9;
    this.sum += id * 1e-9;
    for (const k in tags) this.tags += k.length + tags[k].length;
  }
  key(): string {
    return `${this.nodes}/${this.ways}/${this.refs}/${this.tags}/${this.sum.toFixed(3)}`;
  }
}

/**
 * OSM semantics on top of a generic SAX parser's open/close events with an attribute record,
 * so the library candidates do the same work as the hand-written scanner.
 */
class SaxOsmAdapter {
  private kind = '';
  private id = 0;
  private lon = 0;
  private lat = 0;
  private tags: Record<string, string> | null = null;
  private refs = new Float64Array(256);
  private refCount = 0;
  constructor(private readonly sink: OsmSink) {}

  open(name: string, a: Record<string, string>): void {
    switch (name) {
      case 'node':
        this.kind = 'node';
        this.id = num(a.id, 'id');
        this.lat = num(a.lat, 'lat');
        this.lon = num(a.lon, 'lon');
        this.tags = null;
        this.sink.node(this.id, this.lon, this.lat);
        break;
      case 'way':
        this.kind = 'way';
        this.id = num(a.id, 'id');
        this.tags = {};
        this.refCount = 0;
        break;
      case 'nd':
        if (this.kind !== 'way') break;
        if (this.refCount === this.refs.length) {
          const grown = new Float64Array(this.refs.length * 2);
          grown.set(this.refs);
          this.refs = grown;
        }
        this.refs[this.refCount++] = num(a.ref, 'ref');
        break;
      case 'tag':
        if (this.kind === 'way' || this.kind === 'node') {
          if (this.tags === null) this.tags = {};
          this.tags[a.k] = a.v;
        }
        break;
    }
  }

  close(name: string): void {
    if (name === 'node') {
      if (this.tags !== null) this.sink.taggedNode?.(this.id, this.lon, this.lat, this.tags);
      this.kind = '';
    } else if (name === 'way') {
      this.sink.way(this.id, this.refs.subarray(0, this.refCount), this.tags ?? {});
      this.kind = '';
    }
  }
}

function num(v: string | undefined, what: string): number {
  const n = v === undefined ? Number.NaN : Number(v);
  if (Number.isNaN(n)) throw new Error(`bad ${what}: ${v}`);
  return n;
}

type Candidate = { name: string; run(chunks: Uint8Array[], sink: OsmSink): void | Promise<void> };

/** Feeds UTF-8 chunks to a string-based parser exactly as the scanner receives them. */
function asText(chunks: Uint8Array[], write: (text: string) => void): void {
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  for (const c of chunks) write(utf8.decode(c, { stream: true }));
  write(utf8.decode());
}

const candidates: Candidate[] = [
  {
    name: 'hand-written scanner (src/inputs/osm/xml/)',
    run(chunks, sink) {
      const d = createOsmXmlDecoder(sink);
      for (const c of chunks) d.write(c);
      d.end();
    },
  },
  {
    name: 'saxes 6 (position tracking on: line numbers in errors)',
    run(chunks, sink) {
      const osm = new SaxOsmAdapter(sink);
      const p = new SaxesParser({ xmlns: false });
      p.on('opentag', (t) => osm.open(t.name, t.attributes));
      p.on('closetag', (t) => osm.close(t.name));
      p.on('error', (e) => {
        throw e;
      });
      asText(chunks, (text) => p.write(text));
      p.close();
    },
  },
  {
    name: 'saxes 6 (position: false)',
    run(chunks, sink) {
      const osm = new SaxOsmAdapter(sink);
      const p = new SaxesParser({ xmlns: false, position: false });
      p.on('opentag', (t) => osm.open(t.name, t.attributes));
      p.on('closetag', (t) => osm.close(t.name));
      asText(chunks, (text) => p.write(text));
      p.close();
    },
  },
  {
    name: 'sax 1 (strict)',
    run(chunks, sink) {
      const osm = new SaxOsmAdapter(sink);
      const p = sax.parser(true, {});
      p.onopentag = (t) => osm.open(t.name, t.attributes as Record<string, string>);
      p.onclosetag = (name) => osm.close(name);
      p.onerror = (e) => {
        throw e;
      };
      asText(chunks, (text) => p.write(text));
      p.close();
    },
  },
  {
    name: 'htmlparser2 12 (xmlMode, no line numbers)',
    run(chunks, sink) {
      const osm = new SaxOsmAdapter(sink);
      const p = new Htmlparser2Parser(
        {
          onopentag: (name, attrs) => osm.open(name, attrs),
          onclosetag: (name) => osm.close(name),
        },
        { xmlMode: true },
      );
      asText(chunks, (text) => p.write(text));
      p.end();
    },
  },
];

/** End-to-end paths from the .gz file, reported separately (they include decompression). */
const pipelines: Candidate[] = [
  {
    name: 'readOsmXmlFile (fs stream + node:zlib + scanner)',
    run: (_chunks, sink) => readOsmXmlFile(DATA, sink),
  },
  {
    name: 'GunzipStream (fflate + CRC) + scanner, 64 KiB compressed chunks',
    run(_chunks, sink) {
      const gzBytes = readFileSync(DATA);
      const d = createOsmXmlDecoder(sink);
      const gz = new GunzipStream((c) => d.write(c));
      for (let i = 0; i < gzBytes.length; i += CHUNK) gz.push(gzBytes.subarray(i, i + CHUNK));
      gz.end();
      d.end();
    },
  },
  {
    name: 'decodeOsmXml(gz bytes) (browser path)',
    run: (_chunks, sink) => decodeOsmXml(readFileSync(DATA), sink),
  },
];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

type Group = 'parsers' | 'pipelines';
const GROUPS: Record<Group, Candidate[]> = { parsers: candidates, pipelines };

/** Child-process side: warm up, time `runs` decodes of one candidate, report JSON on stdout. */
async function child(
  group: Group,
  index: number,
  runs: number,
  chunks: Uint8Array[],
): Promise<void> {
  const c = GROUPS[group][index];
  const times: number[] = [];
  let key = '';
  for (let round = 0; round < runs + 2; round++) {
    const sink = new ChecksumSink();
    if (FORCE_GC) (globalThis as { gc?: () => void }).gc?.();
    const t0 = performance.now();
    await c.run(chunks, sink);
    const ms = performance.now() - t0;
    key = sink.key();
    if (round >= 2) times.push(ms);
  }
  process.stdout.write(JSON.stringify({ times, key }));
}

/**
 * Each candidate runs in a fresh process, so one parser's JIT state (shared sink call sites, heap)
 * cannot slow another; passes alternate between candidates to spread machine noise evenly.
 */
function measure(group: Group, runs: number): Map<string, number[]> {
  const list = GROUPS[group];
  const times = new Map<string, number[]>(list.map((c) => [c.name, []]));
  const passes = 3;
  let expected = '';
  for (let pass = 0; pass < passes; pass++) {
    for (let i = 0; i < list.length; i++) {
      const perPass = Math.ceil(runs / passes);
      const args = [
        '--expose-gc',
        '--import',
        'tsx',
        SELF,
        '--child',
        `${group}:${i}`,
        '--runs',
        String(perPass),
      ];
      if (FORCE_GC) args.push('--gc');
      const out = spawnSync(process.execPath, args, {
        cwd: ROOT,
        encoding: 'utf8',
        maxBuffer: 1 << 20,
      });
      if (out.status !== 0) throw new Error(`${list[i].name} failed:\n${out.stderr}`);
      const result = JSON.parse(out.stdout) as { times: number[]; key: string };
      if (expected === '') expected = result.key;
      if (result.key !== expected)
        throw new Error(`${list[i].name} disagrees: ${result.key} vs ${expected}`);
      times.get(list[i].name)!.push(...result.times);
    }
  }
  console.error(`checksum (nodes/ways/refs/tag chars/sum) agreed by all: ${expected}`);
  return times;
}

function table(list: Candidate[], times: Map<string, number[]>, mb: number, nodes: number): string {
  const med = list.map((c) => {
    const t = times.get(c.name)!;
    return { name: c.name, ms: median(t), min: Math.min(...t), max: Math.max(...t) };
  });
  const best = Math.min(...med.map((m) => m.ms));
  const rows = med
    .sort((a, b) => a.ms - b.ms)
    .map(
      (m) =>
        `| ${m.name} | ${m.ms.toFixed(0)} | ${m.min.toFixed(0)}–${m.max.toFixed(0)} | ${(mb / (m.ms / 1000)).toFixed(1)} | ` +
        `${(nodes / (m.ms / 1000) / 1e6).toFixed(2)} M | ${(m.ms / best).toFixed(2)}× |`,
    );
  const head = '| approach | median ms | min–max ms | MB/s (XML) | nodes/s | vs fastest |';
  return [head, '|---|---:|---:|---:|---:|---:|', ...rows].join('\n');
}

async function main(): Promise<void> {
  if (!existsSync(DATA)) {
    console.error(
      `benchmark data missing: ${DATA} (expected the shared OSM data folder beside the project)`,
    );
    process.exit(1);
  }
  const runsArg = process.argv.indexOf('--runs');
  const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 9;
  const xml = gunzipSync(readFileSync(DATA));
  const chunks: Uint8Array[] = [];
  for (let i = 0; i < xml.length; i += CHUNK) chunks.push(xml.subarray(i, i + CHUNK));

  const childArg = process.argv.indexOf('--child');
  if (childArg > 0) {
    const [group, index] = process.argv[childArg + 1].split(':');
    await child(group as Group, Number(index), runs, chunks);
    return;
  }

  const mb = xml.length / 1e6;
  const probe = new ChecksumSink();
  decodeOsmXml(xml, probe);
  console.log(
    `input: north-bayreuth-2014.osm.gz → ${mb.toFixed(1)} MB XML, ${probe.nodes} nodes, ${probe.ways} ways`,
  );
  console.log(
    `machine: ${availableParallelism()} cores, node ${process.version}, ${new Date().toISOString().slice(0, 10)}; ` +
      `median of ${3 * Math.ceil(runs / 3)} runs (3 fresh processes per approach, 2 warm-up decodes each), ` +
      `64 KiB chunks${FORCE_GC ? ', forced full GC before each decode' : ''}\n`,
  );
  console.log('### Parsers (decompressed XML bytes in memory → sink)\n');
  console.log(table(candidates, measure('parsers', runs), mb, probe.nodes));
  console.log('\n### End to end from the .gz file (includes decompression)\n');
  console.log(table(pipelines, measure('pipelines', runs), mb, probe.nodes));
}

await main();
