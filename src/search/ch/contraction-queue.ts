/**
 * The contraction's queue of nodes by priority: a binary min-heap of (priority, node) in two typed
 * arrays, with lazy deletion (a node whose priority changes is pushed again; the caller skips
 * entries whose key is no longer the node's priority). It orders entries exactly as `MinHeap`
 * does, ties included, but moves two arrays instead of four: on the 1M-node grid the queue holds
 * millions of entries, and each pop walks a path of cache misses down them.
 *
 * @example
 * const q = new ContractionQueue(16);
 * q.push(3, 1.5);
 * q.pop(); // q.poppedValue === 3, q.poppedKey === 1.5
 */
export class ContractionQueue {
  keys: Float64Array;
  values: Int32Array;
  length = 0;
  /** Node of the last `pop`. */
  poppedValue = 0;
  /** Priority of the last `pop`. */
  poppedKey = 0;

  /**
   * An empty queue with room for `capacity` entries (it grows when full).
   *
   * @param capacity - Initial room.
   *
   * @example
   * new ContractionQueue(1024);
   */
  constructor(capacity: number) {
    this.keys = new Float64Array(Math.max(16, capacity));
    this.values = new Int32Array(this.keys.length);
  }

  /**
   * Add `value` with priority `key`.
   *
   * @param value - Node.
   * @param key - Priority (smaller first).
   *
   * @example
   * q.push(7, 2);
   */
  push(value: number, key: number): void {
    if (this.length === this.keys.length) this.grow();
    let i = this.length++;
    const { keys, values } = this;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (keys[p] <= key) break;
      keys[i] = keys[p];
      values[i] = values[p];
      i = p;
    }
    keys[i] = key;
    values[i] = value;
  }

  /**
   * Remove the entry of least key (the queue must not be empty); it is in `poppedValue` and
   * `poppedKey` afterwards.
   *
   * @example
   * q.pop();
   */
  pop(): void {
    const { keys, values } = this;
    this.poppedKey = keys[0];
    this.poppedValue = values[0];
    const n = --this.length;
    if (n === 0) return;
    const key = keys[n];
    const value = values[n];
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && keys[c + 1] < keys[c]) c++;
      if (keys[c] >= key) break;
      keys[i] = keys[c];
      values[i] = values[c];
      i = c;
    }
    keys[i] = key;
    values[i] = value;
  }

  private grow(): void {
    const keys = new Float64Array(2 * this.keys.length);
    keys.set(this.keys);
    const values = new Int32Array(keys.length);
    values.set(this.values);
    this.keys = keys;
    this.values = values;
  }
}
