/**
 * Ids and coordinates parsed straight from attribute bytes, without building a string, for the
 * common plain forms; the rare others (exponents, long mantissas, character references) go through
 * a string and a grammar check, so the result is always what `Number()` gives for valid input.
 */
import { UTF8_LENIENT } from './chars';

// Exact powers of ten: an integer mantissa below 2^53 divided by one of these is the correctly
// rounded double, i.e. the same value Number() gives, without building a string.
const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];
const DECIMAL_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Parses a plain decimal like `50.0194508`; NaN when the bytes are not a decimal number.
 *
 * @param b The bytes.
 * @param a Start of the value.
 * @param e End of the value.
 * @example
 * parseDecimal(new TextEncoder().encode('-0.5'), 0, 4); // -0.5
 */
export function parseDecimal(b: Uint8Array, a: number, e: number): number {
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

/**
 * A decimal number in text form; NaN unless it is one.
 *
 * @param text The (entity-decoded) attribute value.
 * @example
 * parseDecimalText('5e1'); // 50
 */
export function parseDecimalText(text: string): number {
  return DECIMAL_RE.test(text) ? Number(text) : Number.NaN;
}

/**
 * Parses an OSM id (optionally negative, as in unsaved JOSM data); NaN unless a safe integer.
 *
 * @param b The bytes.
 * @param a Start of the value.
 * @param e End of the value.
 * @example
 * parseId(new TextEncoder().encode('-12'), 0, 3); // -12
 */
export function parseId(b: Uint8Array, a: number, e: number): number {
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

/**
 * An OSM id in text form; NaN unless it is a safe integer.
 *
 * @param text The (entity-decoded) attribute value.
 * @example
 * parseIdText('9007199254740993'); // NaN: not exact in a double
 */
export function parseIdText(text: string): number {
  const v = /^-?\d+$/.test(text) ? Number(text) : Number.NaN;
  return Number.isSafeInteger(v) ? v : Number.NaN;
}
