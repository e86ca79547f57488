/**
 * The shrinking graph a contraction works on: per node one list of its remaining neighbours, each
 * entry with the time (and metres) of the edge to the neighbour (`outS`) and from it (`inS`),
 * Infinity where that direction has no edge. Lists live in slices of shared typed arrays: the
 * witness searches read a node's entries from one contiguous run (no per-node arrays, no edge
 * indirection), a full slice moves to the end of the pool at twice its size, and a removed entry
 * is replaced by the slice's last one. Every pair of neighbours appears in both lists.
 *
 * @example
 * const cg = new ContractionGraph(3, Int32Array.of(1, 2, 1));
 * cg.link(0, 1, 5, 50);
 * cg.outS[cg.find(0, 1)]; // 5
 */
export class ContractionGraph {
  /** First slot of each node's slice. */
  readonly start: Int32Array;
  /** Entries in use at the start of each node's slice. */
  readonly size: Int32Array;
  private readonly cap: Int32Array;
  /** The neighbour of each slot. */
  nb: Int32Array;
  /** Seconds of the edge owner → neighbour, Infinity if none. */
  outS: Float64Array;
  /** Seconds of the edge neighbour → owner, Infinity if none. */
  inS: Float64Array;
  /** Metres of the edge owner → neighbour. */
  outM: Float64Array;
  /** Metres of the edge neighbour → owner. */
  inM: Float64Array;
  private top = 0;

  /**
   * Empty lists, each with room for `room[v]` neighbours before it first moves.
   *
   * @param n - Nodes.
   * @param room - Initial capacity per node (its degree in the input is a good guess).
   *
   * @example
   * new ContractionGraph(2, Int32Array.of(1, 1));
   */
  constructor(n: number, room: ArrayLike<number>) {
    this.start = new Int32Array(n);
    this.size = new Int32Array(n);
    this.cap = new Int32Array(n);
    let total = 0;
    for (let v = 0; v < n; v++) {
      this.start[v] = total;
      this.cap[v] = room[v];
      total += room[v];
    }
    this.top = total;
    const pool = Math.max(16, total + (total >> 1));
    this.nb = new Int32Array(pool);
    this.outS = new Float64Array(pool);
    this.inS = new Float64Array(pool);
    this.outM = new Float64Array(pool);
    this.inM = new Float64Array(pool);
  }

  /**
   * The slot of `y` in `x`'s list, or -1.
   *
   * @param x - Owner of the list.
   * @param y - Neighbour sought.
   *
   * @example
   * cg.find(0, 1);
   */
  find(x: number, y: number): number {
    const nb = this.nb;
    for (let i = this.start[x], end = i + this.size[x]; i < end; i++) if (nb[i] === y) return i;
    return -1;
  }

  /**
   * Make the edge x → y at most `s` seconds (an existing faster one stays), in both lists.
   *
   * @param x - Tail.
   * @param y - Head.
   * @param s - Seconds.
   * @param m - Metres, kept with the seconds.
   *
   * @example
   * cg.link(0, 1, 5, 50);
   */
  link(x: number, y: number, s: number, m: number): void {
    let i = this.find(x, y);
    if (i < 0) i = this.append(x, y);
    if (!(s < this.outS[i])) return;
    this.outS[i] = s;
    this.outM[i] = m;
    let j = this.find(y, x);
    if (j < 0) j = this.append(y, x);
    this.inS[j] = s;
    this.inM[j] = m;
  }

  /**
   * Drop `y` from `x`'s list (one side only: the caller removes the other).
   *
   * @param x - Owner of the list.
   * @param y - Neighbour to drop.
   *
   * @example
   * cg.remove(1, 0);
   */
  remove(x: number, y: number): void {
    const i = this.find(x, y);
    if (i < 0) return;
    const last = this.start[x] + --this.size[x];
    this.nb[i] = this.nb[last];
    this.outS[i] = this.outS[last];
    this.inS[i] = this.inS[last];
    this.outM[i] = this.outM[last];
    this.inM[i] = this.inM[last];
  }

  /** A new entry for `y` at the end of `x`'s list, no edge either way yet. */
  private append(x: number, y: number): number {
    if (this.size[x] === this.cap[x]) this.move(x);
    const i = this.start[x] + this.size[x]++;
    this.nb[i] = y;
    this.outS[i] = Infinity;
    this.inS[i] = Infinity;
    this.outM[i] = 0;
    this.inM[i] = 0;
    return i;
  }

  /** Move a full slice to the end of the pool with twice the room. */
  private move(x: number): void {
    const room = Math.max(4, 2 * this.cap[x]);
    if (this.top + room > this.nb.length) this.grow(this.top + room);
    const from = this.start[x];
    const k = this.size[x];
    this.nb.copyWithin(this.top, from, from + k);
    this.outS.copyWithin(this.top, from, from + k);
    this.inS.copyWithin(this.top, from, from + k);
    this.outM.copyWithin(this.top, from, from + k);
    this.inM.copyWithin(this.top, from, from + k);
    this.start[x] = this.top;
    this.cap[x] = room;
    this.top += room;
  }

  private grow(need: number): void {
    const size = Math.max(need, 2 * this.nb.length);
    const nb = new Int32Array(size);
    nb.set(this.nb.subarray(0, this.top));
    this.nb = nb;
    const more = (a: Float64Array) => {
      const b = new Float64Array(size);
      b.set(a.subarray(0, this.top));
      return b;
    };
    this.outS = more(this.outS);
    this.inS = more(this.inS);
    this.outM = more(this.outM);
    this.inM = more(this.inM);
  }
}
