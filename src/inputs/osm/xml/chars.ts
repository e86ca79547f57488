/**
 * The bytes OSM XML is scanned by, and small helpers over UTF-8 byte ranges. The scanner works on
 * bytes, never on a decoded string: only the values it hands on are ever decoded. (scanner.ts keeps
 * local copies of the byte codes and isWs for its per-byte loops; see there why.)
 */

export const LT = 60;
export const GT = 62;
export const SLASH = 47;
export const QMARK = 63;
export const BANG = 33;
export const EQ = 61;
export const QUOT = 34;
export const APOS = 39;
export const AMP = 38;
export const SPACE = 32;
export const TAB = 9;
export const LF = 10;
export const CR = 13;

/** Decodes the text handed to sinks and element names: invalid UTF-8 is an error there. */
export const UTF8 = new TextDecoder('utf-8', { fatal: true });
/** Decodes bytes quoted in error messages and numbers, where a bad byte must not hide the error. */
export const UTF8_LENIENT = new TextDecoder('utf-8');

/**
 * XML whitespace: space, tab, line feed, carriage return.
 *
 * @param c A byte.
 * @example
 * while (i < b.length && isWs(b[i])) i++;
 */
export function isWs(c: number): boolean {
  return c === SPACE || c === LF || c === TAB || c === CR;
}

/**
 * True when the bytes at `at` spell the ASCII `word`.
 *
 * @param b The bytes.
 * @param at Where the word would start.
 * @param word ASCII text.
 * @example
 * if (startsWithAscii(b, lt, '<!--')) skipComment();
 */
export function startsWithAscii(b: Uint8Array, at: number, word: string): boolean {
  if (at + word.length > b.length) return false;
  for (let k = 0; k < word.length; k++) if (b[at + k] !== word.charCodeAt(k)) return false;
  return true;
}
