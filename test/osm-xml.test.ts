import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { FormatError, InputError } from '../src/errors';
import { readOsmXmlFile } from '../src/node/read-osm-xml-file';
import { GunzipStream, gunzipBytes, gunzipChunks, isGzip } from '../src/inputs/gzip';
import { decodeOsmPbf } from '../src/inputs/osm/pbf/file';
import type { OsmSink } from '../src/inputs/osm/sink';
import { createOsmXmlDecoder, decodeOsmXml, isOsmXml } from '../src/inputs/osm/xml/decoder';

// The project root is one level up from test/; the shared data folder sits beside the project.
const DATA_DIR = resolve(import.meta.dirname, '..', '..', 'shared', 'data', 'osm');
const BAYREUTH_GZ = join(DATA_DIR, 'north-bayreuth-2014.osm.gz');
const BAYREUTH_PBF = join(DATA_DIR, 'north-bayreuth-2014.osm.pbf');

type Event =
  | ['node', number, number, number]
  | ['taggedNode', number, number, number, Record<string, string>]
  | ['way', number, number[], Record<string, string>];

/** Records every sink call; `refs` is copied because decoders may reuse the buffer. */
function recorder(withTaggedNode = true): OsmSink & { events: Event[] } {
  const events: Event[] = [];
  const sink: OsmSink & { events: Event[] } = {
    events,
    node: (id, lon, lat) => void events.push(['node', id, lon, lat]),
    way: (id, refs, tags) => void events.push(['way', id, Array.from(refs), { ...tags }]),
  };
  if (withTaggedNode) {
    sink.taggedNode = (id, lon, lat, tags) =>
      void events.push(['taggedNode', id, lon, lat, { ...tags }]);
  }
  return sink;
}

function decode(input: string | Uint8Array, withTaggedNode = true): Event[] {
  const sink = recorder(withTaggedNode);
  decodeOsmXml(input, sink);
  return sink.events;
}

function decodeChunks(chunks: (string | Uint8Array)[]): Event[] {
  const sink = recorder();
  const d = createOsmXmlDecoder(sink);
  for (const c of chunks) d.write(c);
  d.end();
  return sink.events;
}

/** The FormatError a decode throws (fails the test if it does not throw one). */
function formatErrorOf(input: string | Uint8Array): FormatError {
  try {
    decode(input);
  } catch (e) {
    expect(e).toBeInstanceOf(FormatError);
    return e as FormatError;
  }
  throw new Error('expected a FormatError, decoding succeeded');
}

/** Deterministic PRNG so chunking failures are reproducible. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SMALL = `<?xml version="1.0" encoding="UTF-8"?>
<!-- a comment with <node id="99"/> inside must be ignored -->
<osm version="0.6" generator="hand">
 <bounds minlat="49" minlon="11" maxlat="50" maxlon="12"/>
 <node id="1" lat="49.5" lon="11.25" version="1" user="Jürgen &amp; Zoë"/>
 <node id='2' lat='-0.0000001' lon='-179.9999999'>
  <tag k="name" v="Bärental 😀 漢字"/>
  <tag k="amenity" v="pharmacy"/>
 </node>
 <node id="4294967297" lat="90" lon="180"></node>
 <node id="-5" lat="1e-3" lon="+2.50"/>
 <way id="10" version="2">
  <nd ref="1"/>
  <nd ref="2"/>
  <nd ref="4294967297"/>
  <tag k="highway" v="residential"/>
  <tag k="name" v="A &amp; B &lt;C&gt; &quot;q&quot; &apos;s&apos; &#65;&#x42;&#x1F600;"/>
 </way>
 <way id="11"><nd ref="2"/><nd ref="1"/></way>
 <way id="12"/>
 <relation id="7"><member type="way" ref="10" role=""/><tag k="type" v="route"/></relation>
 <note>free text &amp; <![CDATA[ <b>not markup</b> ]]> is fine here</note>
</osm>
`;

const SMALL_EVENTS: Event[] = [
  ['node', 1, 11.25, 49.5],
  ['node', 2, -179.9999999, -0.0000001],
  ['taggedNode', 2, -179.9999999, -0.0000001, { name: 'Bärental 😀 漢字', amenity: 'pharmacy' }],
  ['node', 4294967297, 180, 90],
  ['node', -5, 2.5, 0.001],
  ['way', 10, [1, 2, 4294967297], { highway: 'residential', name: `A & B <C> "q" 's' AB😀` }],
  ['way', 11, [2, 1], {}],
  ['way', 12, [], {}],
];

describe('decodeOsmXml on hand-written documents', () => {
  it('decodes nodes, tagged nodes, ways, entities and ids beyond 2^32', () => {
    expect(decode(SMALL)).toEqual(SMALL_EVENTS);
  });

  it('gives identical results for text, UTF-8 bytes and gzipped bytes', () => {
    const bytes = new TextEncoder().encode(SMALL);
    expect(decode(bytes)).toEqual(SMALL_EVENTS);
    expect(decode(new Uint8Array(gzipSync(bytes)))).toEqual(SMALL_EVENTS);
    // A UTF-8 byte-order mark is not content.
    expect(decode(new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]))).toEqual(SMALL_EVENTS);
    expect(decode(`\uFEFF${SMALL}`)).toEqual(SMALL_EVENTS);
  });

  it('skips building node tags when the sink has no taggedNode', () => {
    expect(decode(SMALL, false)).toEqual(SMALL_EVENTS.filter((e) => e[0] !== 'taggedNode'));
  });

  it('lets wantWay drop ways by their tags', () => {
    const sink = recorder();
    sink.wantWay = (tags) => tags.highway !== undefined;
    decodeOsmXml(SMALL, sink);
    expect(sink.events.filter((e) => e[0] === 'way').map((e) => e[1])).toEqual([10]);
  });

  it('normalises whitespace in attribute values as XML requires and keeps character references', () => {
    const xml = '<osm><way id="1"><tag k="note" v="a\r\nb\tc&#10;d&#x9;e"/></way></osm>';
    expect(decode(xml)).toEqual([['way', 1, [], { note: 'a b c\nd\te' }]]);
  });

  it('stores a "__proto__" key as a tag rather than changing the prototype', () => {
    const events = decode('<osm><way id="1"><tag k="__proto__" v="x"/></way></osm>');
    const tags = events[0][3] as Record<string, string>;
    expect(Object.keys(tags)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(tags)).toBe(Object.prototype);
  });

  it('skips objects marked visible="false" (deleted, in history output)', () => {
    const xml =
      '<osm><node id="1" visible="false" version="3"/><node id="2" visible="true" lat="1" lon="2"/>' +
      '<way id="3" visible="false"><nd ref="1"/></way></osm>';
    expect(decode(xml)).toEqual([['node', 2, 2, 1]]);
  });

  it('accepts whitespace inside tags, single quotes, CRLF line ends and a DOCTYPE', () => {
    const xml =
      '<?xml version="1.0"?>\r\n<!DOCTYPE osm [ <!ENTITY x "y"> ]>\r\n<osm\r\n>' +
      '<node\r\n id = "1"\tlat=\'2\'  lon="3" /></osm >\r\n';
    expect(decode(xml)).toEqual([['node', 1, 3, 2]]);
  });
});

describe('chunk boundaries', () => {
  const bytes = new TextEncoder().encode(SMALL);

  it('gives identical results when fed one byte at a time', () => {
    const chunks: Uint8Array[] = [];
    for (let i = 0; i < bytes.length; i++) chunks.push(bytes.subarray(i, i + 1));
    expect(decodeChunks(chunks)).toEqual(SMALL_EVENTS);
  });

  it('gives identical results when split in two at every position', () => {
    for (let i = 0; i <= bytes.length; i++) {
      expect(decodeChunks([bytes.slice(0, i), bytes.slice(i)]), `split at byte ${i}`).toEqual(
        SMALL_EVENTS,
      );
    }
  });

  it('gives identical results for random chunk sizes', () => {
    const random = mulberry32(42);
    for (let trial = 0; trial < 200; trial++) {
      const chunks: Uint8Array[] = [];
      for (let i = 0; i < bytes.length; ) {
        const size = 1 + Math.floor(random() * (trial % 2 ? 7 : 90));
        chunks.push(bytes.slice(i, i + size));
        i += size;
      }
      expect(decodeChunks(chunks), `trial ${trial}`).toEqual(SMALL_EVENTS);
    }
  });

  it('reassembles multi-byte UTF-8 characters split across chunks', () => {
    const xml = new TextEncoder().encode('<osm><way id="1"><tag k="name" v="😀ü漢"/></way></osm>');
    const emoji = xml.indexOf(0xf0);
    // Every split inside the 4-byte emoji, the 2-byte ü and the 3-byte 漢.
    for (let i = emoji + 1; i < emoji + 9; i++) {
      expect(decodeChunks([xml.slice(0, i), xml.slice(i)])).toEqual([
        ['way', 1, [], { name: '😀ü漢' }],
      ]);
    }
  });

  it('accepts text chunks, even ones that split a surrogate pair', () => {
    const chunks: string[] = [];
    for (let i = 0; i < SMALL.length; i++) chunks.push(SMALL[i]);
    expect(decodeChunks(chunks)).toEqual(SMALL_EVENTS);
  });
});

describe('malformed input', () => {
  const cases: [string, string, RegExp][] = [
    [
      'unclosed element at end',
      '<osm>\n<way id="5">\n<nd ref="1"/>\n',
      /line 4: .*<way id=5>.*not closed/,
    ],
    [
      'truncated inside a tag',
      '<osm>\n<node id="8" lat="1',
      /line 2: unexpected end of input inside <node>/,
    ],
    [
      'garbage text',
      '<osm>\n<node id="1" lat="1" lon="2"/>\nhello world\n</osm>',
      /line 3: unexpected text "hello/,
    ],
    ['text after the root', '<osm></osm>\nmore', /line 2: text "more" after the closing <\/osm>/],
    ['a second root element', '<osm></osm><osm></osm>', /line 1: second root element/],
    ['a second root after an empty <osm/>', '<osm/>\n<osm/>', /line 2: second root element/],
    ['text after an empty <osm/>', '<osm/>x', /line 1: text "x" after the closing <\/osm>/],
    [
      'missing id',
      '<osm>\n\n<node lat="1" lon="2"/></osm>',
      /line 3: <node> without an id attribute/,
    ],
    [
      'missing lat',
      '<osm>\n<node id="7" lon="2"/></osm>',
      /line 2: <node id=7> has no lat attribute/,
    ],
    [
      'non-numeric lat',
      '<osm>\n<node id="7" lat="4x9.1" lon="2"/></osm>',
      /line 2: <node id=7> lat "4x9\.1" is not a number/,
    ],
    [
      'empty lon',
      '<osm><node id="7" lat="1" lon=""/></osm>',
      /line 1: <node id=7> lon "" is not a number/,
    ],
    [
      'lat out of range',
      '<osm>\n<node id="7" lat="91.5" lon="2"/></osm>',
      /line 2: <node id=7> lat "91\.5" is outside \[-90, 90\]/,
    ],
    [
      'non-integer id',
      '<osm><way id="12a"></way></osm>',
      /line 1: <way> id "12a" is not an integer id/,
    ],
    [
      'bad nd ref',
      '<osm>\n<way id="3">\n<nd ref="x1"/></way></osm>',
      /line 3: <nd ref="x1"> is not an integer node id in <way id=3>/,
    ],
    [
      'nd without ref',
      '<osm><way id="3"><nd/></way></osm>',
      /line 1: <nd> without a ref attribute in <way id=3>/,
    ],
    [
      'tag without v',
      '<osm><way id="3"><tag k="a"/></way></osm>',
      /<tag> without a v attribute in <way id=3>/,
    ],
    [
      'mismatched end tag',
      '<osm>\n<way id="3">\n</node></osm>',
      /line 3: end tag "<\/node>" does not match <way> in <way id=3>/,
    ],
    ['unexpected end tag', '<osm></osm></way>', /unexpected end tag/],
    [
      'unterminated attribute value',
      '<osm>\n<node id="1 lat="2" lon="3"/>\n<node id="2"/></osm>',
      /line 2: malformed tag/,
    ],
    ['"<" inside a tag', '<osm><node id="1" <node id="2"/></osm>', /line 1: malformed tag/],
    ['unquoted attribute', '<osm><node id=1/></osm>', /malformed tag/],
    [
      'unknown entity',
      '<osm><way id="4"><tag k="a" v="&nbsp;"/></way></osm>',
      /unknown entity "&nbsp;" in <way id=4>/,
    ],
    [
      'invalid character reference',
      '<osm><way id="4"><tag k="a" v="&#0;"/></way></osm>',
      /&#0; is not a valid XML character/,
    ],
    [
      'node inside a way',
      '<osm><way id="4"><node id="1" lat="1" lon="1"/></way></osm>',
      /<node> is not allowed inside <way>/,
    ],
    ['invalid markup', '<osm>\n< node/></osm>', /line 2: invalid markup/],
    ['unterminated comment', '<osm><!-- forever', /unexpected end of input inside a comment/],
  ];
  for (const [name, xml, message] of cases) {
    it(`${name} → corrupt-xml`, () => {
      const e = formatErrorOf(xml);
      expect(e.code).toBe('corrupt-xml');
      expect(e.message).toMatch(message);
    });
  }

  it('randomly damaged documents give a result or a FormatError, the same whole and chunked', () => {
    const base = Array.from(new TextEncoder().encode(SMALL));
    const alphabet = [...'<>/"\'=&;#!?-[] \n\tnodewaytagref019.']
      .map((c) => c.charCodeAt(0))
      .concat([0xc3, 0xf0, 0x80]);
    const random = mulberry32(7);
    const pick = () => alphabet[Math.floor(random() * alphabet.length)];
    const outcome = (chunks: Uint8Array[]): string => {
      try {
        return JSON.stringify(decodeChunks(chunks));
      } catch (e) {
        if (!(e instanceof FormatError)) throw e;
        // Quoted samples may be shorter when a chunk ends early; code and line must agree.
        return `${e.code} ${e.message.split('"')[0]}`;
      }
    };
    for (let trial = 0; trial < 1000; trial++) {
      const b = base.slice();
      for (let k = 1 + Math.floor(random() * 3); k > 0; k--) {
        const at = Math.floor(random() * b.length);
        const op = random();
        if (op < 0.4) b[at] = pick();
        else if (op < 0.7) b.splice(at, 1 + Math.floor(random() * 4));
        else b.splice(at, 0, pick());
      }
      const bytes = new Uint8Array(b);
      const step = 1 + (trial % 5);
      const chunks: Uint8Array[] = [];
      for (let i = 0; i < bytes.length; i += step) chunks.push(bytes.subarray(i, i + step));
      expect(outcome(chunks), `trial ${trial}`).toBe(outcome([bytes]));
    }
  });

  it('reports invalid UTF-8 in a tag value with its line', () => {
    const head = new TextEncoder().encode('<osm>\n<way id="9"><tag k="name" v="');
    const tail = new TextEncoder().encode('"/></way></osm>');
    const e = formatErrorOf(new Uint8Array([...head, 0xc3, 0x28, ...tail]));
    expect(e.code).toBe('corrupt-xml');
    expect(e.message).toMatch(/line 2: invalid UTF-8 in attribute value .* in <way id=9>/);
  });

  it('keeps counting lines across chunks', () => {
    const xml = `<osm>\n${'<node id="1" lat="1" lon="1"/>\n'.repeat(5000)}<node id="2" lat="north" lon="1"/></osm>`;
    const bytes = new TextEncoder().encode(xml);
    const chunks: Uint8Array[] = [];
    for (let i = 0; i < bytes.length; i += 1000) chunks.push(bytes.subarray(i, i + 1000));
    expect(() => decodeChunks(chunks)).toThrow(
      /^line 5002: <node id=2> lat "north" is not a number$/,
    );
  });

  it('rethrows the first error on later calls and refuses writes after end()', () => {
    const d = createOsmXmlDecoder(recorder());
    // The decoder acts on a tag once the next '<' has arrived.
    expect(() => d.write('<osm><node lat="1"/><')).toThrow(/without an id/);
    expect(() => d.write('</osm>')).toThrow(/without an id/);
    const ok = createOsmXmlDecoder(recorder());
    ok.write('<osm/>');
    ok.end();
    expect(() => ok.write('<osm/>')).toThrow(/after end/);
  });

  it('passes errors thrown by the sink through unchanged', () => {
    const boom = new Error('sink says no');
    const sink = {
      ...recorder(),
      node: () => {
        throw boom;
      },
    };
    expect(() => decodeOsmXml('<osm><node id="1" lat="1" lon="1"/></osm>', sink)).toThrow(boom);
  });
});

describe('not OSM XML', () => {
  const cases: [string, string | Uint8Array, RegExp][] = [
    [
      'another root element',
      '<?xml version="1.0"?>\n<osmChange version="0.6"><create/></osmChange>',
      /root element is "osmChange", expected "osm"/,
    ],
    ['HTML', '<!DOCTYPE html><html><body/></html>', /root element is "html"/],
    ['JSON', '{"type": "FeatureCollection"}', /not an XML document: starts with "\{\\"type/],
    ['empty input', '', /no <osm> root element/],
    ['only whitespace and a comment', '  \n<!-- nothing -->\n', /no <osm> root element/],
    [
      'binary (a PBF header)',
      new Uint8Array([0, 0, 0, 13, 10, 9, 79, 83, 77, 72, 101, 97, 100, 101, 114]),
      /not an XML document/,
    ],
    [
      'a non-UTF-8 encoding',
      '<?xml version="1.0" encoding="ISO-8859-1"?><osm/>',
      /unsupported XML encoding "ISO-8859-1"/,
    ],
  ];
  for (const [name, input, message] of cases) {
    it(`${name} → not-osm-xml`, () => {
      const e = formatErrorOf(input);
      expect(e.code).toBe('not-osm-xml');
      expect(e.message).toMatch(message);
    });
  }

  it('isOsmXml sniffs the start of a document', () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    expect(isOsmXml(enc('<?xml version="1.0"?><osm>'))).toBe(true);
    expect(isOsmXml(enc('\uFEFF\n  <osm version="0.6">'))).toBe(true);
    expect(isOsmXml('<osm>')).toBe(true);
    expect(isOsmXml(enc('<osmChange>'))).toBe(false);
    expect(isOsmXml(enc('{"type":"FeatureCollection"}'))).toBe(false);
    expect(isOsmXml(new Uint8Array(gzipSync('<osm/>')))).toBe(false);
    expect(isOsmXml(new Uint8Array(0))).toBe(false);
  });
});

describe('gzip', () => {
  const xmlBytes = new TextEncoder().encode(SMALL);
  const gz = new Uint8Array(gzipSync(xmlBytes));

  it('isGzip sniffs the magic bytes', () => {
    expect(isGzip(gz)).toBe(true);
    expect(isGzip(xmlBytes)).toBe(false);
    expect(isGzip(gz.subarray(0, 2))).toBe(false);
  });

  it('round-trips, also byte by byte and for concatenated members', () => {
    expect(gunzipBytes(gz)).toEqual(xmlBytes);
    const parts: Uint8Array[] = [];
    const stream = new GunzipStream((c) => parts.push(c.slice()));
    const twice = new Uint8Array([...gz, ...gz]);
    for (let i = 0; i < twice.length; i++) stream.push(twice.subarray(i, i + 1));
    stream.end();
    expect(new TextDecoder().decode(Buffer.concat(parts))).toBe(SMALL + SMALL);
  });

  it('gunzipChunks yields the decompressed stream', async () => {
    async function* source() {
      for (let i = 0; i < gz.length; i += 37) yield gz.subarray(i, i + 37);
    }
    const parts: Uint8Array[] = [];
    for await (const c of gunzipChunks(source())) parts.push(c);
    expect(new Uint8Array(Buffer.concat(parts))).toEqual(xmlBytes);
  });

  it('rejects gzip truncated at any point with corrupt-gzip', () => {
    // From 3 bytes on, the magic number says gzip; fewer bytes are simply not OSM XML.
    for (const cut of [
      3,
      5,
      10,
      19,
      30,
      Math.floor(gz.length / 2),
      gz.length - 9,
      gz.length - 8,
      gz.length - 4,
      gz.length - 1,
    ]) {
      const e = formatErrorOf(gz.slice(0, cut));
      expect(e.code, `cut at ${cut}`).toBe('corrupt-gzip');
    }
  });

  it('rejects a corrupted byte with corrupt-gzip (CRC check)', () => {
    const bad = gz.slice();
    bad[Math.floor(bad.length / 2)] ^= 0x10;
    expect(() => gunzipBytes(bad)).toThrow(FormatError);
    try {
      gunzipBytes(bad);
    } catch (e) {
      expect((e as FormatError).code).toBe('corrupt-gzip');
    }
  });
});

describe('readOsmXmlFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'servicereach-osm-xml-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, data: string | Uint8Array): string => {
    const path = join(dir, name);
    writeFileSync(path, data);
    return path;
  };

  it('sniffs gzip by content, not by file name', async () => {
    for (const path of [write('plain.osm.gz', SMALL), write('zipped.osm', gzipSync(SMALL))]) {
      const sink = recorder();
      await readOsmXmlFile(path, sink);
      expect(sink.events).toEqual(SMALL_EVENTS);
    }
  });

  it('reports a missing file as InputError file-not-found naming the path', async () => {
    const path = join(dir, 'nope.osm');
    const err = await readOsmXmlFile(path, recorder()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).code).toBe('file-not-found');
    expect((err as InputError).message).toContain(path);
  });

  it('reports truncated gzip as corrupt-gzip and bad XML as corrupt-xml, naming the file', async () => {
    const gz = gzipSync(SMALL);
    const truncated = write('truncated.osm.gz', gz.subarray(0, gz.length - 12));
    await expect(readOsmXmlFile(truncated, recorder())).rejects.toMatchObject({
      code: 'corrupt-gzip',
      message: expect.stringContaining(truncated),
    });
    const bad = write('bad.osm', '<osm>\n<node id="1" lat="x" lon="1"/></osm>');
    await expect(readOsmXmlFile(bad, recorder())).rejects.toMatchObject({
      code: 'corrupt-xml',
      message: `${bad}: line 2: <node id=1> lat "x" is not a number`,
    });
  });
});

/** Counts computed straight from the XML text with regular expressions, independent of the decoder. */
function independentCounts(xml: string) {
  let nodes = 0;
  let coordSum = 0;
  for (const m of xml.matchAll(/<node\s[^>]*?\blat="([^"]*)"[^>]*?\blon="([^"]*)"/g)) {
    nodes++;
    coordSum += Number(m[1]) * 3 + Number(m[2]);
  }
  let taggedNodes = 0;
  let nodeTags = 0;
  for (const m of xml.matchAll(/<node\s[^>]*[^/]>([\s\S]*?)<\/node>/g)) {
    const n = (m[1].match(/<tag\s/g) ?? []).length;
    if (n > 0) taggedNodes++;
    nodeTags += n;
  }
  let ways = 0;
  let refs = 0;
  let refSum = 0;
  let wayTags = 0;
  let highways = 0;
  for (const m of xml.matchAll(/<way\s[^>]*?(?:\/>|>([\s\S]*?)<\/way>)/g)) {
    ways++;
    const body = m[1] ?? '';
    for (const r of body.matchAll(/<nd ref="(\d+)"/g)) {
      refs++;
      refSum += Number(r[1]);
    }
    wayTags += (body.match(/<tag\s/g) ?? []).length;
    if (/<tag k="highway"/.test(body)) highways++;
  }
  return { nodes, coordSum, taggedNodes, nodeTags, ways, refs, refSum, wayTags, highways };
}

/** The same quantities from what the decoder handed to the sink. */
function countingSink() {
  const c = {
    nodes: 0,
    coordSum: 0,
    taggedNodes: 0,
    nodeTags: 0,
    ways: 0,
    refs: 0,
    refSum: 0,
    wayTags: 0,
    highways: 0,
  };
  const sink: OsmSink = {
    node(_id, lon, lat) {
      c.nodes++;
      c.coordSum += lat * 3 + lon;
    },
    taggedNode(_id, _lon, _lat, tags) {
      c.taggedNodes++;
      c.nodeTags += Object.keys(tags).length;
    },
    way(_id, refs, tags) {
      c.ways++;
      c.refs += refs.length;
      for (let i = 0; i < refs.length; i++) c.refSum += refs[i];
      c.wayTags += Object.keys(tags).length;
      if (tags.highway !== undefined) c.highways++;
    },
  };
  return { c, sink };
}

describe.skipIf(!existsSync(BAYREUTH_GZ))(
  `real data: north-bayreuth-2014.osm.gz (skipped: ${BAYREUTH_GZ} not found — the shared OSM data folder must sit beside the project)`,
  () => {
    const xml = existsSync(BAYREUTH_GZ)
      ? gunzipSync(readFileSync(BAYREUTH_GZ)).toString('utf8')
      : '';
    const expected = independentCounts(xml);

    it('the independent count sees a realistic extract', () => {
      expect(expected.nodes).toBeGreaterThan(10_000);
      expect(expected.ways).toBeGreaterThan(1_000);
      expect(expected.refs).toBeGreaterThan(expected.ways);
      expect(expected.taggedNodes).toBeGreaterThan(0);
    });

    it('readOsmXmlFile (node:zlib stream) matches the independent count, reporting progress', async () => {
      const { c, sink } = countingSink();
      const progress: [number, number][] = [];
      await readOsmXmlFile(BAYREUTH_GZ, sink, {
        onProgress: (done, total) => progress.push([done, total]),
      });
      expect(c.coordSum).toBeCloseTo(expected.coordSum, 4);
      expect({ ...c, coordSum: 0 }).toEqual({ ...expected, coordSum: 0 });
      const size = readFileSync(BAYREUTH_GZ).length;
      expect(progress.length).toBeGreaterThan(2);
      expect(progress.at(-1)).toEqual([size, size]);
      for (let i = 1; i < progress.length; i++)
        expect(progress[i][0]).toBeGreaterThanOrEqual(progress[i - 1][0]);
    });

    it('decodeOsmXml on the gzipped bytes (fflate path) and on the text agree with it', () => {
      for (const input of [new Uint8Array(readFileSync(BAYREUTH_GZ)), xml]) {
        const { c, sink } = countingSink();
        decodeOsmXml(input, sink);
        expect(c.coordSum).toBeCloseTo(expected.coordSum, 4);
        expect({ ...c, coordSum: 0 }).toEqual({ ...expected, coordSum: 0 });
      }
    });

    it('decodes every coordinate exactly as Number() parses the attribute', () => {
      const byId = new Map<number, [number, number]>();
      for (const m of xml.matchAll(/<node id="(\d+)" lat="([^"]*)" lon="([^"]*)"/g)) {
        byId.set(Number(m[1]), [Number(m[3]), Number(m[2])]);
      }
      let checked = 0;
      decodeOsmXml(xml, {
        node(id, lon, lat) {
          const want = byId.get(id);
          if (want === undefined || want[0] !== lon || want[1] !== lat)
            throw new Error(`node ${id}: ${lon},${lat}`);
          checked++;
        },
        way() {},
      });
      expect(checked).toBe(byId.size);
    });
  },
);

/** Everything a sink receives, keyed by id, so two decoders can be compared element by element. */
function snapshot(decodeInto: (sink: OsmSink) => void) {
  const nodes = new Map<number, [number, number]>();
  const nodeTags = new Map<number, Record<string, string>>();
  const ways = new Map<number, [number[], Record<string, string>]>();
  decodeInto({
    node: (id, lon, lat) => void nodes.set(id, [lon, lat]),
    taggedNode: (id, _lon, _lat, tags) => void nodeTags.set(id, { ...tags }),
    way: (id, refs, tags) => void ways.set(id, [Array.from(refs), { ...tags }]),
  });
  return { nodes, nodeTags, ways };
}

describe.skipIf(!existsSync(BAYREUTH_GZ) || !existsSync(BAYREUTH_PBF))(
  `real data: XML and PBF of north-bayreuth-2014 decode to the same elements (skipped: ${DATA_DIR} lacks the .osm.gz or .osm.pbf)`,
  () => {
    it('every node, tag and way ref agrees between the XML and the PBF decoder', () => {
      const fromXml = snapshot((sink) =>
        decodeOsmXml(new Uint8Array(readFileSync(BAYREUTH_GZ)), sink),
      );
      const fromPbf = snapshot((sink) =>
        decodeOsmPbf(new Uint8Array(readFileSync(BAYREUTH_PBF)), sink),
      );
      expect(fromXml.nodes.size).toBe(fromPbf.nodes.size);
      let worst = 0;
      for (const [id, [lon, lat]] of fromXml.nodes) {
        const other = fromPbf.nodes.get(id);
        if (other === undefined) throw new Error(`node ${id} missing from the PBF decode`);
        worst = Math.max(worst, Math.abs(other[0] - lon), Math.abs(other[1] - lat));
      }
      // PBF stores 100-nanodegree integers; the XML's 7 decimals are the same numbers.
      expect(worst).toBeLessThan(1e-9);
      expect(fromXml.nodeTags).toEqual(fromPbf.nodeTags);
      expect(fromXml.ways).toEqual(fromPbf.ways);
    });
  },
);
