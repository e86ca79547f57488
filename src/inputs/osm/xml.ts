import { FormatError } from '../../errors';
import { GunzipStream, isGzip } from '../gzip';
import type { OsmSink } from './sink';
import { setTag } from './set-tag';

// A hand-written scanner specialised for OSM XML, working on UTF-8 bytes: benchmarks/xml-decoders.md
// has the measurement against saxes, sax and htmlparser2 (and a string-based variant) that chose it.
// It checks everything the decoded data depends on (nesting, tag and attribute syntax, the values it
// reads, entities in tag values, UTF-8 of the text it decodes) and skips the attributes it does not
// read (user, timestamp, ...) without validating their contents.

const LT = 60;
const GT = 62;
const SLASH = 47;
const QMARK = 63;
const BANG = 33;
const EQ = 61;
const QUOT = 34;
const APOS = 39;
const AMP = 38;
const SPACE = 32;
const TAB = 9;
const LF = 10;
const CR = 13;

const K_OTHER = 0;
const K_OSM = 1;
const K_NODE = 2;
const K_WAY = 3;
const K_ND = 4;
const K_TAG = 5;
const KIND_NAMES = ['', 'osm', 'node', 'way', 'nd', 'tag'];

// Exact powers of ten: an integer mantissa below 2^53 divided by one of these is the correctly
// rounded double, i.e. the same value Number() gives, without building a string.
const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];
const DECIMAL_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

// Text handed over as one JS string is encoded in slices of this many UTF-16 units, so the byte
// buffer stays small even for a huge string.
const STRING_SLICE = 1 << 18;

const EMPTY = new Uint8Array(0);
const TEXT_CACHE_SIZE = 4096;
const UTF8 = new TextDecoder('utf-8', { fatal: true });
const UTF8_LENIENT = new TextDecoder('utf-8');

function isWs(c: number): boolean {
  return c === SPACE || c === LF || c === TAB || c === CR;
}

/** Parses a plain decimal like `50.0194508`; NaN when the bytes are not a decimal number. */
function parseDecimal(b: Uint8Array, a: number, e: number): number {
  let i = a;
  let neg = false;
  if (i < e) {
    const c0 = b[i];
    if (c0 === 45) {
      neg = true;
      i++;
    } else if (c0 === 43) {
      i++;
    }
  }
  let m = 0;
  let digits = 0;
  let frac = 0;
  while (i < e) {
    const d = b[i] - 48;
    if (d < 0 || d > 9) break;
    m = m * 10 + d;
    digits++;
    i++;
  }
  if (i < e && b[i] === 46) {
    i++;
    while (i < e) {
      const d = b[i] - 48;
      if (d < 0 || d > 9) break;
      m = m * 10 + d;
      digits++;
      frac++;
      i++;
    }
  }
  if (digits === 0) return Number.NaN;
  if (i < e || digits > 15) {
    // Exponents and long mantissas are legal but rare: let Number() round them, after a grammar
    // check because Number() also accepts '', ' 1', '0x10' and 'Infinity'.
    return parseDecimalText(UTF8_LENIENT.decode(b.subarray(a, e)));
  }
  const v = frac === 0 ? m : m / POW10[frac];
  return neg ? -v : v;
}

function parseDecimalText(text: string): number {
  return DECIMAL_RE.test(text) ? Number(text) : Number.NaN;
}

/** Parses an OSM id (optionally negative, as in unsaved JOSM data); NaN unless a safe integer. */
function parseId(b: Uint8Array, a: number, e: number): number {
  let i = a;
  const neg = i < e && b[i] === 45;
  if (neg) i++;
  if (i === e || e - i > 15) return parseIdText(UTF8_LENIENT.decode(b.subarray(a, e)));
  let m = 0;
  for (; i < e; i++) {
    const d = b[i] - 48;
    if (d < 0 || d > 9) return Number.NaN;
    m = m * 10 + d;
  }
  return neg ? -m : m;
}

function parseIdText(text: string): number {
  const v = /^-?\d+$/.test(text) ? Number(text) : Number.NaN;
  return Number.isSafeInteger(v) ? v : Number.NaN;
}

function isXmlChar(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

function quoteValue(v: string): string {
  return JSON.stringify(v.length > 60 ? `${v.slice(0, 60)}…` : v);
}

function classify(b: Uint8Array, a: number, e: number): number {
  const c0 = b[a];
  switch (e - a) {
    case 2:
      return c0 === 110 && b[a + 1] === 100 ? K_ND : K_OTHER;
    case 3: {
      const c1 = b[a + 1];
      const c2 = b[a + 2];
      if (c0 === 116 && c1 === 97 && c2 === 103) return K_TAG;
      if (c0 === 119 && c1 === 97 && c2 === 121) return K_WAY;
      if (c0 === 111 && c1 === 115 && c2 === 109) return K_OSM;
      return K_OTHER;
    }
    case 4:
      return c0 === 110 && b[a + 1] === 111 && b[a + 2] === 100 && b[a + 3] === 101
        ? K_NODE
        : K_OTHER;
    default:
      return K_OTHER;
  }
}

function startsWithAscii(b: Uint8Array, at: number, word: string): boolean {
  if (at + word.length > b.length) return false;
  for (let k = 0; k < word.length; k++) if (b[at + k] !== word.charCodeAt(k)) return false;
  return true;
}

/**
 * A push-style OSM XML decoder: feed it text or UTF-8 bytes in chunks of any size, then call `end()`.
 *
 * @example
 * const decoder: OsmXmlDecoder = createOsmXmlDecoder(sink);
 * decoder.write(new TextEncoder().encode('<osm><node id="1" lat="50" lon="11"/>'));
 * decoder.write('</osm>');
 * decoder.end();
 */
export interface OsmXmlDecoder {
  /** Feeds the next chunk: UTF-8 bytes or text, split anywhere (even inside a character). */
  write(chunk: string | Uint8Array): void;
  /** Flushes the last element and checks the document is complete. */
  end(): void;
}

/** Returned when a comment, PI, CDATA or DOCTYPE runs past the buffered bytes: retried with more input. */
const INCOMPLETE = -1;

class OsmXmlScanner implements OsmXmlDecoder {
  private readonly sink: OsmSink;
  private readonly wantNodeTags: boolean;
  private readonly encoder = new TextEncoder();
  private readonly textCache: (string | undefined)[] = new Array(TEXT_CACHE_SIZE);
  private started = false;
  private ended = false;
  /** The first error thrown; rethrown by later calls so a caller cannot decode past damage. */
  private failed: unknown = null;
  /** A high surrogate that ended the previous string chunk, joined to the next one. */
  private pendingSurrogate = '';

  /** Unprocessed bytes (a partial tag at most, between writes); everything before `pos` is done. */
  private buf: Uint8Array = EMPTY;
  private pos = 0;
  /** Line number at `pos`, counted as bytes are scanned. */
  private line = 1;

  private readonly kinds: number[] = [];
  private readonly names: string[] = [];
  private depth = 0;
  private rootSeen = false;
  private rootClosed = false;

  // NaN, not 0: a field that starts as a small integer and later holds a double (ids > 2^31,
  // coordinates) changes its hidden class mid-decode and costs a de-optimisation.
  private nodeId = Number.NaN;
  private nodeLon = Number.NaN;
  private nodeLat = Number.NaN;
  private nodeSkip = false;
  private nodeTags: Record<string, string> | null = null;

  private wayId = Number.NaN;
  private waySkip = false;
  private wayTags: Record<string, string> = {};
  private refs = new Float64Array(256);
  private refCount = 0;

  constructor(sink: OsmSink) {
    this.sink = sink;
    this.wantNodeTags = typeof sink.taggedNode === 'function';
  }

  write(chunk: string | Uint8Array): void {
    this.guard();
    try {
      if (typeof chunk === 'string') this.writeString(chunk);
      else this.writeBytes(chunk);
    } catch (e) {
      this.failed = e;
      throw e;
    }
  }

  end(): void {
    this.guard();
    this.ended = true;
    try {
      if (this.pendingSurrogate !== '') this.writeBytes(this.encoder.encode(this.pendingSurrogate));
      this.scan(true);
      this.finish();
    } catch (e) {
      this.failed = e;
      throw e;
    }
  }

  private guard(): void {
    if (this.failed !== null) throw this.failed;
    if (this.ended) throw new Error('OSM XML decoder: write() or end() called after end()');
  }

  private writeString(text: string): void {
    if (this.pendingSurrogate !== '') {
      text = this.pendingSurrogate + text;
      this.pendingSurrogate = '';
    }
    // Encoding a lone half of a surrogate pair would turn it into U+FFFD: keep it for the next chunk.
    const last = text.charCodeAt(text.length - 1);
    if (last >= 0xd800 && last <= 0xdbff) {
      this.pendingSurrogate = text.slice(-1);
      text = text.slice(0, -1);
    }
    for (let i = 0; i < text.length; ) {
      let j = Math.min(text.length, i + STRING_SLICE);
      const c = text.charCodeAt(j - 1);
      if (j < text.length && c >= 0xd800 && c <= 0xdbff) j--;
      this.writeBytes(this.encoder.encode(text.slice(i, j)));
      i = j;
    }
  }

  private writeBytes(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    const rest = this.buf.length - this.pos;
    let b = chunk;
    if (rest > 0) {
      b = new Uint8Array(rest + chunk.length);
      b.set(this.buf.subarray(this.pos));
      b.set(chunk, rest);
    }
    this.buf = b;
    this.pos = 0;
    this.scan(false);
    // Copy the unprocessed tail: the caller may reuse the chunk's memory once write() returns.
    this.buf = this.pos < b.length ? b.slice(this.pos) : EMPTY;
    this.pos = 0;
  }

  private fail(line: number, message: string): FormatError {
    return new FormatError('corrupt-xml', `line ${line}: ${message}`);
  }

  /** Names the element being decoded, for error messages. */
  private context(): string {
    for (let i = this.depth - 1; i >= 0; i--) {
      if (this.kinds[i] === K_NODE) return ` in <node id=${this.nodeId}>`;
      if (this.kinds[i] === K_WAY) return ` in <way id=${this.wayId}>`;
    }
    return '';
  }

  private sample(b: Uint8Array, a: number, max: number): string {
    return quoteValue(UTF8_LENIENT.decode(b.subarray(a, Math.min(b.length, a + max))));
  }

  /** Processes every complete markup unit in `buf`; `final` means no more input will come. */
  private scan(final: boolean): void {
    const b = this.buf;
    const n = b.length;
    let p = this.pos;
    if (!this.started) {
      if (n - p < 3 && !final) return;
      this.started = true;
      if (b[p] === 0xef && b[p + 1] === 0xbb && b[p + 2] === 0xbf) p += 3;
    }
    // Tags are parsed only up to the last '<' in the buffer: '<' cannot occur inside a tag, so every
    // tag that starts before it is complete, and the scanner's hot paths never meet the end of a
    // chunk (rarely taken branches there made V8 re-optimise the scanner over and over).
    const limit = final ? n : b.lastIndexOf(LT);
    let line = this.line;
    while (p < n) {
      let c = b[p];
      if (c !== LT) {
        // Character data. Where OSM defines no text (and outside the root) only whitespace may appear.
        const free = this.depth > 0 && this.kinds[this.depth - 1] === K_OTHER;
        while (p < n) {
          c = b[p];
          if (c === LT) break;
          if (c === LF) line++;
          else if (!free && c !== SPACE && c !== TAB && c !== CR) throw this.textError(b, p, line);
          p++;
        }
        if (p >= n) break;
      }
      if (p === limit && !final) break;
      if (p + 1 >= n) throw this.fail(line, `unexpected end of input after "<"${this.context()}`);
      c = b[p + 1];
      this.line = line;
      const end =
        c === SLASH
          ? this.endTag(b, p, limit)
          : c === QMARK || c === BANG
            ? this.special(b, p, final)
            : this.startTag(b, p, limit);
      if (end === INCOMPLETE) break;
      p = end;
      line = this.line;
    }
    this.pos = p;
    this.line = line;
  }

  private textError(b: Uint8Array, p: number, line: number): FormatError {
    const text = this.sample(b, p, 20);
    if (!this.rootSeen)
      return new FormatError('not-osm-xml', `not an XML document: starts with ${text}`);
    if (this.rootClosed) return this.fail(line, `text ${text} after the closing </osm>`);
    return this.fail(
      line,
      `unexpected text ${text} inside <${this.names[this.depth - 1]}>${this.context()}`,
    );
  }

  /** Gives up on a comment/PI/CDATA/DOCTYPE that runs past the buffer: an error at the end of input, else retry later. */
  private incomplete(final: boolean, tagLine: number, what: string): number {
    if (final)
      throw this.fail(
        tagLine,
        `unexpected end of input inside ${what}${this.context()} (truncated file?)`,
      );
    this.line = tagLine;
    return INCOMPLETE;
  }

  /** Comments, processing instructions, CDATA and DOCTYPE. */
  private special(b: Uint8Array, lt: number, final: boolean): number {
    const n = b.length;
    const tagLine = this.line;
    let i: number;
    if (b[lt + 1] === QMARK) {
      for (i = lt + 2; i + 1 < n; i++) {
        if (b[i] === QMARK && b[i + 1] === GT) break;
        if (b[i] === LF) this.line++;
      }
      if (i + 1 >= n) return this.incomplete(final, tagLine, 'a processing instruction');
      if (!this.rootSeen && startsWithAscii(b, lt, '<?xml') && isWs(b[lt + 5]))
        this.checkDeclaration(b, lt, i);
      return i + 2;
    }
    if (n - lt < 9 && !final && !startsWithAscii(b, lt, '<!--'))
      return this.incomplete(false, tagLine, '');
    if (startsWithAscii(b, lt, '<!--')) {
      for (i = lt + 4; i + 2 < n; i++) {
        if (b[i] === 45 && b[i + 1] === 45 && b[i + 2] === GT) break;
        if (b[i] === LF) this.line++;
      }
      if (i + 2 >= n) return this.incomplete(final, tagLine, 'a comment');
      return i + 3;
    }
    if (startsWithAscii(b, lt, '<![CDATA[')) {
      if (this.depth === 0) throw this.fail(tagLine, 'CDATA section outside the root element');
      const free = this.kinds[this.depth - 1] === K_OTHER;
      for (i = lt + 9; i + 2 < n; i++) {
        const c = b[i];
        if (c === 93 && b[i + 1] === 93 && b[i + 2] === GT) break;
        if (c === LF) this.line++;
        else if (!free && c !== SPACE && c !== TAB && c !== CR)
          throw this.textError(b, i, this.line);
      }
      if (i + 2 >= n) return this.incomplete(final, tagLine, 'a CDATA section');
      return i + 3;
    }
    if (startsWithAscii(b, lt, '<!DOCTYPE')) {
      if (this.rootSeen) throw this.fail(tagLine, 'DOCTYPE after the root element');
      // An internal subset [...] may contain '>' characters of its own.
      let inSubset = false;
      for (i = lt + 9; i < n; i++) {
        const c = b[i];
        if (c === 91) inSubset = true;
        else if (c === 93) inSubset = false;
        else if (c === GT && !inSubset) break;
        else if (c === LF) this.line++;
      }
      if (i >= n) return this.incomplete(final, tagLine, 'the DOCTYPE');
      return i + 1;
    }
    throw this.fail(tagLine, `invalid markup ${this.sample(b, lt, 12)}`);
  }

  /** Only UTF-8 is decoded; a declaration naming another encoding would otherwise be misread. */
  private checkDeclaration(b: Uint8Array, a: number, e: number): void {
    const decl = UTF8_LENIENT.decode(b.subarray(a, e));
    const m = /\sencoding\s*=\s*["']([^"']*)["']/.exec(decl);
    if (m !== null && !/^utf-?8$/i.test(m[1])) {
      throw new FormatError(
        'not-osm-xml',
        `unsupported XML encoding "${m[1]}": OSM XML must be UTF-8`,
      );
    }
  }

  /** Parses `</name>`; `limit` is where the buffered complete markup ends (a '<' or the input's end). */
  private endTag(b: Uint8Array, lt: number, limit: number): number {
    const tagLine = this.line;
    let q = lt + 2;
    while (q < limit) {
      const c = b[q];
      if (c === GT || c === LT || isWs(c)) break;
      q++;
    }
    const nameEnd = q;
    while (q < limit && isWs(b[q])) {
      if (b[q] === LF) this.line++;
      q++;
    }
    if (q >= b.length)
      throw this.fail(
        tagLine,
        `unexpected end of input inside an end tag${this.context()} (truncated file?)`,
      );
    if (q >= limit || b[q] !== GT) {
      throw this.fail(
        tagLine,
        `malformed end tag ${this.sample(b, lt, q + 1 - lt)}${this.context()}`,
      );
    }
    const kind = classify(b, lt + 2, nameEnd);
    if (this.depth === 0)
      throw this.fail(tagLine, `unexpected end tag ${this.sample(b, lt, q + 1 - lt)}`);
    const topKind = this.kinds[this.depth - 1];
    const top = this.names[this.depth - 1];
    if (
      kind !== topKind ||
      (kind === K_OTHER && this.decodeName(b, lt + 2, nameEnd, tagLine) !== top)
    ) {
      throw this.fail(
        tagLine,
        `end tag ${this.sample(b, lt, q + 1 - lt)} does not match <${top}>${this.context()}`,
      );
    }
    if (kind === K_NODE) {
      if (this.nodeTags !== null && !this.nodeSkip) {
        this.sink.taggedNode!(this.nodeId, this.nodeLon, this.nodeLat, this.nodeTags);
      }
      this.nodeTags = null;
    } else if (kind === K_WAY) {
      this.emitWay();
    }
    this.depth--;
    if (this.depth === 0) this.rootClosed = true;
    return q + 1;
  }

  private emitWay(): void {
    if (this.waySkip) return;
    const tags = this.wayTags;
    const sink = this.sink;
    if (sink.wantWay !== undefined && !sink.wantWay(tags)) return;
    sink.way(this.wayId, this.refs.subarray(0, this.refCount), tags);
  }

  /** Parses a start tag and acts on it; `limit` is where complete markup ends (a '<' or the input's end). */
  private startTag(b: Uint8Array, lt: number, limit: number): number {
    const n = limit;
    const tagLine = this.line;
    const nameStart = lt + 1;
    let q = nameStart;
    let c = b[q];
    // Name-start characters: letters, '_', ':' and anything non-ASCII.
    if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 58 || c > 127)) {
      throw this.fail(tagLine, `invalid markup ${this.sample(b, lt, 20)}${this.context()}`);
    }
    while (q < n) {
      c = b[q];
      if (c === SPACE || c === GT || c === SLASH || c === LF || c === TAB || c === CR) break;
      // A '<' ends the name here; the attribute loop reports it, as it would at a chunk's limit.
      if (c === LT) break;
      if (c === EQ || c === QUOT || c === APOS || c === AMP) {
        throw this.fail(tagLine, `invalid element name in ${this.sample(b, lt, q + 1 - lt)}`);
      }
      q++;
    }
    if (q >= n) throw this.cutShort(b, lt, q, tagLine, K_OTHER);
    const nameEnd = q;
    const kind = classify(b, nameStart, nameEnd);

    // Attribute value ranges this element needs, as [start, end) into b; -1 = absent.
    let idA = -1;
    let idB = -1;
    let latA = -1;
    let latB = -1;
    let lonA = -1;
    let lonB = -1;
    let refA = -1;
    let refB = -1;
    let kA = -1;
    let kB = -1;
    let vA = -1;
    let vB = -1;
    let invisible = false;
    let selfClose = false;

    for (;;) {
      const before = q;
      while (q < n) {
        c = b[q];
        if (c === SPACE) q++;
        else if (c === LF) {
          this.line++;
          q++;
        } else if (c === TAB || c === CR) q++;
        else break;
      }
      if (q >= n) throw this.cutShort(b, lt, q, tagLine, kind);
      if (c === GT) {
        q++;
        break;
      }
      if (c === SLASH) {
        if (q + 1 >= n) throw this.cutShort(b, lt, q + 1, tagLine, kind);
        if (b[q + 1] !== GT) throw this.malformed(b, lt, q + 1, tagLine);
        q += 2;
        selfClose = true;
        break;
      }
      if (c === LT || q === before) throw this.malformed(b, lt, q, tagLine);
      const an = q;
      while (q < n) {
        c = b[q];
        // Letters, '_' and non-ASCII (all > '>') are the bulk of names: one comparison for them.
        if (c > GT) {
          q++;
          continue;
        }
        if (c === EQ || c === SPACE || c === LF || c === TAB || c === CR) break;
        if (c === GT || c === SLASH || c === QUOT || c === APOS || c === LT)
          throw this.malformed(b, lt, q, tagLine);
        q++;
      }
      const ae = q;
      while (q < n && isWs(b[q])) {
        if (b[q] === LF) this.line++;
        q++;
      }
      if (q >= n) throw this.cutShort(b, lt, q, tagLine, kind);
      if (b[q] !== EQ) throw this.malformed(b, lt, q, tagLine);
      q++;
      while (q < n && isWs(b[q])) {
        if (b[q] === LF) this.line++;
        q++;
      }
      if (q >= n) throw this.cutShort(b, lt, q, tagLine, kind);
      const quote = b[q];
      if (quote !== QUOT && quote !== APOS) throw this.malformed(b, lt, q, tagLine);
      const va = ++q;
      while (q < n) {
        c = b[q];
        // Digits, letters and most punctuation pass with two comparisons; quotes, '<' and LF are < 61.
        if (c > APOS && c !== LT) {
          q++;
          continue;
        }
        if (c === quote) break;
        // '<' is never allowed in an attribute value; seeing one means a lost quote.
        if (c === LT) throw this.malformed(b, lt, q, tagLine);
        if (c === LF) this.line++;
        q++;
      }
      if (q >= n) throw this.cutShort(b, lt, q, tagLine, kind);
      const vb = q++;

      const len = ae - an;
      const a0 = b[an];
      switch (kind) {
        case K_NODE:
        case K_WAY:
          if (len === 2 && a0 === 105 && b[an + 1] === 100) {
            idA = va;
            idB = vb;
          } else if (len === 3 && a0 === 108 && kind === K_NODE) {
            const a1 = b[an + 1];
            const a2 = b[an + 2];
            if (a1 === 97 && a2 === 116) {
              latA = va;
              latB = vb;
            } else if (a1 === 111 && a2 === 110) {
              lonA = va;
              lonB = vb;
            }
          } else if (len === 7 && a0 === 118 && startsWithAscii(b, an, 'visible')) {
            // Deleted objects in history/attic output carry visible="false" and no coordinates.
            invisible = vb - va === 5 && startsWithAscii(b, va, 'false');
          }
          break;
        case K_ND:
          if (len === 3 && a0 === 114 && b[an + 1] === 101 && b[an + 2] === 102) {
            refA = va;
            refB = vb;
          }
          break;
        case K_TAG:
          if (len === 1) {
            if (a0 === 107) {
              kA = va;
              kB = vb;
            } else if (a0 === 118) {
              vA = va;
              vB = vb;
            }
          }
          break;
      }
    }

    // The tag is complete: from here on, act on it.
    const parent = this.depth === 0 ? -1 : this.kinds[this.depth - 1];
    if (this.depth === 0) {
      if (this.rootClosed) {
        throw this.fail(
          tagLine,
          `second root element ${this.sample(b, lt, nameEnd - lt)}> after </osm>`,
        );
      }
      if (kind !== K_OSM) {
        const name = this.sample(b, nameStart, nameEnd - nameStart);
        throw new FormatError(
          'not-osm-xml',
          `not an OSM XML document: the root element is ${name}, expected "osm"`,
        );
      }
      this.rootSeen = true;
    }

    switch (kind) {
      case K_NODE: {
        if (parent !== K_OSM) throw this.misplaced(tagLine, 'node');
        this.nodeSkip = invisible;
        if (invisible) {
          this.nodeId = idA >= 0 ? parseId(b, idA, idB) : Number.NaN;
        } else {
          const id = this.readId(b, idA, idB, tagLine, 'node');
          this.nodeId = id;
          const lat = this.readCoord(b, latA, latB, tagLine, 'lat', 90);
          const lon = this.readCoord(b, lonA, lonB, tagLine, 'lon', 180);
          this.nodeLat = lat;
          this.nodeLon = lon;
          this.sink.node(id, lon, lat);
        }
        this.nodeTags = null;
        break;
      }
      case K_WAY: {
        if (parent !== K_OSM) throw this.misplaced(tagLine, 'way');
        this.waySkip = invisible;
        this.wayId =
          invisible && idA >= 0 ? parseId(b, idA, idB) : this.readId(b, idA, idB, tagLine, 'way');
        this.wayTags = {};
        this.refCount = 0;
        if (selfClose) this.emitWay();
        break;
      }
      case K_ND: {
        if (parent === K_WAY) {
          if (refA < 0) throw this.fail(tagLine, `<nd> without a ref attribute${this.context()}`);
          const ref = parseId(b, refA, refB);
          if (Number.isNaN(ref)) {
            const text = quoteValue(this.attrText(b, refA, refB, tagLine));
            throw this.fail(tagLine, `<nd ref=${text}> is not an integer node id${this.context()}`);
          }
          if (this.refCount === this.refs.length) {
            const grown = new Float64Array(this.refs.length * 2);
            grown.set(this.refs);
            this.refs = grown;
          }
          this.refs[this.refCount++] = ref;
        } else if (parent === K_NODE || parent === K_OSM) {
          throw this.misplaced(tagLine, 'nd');
        }
        break;
      }
      case K_TAG: {
        if (parent === K_WAY || parent === K_NODE) {
          if (kA < 0 || vA < 0) {
            throw this.fail(
              tagLine,
              `<tag> without ${kA < 0 ? 'a k' : 'a v'} attribute${this.context()}`,
            );
          }
          if (parent === K_WAY) {
            setTag(
              this.wayTags,
              this.attrText(b, kA, kB, tagLine),
              this.attrText(b, vA, vB, tagLine),
            );
          } else if (this.wantNodeTags) {
            if (this.nodeTags === null) this.nodeTags = {};
            setTag(
              this.nodeTags,
              this.attrText(b, kA, kB, tagLine),
              this.attrText(b, vA, vB, tagLine),
            );
          }
        }
        break;
      }
      case K_OSM:
        if (parent !== -1) throw this.misplaced(tagLine, 'osm');
        break;
    }

    if (selfClose) {
      if (this.depth === 0) this.rootClosed = true;
    } else {
      this.kinds[this.depth] = kind;
      this.names[this.depth] =
        kind === K_OTHER ? this.decodeName(b, nameStart, nameEnd, tagLine) : KIND_NAMES[kind];
      this.depth++;
    }
    return q;
  }

  /** A start tag that reached `at` = its limit: the input's end, or a '<' that cannot be inside a tag. */
  private cutShort(b: Uint8Array, lt: number, at: number, line: number, kind: number): FormatError {
    if (at < b.length) return this.malformed(b, lt, at, line);
    const what = kind === K_OTHER ? 'a start tag' : `<${KIND_NAMES[kind]}>`;
    return this.fail(
      line,
      `unexpected end of input inside ${what}${this.context()} (truncated file?)`,
    );
  }

  private malformed(b: Uint8Array, lt: number, at: number, line: number): FormatError {
    // Quoting up to the offending byte keeps the message the same however the input was chunked.
    return this.fail(line, `malformed tag ${this.sample(b, lt, at + 1 - lt)}${this.context()}`);
  }

  private misplaced(line: number, name: string): FormatError {
    const parent = this.depth === 0 ? 'the document' : `<${this.names[this.depth - 1]}>`;
    return this.fail(line, `<${name}> is not allowed inside ${parent}${this.context()}`);
  }

  private decodeName(b: Uint8Array, a: number, e: number, line: number): string {
    try {
      return UTF8.decode(b.subarray(a, e));
    } catch {
      throw this.fail(line, `invalid UTF-8 in element name ${this.sample(b, a, e - a)}`);
    }
  }

  private readId(b: Uint8Array, a: number, e: number, line: number, element: string): number {
    if (a < 0) throw this.fail(line, `<${element}> without an id attribute`);
    let id = parseId(b, a, e);
    if (Number.isNaN(id)) {
      // Character references are legal (if odd) in any attribute value; decode before giving up.
      const text = this.attrText(b, a, e, line);
      id = parseIdText(text);
      if (Number.isNaN(id))
        throw this.fail(line, `<${element}> id ${quoteValue(text)} is not an integer id`);
    }
    return id;
  }

  private readCoord(
    b: Uint8Array,
    a: number,
    e: number,
    line: number,
    attr: string,
    limit: number,
  ): number {
    if (a < 0) throw this.fail(line, `<node id=${this.nodeId}> has no ${attr} attribute`);
    let v = parseDecimal(b, a, e);
    if (Number.isNaN(v)) {
      const text = this.attrText(b, a, e, line);
      v = parseDecimalText(text);
      if (Number.isNaN(v))
        throw this.fail(
          line,
          `<node id=${this.nodeId}> ${attr} ${quoteValue(text)} is not a number`,
        );
    }
    if (v < -limit || v > limit) {
      throw this.fail(
        line,
        `<node id=${this.nodeId}> ${attr} ${this.sample(b, a, e - a)} is outside [-${limit}, ${limit}]`,
      );
    }
    return v;
  }

  /** An attribute's value as text, with entities decoded and whitespace normalised as XML requires. */
  private attrText(b: Uint8Array, a: number, e: number, line: number): string {
    let special = false;
    let ascii = true;
    let h = e - a;
    for (let i = a; i < e; i++) {
      const c = b[i];
      h = (Math.imul(h, 31) + c) | 0;
      if (c >= 0x80) ascii = false;
      else if (c === AMP || c === LF || c === CR || c === TAB) special = true;
    }
    if (ascii && !special && e - a <= 32) {
      // Tag keys and values repeat endlessly (highway, track, yes): reuse the string made last time
      // these bytes were seen. Saves the allocation and lets sinks share one copy of each.
      const slot = (h ^ (h >>> 13)) & (TEXT_CACHE_SIZE - 1);
      const hit = this.textCache[slot];
      if (hit !== undefined && hit.length === e - a) {
        let same = true;
        for (let i = 0; i < hit.length; i++) {
          if (hit.charCodeAt(i) !== b[a + i]) {
            same = false;
            break;
          }
        }
        if (same) return hit;
      }
      const text = String.fromCharCode.apply(null, b.subarray(a, e) as unknown as number[]);
      this.textCache[slot] = text;
      return text;
    }
    let text: string;
    try {
      text = UTF8.decode(b.subarray(a, e));
    } catch {
      throw this.fail(
        line,
        `invalid UTF-8 in attribute value ${this.sample(b, a, e - a)}${this.context()}`,
      );
    }
    return special ? this.unescape(text, line) : text;
  }

  private unescape(s: string, line: number): string {
    let out = '';
    let from = 0;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c === LF || c === TAB || c === CR) {
        out += `${s.slice(from, i)} `;
        if (c === CR && s.charCodeAt(i + 1) === LF) i++;
        from = i + 1;
      } else if (c === AMP) {
        const semi = s.indexOf(';', i + 1);
        if (semi < 0)
          throw this.fail(
            line,
            `unterminated entity ${quoteValue(s.slice(i, i + 12))}${this.context()}`,
          );
        out += s.slice(from, i) + this.entity(s.slice(i + 1, semi), line);
        i = semi;
        from = semi + 1;
      }
    }
    return out + s.slice(from);
  }

  private entity(name: string, line: number): string {
    switch (name) {
      case 'amp':
        return '&';
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'quot':
        return '"';
      case 'apos':
        return "'";
    }
    let cp = Number.NaN;
    if (/^#[0-9]{1,7}$/.test(name)) cp = Number.parseInt(name.slice(1), 10);
    else if (/^#x[0-9a-fA-F]{1,6}$/.test(name)) cp = Number.parseInt(name.slice(2), 16);
    if (Number.isNaN(cp))
      throw this.fail(line, `unknown entity ${quoteValue(`&${name};`)}${this.context()}`);
    if (!isXmlChar(cp)) {
      throw this.fail(
        line,
        `character reference &${name}; is not a valid XML character${this.context()}`,
      );
    }
    return String.fromCodePoint(cp);
  }

  private finish(): void {
    if (!this.rootSeen) {
      throw new FormatError(
        'not-osm-xml',
        'not an OSM XML document: no <osm> root element (empty input?)',
      );
    }
    if (this.depth > 0) {
      const open: string[] = [];
      for (let i = this.depth - 1; i >= 0; i--) {
        const k = this.kinds[i];
        open.push(
          k === K_NODE
            ? `<node id=${this.nodeId}>`
            : k === K_WAY
              ? `<way id=${this.wayId}>`
              : `<${this.names[i]}>`,
        );
      }
      throw this.fail(
        this.line,
        `unexpected end of input: ${open.join(' in ')} not closed (truncated file?)`,
      );
    }
  }
}

/**
 * Creates a streaming OSM XML decoder that calls `sink` for every node and way as soon as its
 * markup is complete, keeping only the current element in memory. Chunks may split the input
 * anywhere, including inside a tag or a multi-byte UTF-8 character.
 *
 * Calls `sink.node` for every `<node>` (at its start tag), `sink.taggedNode` after `</node>` for
 * nodes with tags (only if the sink defines it), and `sink.way` after `</way>` with a reused refs
 * buffer, unless `sink.wantWay` rejects the tags. Relations, bounds and other elements are skipped.
 * Objects marked `visible="false"` (deleted, in history output) are skipped.
 *
 * Throws `FormatError` `corrupt-xml` (with line number, element id and offending value) for
 * malformed markup, missing or non-numeric id/lat/lon and truncated input, and `not-osm-xml` when
 * the input is not XML or the root element is not `<osm>`.
 *
 * @example
 * const decoder = createOsmXmlDecoder(sink);
 * for await (const chunk of response.body!) decoder.write(chunk);
 * decoder.end();
 */
export function createOsmXmlDecoder(sink: OsmSink): OsmXmlDecoder {
  return new OsmXmlScanner(sink);
}

/**
 * Decodes a whole OSM XML document (text, UTF-8 bytes, or gzipped bytes, detected by content) into
 * `sink`. See `createOsmXmlDecoder` for what is called and thrown; gzip damage throws `corrupt-gzip`.
 *
 * @example
 * const counts = { nodes: 0, ways: 0 };
 * decodeOsmXml(new Uint8Array(await file.arrayBuffer()), {
 *   node: () => { counts.nodes++; },
 *   way: () => { counts.ways++; },
 * });
 */
export function decodeOsmXml(input: string | Uint8Array, sink: OsmSink): void {
  const decoder = createOsmXmlDecoder(sink);
  if (typeof input !== 'string' && isGzip(input)) {
    const gz = new GunzipStream((chunk) => decoder.write(chunk));
    // Slicing bounds each decompressed chunk, so no more than a slice's output is held at once.
    const step = 1 << 16;
    for (let i = 0; i < input.length; i += step)
      gz.push(input.subarray(i, Math.min(input.length, i + step)));
    gz.end();
  } else {
    decoder.write(input);
  }
  decoder.end();
}

/**
 * Sniffs whether `bytes` (the start of a file is enough) look like OSM XML: after an optional
 * byte-order mark and whitespace, `<?xml` or `<osm`. Gzipped data is not looked into: check
 * `isGzip` first.
 *
 * @example
 * if (isOsmXml(firstBytes)) decodeOsmXml(bytes, sink);
 */
export function isOsmXml(bytes: Uint8Array | string): boolean {
  const b = typeof bytes === 'string' ? new TextEncoder().encode(bytes.slice(0, 64)) : bytes;
  let i = b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
  while (i < b.length && isWs(b[i])) i++;
  if (startsWithAscii(b, i, '<?xml')) return true;
  if (!startsWithAscii(b, i, '<osm')) return false;
  const after = i + 4 < b.length ? b[i + 4] : GT;
  return isWs(after) || after === GT || after === SLASH;
}
