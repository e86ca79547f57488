/**
 * What the XML tokenizer's tags mean for OSM: the node or way being decoded, handed to the sink as
 * soon as it is complete. Checks the nesting OSM XML defines for them (nodes and ways directly in
 * `<osm>`, nd only in a way, tags in a node or way) and the values it reads.
 */
import type { FormatError } from '../../../errors';
import { setTag } from '../set-tag';
import type { OsmSink } from '../sink';
import { AttributeText, XmlValueError } from './attribute-text';
import { ElementStack } from './element-stack';
import { K_NODE, K_OSM, K_RELATION, K_WAY } from './kinds';
import { quoteValue, sample, xmlError } from './messages';
import { parseDecimal, parseDecimalText, parseId, parseIdText } from './numbers';

/**
 * The element-level state of one decode: the open elements (from {@link ElementStack}), and the
 * node or way being read.
 *
 * @example
 * const elements = new OsmXmlElements(sink);
 * elements.node(b, idA, idB, latA, latB, lonA, lonB, false, line); // sink.node(...)
 */
export class OsmXmlElements extends ElementStack {
  private readonly sink: OsmSink;
  private readonly wantNodeTags: boolean;
  private readonly texts = new AttributeText();

  // NaN, not 0: a field that starts as a small integer and later holds a double (coordinates)
  // changes its hidden class mid-decode and costs a de-optimisation.
  private nodeLon = Number.NaN;
  private nodeLat = Number.NaN;
  private nodeSkip = false;
  private nodeTags: Record<string, string> | null = null;

  private waySkip = false;
  private wayTags: Record<string, string> = {};
  private refs = new Float64Array(256);
  private refCount = 0;

  /** Read relations at all: only for sinks with `relation` (else they are skipped as before). */
  private readonly wantRelations: boolean;
  /** The relation being read (directly in `<osm>`, not deleted), or false. */
  private relationOpen = false;
  private relationId = Number.NaN;
  private relationTags: Record<string, string> = {};
  private memberTypes: number[] = [];
  private memberRefs: number[] = [];
  private memberRoles: string[] = [];

  /**
   * @param sink Receives the nodes and ways.
   */
  constructor(sink: OsmSink) {
    super();
    this.sink = sink;
    this.wantNodeTags = typeof sink.taggedNode === 'function' && sink.readsNodes !== false;
    this.wantRelations = typeof sink.relation === 'function';
  }

  /**
   * `<node>`: handed to the sink at once (unless deleted); its tags follow until `</node>`.
   *
   * @param b The bytes.
   * @param idA Start of the id value, -1 if absent (and so on for the other ranges).
   * @param idB End of the id value.
   * @param latA Start of the lat value.
   * @param latB End of the lat value.
   * @param lonA Start of the lon value.
   * @param lonB End of the lon value.
   * @param invisible `visible="false"`: deleted, in history output; skipped.
   * @param line Line of the tag.
   * @example
   * elements.node(b, idA, idB, latA, latB, lonA, lonB, false, line);
   */
  node(
    b: Uint8Array,
    idA: number,
    idB: number,
    latA: number,
    latB: number,
    lonA: number,
    lonB: number,
    invisible: boolean,
    line: number,
  ): void {
    if (this.parent() !== K_OSM) throw this.misplaced(line, 'node');
    this.nodeSkip = invisible;
    if (invisible) {
      this.nodeId = idA >= 0 ? parseId(b, idA, idB) : Number.NaN;
    } else {
      const id = this.readId(b, idA, idB, line, 'node');
      this.nodeId = id;
      const lat = this.readCoord(b, latA, latB, line, 'lat', 90);
      const lon = this.readCoord(b, lonA, lonB, line, 'lon', 180);
      this.nodeLat = lat;
      this.nodeLon = lon;
      if (this.sink.readsNodes !== false) this.sink.node(id, lon, lat);
    }
    this.nodeTags = null;
  }

  /**
   * `<way>`: collects refs and tags until `</way>`, or is handed over at once if self-closed.
   *
   * @param b The bytes.
   * @param idA Start of the id value, -1 if absent.
   * @param idB End of the id value.
   * @param invisible `visible="false"`: deleted, in history output; skipped.
   * @param selfClose The tag ended in `/>`.
   * @param line Line of the tag.
   * @example
   * elements.way(b, idA, idB, false, false, line);
   */
  way(
    b: Uint8Array,
    idA: number,
    idB: number,
    invisible: boolean,
    selfClose: boolean,
    line: number,
  ): void {
    if (this.parent() !== K_OSM) throw this.misplaced(line, 'way');
    this.waySkip = invisible;
    this.wayId =
      invisible && idA >= 0 ? parseId(b, idA, idB) : this.readId(b, idA, idB, line, 'way');
    this.wayTags = {};
    this.refCount = 0;
    if (selfClose) this.emitWay();
  }

  /**
   * `<nd ref=…>`: one more node of the way being read; ignored inside other unknown elements.
   *
   * @param b The bytes.
   * @param refA Start of the ref value, -1 if absent.
   * @param refB End of the ref value.
   * @param line Line of the tag.
   * @example
   * elements.nd(b, refA, refB, line);
   */
  nd(b: Uint8Array, refA: number, refB: number, line: number): void {
    const parent = this.parent();
    if (parent === K_WAY) {
      const ref = refA < 0 ? Number.NaN : parseId(b, refA, refB);
      if (Number.isNaN(ref)) throw this.badRef(b, refA, refB, line);
      if (this.refCount === this.refs.length) {
        const grown = new Float64Array(this.refs.length * 2);
        grown.set(this.refs);
        this.refs = grown;
      }
      this.refs[this.refCount++] = ref;
    } else if (parent === K_NODE || parent === K_OSM) {
      throw this.misplaced(line, 'nd');
    }
  }

  /**
   * `<tag k=… v=…>`: a tag of the node or way being read; ignored inside other elements.
   *
   * @param b The bytes.
   * @param kA Start of the k value, -1 if absent.
   * @param kB End of the k value.
   * @param vA Start of the v value, -1 if absent.
   * @param vB End of the v value.
   * @param line Line of the tag.
   * @example
   * elements.tag(b, kA, kB, vA, vB, line);
   */
  tag(b: Uint8Array, kA: number, kB: number, vA: number, vB: number, line: number): void {
    const parent = this.parent();
    if (parent !== K_WAY && parent !== K_NODE) {
      if (parent === K_RELATION && this.relationOpen) this.relationTag(b, kA, kB, vA, vB, line);
      return;
    }
    if (kA < 0 || vA < 0) {
      throw xmlError(line, `<tag> without ${kA < 0 ? 'a k' : 'a v'} attribute${this.context()}`);
    }
    if (parent === K_WAY) {
      setTag(this.wayTags, this.attrText(b, kA, kB, line), this.attrText(b, vA, vB, line));
    } else if (this.wantNodeTags) {
      if (this.nodeTags === null) this.nodeTags = {};
      setTag(this.nodeTags, this.attrText(b, kA, kB, line), this.attrText(b, vA, vB, line));
    }
  }

  /**
   * Acts on an end tag: checks it closes the innermost open element, and hands a finished node's
   * tags or a finished way to the sink.
   *
   * @param b The bytes.
   * @param lt Position of its '<'.
   * @param nameEnd End of its name.
   * @param gt Position of its '>'.
   * @param line Line of the tag.
   * @example
   * elements.end(b, lt, nameEnd, q, tagLine);
   */
  end(b: Uint8Array, lt: number, nameEnd: number, gt: number, line: number): void {
    const kind = this.closing(b, lt, nameEnd, gt, line);
    if (kind === K_NODE) {
      if (this.nodeTags !== null && !this.nodeSkip) {
        this.sink.taggedNode!(this.nodeId, this.nodeLon, this.nodeLat, this.nodeTags);
      }
      this.nodeTags = null;
    } else if (kind === K_WAY) {
      this.emitWay();
    } else if (kind === K_RELATION) {
      this.emitRelation();
    }
    this.pop();
  }

  /**
   * `<relation>`: collects members and tags until `</relation>` (or at once if self-closed), for
   * sinks that read relations and only directly in `<osm>`; otherwise skipped unread, as before.
   *
   * @param b The bytes.
   * @param idA Start of the id value, -1 if absent.
   * @param idB End of the id value.
   * @param invisible `visible="false"`: deleted, in history output; skipped.
   * @param selfClose The tag ended in `/>`.
   * @param line Line of the tag.
   * @example
   * elements.relation(b, idA, idB, false, false, line);
   */
  relation(
    b: Uint8Array,
    idA: number,
    idB: number,
    invisible: boolean,
    selfClose: boolean,
    line: number,
  ): void {
    this.relationOpen = this.wantRelations && !invisible && this.parent() === K_OSM;
    if (!this.relationOpen) return;
    this.relationId = this.readId(b, idA, idB, line, 'relation');
    this.relationTags = {};
    this.memberTypes = [];
    this.memberRefs = [];
    this.memberRoles = [];
    if (selfClose) this.emitRelation();
  }

  /**
   * `<member type=… ref=… role=…>`: one member of the relation being read; ignored elsewhere.
   *
   * @param b The bytes.
   * @param typeA Start of the type value, -1 if absent.
   * @param typeB End of the type value.
   * @param refA Start of the ref value, -1 if absent.
   * @param refB End of the ref value.
   * @param roleA Start of the role value, -1 if absent (an empty role).
   * @param roleB End of the role value.
   * @param line Line of the tag.
   * @example
   * elements.member(b, typeA, typeB, refA, refB, roleA, roleB, line);
   */
  member(
    b: Uint8Array,
    typeA: number,
    typeB: number,
    refA: number,
    refB: number,
    roleA: number,
    roleB: number,
    line: number,
  ): void {
    if (this.parent() !== K_RELATION || !this.relationOpen) return;
    const where = ` in <relation id=${this.relationId}>`;
    const type = typeA < 0 ? '' : this.attrText(b, typeA, typeB, line);
    const t = type === 'node' ? 0 : type === 'way' ? 1 : type === 'relation' ? 2 : -1;
    if (t < 0)
      throw xmlError(
        line,
        typeA < 0
          ? `<member> without a type attribute${where}`
          : `<member type=${quoteValue(type)}> is not node, way or relation${where}`,
      );
    const ref = refA < 0 ? Number.NaN : parseId(b, refA, refB);
    if (Number.isNaN(ref)) {
      const text = refA < 0 ? '' : this.attrText(b, refA, refB, line);
      const id = parseIdText(text);
      if (Number.isNaN(id))
        throw xmlError(
          line,
          refA < 0
            ? `<member> without a ref attribute${where}`
            : `<member ref=${quoteValue(text)}> is not an integer id${where}`,
        );
      this.memberRefs.push(id);
    } else this.memberRefs.push(ref);
    this.memberTypes.push(t);
    this.memberRoles.push(roleA < 0 ? '' : this.attrText(b, roleA, roleB, line));
  }

  /** A `<tag>` of the relation being read. */
  private relationTag(b: Uint8Array, kA: number, kB: number, vA: number, vB: number, line: number) {
    if (kA < 0 || vA < 0)
      throw xmlError(
        line,
        `<tag> without ${kA < 0 ? 'a k' : 'a v'} attribute in <relation id=${this.relationId}>`,
      );
    setTag(this.relationTags, this.attrText(b, kA, kB, line), this.attrText(b, vA, vB, line));
  }

  /** Hands the finished relation to the sink, unless `wantRelation` rejects its tags. */
  private emitRelation(): void {
    if (!this.relationOpen) return;
    this.relationOpen = false;
    const sink = this.sink;
    const tags = this.relationTags;
    if (sink.wantRelation !== undefined && !sink.wantRelation(tags)) return;
    sink.relation!(this.relationId, this.memberTypes, this.memberRefs, this.memberRoles, tags);
  }

  /** Hands the finished way to the sink, unless it is deleted or `wantWay` rejects its tags. */
  private emitWay(): void {
    const sink = this.sink;
    if (this.waySkip || sink.readsWays === false) return;
    const tags = this.wayTags;
    if (sink.wantWay !== undefined && !sink.wantWay(tags)) return;
    sink.way(this.wayId, this.refs.subarray(0, this.refCount), tags);
  }

  // The readers below keep the common case small and send everything else (missing values,
  // character references, errors) to a separate function: node() and nd() run for most tags of a
  // file, and error messages built inline made them too large for V8 to inline what they call.

  /** The id in bytes [a, e); corrupt-xml when absent or not an integer. */
  private readId(b: Uint8Array, a: number, e: number, line: number, element: string): number {
    const id = a < 0 ? Number.NaN : parseId(b, a, e);
    return Number.isNaN(id) ? this.readIdSlowly(b, a, e, line, element) : id;
  }

  private readIdSlowly(b: Uint8Array, a: number, e: number, line: number, element: string): number {
    if (a < 0) throw xmlError(line, `<${element}> without an id attribute`);
    // Character references are legal (if odd) in any attribute value; decode before giving up.
    const text = this.attrText(b, a, e, line);
    const id = parseIdText(text);
    if (Number.isNaN(id))
      throw xmlError(line, `<${element}> id ${quoteValue(text)} is not an integer id`);
    return id;
  }

  /** A lat or lon in bytes [a, e); corrupt-xml when absent, not a number or beyond ±`limit`. */
  private readCoord(
    b: Uint8Array,
    a: number,
    e: number,
    line: number,
    attr: string,
    limit: number,
  ): number {
    const v = a < 0 ? Number.NaN : parseDecimal(b, a, e);
    // NaN fails both comparisons.
    return v >= -limit && v <= limit ? v : this.readCoordSlowly(b, a, e, line, attr, limit);
  }

  private readCoordSlowly(
    b: Uint8Array,
    a: number,
    e: number,
    line: number,
    attr: string,
    limit: number,
  ): number {
    if (a < 0) throw xmlError(line, `<node id=${this.nodeId}> has no ${attr} attribute`);
    let v = parseDecimal(b, a, e);
    if (Number.isNaN(v)) {
      const text = this.attrText(b, a, e, line);
      v = parseDecimalText(text);
      if (Number.isNaN(v))
        throw xmlError(
          line,
          `<node id=${this.nodeId}> ${attr} ${quoteValue(text)} is not a number`,
        );
    }
    if (v < -limit || v > limit) {
      throw xmlError(
        line,
        `<node id=${this.nodeId}> ${attr} ${sample(b, a, e - a)} is outside [-${limit}, ${limit}]`,
      );
    }
    return v;
  }

  /** The error for an nd without a ref, or with one that is not an integer. */
  private badRef(b: Uint8Array, refA: number, refB: number, line: number): FormatError {
    if (refA < 0) return xmlError(line, `<nd> without a ref attribute${this.context()}`);
    const text = quoteValue(this.attrText(b, refA, refB, line));
    return xmlError(line, `<nd ref=${text}> is not an integer node id${this.context()}`);
  }

  /** An attribute's value as text; invalid text is a corrupt-xml error naming line and element. */
  private attrText(b: Uint8Array, a: number, e: number, line: number): string {
    try {
      return this.texts.decode(b, a, e);
    } catch (err) {
      if (err instanceof XmlValueError) throw xmlError(line, `${err.message}${this.context()}`);
      throw err;
    }
  }
}
