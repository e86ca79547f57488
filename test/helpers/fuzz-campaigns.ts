// The fuzz campaigns, run in a child process by `runCampaign` (test/helpers/fuzz.ts) so that a
// hang is caught by a timeout: `node --import tsx test/helpers/fuzz-campaigns.ts <name> <cases>
// <seed>` prints one JSON CampaignReport line. Every case is derived from the seed.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { crc32 } from '../../src/inputs/crc32';
import { decodeOsm } from '../../src/inputs/osm/decode-osm';
import type { OsmSink } from '../../src/inputs/osm/sink';
import { buildNetworkFromGeoJson } from '../../src/network/build';
import type { RoadNetwork } from '../../src/network/road-network';
import { loadNetwork } from '../../src/node/load-network';
import { readPointsFile } from '../../src/node/read-points-file';
import { hierarchySections } from '../../src/search/ch/hierarchy-sections';
import { hierarchyFor, preparedHierarchy } from '../../src/search/ch/network-hierarchy';
import { nearestFacilities } from '../../src/search/nearest-facilities';
import { shortestPathTree } from '../../src/search/shortest-path-tree';
import { travelTimeMatrix } from '../../src/search/travel-time-matrix';
import { ROOT } from './cli';
import { type CampaignReport, mutate, newReport, seeded, tally, verdict } from './fuzz';

const tmp = mkdtempSync(join(tmpdir(), 'servicereach-fuzz-'));
const county = (f: string) => join(ROOT, 'data/county', f);
/** The small real extract the PBF campaign damages (skipped by the test when absent). */
export const ORDINO = join(ROOT, '../shared/data/osm/andorra-ordino-small.osm.pbf');

/** Everything an OSM decoder handed over, folded into counts and one hash. */
function osmDigest(bytes: Uint8Array): string {
  let h = 0x811c9dc5;
  let nodes = 0;
  let ways = 0;
  let tagged = 0;
  const mix = (x: number) => {
    h = Math.imul(h ^ (x | 0), 0x01000193);
    h = Math.imul(h ^ Math.floor(x / 4294967296), 0x01000193);
  };
  const text = (s: string) => {
    for (let i = 0; i < s.length; i++) mix(s.charCodeAt(i));
  };
  const sink: OsmSink = {
    node(id, lon, lat) {
      nodes++;
      mix(id);
      mix(Math.round(lon * 1e7));
      mix(Math.round(lat * 1e7));
    },
    taggedNode(id, _lon, _lat, tags) {
      tagged++;
      mix(id);
      for (const k in tags) text(k + tags[k]);
    },
    way(id, refs, tags) {
      ways++;
      mix(id);
      for (let i = 0; i < refs.length; i++) mix(refs[i]);
      for (const k in tags) text(k + tags[k]);
    },
  };
  decodeOsm(bytes, sink);
  return `${nodes} nodes, ${tagged} tagged, ${ways} ways, hash ${(h >>> 0).toString(16)}`;
}

function sameDigest(good: string) {
  return (got: string) => (got === good ? null : `decoded ${got}, expected ${good}`);
}

// .srn: byte damage must be caught by the checksum; damage resealed with a fresh CRC (a writer bug,
// a hand-made file) must be caught by the range checks or give a network whose searches end.
async function srn(cases: number, seed: number, r: CampaignReport, withHierarchy = false) {
  const roads = JSON.parse(readFileSync(county('roads.geojson'), 'utf8'));
  const net = buildNetworkFromGeoJson(roads, { profile: 'walk' });
  const ch = withHierarchy ? hierarchySections(hierarchyFor(net)) : null;
  const good = new Uint8Array(net.toBuffer());
  const same = (got: RoadNetwork) => {
    const gotCh = preparedHierarchy(got);
    if (!ch !== !gotCh) return 'hierarchy gained or lost';
    const theirs = gotCh ? hierarchySections(gotCh) : {};
    for (const [k, a] of [...Object.entries(net.arrays), ...Object.entries(ch ?? {})]) {
      const b = net.arrays[k as keyof typeof net.arrays]
        ? got.arrays[k as keyof typeof net.arrays]
        : theirs[k as keyof typeof theirs];
      if (!a || !b) return `section ${k} missing`;
      const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
      const y = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
      if (x.length !== y.length || x.some((v, i) => v !== y[i])) return `section ${k} differs`;
    }
    return JSON.stringify(got.meta) === JSON.stringify(net.meta) ? null : 'meta differs';
  };
  const rnd = seeded(seed);
  const path = join(tmp, 'net.srn');
  const reseal = (b: Uint8Array) => {
    if (b.length >= 24) new DataView(b.buffer).setUint32(16, crc32(b.subarray(20)), true);
    return b;
  };
  for (let i = 0; i < cases; i++) {
    const resealed = i % 5 === 4;
    const m = mutate(good, rnd, resealed ? ['flip', 'byte', 'zero'] : undefined);
    const bytes = resealed ? reseal(m.bytes) : m.bytes;
    writeFileSync(path, bytes);
    tally(
      r,
      `${resealed ? 'resealed ' : ''}${m.label}`,
      await verdictAsync(loadAndSearch, resealed ? null : same, path),
    );
  }
  if (withHierarchy) {
    // Resealed damage aimed at the hierarchy's sections: one byte of one of them set at random.
    const headerLen = new DataView(good.buffer).getUint32(12, true);
    const { sections } = JSON.parse(new TextDecoder().decode(good.subarray(24, 24 + headerLen)));
    const chSections = (
      sections as { name: string; offset: number; length: number; type: string }[]
    ).filter((x) => x.name.startsWith('ch'));
    for (let i = 0; i < 20; i++) {
      const t = chSections[Math.floor(rnd() * chSections.length)];
      const size = t.type === 'f64' ? 8 : 4;
      const at = t.offset + Math.floor(rnd() * Math.max(1, t.length * size));
      const b = good.slice();
      b[at] = Math.floor(rnd() * 256);
      writeFileSync(path, reseal(b));
      tally(r, `resealed ${t.name} byte ${at}`, await verdictAsync(loadAndSearch, null, path));
    }
  }
  async function loadAndSearch() {
    const got = await loadNetwork(path);
    // A resealed network may differ; its searches must still end and give times ≥ 0.
    const t = shortestPathTree(got, [got.nodeLon(0), got.nodeLat(0)]);
    if (t.timeS.some((x) => x < 0 || Number.isNaN(x))) throw new TypeError('negative time');
    if (withHierarchy) {
      // …and so must the searches on its hierarchy (PHAST nearest, buckets).
      const last = got.nodeCount - 1;
      const pts = [got.nodeLon(0), got.nodeLat(0), got.nodeLon(last), got.nodeLat(last)];
      pts.push(got.nodeLon(1), got.nodeLat(1));
      const m = travelTimeMatrix(got, pts, pts);
      const near = nearestFacilities(got, pts, pts.slice(0, 2));
      if ([...m.timeS, ...near.timeS].some((x) => x < 0 || Number.isNaN(x)))
        throw new TypeError('negative time on the hierarchy');
    }
    return got;
  }
  // Header values that are well-formed JSON but impossible, behind a valid checksum.
  const headerLen = new DataView(good.buffer).getUint32(12, true);
  const header = new TextDecoder().decode(good.subarray(24, 24 + headerLen));
  for (const [from, to] of [
    ['"accessKmh":3', '"accessKmh":0'],
    ['"accessKmh":3', '"accessKmh":-3'],
    ['"profile":"walk"', '"profile":"    "'],
    ['"inputWays":', '"inputWays":-'],
  ] as const) {
    const edited = header.replace(from, to);
    const b = good.slice();
    const enc = new TextEncoder().encode(edited);
    if (enc.length !== headerLen) {
      // a different length shifts nothing: sections sit at absolute offsets past the padding
      if (24 + enc.length > 24 + headerLen + ((8 - ((24 + headerLen) % 8)) % 8)) continue;
    }
    b.fill(0x20, 24, 24 + headerLen);
    b.set(enc, 24);
    writeFileSync(path, reseal(b));
    tally(r, `header ${to}`, await verdictAsync(() => loadNetwork(path), null, path));
  }
  // A version-1 file (no checksum): refused with the rebuild advice.
  const v1 = good.slice();
  new DataView(v1.buffer).setUint32(8, 1, true);
  writeFileSync(path, v1);
  tally(r, 'version 1', await verdictAsync(() => loadNetwork(path), null, path));
}

async function verdictAsync<T>(
  read: () => Promise<T>,
  compare: ((got: T) => string | null) | null,
  mustName?: string,
) {
  let got: { ok: true; value: T } | { ok: false; error: unknown };
  try {
    got = { ok: true, value: await read() };
  } catch (error) {
    got = { ok: false, error };
  }
  return verdict(
    () => {
      if (!got.ok) throw got.error;
      return got.value;
    },
    compare,
    mustName,
  );
}

// PBF: zlib's Adler-32 guards the blocks; the framing and blob headers are checked by the reader.
function pbf(cases: number, seed: number, r: CampaignReport) {
  const good = new Uint8Array(readFileSync(ORDINO));
  const digest = osmDigest(good);
  const rnd = seeded(seed);
  // Block boundaries: a file cut exactly there is a shorter valid file (the format has no trailer
  // or count), which no reader can tell; reported, not counted as a failure.
  const boundaries = new Set<number>();
  for (let off = 0; off < good.length; ) {
    const hl = new DataView(good.buffer).getUint32(off);
    const hdr = good.subarray(off + 4, off + 4 + hl);
    let size = 0;
    for (let i = 0; i < hdr.length; i++)
      if (hdr[i] === 0x18) {
        let shift = 0;
        let j = i + 1;
        size = 0;
        while (j < hdr.length) {
          size += (hdr[j] & 0x7f) * 2 ** shift;
          shift += 7;
          if (!(hdr[j++] & 0x80)) break;
        }
      }
    off += 4 + hl + size;
    boundaries.add(off);
  }
  for (let i = 0; i < cases; i++) {
    const m = mutate(good, rnd);
    if (boundaries.has(m.bytes.length) && m.label.startsWith('truncated')) {
      r.undetectable.push(`${m.label} (a block boundary)`);
      continue;
    }
    tally(
      r,
      m.label,
      verdict(() => osmDigest(m.bytes), sameDigest(digest)),
    );
  }
  // The case of the issue: a damaged type string ("OSMData" → "OSMDaXa") must not drop a block.
  const at = Buffer.from(good).indexOf('OSMData', 40);
  const b = good.slice();
  b[at + 5] = 'X'.charCodeAt(0);
  tally(
    r,
    `blob type damaged at ${at}`,
    verdict(() => osmDigest(b), sameDigest(digest)),
  );
}

/** A small OSM XML file with nodes, tagged nodes and ways, as osmium writes it. */
function syntheticXml(seed: number): string {
  const rnd = seeded(seed);
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<osm version="0.6" generator="fuzz">'];
  for (let id = 1; id <= 120; id++) {
    const lon = (1.5 + rnd() * 0.05).toFixed(7);
    const lat = (42.5 + rnd() * 0.05).toFixed(7);
    if (id % 10 === 0)
      lines.push(
        `  <node id="${id}" lat="${lat}" lon="${lon}">`,
        `    <tag k="place" v="hamlet"/>`,
        `    <tag k="name" v="Vila &amp; ${id}"/>`,
        '  </node>',
      );
    else lines.push(`  <node id="${id}" lat="${lat}" lon="${lon}"/>`);
  }
  for (let w = 1; w <= 30; w++) {
    lines.push(`  <way id="${1000 + w}">`);
    for (let k = 0; k < 4; k++) lines.push(`    <nd ref="${1 + Math.floor(rnd() * 120)}"/>`);
    lines.push('    <tag k="highway" v="residential"/>', '  </way>');
  }
  lines.push('</osm>', '');
  return lines.join('\n');
}

// XML has no integrity check: a changed digit is a different valid file, so any answer is fine,
// but a throw must be the library's. The gzipped copy has gzip's CRC: same answer or an error.
function xml(cases: number, seed: number, r: CampaignReport) {
  const good = new TextEncoder().encode(syntheticXml(seed));
  const gz = new Uint8Array(gzipSync(good));
  const digest = osmDigest(good);
  const rnd = seeded(seed);
  for (let i = 0; i < cases; i++) {
    if (i % 3 === 2) {
      const m = mutate(gz, rnd);
      tally(
        r,
        `gz ${m.label}`,
        verdict(() => osmDigest(m.bytes), sameDigest(digest)),
      );
    } else {
      const m = mutate(good, rnd);
      tally(
        r,
        m.label,
        verdict(() => osmDigest(m.bytes), null),
      );
    }
  }
}

// GeoJSON villages: wrong-shaped geometries and values (the 45 kinds, by family) and
// byte damage, through readPointsFile as the CLI reads them, plain and gzipped.
async function geojson(cases: number, seed: number, r: CampaignReport) {
  const text = readFileSync(county('villages.geojson'), 'utf8');
  const fc = JSON.parse(text);
  const rnd = seeded(seed);
  const odd: unknown[] = [
    null,
    5,
    'x',
    {},
    [],
    [1],
    ['1', '2'],
    [Number.MAX_VALUE, 0],
    [200, 10],
    [10, 95],
    [[1, 2]],
    { lon: 1, lat: 2 },
    true,
  ];
  const edits: ((f: Record<string, unknown>) => void)[] = [
    (f) => {
      (f.geometry as Record<string, unknown>).coordinates = odd[Math.floor(rnd() * odd.length)];
    },
    (f) => {
      delete (f.geometry as Record<string, unknown>).coordinates;
    },
    (f) => {
      f.geometry = odd[Math.floor(rnd() * odd.length)];
    },
    (f) => {
      (f.geometry as Record<string, unknown>).type = [
        'Polygon',
        'LineString',
        'Circle',
        'MultiPoint',
        7,
      ][Math.floor(rnd() * 5)];
    },
    (f) => {
      f.properties = odd[Math.floor(rnd() * odd.length)];
    },
    (f) => {
      delete f.geometry;
    },
  ];
  const path = join(tmp, 'villages.geojson');
  for (let i = 0; i < cases; i++) {
    let bytes: Uint8Array;
    let label: string;
    let features = -1;
    if (i % 2 === 0) {
      const copy = structuredClone(fc);
      const k = Math.floor(rnd() * copy.features.length);
      const e = Math.floor(rnd() * edits.length);
      edits[e](copy.features[k]);
      bytes = new TextEncoder().encode(JSON.stringify(copy));
      label = `feature ${k}: edit ${e}`;
      features = copy.features.length;
    } else {
      const m = mutate(new TextEncoder().encode(text), rnd);
      bytes = m.bytes;
      label = m.label;
    }
    if (i % 4 === 3) {
      bytes = new Uint8Array(gzipSync(bytes));
      label += ' (gzipped)';
    }
    writeFileSync(path, bytes);
    const v = await verdictAsync(
      async () => (await readPointsFile(path)).points,
      // Nothing dropped: a successful read of a FeatureCollection gives one point per feature.
      features >= 0
        ? (points) =>
            points.length === features ? null : `${points.length} of ${features} villages`
        : null,
      path,
    );
    tally(r, label, v.kind === 'same' ? { kind: 'accepted' } : v);
  }
}

// CSV villages: byte damage (quotes, separators, digits, truncation), plain and gzipped.
async function csv(cases: number, seed: number, r: CampaignReport) {
  const fc = JSON.parse(readFileSync(county('villages.geojson'), 'utf8'));
  const rows = ['id,name,lon,lat,population'];
  for (const f of fc.features)
    rows.push(
      `${f.properties.id ?? f.id},"${String(f.properties.name ?? '').replace(/"/g, '""')}",${f.geometry.coordinates[0]},${f.geometry.coordinates[1]},${f.properties.population ?? ''}`,
    );
  const good = new TextEncoder().encode(`${rows.join('\n')}\n`);
  const rnd = seeded(seed);
  const path = join(tmp, 'villages.csv');
  for (let i = 0; i < cases; i++) {
    const m = mutate(good, rnd);
    let bytes = m.bytes;
    let label = m.label;
    if (i % 4 === 3) {
      bytes = new Uint8Array(gzipSync(bytes));
      label += ' (gzipped)';
    }
    writeFileSync(path, bytes);
    tally(
      r,
      label,
      await verdictAsync(async () => (await readPointsFile(path)).points, null, path),
    );
  }
}

const CAMPAIGNS: Record<string, (cases: number, seed: number, r: CampaignReport) => unknown> = {
  srn,
  'srn-ch': (cases, seed, r) => srn(cases, seed, r, true),
  pbf,
  xml,
  geojson,
  csv,
};

const [name, cases, seed] = process.argv.slice(2);
if (name && CAMPAIGNS[name]) {
  const r = newReport(name);
  const t0 = performance.now();
  if (name === 'pbf' && !existsSync(ORDINO)) {
    r.undetectable.push(`skipped: ${ORDINO} is missing`);
  } else await CAMPAIGNS[name](Number(cases), Number(seed), r);
  r.ms = Math.round(performance.now() - t0);
  rmSync(tmp, { recursive: true, force: true });
  process.stdout.write(`${JSON.stringify(r)}\n`);
}
