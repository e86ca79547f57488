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
