/**
 * Attribute values as text: UTF-8 decoded, entities and character references replaced, and
 * whitespace normalised as XML requires of attribute values. Short ASCII values are interned.
 */
import { AMP, CR, LF, TAB, UTF8 } from './chars';
import { quoteValue, sample } from './messages';

const TEXT_CACHE_SIZE = 4096;

/**
 * An attribute value that is not valid text (bad UTF-8, an unknown entity, ...). The element
 * handler adds the line and the element it was found in.
 *
 * @example
 * throw new XmlValueError('unknown entity "&nbsp;"');
 */
export class XmlValueError extends Error {}

/**
 * Decodes attribute values, remembering recent short ones so repeated keys and values (highway,
 * track, yes) come back as the same string.
 *
 * @example
 * const texts = new AttributeText();
 * texts.decode(new TextEncoder().encode('a &amp; b'), 0, 9); // 'a & b'
 */
export class AttributeText {
  private readonly cache: (string | undefined)[] = new Array(TEXT_CACHE_SIZE);

  /**
   * The text of the attribute value in bytes [a, e). Throws XmlValueError on invalid text.
   *
   * @param b The bytes.
   * @param a Start of the value (after the opening quote).
   * @param e End of the value (at the closing quote).
   * @example
   * const key = texts.decode(b, kStart, kEnd);
   */
  decode(b: Uint8Array, a: number, e: number): string {
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
      const hit = this.cache[slot];
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
      this.cache[slot] = text;
      return text;
    }
    let text: string;
    try {
      text = UTF8.decode(b.subarray(a, e));
    } catch {
      throw new XmlValueError(`invalid UTF-8 in attribute value ${sample(b, a, e - a)}`);
    }
    return special ? unescapeValue(text) : text;
  }
}

/** Entities and character references replaced, tab / CR / LF / CRLF turned into one space each. */
function unescapeValue(s: string): string {
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
        throw new XmlValueError(`unterminated entity ${quoteValue(s.slice(i, i + 12))}`);
      out += s.slice(from, i) + entity(s.slice(i + 1, semi));
      i = semi;
      from = semi + 1;
    }
  }
  return out + s.slice(from);
}

/** The text of entity `&name;`: one of XML's five, or a decimal / hex character reference. */
function entity(name: string): string {
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
  if (Number.isNaN(cp)) throw new XmlValueError(`unknown entity ${quoteValue(`&${name};`)}`);
  if (!isXmlChar(cp))
    throw new XmlValueError(`character reference &${name}; is not a valid XML character`);
  return String.fromCodePoint(cp);
}

/** The characters XML 1.0 allows in a document (its `Char` production). */
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
