/**
 * Byte views and growable scratch arrays of the PBF decoder. Packed fields are unpacked into
 * scratch arrays reused from element to element, so the hot loops allocate nothing per element.
 */

/**
 * A plain Uint8Array view of `a`. Node Buffers are a different hidden class; seeing only one kind
 * keeps the decoder's byte reads monomorphic when Buffer and fflate output are mixed in a process.
 *
 * @param a Bytes of any Uint8Array subclass (a Node Buffer, say).
 * @example
 * const bytes = plainBytes(readFileSync(path)); // same memory, Uint8Array.prototype
 */
export function plainBytes(a: Uint8Array): Uint8Array {
  return Object.getPrototypeOf(a) === Uint8Array.prototype
    ? a
    : new Uint8Array(a.buffer, a.byteOffset, a.length);
}

/**
 * A scratch array of at least `n` slots; contents are not kept (callers refill it).
 *
 * @param a The current scratch array.
 * @param n Slots needed.
 * @example
 * this.refs = growF64(this.refs, byteLength); // byte length bounds the varint count
 */
export function growF64(a: Float64Array<ArrayBuffer>, n: number): Float64Array<ArrayBuffer> {
  return a.length >= n ? a : new Float64Array(Math.max(n, a.length * 2));
}

/**
 * `a` grown to at least `n` slots, keeping its contents (it is being appended to).
 *
 * @param a The array being appended to.
 * @param n Slots needed.
 * @example
 * if (count === starts.length) starts = growI32(starts, count + 1);
 */
export function growI32(a: Int32Array<ArrayBuffer>, n: number): Int32Array<ArrayBuffer> {
  if (a.length >= n) return a;
  const b = new Int32Array(Math.max(n, a.length * 2));
  b.set(a);
  return b;
}
