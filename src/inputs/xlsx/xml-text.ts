// Just enough XML for the parts of an .xlsx this library reads: Office writes them without
// comments, CDATA or DTDs, so attributes and text are found by pattern and entities decoded.

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * XML character data with its entities (`&amp;`, `&#20013;`, `&#x4E2D;`) decoded.
 *
 * @param s - Raw text between tags or an attribute value.
 * @returns The decoded text.
 * @example
 * xmlText('A &amp; B &#20013;'); // 'A & B 中'
 */
export function xmlText(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#')
      return String.fromCodePoint(
        e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1)),
      );
    return ENTITIES[e] ?? m;
  });
}

/**
 * The value of attribute `name` in a start tag's text, decoded; `undefined` when absent.
 *
 * @param tag - The start tag's text (`<c r="A1" t="s">`).
 * @param name - The attribute's name, with its prefix if any (`r:id`).
 * @returns The value, or `undefined`.
 * @example
 * xmlAttr('<c r="B2" t="s">', 't'); // 's'
 */
export function xmlAttr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name.replace(':', '\\:')}="([^"]*)"`).exec(tag);
  return m ? xmlText(m[1]) : undefined;
}

/**
 * The text of every `<t>` in an element, joined: a shared string's runs, minus phonetic
 * (`<rPh>`) runs, which hold readings, not the text.
 *
 * @param xml - The element's inner XML (`<r><t>乡</t></r><r><t>镇</t></r>`).
 * @returns The joined, decoded text.
 * @example
 * runText('<r><t>乡</t></r><r><t xml:space="preserve">镇 </t></r>'); // '乡镇 '
 */
export function runText(xml: string): string {
  const body = xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '');
  let out = '';
  for (const m of body.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)) out += xmlText(m[1]);
  return out;
}
