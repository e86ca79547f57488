/**
 * Open-addressing hash map from a pair of 32-bit integers to a dense index (0, 1, 2… in insertion
 * order). It keys GeoJSON vertices by their E7 coordinates: a pair of int32 does not fit a JS number
 * exactly, and string keys cost ~10× the memory and time on million-vertex inputs.
 */
export class Int32PairMap {
  private keys: Int32Array;
  private slots: Int32Array; // dense index + 1; 0 = empty
  private mask: number;
  size = 0;

  constructor(expected = 1024) {
    let cap = 16;
    while (cap < expected * 2) cap *= 2;
    this.mask = cap - 1;
    this.slots = new Int32Array(cap);
    this.keys = new Int32Array(Math.max(32, expected * 2));
  }

  /** Index of (a, b), inserting it with the next index if new. */
  getOrAdd(a: number, b: number): number {
    if (this.size * 2 >= this.slots.length) this.grow();
    let h = hash(a, b) & this.mask;
    for (;;) {
      const s = this.slots[h];
      if (s === 0) break;
      const i = s - 1;
      if (this.keys[2 * i] === a && this.keys[2 * i + 1] === b) return i;
      h = (h + 1) & this.mask;
    }
    const i = this.size++;
    if (2 * i + 1 >= this.keys.length) {
      const k = new Int32Array(this.keys.length * 2);
      k.set(this.keys);
      this.keys = k;
    }
    this.keys[2 * i] = a;
    this.keys[2 * i + 1] = b;
    this.slots[h] = i + 1;
    return i;
  }

  /** The keys in index order, as [a0, b0, a1, b1, …]. */
  keyArray(): Int32Array {
    return this.keys.slice(0, 2 * this.size);
  }

  private grow(): void {
    const cap = this.slots.length * 2;
    this.mask = cap - 1;
    this.slots = new Int32Array(cap);
    for (let i = 0; i < this.size; i++) {
      let h = hash(this.keys[2 * i], this.keys[2 * i + 1]) & this.mask;
      while (this.slots[h] !== 0) h = (h + 1) & this.mask;
      this.slots[h] = i + 1;
    }
  }
}

// Multiplicative mixing (Knuth/Murmur constants); coordinates of neighbouring vertices differ only
// in low bits, so both halves must reach the high bits before masking.
function hash(a: number, b: number): number {
  let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b ^ (b >>> 15), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
