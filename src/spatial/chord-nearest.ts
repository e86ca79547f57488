import { EARTH_RADIUS_M } from '../geo/distance';

const RAD = Math.PI / 180;
// Points per leaf of the kd-tree.
const LEAF = 8;
// Pruning compares chord² / 4 (the haversine term, up to rounding: ~1e-16 absolute) with the best
// term: a bound is lowered by these before it may prune, so it never exceeds a true distance.
const ABS_SLACK = 1e-15;
const REL_SLACK = 1e-12;

/**
 * Exact great-circle nearest point (k = 1) by a kd-tree over the points' unit vectors in 3-D:
 * the straight chord between two points on the sphere grows with the great-circle distance, so
 * the tree's split planes bound it directly — no trigonometry per box, no antimeridian or pole
 * cases. Depth-first, nearer side first, pruning by the split planes with typed-array stacks, the
 * same way kdbush answers planar nearest queries: nothing is allocated per query. Candidates the
 * chord cannot rule out are compared in metres computed exactly as `haversineM` computes them,
 * ties (equal metres) to the lower index.
 *
 * @example
 * const near = new ChordNearest(lonLat, cosLat);
 * const i = near.nearest(1.52, 42.5, Infinity); // index of the nearest point, -1 when none
 * near.bestA; // its haversine term
 */
export class ChordNearest {
  /** Haversine term of the last `nearest` result (`Infinity` when none). */
  bestA = Infinity;
  // Tree order: original index and unit vector of each point.
  private readonly ids: Uint32Array;
  private readonly xyz: Float64Array;
  private stackL = new Int32Array(64);
  private stackR = new Int32Array(64);
  private stackAxis = new Uint8Array(64);
  private stackBound = new Float64Array(64);

  /**
   * Builds the tree over the points.
   *
   * @param lonLat - `[lon0, lat0, …]` degrees (kept, not copied).
   * @param cosLat - `cos(lat)` of each point, as `haversineM` computes it (kept, not copied).
   */
  constructor(
    private readonly lonLat: Float64Array,
    private readonly cosLat: Float64Array,
  ) {
    const n = lonLat.length / 2;
    this.ids = new Uint32Array(n);
    const xyz = new Float64Array(3 * n);
    for (let i = 0; i < n; i++) {
      this.ids[i] = i;
      const lon = lonLat[2 * i] * RAD;
      const lat = lonLat[2 * i + 1] * RAD;
      xyz[3 * i] = Math.cos(lat) * Math.cos(lon);
      xyz[3 * i + 1] = Math.cos(lat) * Math.sin(lon);
      xyz[3 * i + 2] = Math.sin(lat);
    }
    this.xyz = xyz;
    this.build(0, n - 1, 0);
  }

  /** Median split on `axis`, recursively, cycling x, y, z (the layout `nearest` walks). */
  private build(left: number, right: number, axis: number): void {
    if (right - left <= LEAF) return;
    const m = (left + right) >> 1;
    this.select(m, left, right, axis);
    const next = axis === 2 ? 0 : axis + 1;
    this.build(left, m - 1, next);
    this.build(m + 1, right, next);
  }

  /** Quickselect: the k-th smallest on `axis` at k, smaller before, larger after. */
  private select(k: number, left: number, right: number, axis: number): void {
    const c = this.xyz;
    while (right > left) {
      const pivot = c[3 * ((left + right) >> 1) + axis];
      let i = left;
      let j = right;
      while (i <= j) {
        while (c[3 * i + axis] < pivot) i++;
        while (c[3 * j + axis] > pivot) j--;
        if (i <= j) this.swap(i++, j--);
      }
      if (k <= j) right = j;
      else if (k >= i) left = i;
      else return;
    }
  }

  private swap(i: number, j: number): void {
    const ids = this.ids;
    const c = this.xyz;
    const t = ids[i];
    ids[i] = ids[j];
    ids[j] = t;
    for (let d = 0; d < 3; d++) {
      const v = c[3 * i + d];
      c[3 * i + d] = c[3 * j + d];
      c[3 * j + d] = v;
    }
  }

  /**
   * The point nearest to (lon, lat) with haversine term ≤ `maxA` that `accept` allows; its term
   * in `bestA`.
   *
   * @param lon - Query longitude, degrees.
   * @param lat - Query latitude, degrees.
   * @param maxA - Largest haversine term allowed (`Infinity` for none).
   * @param accept - Optional filter by point index.
   * @returns The point's index in the input, or -1 when none qualifies.
   *
   * @example
   * near.nearest(100.2, 25.6, Infinity, (i) => open[i]);
   */
  nearest(lon: number, lat: number, maxA: number, accept?: (i: number) => boolean): number {
    const n = this.ids.length;
    this.bestA = Infinity;
    if (n === 0) return -1;
    const { ids, xyz, lonLat, cosLat } = this;
    const cq = Math.cos(lat * RAD);
    const qx = cq * Math.cos(lon * RAD);
    const qy = cq * Math.sin(lon * RAD);
    const qz = Math.sin(lat * RAD);
    let best = -1;
    let bestA = maxA;
    let bestM = Infinity;
    // Chord² at or past which a point cannot win: 4 × the best term, raised by the slack.
    let limit = 4 * (bestA * (1 + REL_SLACK) + ABS_SLACK);
    let top = 0;
    this.push(top++, 0, n - 1, 0, 0);
    while (top > 0) {
      top--;
      if (this.stackBound[top] > limit) continue;
      const left = this.stackL[top];
      const right = this.stackR[top];
      const axis = this.stackAxis[top];
      if (right - left <= LEAF) {
        for (let j = left; j <= right; j++) {
          const dx = xyz[3 * j] - qx;
          const dy = xyz[3 * j + 1] - qy;
          const dz = xyz[3 * j + 2] - qz;
          if (dx * dx + dy * dy + dz * dz > limit) continue;
          const i = ids[j];
          // Exactly as haversineM, so distances match it bit for bit.
          const s = Math.sin(((lonLat[2 * i + 1] - lat) * RAD) / 2);
          const t = Math.sin(((lonLat[2 * i] - lon) * RAD) / 2);
          const a = s * s + cq * cosLat[i] * t * t;
          if (best < 0 ? a > maxA : a > bestA * (1 + REL_SLACK) + ABS_SLACK) continue;
          // Compared in metres, as reported: distinct terms can round to the same metres (then
          // the lower index wins).
          const m = toMetres(a);
          if (best >= 0 && (m > bestM || (m === bestM && i > best))) continue;
          if (accept && !accept(i)) continue;
          best = i;
          bestA = a;
          bestM = m;
          limit = 4 * (bestA * (1 + REL_SLACK) + ABS_SLACK);
        }
        continue;
      }
      const m = (left + right) >> 1;
      const bound = this.stackBound[top];
      const d = (axis === 0 ? qx : axis === 1 ? qy : qz) - xyz[3 * m + axis];
      const next = axis === 2 ? 0 : axis + 1;
      if (top + 3 > this.stackL.length) this.grow();
      // The far side (at least the plane's distance), then the median, then the near side first.
      const far = Math.max(bound, d * d);
      if (d < 0) this.push(top++, m + 1, right, next, far);
      else this.push(top++, left, m - 1, next, far);
      this.push(top++, m, m, next, bound); // the median point itself, as a one-point leaf
      if (d < 0) this.push(top++, left, m - 1, next, bound);
      else this.push(top++, m + 1, right, next, bound);
    }
    this.bestA = best < 0 ? Infinity : bestA;
    return best;
  }

  private push(at: number, l: number, r: number, axis: number, bound: number): void {
    this.stackL[at] = l;
    this.stackR[at] = r;
    this.stackAxis[at] = axis;
    this.stackBound[at] = bound;
  }

  private grow(): void {
    const n = this.stackL.length * 2;
    const l = new Int32Array(n);
    l.set(this.stackL);
    this.stackL = l;
    const r = new Int32Array(n);
    r.set(this.stackR);
    this.stackR = r;
    const a = new Uint8Array(n);
    a.set(this.stackAxis);
    this.stackAxis = a;
    const b = new Float64Array(n);
    b.set(this.stackBound);
    this.stackBound = b;
  }
}

/** Metres of a haversine term, as `haversineM` turns it into metres. */
function toMetres(a: number): number {
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
}
