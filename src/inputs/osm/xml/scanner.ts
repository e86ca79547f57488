/**
 * The tokenizer of OSM XML: a hand-written scanner over UTF-8 bytes, specialised for OSM.
 * benchmarks/xml-decoders.md has the measurement against saxes, sax and htmlparser2 (and a
 * string-based variant) that chose it. It checks everything the decoded data depends on (nesting,
 * tag and attribute syntax, the values it reads, entities in tag values, UTF-8 of the text it
 * decodes) and skips the attributes it does not read (user, timestamp, ...) without validating
 * their contents. Tags go to {@link OsmXmlElements}, which knows what they mean.
 */
import type { FormatError } from '../../../errors';
import type { OsmSink } from '../sink';
import { startsWithAscii } from './chars';
import { OsmXmlElements } from './elements';
import {
  classify,
  K_MEMBER,
  K_NODE,
  K_ND,
  K_OSM,
  K_OTHER,
  K_RELATION,
  K_TAG,
  K_WAY,
  KIND_NAMES,
} from './kinds';
import { skipMarkup, textError } from './markup';
import { sample, xmlError } from './messages';

// The byte codes and isWs of chars.ts, declared again here on purpose: V8 does not constant-fold
// imported bindings, so every comparison in the per-byte loops below would load the value from the
// other module (with a check that it is initialised). Importing them measured the decode ~1.5x slower.
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

function isWs(c: number): boolean {
  return c === SPACE || c === LF || c === TAB || c === CR;
}

/**
 * Scans markup units (start tags, end tags, comments, PIs, CDATA, DOCTYPE, text) out of buffered
 * bytes. Keeps only the line number and whether the byte-order mark was looked for; the streaming
 * decoder keeps the bytes.
 *
 * @example
 * const scanner = new OsmXmlScanner(sink);
 * const done = scanner.scan(bytes, 0, true); // everything
 * scanner.finish();
 */
export class OsmXmlScanner {
  /** Line number at the scan position, counted as bytes are scanned. */
  line = 1;
  private started = false;
  /** The element handler the tags go to. */
  readonly elements: OsmXmlElements;

  /**
   * @param sink Receives the nodes and ways.
   */
  constructor(sink: OsmSink) {
    this.elements = new OsmXmlElements(sink);
  }

  /**
   * Processes every complete markup unit in `b` from `p`; returns where it stopped (the start of
   * an incomplete unit). `final` means no more input will come, so nothing may be left over.
   *
   * @param b Buffered bytes.
   * @param p Where unprocessed bytes start.
   * @param final No more input will follow.
   * @example
   * const rest = scanner.scan(buf, 0, false); // keep buf.subarray(rest) for the next chunk
   */
  scan(b: Uint8Array, p: number, final: boolean): number {
    const n = b.length;
    if (!this.started) {
      if (n - p < 3 && !final) return p;
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
        const free = this.elements.allowsText();
        while (p < n) {
          c = b[p];
          if (c === LT) break;
          if (c === LF) line++;
          else if (!free && c !== SPACE && c !== TAB && c !== CR)
            throw textError(this.elements, b, p, line);
          p++;
        }
        if (p >= n) break;
      }
      if (p === limit && !final) break;
      if (p + 1 >= n)
        throw xmlError(line, `unexpected end of input after "<"${this.elements.context()}`);
      c = b[p + 1];
      this.line = line;
      const end =
        c === SLASH
          ? this.endTag(b, p, limit)
          : c === QMARK || c === BANG
            ? skipMarkup(this, b, p, final)
            : this.startTag(b, p, limit);
      if (end < 0) break; // markup that runs past the buffered bytes: wait for more
      p = end;
      line = this.line;
    }
    this.line = line;
    return p;
  }

  /**
   * Checks the document ended complete; call after the final {@link OsmXmlScanner.scan}.
   *
   * @example
   * scanner.scan(rest, 0, true);
   * scanner.finish();
   */
  finish(): void {
    this.elements.finish(this.line);
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
      throw xmlError(
        tagLine,
        `unexpected end of input inside an end tag${this.elements.context()} (truncated file?)`,
      );
    if (q >= limit || b[q] !== GT) {
      throw xmlError(
        tagLine,
        `malformed end tag ${sample(b, lt, q + 1 - lt)}${this.elements.context()}`,
      );
    }
    this.elements.end(b, lt, nameEnd, q, tagLine);
    return q + 1;
  }

  /**
   * Parses a start tag and hands it to the element handler; `limit` is where complete markup ends
   * (a '<' or the input's end). Returns the position after the tag. The attribute loop stays in
   * this one function with the value ranges in locals: it runs for every attribute of the file,
   * and a separate attributes() method filling a ranges object cost ~9% more instructions per
   * decode (callgrind, north-bayreuth-2014), as did helpers for its inner loops (V8 then ran out of
   * inlining budget for the element methods).
   */
  private startTag(b: Uint8Array, lt: number, limit: number): number {
    const n = limit;
    const tagLine = this.line;
    const nameEnd = this.elementName(b, lt, n, tagLine);
    const kind = classify(b, lt + 1, nameEnd);

    // Value ranges [start, end) of the attributes decoding reads; -1 = absent.
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
    let typeA = -1;
    let typeB = -1;
    let roleA = -1;
    let roleB = -1;
    let invisible = false;
    let selfClose = false;

    let q = nameEnd;
    let c = 0;
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

      // Note the attributes decoding reads, whatever the element: one an element does not read (a
      // way's lat, a tag's id) is ignored by its handler. Everything else is skipped unread.
      const a0 = b[an];
      switch (ae - an) {
        case 1:
          if (a0 === 107) {
            kA = va;
            kB = vb;
          } else if (a0 === 118) {
            vA = va;
            vB = vb;
          }
          break;
        case 2:
          if (a0 === 105 && b[an + 1] === 100) {
            idA = va;
            idB = vb;
          }
          break;
        case 3: {
          const a1 = b[an + 1];
          const a2 = b[an + 2];
          if (a0 === 108 && a1 === 97 && a2 === 116) {
            latA = va;
            latB = vb;
          } else if (a0 === 108 && a1 === 111 && a2 === 110) {
            lonA = va;
            lonB = vb;
          } else if (a0 === 114 && a1 === 101 && a2 === 102) {
            refA = va;
            refB = vb;
          }
          break;
        }
        case 4:
          // A relation member's type and role.
          if (a0 === 116 && startsWithAscii(b, an, 'type')) {
            typeA = va;
            typeB = vb;
          } else if (a0 === 114 && startsWithAscii(b, an, 'role')) {
            roleA = va;
            roleB = vb;
          }
          break;
        case 7:
          // Deleted objects in history/attic output carry visible="false" and no coordinates.
          if (a0 === 118 && startsWithAscii(b, an, 'visible'))
            invisible = vb - va === 5 && startsWithAscii(b, va, 'false');
          break;
      }
    }

    // The tag is complete: from here on, act on it.
    const el = this.elements;
    if (el.depth === 0) el.root(b, kind, lt, nameEnd, tagLine);
    switch (kind) {
      case K_NODE:
        el.node(b, idA, idB, latA, latB, lonA, lonB, invisible, tagLine);
        break;
      case K_WAY:
        el.way(b, idA, idB, invisible, selfClose, tagLine);
        break;
      case K_ND:
        el.nd(b, refA, refB, tagLine);
        break;
      case K_TAG:
        el.tag(b, kA, kB, vA, vB, tagLine);
        break;
      case K_OSM:
        el.osm(tagLine);
        break;
      case K_RELATION:
        el.relation(b, idA, idB, invisible, selfClose, tagLine);
        break;
      case K_MEMBER:
        el.member(b, typeA, typeB, refA, refB, roleA, roleB, tagLine);
        break;
    }
    el.opened(b, kind, lt, nameEnd, selfClose, tagLine);
    return q;
  }

  /** Checks the element name after `<` at `lt`; returns where it ends. */
  private elementName(b: Uint8Array, lt: number, n: number, tagLine: number): number {
    let q = lt + 1;
    let c = b[q];
    // Name-start characters: letters, '_', ':' and anything non-ASCII.
    if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 58 || c > 127)) {
      throw xmlError(tagLine, `invalid markup ${sample(b, lt, 20)}${this.elements.context()}`);
    }
    while (q < n) {
      c = b[q];
      if (c === SPACE || c === GT || c === SLASH || c === LF || c === TAB || c === CR) break;
      // A '<' ends the name here; the attribute loop reports it, as it would at a chunk's limit.
      if (c === LT) break;
      if (c === EQ || c === QUOT || c === APOS || c === AMP) {
        throw xmlError(tagLine, `invalid element name in ${sample(b, lt, q + 1 - lt)}`);
      }
      q++;
    }
    if (q >= n) throw this.cutShort(b, lt, q, tagLine, K_OTHER);
    return q;
  }

  /** A start tag that reached `at` = its limit: the input's end, or a '<' that cannot be inside a tag. */
  private cutShort(b: Uint8Array, lt: number, at: number, line: number, kind: number): FormatError {
    if (at < b.length) return this.malformed(b, lt, at, line);
    const what = kind === K_OTHER ? 'a start tag' : `<${KIND_NAMES[kind]}>`;
    return xmlError(
      line,
      `unexpected end of input inside ${what}${this.elements.context()} (truncated file?)`,
    );
  }

  private malformed(b: Uint8Array, lt: number, at: number, line: number): FormatError {
    // Quoting up to the offending byte keeps the message the same however the input was chunked.
    return xmlError(line, `malformed tag ${sample(b, lt, at + 1 - lt)}${this.elements.context()}`);
  }
}
