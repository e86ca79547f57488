/**
 * The markup OSM data never lives in: comments, processing instructions (the XML declaration among
 * them), CDATA sections and a DOCTYPE. Checked where it matters and skipped; cold code, kept out of
 * the scanner's hot file.
 */
import { FormatError } from '../../../errors';
import { CR, GT, isWs, LF, QMARK, SPACE, startsWithAscii, TAB, UTF8_LENIENT } from './chars';
import type { OsmXmlElements } from './elements';
import { sample, xmlError } from './messages';

/** Returned when a unit runs past the buffered bytes: retried with more input. */
const INCOMPLETE = -1;

/**
 * The scanner state markup skipping reads: the line counter it advances, and the open elements.
 *
 * @example
 * const cursor: MarkupCursor = { line: 1, elements: new OsmXmlElements(sink) };
 */
export interface MarkupCursor {
  /** Line number at the scan position; advanced past the lines the markup spans. */
  line: number;
  /** The open elements, for where CDATA and DOCTYPE may appear and for messages. */
  readonly elements: OsmXmlElements;
}

/**
 * Skips the comment, PI, CDATA section or DOCTYPE at `lt` (a `<?` or `<!`); returns the position
 * after it, or a negative number when it runs past the buffered bytes and more input may follow.
 *
 * @param s The scanner's line counter and open elements.
 * @param b Buffered bytes.
 * @param lt Position of the '<'.
 * @param final No more input will follow: running past the end is an error.
 * @example
 * const end = skipMarkup(scanner, b, p, false);
 * if (end < 0) return p; // wait for more input
 */
export function skipMarkup(s: MarkupCursor, b: Uint8Array, lt: number, final: boolean): number {
  const n = b.length;
  const tagLine = s.line;
  const el = s.elements;
  let i: number;
  if (b[lt + 1] === QMARK) {
    for (i = lt + 2; i + 1 < n; i++) {
      if (b[i] === QMARK && b[i + 1] === GT) break;
      if (b[i] === LF) s.line++;
    }
    if (i + 1 >= n) return incomplete(s, final, tagLine, 'a processing instruction');
    if (!el.rootSeen && startsWithAscii(b, lt, '<?xml') && isWs(b[lt + 5]))
      checkDeclaration(b, lt, i);
    return i + 2;
  }
  if (n - lt < 9 && !final && !startsWithAscii(b, lt, '<!--'))
    return incomplete(s, false, tagLine, '');
  if (startsWithAscii(b, lt, '<!--')) {
    for (i = lt + 4; i + 2 < n; i++) {
      if (b[i] === 45 && b[i + 1] === 45 && b[i + 2] === GT) break;
      if (b[i] === LF) s.line++;
    }
    if (i + 2 >= n) return incomplete(s, final, tagLine, 'a comment');
    return i + 3;
  }
  if (startsWithAscii(b, lt, '<![CDATA[')) {
    if (el.depth === 0) throw xmlError(tagLine, 'CDATA section outside the root element');
    const free = el.allowsText();
    for (i = lt + 9; i + 2 < n; i++) {
      const c = b[i];
      if (c === 93 && b[i + 1] === 93 && b[i + 2] === GT) break;
      if (c === LF) s.line++;
      else if (!free && c !== SPACE && c !== TAB && c !== CR) throw textError(el, b, i, s.line);
    }
    if (i + 2 >= n) return incomplete(s, final, tagLine, 'a CDATA section');
    return i + 3;
  }
  if (startsWithAscii(b, lt, '<!DOCTYPE')) {
    if (el.rootSeen) throw xmlError(tagLine, 'DOCTYPE after the root element');
    // An internal subset [...] may contain '>' characters of its own.
    let inSubset = false;
    for (i = lt + 9; i < n; i++) {
      const c = b[i];
      if (c === 91) inSubset = true;
      else if (c === 93) inSubset = false;
      else if (c === GT && !inSubset) break;
      else if (c === LF) s.line++;
    }
    if (i >= n) return incomplete(s, final, tagLine, 'the DOCTYPE');
    return i + 1;
  }
  throw xmlError(tagLine, `invalid markup ${sample(b, lt, 12)}`);
}

/**
 * The error for text where OSM XML allows none: before the root (not XML at all), after it, or
 * inside an element OSM defines no text for.
 *
 * @param el The open elements.
 * @param b The bytes.
 * @param p Position of the offending byte.
 * @param line Its line.
 * @example
 * throw textError(elements, b, p, line);
 */
export function textError(el: OsmXmlElements, b: Uint8Array, p: number, line: number): FormatError {
  const text = sample(b, p, 20);
  if (!el.rootSeen)
    return new FormatError('not-osm-xml', `not an XML document: starts with ${text}`);
  if (el.rootClosed) return xmlError(line, `text ${text} after the closing </osm>`);
  return xmlError(line, `unexpected text ${text} inside <${el.innermost()}>${el.context()}`);
}

/** Gives up on a unit that runs past the buffer: an error at the end of input, else retry later. */
function incomplete(s: MarkupCursor, final: boolean, tagLine: number, what: string): number {
  if (final)
    throw xmlError(
      tagLine,
      `unexpected end of input inside ${what}${s.elements.context()} (truncated file?)`,
    );
  s.line = tagLine;
  return INCOMPLETE;
}

/** Only UTF-8 is decoded; a declaration naming another encoding would otherwise be misread. */
function checkDeclaration(b: Uint8Array, a: number, e: number): void {
  const decl = UTF8_LENIENT.decode(b.subarray(a, e));
  const m = /\sencoding\s*=\s*["']([^"']*)["']/.exec(decl);
  if (m !== null && !/^utf-?8$/i.test(m[1])) {
    throw new FormatError(
      'not-osm-xml',
      `unsupported XML encoding "${m[1]}": OSM XML must be UTF-8`,
    );
  }
}
