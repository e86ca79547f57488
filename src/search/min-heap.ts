/**
 * Binary min-heap of (key, value) pairs in parallel typed arrays, with lazy deletion: an entry is
 * pushed again when it improves and stale ones are skipped when popped. `KLabelSearch` needs it
 * because its entries are (node, source) labels, of which a node may hold several, so there is no
 * single heap position to decrease; node searches use `IndexedHeap` (measured faster there).
 * `clear()` keeps the capacity, so a heap reused across queries allocates nothing.
 */
export class MinHeap {
  keys: Float64Array;
  values: Int32Array;
  extra: Int32Array;
  /** A second number carried with each entry (e.g. distance beside time). */
  aux: Float64Array;
  length = 0;

  constructor(capacity = 1024) {
    this.keys = new Float64Array(capacity);
    this.values = new Int32Array(capacity);
    this.extra = new Int32Array(capacity);
    this.aux = new Float64Array(capacity);
  }

  clear(): void {
    this.length = 0;
  }

  /** Add `value` (and an `extra` payload, e.g. a source label) with priority `key`. */
  push(value: number, key: number, extra = 0, aux = 0): void {
    if (this.length === this.keys.length) this.grow();
    let i = this.length++;
    const keys = this.keys;
    const values = this.values;
    const ex = this.extra;
    const ax = this.aux;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (keys[p] <= key) break;
      keys[i] = keys[p];
      values[i] = values[p];
      ex[i] = ex[p];
      ax[i] = ax[p];
      i = p;
    }
    keys[i] = key;
    values[i] = value;
    ex[i] = extra;
    ax[i] = aux;
  }

  /** Remove the minimum; its value/key/extra are in `popped*` afterwards. */
  pop(): void {
    const keys = this.keys;
    const values = this.values;
    const ex = this.extra;
    const ax = this.aux;
    this.poppedKey = keys[0];
    this.poppedValue = values[0];
    this.poppedExtra = ex[0];
    this.poppedAux = ax[0];
    const n = --this.length;
    if (n === 0) return;
    const key = keys[n];
    const value = values[n];
    const e = ex[n];
    const a = ax[n];
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && keys[c + 1] < keys[c]) c++;
      if (keys[c] >= key) break;
      keys[i] = keys[c];
      values[i] = values[c];
      ex[i] = ex[c];
      ax[i] = ax[c];
      i = c;
    }
    keys[i] = key;
    values[i] = value;
    ex[i] = e;
    ax[i] = a;
  }

  poppedKey = 0;
  poppedValue = 0;
  poppedExtra = 0;
  poppedAux = 0;

  private grow(): void {
    const cap = this.keys.length * 2;
    const k = new Float64Array(cap);
    k.set(this.keys);
    const v = new Int32Array(cap);
    v.set(this.values);
    const e = new Int32Array(cap);
    e.set(this.extra);
    const a = new Float64Array(cap);
    a.set(this.aux);
    this.aux = a;
    this.keys = k;
    this.values = v;
    this.extra = e;
  }
}
