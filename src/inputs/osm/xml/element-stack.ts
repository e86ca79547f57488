/**
 * The open elements of an OSM XML document and the rules of where each may appear: one `<osm>`
 * root, nodes and ways directly inside it, nothing after it. Also names the element being decoded
 * in error messages. {@link OsmXmlElements} extends it with what the elements carry.
 */
import { FormatError } from '../../../errors';
import { UTF8 } from './chars';
import { classify, K_MEMBER, K_NODE, K_OSM, K_OTHER, K_RELATION, K_WAY, KIND_NAMES } from './kinds';
import { sample, xmlError } from './messages';

/**
 * The stack of open elements, by kind and name.
 *
 * @example
 * const stack = new ElementStack();
 * stack.root(b, K_OSM, 0, 4, 1);
 * stack.opened(b, K_OSM, 0, 4, false, 1); // <osm> is open: depth 1
 */
export class ElementStack {
  protected readonly kinds: number[] = [];
  protected readonly names: string[] = [];
  /** How many elements are open. */
  depth = 0;
  /** `<osm>` has been opened. */
  rootSeen = false;
  /** `</osm>` has been seen: only whitespace, comments and PIs may follow. */
  rootClosed = false;
  // Ids of the node and way being read, set by the subclass, named in messages. NaN, not 0: a field
  // that starts as a small integer and later holds a double (ids > 2^31) changes its hidden class
  // mid-decode and costs a de-optimisation.
  protected nodeId = Number.NaN;
  protected wayId = Number.NaN;

  /**
   * True where character data may appear: inside an element OSM gives no meaning (a relation's
   * text, say); elsewhere only whitespace is allowed.
   *
   * @example
   * const free = elements.allowsText();
   */
  allowsText(): boolean {
    if (this.depth === 0) return false;
    const k = this.kinds[this.depth - 1];
    // Relations and members were K_OTHER before they were read; they still take text as they did.
    return k === K_OTHER || k === K_RELATION || k === K_MEMBER;
  }

  /**
   * Name of the innermost open element, for messages.
   *
   * @example
   * `unexpected text inside <${elements.innermost()}>`;
   */
  innermost(): string {
    return this.names[this.depth - 1];
  }

  /**
   * Names the element being decoded, for error messages (` in <way id=5>`, or empty).
   *
   * @example
   * throw xmlError(line, `malformed tag${elements.context()}`);
   */
  context(): string {
    for (let i = this.depth - 1; i >= 0; i--) {
      if (this.kinds[i] === K_NODE) return ` in <node id=${this.nodeId}>`;
      if (this.kinds[i] === K_WAY) return ` in <way id=${this.wayId}>`;
    }
    return '';
  }

  /**
   * Checks a start tag at depth 0 is the one `<osm>` root; call before the element's own method.
   *
   * @param b The bytes.
   * @param kind The element's kind.
   * @param lt Position of its '<'.
   * @param nameEnd End of its name.
   * @param line Line of the tag.
   * @example
   * if (elements.depth === 0) elements.root(b, kind, lt, nameEnd, line);
   */
  root(b: Uint8Array, kind: number, lt: number, nameEnd: number, line: number): void {
    if (this.rootClosed) {
      throw xmlError(line, `second root element ${sample(b, lt, nameEnd - lt)}> after </osm>`);
    }
    if (kind !== K_OSM) {
      const name = sample(b, lt + 1, nameEnd - lt - 1);
      throw new FormatError(
        'not-osm-xml',
        `not an OSM XML document: the root element is ${name}, expected "osm"`,
      );
    }
    this.rootSeen = true;
  }

  /**
   * `<osm>`: only as the root.
   *
   * @param line Line of the tag.
   * @example
   * elements.osm(line);
   */
  osm(line: number): void {
    if (this.depth !== 0) throw this.misplaced(line, 'osm');
  }

  /**
   * Ends the handling of a start tag: opens the element, or closes it at once if it was `<…/>`.
   *
   * @param b The bytes.
   * @param kind The element's kind.
   * @param lt Position of its '<'.
   * @param nameEnd End of its name.
   * @param selfClose The tag ended in `/>`.
   * @param line Line of the tag.
   * @example
   * elements.opened(b, kind, lt, nameEnd, selfClose, line);
   */
  opened(
    b: Uint8Array,
    kind: number,
    lt: number,
    nameEnd: number,
    selfClose: boolean,
    line: number,
  ): void {
    if (selfClose) {
      if (this.depth === 0) this.rootClosed = true;
    } else {
      this.kinds[this.depth] = kind;
      this.names[this.depth] =
        kind === K_OTHER ? this.decodeName(b, lt + 1, nameEnd, line) : KIND_NAMES[kind];
      this.depth++;
    }
  }

  /**
   * Checks that the end tag at `lt` closes the innermost open element; returns its kind. The
   * caller finishes the element, then calls {@link ElementStack.pop}.
   *
   * @param b The bytes.
   * @param lt Position of its '<'.
   * @param nameEnd End of its name.
   * @param gt Position of its '>'.
   * @param line Line of the tag.
   * @example
   * const kind = stack.closing(b, lt, nameEnd, gt, line);
   */
  closing(b: Uint8Array, lt: number, nameEnd: number, gt: number, line: number): number {
    const kind = classify(b, lt + 2, nameEnd);
    if (this.depth === 0) throw xmlError(line, `unexpected end tag ${sample(b, lt, gt + 1 - lt)}`);
    const topKind = this.kinds[this.depth - 1];
    const top = this.names[this.depth - 1];
    if (
      kind !== topKind ||
      (kind === K_OTHER && this.decodeName(b, lt + 2, nameEnd, line) !== top)
    ) {
      throw xmlError(
        line,
        `end tag ${sample(b, lt, gt + 1 - lt)} does not match <${top}>${this.context()}`,
      );
    }
    return kind;
  }

  /**
   * Closes the innermost open element.
   *
   * @example
   * stack.pop(); // after </way>
   */
  pop(): void {
    this.depth--;
    if (this.depth === 0) this.rootClosed = true;
  }

  /**
   * Checks the document ended complete: a root element seen, and every element closed.
   *
   * @param line The last line, for the message.
   * @example
   * elements.finish(scanner.line);
   */
  finish(line: number): void {
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
      throw xmlError(
        line,
        `unexpected end of input: ${open.join(' in ')} not closed (truncated file?)`,
      );
    }
  }

  /**
   * The element name in bytes [a, e) as text; corrupt-xml on invalid UTF-8.
   *
   * @param b The bytes.
   * @param a Start of the name.
   * @param e End of the name.
   * @param line Line of the tag.
   * @example
   * const name = elements.decodeName(b, lt + 1, nameEnd, line); // 'relation'
   */
  decodeName(b: Uint8Array, a: number, e: number, line: number): string {
    try {
      return UTF8.decode(b.subarray(a, e));
    } catch {
      throw xmlError(line, `invalid UTF-8 in element name ${sample(b, a, e - a)}`);
    }
  }

  /** Kind of the innermost open element, -1 at the top level. */
  protected parent(): number {
    return this.depth === 0 ? -1 : this.kinds[this.depth - 1];
  }

  /** The error for element `name` where the document structure does not allow it. */
  protected misplaced(line: number, name: string): FormatError {
    const parent = this.depth === 0 ? 'the document' : `<${this.names[this.depth - 1]}>`;
    return xmlError(line, `<${name}> is not allowed inside ${parent}${this.context()}`);
  }
}
