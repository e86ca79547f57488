import { InputError } from '../errors';

/** Text decoded from bytes, and the encoding that was used. */
export interface DecodedText {
  text: string;
  /** The WHATWG name of the encoding used (`utf-8`, `gb18030`, `utf-16le`, …). */
  encoding: string;
}

/**
 * Decode a file's bytes as text. With `encoding` given it is used (any WHATWG label: `utf-8`,
 * `gbk`, `gb18030`, `big5`, …). Without, a byte-order mark decides (UTF-8, UTF-16), then bytes
 * that are valid UTF-8 are UTF-8, and anything else is read as GB18030, the superset of GBK and
 * GB2312 that Chinese Excel and ArcGIS write: GBK text is almost never valid UTF-8 (its two-byte
 * sequences would have to form UTF-8 lead/continuation patterns throughout), so the test is safe.
 * Node 20's full ICU has the `gb18030` decoder (checked in test/gbk-csv.test.ts).
 *
 * @param bytes - The raw file content.
 * @param encoding - An encoding label to use instead of detecting one; unknown labels throw
 *   `InputError` `unknown-encoding`.
 * @param where - The file's name, for error messages.
 * @returns The text (without a byte-order mark) and the encoding used.
 * @example
 * decodeText(new Uint8Array([0xd6, 0xd0, 0xce, 0xc4])); // { text: '中文', encoding: 'gb18030' }
 */
export function decodeText(bytes: Uint8Array, encoding?: string, where = 'input'): DecodedText {
  if (encoding !== undefined) {
    let d: InstanceType<typeof TextDecoder>;
    try {
      d = new TextDecoder(encoding.trim().toLowerCase());
    } catch {
      throw new InputError(
        'unknown-encoding',
        `${where}: unknown text encoding ${JSON.stringify(encoding)} (use utf-8, gbk, gb18030, big5, utf-16le…)`,
        {
          zh: `${where}：无法识别的文字编码 ${JSON.stringify(encoding)}（可用 utf-8、gbk、gb18030、big5、utf-16le…）`,
        },
      );
    }
    return { text: stripBom(d.decode(bytes)), encoding: d.encoding };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  try {
    return {
      text: stripBom(new TextDecoder('utf-8', { fatal: true }).decode(bytes)),
      encoding: 'utf-8',
    };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}

function stripBom(s: string): string {
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}

let gbkTable: Map<number, number> | undefined;

// GBK's two-byte table, inverted from the platform's WHATWG gb18030 decoder (the same table the
// readers decode with, so what is written reads back as written): lead 0x81–0xFE, trail
// 0x40–0xFE except 0x7F. Built once, on first use (≈ 24,000 decodes, a few milliseconds).
function gbkCodes(): Map<number, number> {
  if (gbkTable) return gbkTable;
  const table = new Map<number, number>();
  const d = new TextDecoder('gb18030');
  const pair = new Uint8Array(2);
  for (let lead = 0x81; lead <= 0xfe; lead++)
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      pair[0] = lead;
      pair[1] = trail;
      const s = d.decode(pair);
      const c = s.codePointAt(0) as number;
      // one character that is not the replacement one, first encoding wins (GBK has no duplicates
      // among the characters people write; the few compatibility duplicates keep their first code)
      if (s.length === (c > 0xffff ? 2 : 1) && c !== 0xfffd && !table.has(c))
        table.set(c, (lead << 8) | trail);
    }
  gbkTable = table;
  return table;
}

/** Text encoded as GBK, and how many characters GBK has no code for. */
export interface EncodedText {
  bytes: Uint8Array;
  /** Characters written as `?` because GBK cannot hold them (emoji, rare CJK extensions). */
  unencodable: number;
}

/**
 * Encode text as GBK (code page 936), what old ArcGIS versions and Chinese Windows software
 * expect in a `.dbf` when they ignore a `.cpg`. ASCII stays one byte; every character of the
 * GBK table takes two; a character outside GBK becomes `?` and is counted, so the caller can
 * say so rather than drop it silently.
 *
 * @param text - The text.
 * @returns The bytes and the count of characters replaced by `?`.
 * @example
 * encodeGbk('中文').bytes; // Uint8Array [0xd6, 0xd0, 0xce, 0xc4]
 */
export function encodeGbk(text: string): EncodedText {
  const table = gbkCodes();
  const out = new Uint8Array(2 * text.length);
  let n = 0;
  let unencodable = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0) as number;
    if (c < 0x80) {
      out[n++] = c;
      continue;
    }
    const code = table.get(c);
    if (code === undefined) {
      out[n++] = 0x3f;
      unencodable++;
    } else {
      out[n++] = code >> 8;
      out[n++] = code & 0xff;
    }
  }
  return { bytes: out.slice(0, n), unencodable };
}
