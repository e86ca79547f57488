/**
 * How the XML decoder words its errors: the line, what was wrong, and the offending text quoted
 * (shortened), so a person can find the spot in a file of gigabytes.
 */
import { FormatError } from '../../../errors';
import { UTF8_LENIENT } from './chars';

/**
 * A `corrupt-xml` FormatError at `line`.
 *
 * @param line 1-based line number.
 * @param message What is wrong.
 * @example
 * throw xmlError(12, '<nd> without a ref attribute in <way id=5>');
 */
export function xmlError(line: number, message: string): FormatError {
  return new FormatError('corrupt-xml', `line ${line}: ${message}`);
}

/**
 * `v` quoted for a message, cut to 60 characters.
 *
 * @param v The offending text.
 * @example
 * quoteValue('abc'); // '"abc"'
 */
export function quoteValue(v: string): string {
  return JSON.stringify(v.length > 60 ? `${v.slice(0, 60)}…` : v);
}

/**
 * Up to `max` bytes from `a`, decoded leniently and quoted.
 *
 * @param b The bytes.
 * @param a Where the sample starts.
 * @param max How many bytes at most.
 * @example
 * sample(b, lt, 20); // '"<nod id=\\"1\\"/>"'
 */
export function sample(b: Uint8Array, a: number, max: number): string {
  return quoteValue(UTF8_LENIENT.decode(b.subarray(a, Math.min(b.length, a + max))));
}
