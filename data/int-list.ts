/**
 * A growable Int32Array: appends in amortised O(1), and `array` is the backing store (valid up to
 * `length`) so hot loops read it without bounds-checked accessors. Holds node indices, ids below
 * 2^31 and coordinates in 1e-7 degrees (±1.8e9 fits).
 *
 * @example
 * const xs = new IntList();
 * xs.push(3, 4);
 * xs.array.subarray(0, xs.length); // Int32Array [3, 4]
 */
export class IntList {
  array: Int32Array;
  length = 0;

  constructor(capacity = 1024) {
    this.array = new Int32Array(capacity);
  }

  push(a: number, b?: number): void {
    const need = this.length + (b === undefined ? 1 : 2);
    if (need > this.array.length) {
      const grown = new Int32Array(Math.max(need, this.array.length * 2));
      grown.set(this.array.subarray(0, this.length));
      this.array = grown;
    }
    this.array[this.length++] = a;
    if (b !== undefined) this.array[this.length++] = b;
  }

  /** A view of the values; shares memory, so only valid until the next push. */
  view(): Int32Array {
    return this.array.subarray(0, this.length);
  }
}
