const BITS = 20;
const SIZE = 1 << BITS;
const MASK = SIZE - 1;

/**
 * An append-only list of numbers in fixed 8 MiB chunks: no doubling (a growing typed array holds
 * up to twice its length, and a copy while it grows), and chunks can be released one by one once
 * read — the way references of a province extract are most of a reader's memory.
 *
 * @example
 * const refs = new Float64Chunks();
 * refs.push(42);
 * refs.get(0); // 42
 */
export class Float64Chunks {
  private chunks: (Float64Array | null)[] = [];
  /** Numbers pushed. */
  length = 0;

  /**
   * Appends `v`.
   *
   * @param v - Any number.
   * @example
   * refs.push(2 ** 40);
   */
  push(v: number): void {
    const k = this.length >>> BITS;
    if (k === this.chunks.length) this.chunks.push(new Float64Array(SIZE));
    (this.chunks[k] as Float64Array)[this.length & MASK] = v;
    this.length++;
  }

  /**
   * The number at `i` (its chunk must not have been released).
   *
   * @param i - Index below `length`.
   * @example
   * refs.get(0);
   */
  get(i: number): number {
    return (this.chunks[i >>> BITS] as Float64Array)[i & MASK];
  }

  /** Number of chunks. */
  get chunkCount(): number {
    return this.chunks.length;
  }

  /**
   * Chunk `k`'s numbers in use (a view): indices `k · 2²⁰` onwards.
   *
   * @param k - Chunk number below `chunkCount`, not released.
   * @example
   * for (let k = 0; k < refs.chunkCount; k++) sorted.set(refs.chunk(k), k << 20);
   */
  chunk(k: number): Float64Array {
    const c = this.chunks[k];
    if (c === null) throw new Error(`Float64Chunks: chunk ${k} was released`);
    return c.subarray(0, Math.min(SIZE, this.length - k * SIZE));
  }

  /**
   * Lets chunk `k` be garbage-collected; reading it afterwards throws.
   *
   * @param k - Chunk number.
   * @example
   * refs.release(0);
   */
  release(k: number): void {
    this.chunks[k] = null;
  }
}
