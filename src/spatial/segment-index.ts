import { haversineM } from '../geo/distance';
import type { RoadNetwork } from '../network/road-network';
import { interiorVertexCount, LinkGeometryReader } from '../network/link-geometry';
import { M_PER_DEG } from './segment-distance';

// Grid cells per segment. Measured (process CPU time, snapping 10,000 points near the roads of
// Andorra by car): see docs/design-notes.md "Segments".
const CELLS_PER_SEGMENT = 4;
// Relative slack on the ring bound: a computed d² may fall below the exact one by a few ulps.
const BOUND_SLACK = 1 - 1e-9;
// Rings of single cells searched before rings of blocks, and the block side in cells.
const NEAR_RINGS = 3;
const BLOCK = 8;
// Segments are entered in cells within this fraction of a cell of them (rounding at cell edges).
const HAIR = 1e-9;

/**
 * Every segment of every link's geometry in a uniform grid of lon/lat cells (a cell lists each
 * segment that passes through it, with a copy of the segment's geometry beside each entry), with
 * the link, the segment's first vertex, the distance along the link where it starts and a copy of
 * its vertices. Snapping asks `nearest`: rings of cells
 * outwards from the query until the best segment found is nearer than anything outside the rings
 * can be — exact in the snap metric, and nothing is allocated per query.
 *
 * @example
 * const index = new SegmentIndex(net);
 * for (const s of index.search(1.52, 42.55, 1.53, 42.56)) {
 *   const l = index.segLink[s]; // the link; index.segVertex[s] is the segment within it
 * }
 */
export class SegmentIndex {
  /** Link of each segment. */
  readonly segLink: Uint32Array;
  /** Index of the segment's first vertex in its link's polyline (0 = `linkFrom`). */
  readonly segVertex: Uint32Array;
  /** Metres along the link (haversine) where the segment starts. */
  readonly segOffsetM: Float64Array;
  /** Length of the segment (haversine, metres): snapping reads it for every point it places. */
  readonly segLengthM: Float64Array;
  /**
   * Vertices `[lon, lat, …]` (degrees) of every indexed link, link after link: segment `s`
   * runs from vertex `s + segLink[s]` to the next one. Read once from the network at build.
   */
  readonly vertices: Float64Array;
  /**
   * The geometry of every cell entry `e`, four numbers at `4 * e`: the segment's first vertex
   * (lon, lat, degrees) and the step to its second (Δlon taken the short way across ±180°, Δlat),
   * so that a scan reads one cell's segments from one run of memory.
   */
  readonly entryGeom: Float64Array;
  /** Segments of cell `c` are `cellSegment[cellStart[c] … cellStart[c + 1] - 1]`. */
  readonly cellStart: Uint32Array;
  readonly cellSegment: Uint32Array;
  /** Grid origin (degrees), cell size (degrees) and cells across / up. */
  readonly x0: number;
  readonly y0: number;
  readonly cellW: number;
  readonly cellH: number;
  readonly nx: number;
  readonly ny: number;
  /** Query results of `nearest`: squared distance (m², snap metric) and position on the segment. */
  hitD2 = Infinity;
  hitT = 0;
  /** Query result: the cell entry the nearest segment was read from (its geometry: `entryGeom`). */
  hitEntry = -1;
  private best = -1;
  // The query being answered.
  private qx = 0;
  private qy = 0;
  private cosLat = 1;
  private only: Uint8Array | null = null;
  private wrapDeg = 360;
  /** Entries in each block of BLOCK × BLOCK cells (row-major, blocks across = ceil(nx / BLOCK)). */
  private readonly blockCount: Uint32Array;
  // Per-segment stamp of the last `search` that listed it (a segment lies in several cells).
  private readonly seen: Uint32Array;
  private stamp = 0;
  // Int32 views of `cellSegment` and `segLink` (ids are far below 2³¹): the scan's index
  // arithmetic stays in small integers.
  private readonly cellSeg: Int32Array;
  private readonly linkOf: Int32Array;

  /**
   * Indexes every segment of the network (one entry per cell a pair of consecutive vertices
   * passes through). Snapping keeps one index per network already, built on first use;
   * constructing one here builds another.
   *
   * @param net - The network; a network without links gives an index of size 0.
   */
  constructor(readonly net: RoadNetwork) {
    let count = 0;
    // Turn links (zero-length, at junctions split for turn restrictions) are last and not snapped to.
    const links = net.linkCount - (net.meta.turnLinks ?? 0);
    for (let l = 0; l < links; l++) count += interiorVertexCount(net.arrays, l) + 1;
    this.segLink = new Uint32Array(count);
    this.segVertex = new Uint32Array(count);
    this.segOffsetM = new Float64Array(count);
    this.segLengthM = new Float64Array(count);
    this.seen = new Uint32Array(count);
    const vert = new Float64Array(2 * (count + links));
    this.vertices = vert;
    // One link decoded at a time: the index keeps its own vertices, the network's delta-encoded
    // geometry is never expanded whole.
    const reader = new LinkGeometryReader(net.arrays);
    const a = new Float64Array(2);
    let s = 0;
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (let l = 0; l < links; l++) {
      const nv = reader.read(l);
      let offset = 0;
      for (let j = 0; j < nv; j++) {
        a[0] = reader.lon(j);
        a[1] = reader.lat(j);
        const v = s + l + j;
        vert[2 * v] = a[0];
        vert[2 * v + 1] = a[1];
        minX = Math.min(minX, a[0]);
        maxX = Math.max(maxX, a[0]);
        minY = Math.min(minY, a[1]);
        maxY = Math.max(maxY, a[1]);
        if (j === 0) continue;
        this.segLink[s + j - 1] = l;
        this.segVertex[s + j - 1] = j - 1;
        this.segOffsetM[s + j - 1] = offset;
        const length = haversineM(vert[2 * v - 2], vert[2 * v - 1], a[0], a[1]);
        this.segLengthM[s + j - 1] = length;
        offset += length;
      }
      s += nv - 1;
    }
    if (count === 0) minX = minY = maxX = maxY = 0;
    // Cells square on the ground at the middle latitude, about CELLS_PER_SEGMENT per segment.
    const cos = Math.max(Math.cos((((minY + maxY) / 2) * Math.PI) / 180), 1e-6);
    const w = (maxX - minX) * cos;
    const h = maxY - minY;
    const side = Math.sqrt(Math.max(w * h, 1e-30) / Math.max(1, CELLS_PER_SEGMENT * count));
    this.nx = Math.max(1, Math.min(1 << 14, Math.ceil(w / side)));
    this.ny = Math.max(1, Math.min(1 << 14, Math.ceil(h / side)));
    this.x0 = minX;
    this.y0 = minY;
    this.cellW = maxX > minX ? (maxX - minX) / this.nx : 1;
    this.cellH = maxY > minY ? (maxY - minY) / this.ny : 1;
    // Two passes over the segments' cells: count, then fill.
    const cells = this.nx * this.ny;
    const start = new Uint32Array(cells + 1);
    this.cellStart = start;
    for (let seg = 0; seg < count; seg++) this.cellsOf(seg, start, null);
    for (let c = 0; c < cells; c++) start[c + 1] += start[c];
    this.cellSegment = new Uint32Array(start[cells]);
    this.cellSeg = new Int32Array(this.cellSegment.buffer);
    this.linkOf = new Int32Array(this.segLink.buffer);
    const fill = start.slice(0, cells);
    for (let seg = 0; seg < count; seg++) this.cellsOf(seg, fill, this.cellSegment);
    this.entryGeom = entryGeometry(this.cellSegment, this.segLink, vert);
    const mx = Math.ceil(this.nx / BLOCK);
    this.blockCount = new Uint32Array(mx * Math.ceil(this.ny / BLOCK));
    for (let y = 0; y < this.ny; y++)
      for (let x = 0; x < this.nx; x++)
        this.blockCount[Math.floor(y / BLOCK) * mx + Math.floor(x / BLOCK)] +=
          start[y * this.nx + x + 1] - start[y * this.nx + x];
  }

  /** Number of segments indexed. */
  get size(): number {
    return this.segLink.length;
  }

  /**
   * Every cell segment `s` passes through (a little more, never less): counted into `at[c + 1]`
   * when `out` is null, else written to `out[at[c]++]`. Column by column, the rows between the
   * segment's latitudes at the column's edges; a segment across ±180° takes its whole box.
   */
  private cellsOf(s: number, at: Uint32Array, out: Uint32Array | null): void {
    const v = s + this.segLink[s];
    const vert = this.vertices;
    const flip = vert[2 * v + 2] < vert[2 * v];
    const ax = vert[flip ? 2 * v + 2 : 2 * v];
    const ay = vert[flip ? 2 * v + 3 : 2 * v + 1];
    const bx = vert[flip ? 2 * v : 2 * v + 2];
    const by = vert[flip ? 2 * v + 1 : 2 * v + 3];
    const wide = bx - ax > 180;
    const ex = HAIR * this.cellW;
    const ey = HAIR * this.cellH;
    const c0 = this.column(ax - ex);
    const c1 = this.column(bx + ex);
    for (let c = c0; c <= c1; c++) {
      let lo: number;
      let hi: number;
      if (wide || bx === ax) {
        lo = Math.min(ay, by);
        hi = Math.max(ay, by);
      } else {
        // Latitudes where the segment enters and leaves this column.
        const xl = Math.max(ax, this.x0 + c * this.cellW);
        const xr = Math.min(bx, this.x0 + (c + 1) * this.cellW);
        const yl = ay + ((xl - ax) / (bx - ax)) * (by - ay);
        const yr = ay + ((xr - ax) / (bx - ax)) * (by - ay);
        lo = Math.min(yl, yr);
        hi = Math.max(yl, yr);
      }
      const r0 = this.row(lo - ey);
      const r1 = this.row(hi + ey);
      for (let r = r0; r <= r1; r++) {
        const cell = r * this.nx + c;
        if (out) out[at[cell]++] = s;
        else at[cell + 1]++;
      }
    }
  }

  // Column / row of a coordinate, clamped to the grid.
  private column(x: number): number {
    const f = (x - this.x0) / this.cellW;
    return Math.max(0, Math.min(this.nx - 1, Math.floor(f)));
  }

  private row(y: number): number {
    const f = (y - this.y0) / this.cellH;
    return Math.max(0, Math.min(this.ny - 1, Math.floor(f)));
  }

  /**
   * The segment nearest to (qx, qy) in the snap metric (`projectOnSegment`), ties to the lower
   * segment id; `hitD2` and `hitT` then hold its squared distance and the position along it.
   * Exact: rings of cells are searched outwards until the nearest distance from the query to
   * the unsearched cells exceeds the best found.
   *
   * @param qx - Longitude, degrees.
   * @param qy - Latitude, degrees.
   * @param cosLat - `max(cos(qy), 1e-12)`, the metric's longitude scale.
   * @param onlyLinks - When given, only segments of links `l` with `onlyLinks[l] === 1` count.
   * @param maxM - Stop once nothing unsearched can be within this many metres (`Infinity`: find
   *   the nearest however far).
   * @returns The segment id, or -1 when none qualifies (within `maxM` when finite).
   *
   * @example
   * const s = index.nearest(1.52, 42.55, Math.cos(42.55 * Math.PI / 180), null, Infinity);
   * Math.sqrt(index.hitD2); // metres to segment s
   */
  nearest(
    qx: number,
    qy: number,
    cosLat: number,
    onlyLinks: Uint8Array | null,
    maxM: number,
  ): number {
    this.best = -1;
    this.hitD2 = Infinity;
    this.hitT = 0;
    this.hitEntry = -1;
    if (this.size === 0) return -1;
    this.qx = qx;
    this.qy = qy;
    this.cosLat = cosLat;
    this.only = onlyLinks;
    // Raw longitude gaps past this are shorter the other way round the globe.
    this.wrapDeg = 360 - Math.max(this.x0 + this.nx * this.cellW - qx, qx - this.x0);
    // Near a road (most points) a few rings of cells settle it; farther out, rings of blocks
    // skip the empty ones.
    if (!this.rings(1, NEAR_RINGS, maxM)) this.rings(BLOCK, Infinity, maxM);
    return this.best;
  }

  /**
   * Search rings of units of `b` × `b` cells outwards from the query's unit (at most `maxRings`
   * of them); true when done: the best is nearer than anything outside the rings can be, or
   * nothing outside is within `maxM`, or every cell has been searched.
   */
  private rings(b: number, maxRings: number, maxM: number): boolean {
    const { qx, qy, x0, y0, wrapDeg } = this;
    const uw = this.cellW * b;
    const uh = this.cellH * b;
    const mx = Math.ceil(this.nx / b); // units across and up
    const my = Math.ceil(this.ny / b);
    const mLon = this.cosLat * M_PER_DEG;
    const cx = Math.floor((qx - x0) / uw);
    const cy = Math.floor((qy - y0) / uh);
    // From the first ring that meets the grid (the query may lie outside it).
    const r0 = Math.max(0, -cx, cx - (mx - 1), -cy, cy - (my - 1));
    for (let r = r0; r < r0 + maxRings; r++) {
      const xa = Math.max(0, cx - r);
      const xb = Math.min(mx - 1, cx + r);
      for (let y = Math.max(0, cy - r), yb = Math.min(my - 1, cy + r); y <= yb; y++) {
        const edge = y === cy - r || y === cy + r;
        // Latitude gap (metres) from the query to this row of units.
        const gy = (y < cy ? qy - (y0 + (y + 1) * uh) : y > cy ? y0 + y * uh - qy : 0) * M_PER_DEG;
        for (let x = edge ? xa : cx - r; x <= xb; x += edge || r === 0 ? 1 : 2 * r) {
          if (x < 0) continue;
          if (this.best >= 0) {
            // Skip a unit farther than the best so far (nothing in it can win or tie).
            const gx = x < cx ? qx - (x0 + (x + 1) * uw) : x > cx ? x0 + x * uw - qx : 0;
            const dx = Math.min(gx, wrapDeg) * mLon;
            if ((dx * dx + gy * gy) * BOUND_SLACK > this.hitD2) continue;
          }
          if (b === 1) this.scan(y * this.nx + x);
          else if (this.blockCount[y * mx + x] > 0) this.scanBlock(x, y, b, mLon);
        }
      }
      // Everything outside the searched square is at least this far (metres); a side at the
      // grid's edge has nothing beyond it.
      const left = cx - r <= 0 ? Infinity : qx - (x0 + (cx - r) * uw);
      const right = cx + r >= mx - 1 ? Infinity : x0 + (cx + r + 1) * uw - qx;
      const down = cy - r <= 0 ? Infinity : qy - (y0 + (cy - r) * uh);
      const up = cy + r >= my - 1 ? Infinity : y0 + (cy + r + 1) * uh - qy;
      const lonGap = Math.min(left, right);
      const bound = Math.min(
        (lonGap === Infinity ? Infinity : Math.min(lonGap, wrapDeg)) * mLon,
        Math.min(down, up) * M_PER_DEG,
      );
      if (bound === Infinity) return true; // every cell searched
      if (this.best >= 0 && this.hitD2 < bound * bound * BOUND_SLACK) return true;
      if (bound * BOUND_SLACK > maxM) return true;
    }
    return false;
  }

  /** Scan the cells of block (bx, by) that could hold something nearer than the best. */
  private scanBlock(bx: number, by: number, b: number, mLon: number): void {
    const { qx, qy, x0, y0, cellW, cellH, wrapDeg } = this;
    const xe = Math.min(this.nx, (bx + 1) * b);
    const ye = Math.min(this.ny, (by + 1) * b);
    const cx = Math.floor((qx - x0) / cellW);
    const cy = Math.floor((qy - y0) / cellH);
    for (let y = by * b; y < ye; y++) {
      const gy =
        (y < cy ? qy - (y0 + (y + 1) * cellH) : y > cy ? y0 + y * cellH - qy : 0) * M_PER_DEG;
      for (let x = bx * b; x < xe; x++) {
        if (this.best >= 0) {
          const gx = x < cx ? qx - (x0 + (x + 1) * cellW) : x > cx ? x0 + x * cellW - qx : 0;
          const dx = Math.min(gx, wrapDeg) * mLon;
          if ((dx * dx + gy * gy) * BOUND_SLACK > this.hitD2) continue;
        }
        this.scan(y * this.nx + x);
      }
    }
  }

  /**
   * Measure the segments of one cell; keep the nearest (ties to the lower id). A segment in
   * several cells may be measured again: the same distance and id change nothing, and that costs
   * less than marking each one measured. The geometry comes from `entryGeom`, one run of memory
   * per cell, not from `vertices` through the segment's link.
   */
  private scan(cell: number): void {
    const { entryGeom: geom, cellSeg, linkOf, qx, qy, cosLat } = this;
    const onlyLinks = this.only;
    let best = this.best;
    let bestD2 = this.hitD2;
    let bestT = this.hitT;
    let bestE = this.hitEntry;
    for (let e = this.cellStart[cell], end = this.cellStart[cell + 1]; e < end; e++) {
      const s = cellSeg[e];
      const i = 4 * e;
      if (onlyLinks !== null && onlyLinks[linkOf[s]] !== 1) continue;
      // projectOnSegment, inlined: the same values. Its clamp of t to [0, 1] is decided here
      // before the division (num ≤ 0 ⇔ t ≤ 0, num ≥ len2 ⇒ t = 1, and a quotient rounded up to 1
      // is 1 either way), and the division is done only for a position inside the segment.
      const ax = geom[i];
      let ex = ax - qx;
      ex = ex > 180 ? ex - 360 : ex < -180 ? ex + 360 : ex;
      const uy = geom[i + 1] - qy;
      const vy = geom[i + 3];
      const ux = ex * cosLat;
      const vx = geom[i + 2] * cosLat;
      const len2 = vx * vx + vy * vy;
      const num = -(ux * vx + uy * vy);
      let t = 0;
      let dx = ux;
      let dy = uy;
      if (num > 0 && len2 > 0) {
        t = num >= len2 ? 1 : num / len2;
        dx = ux + t * vx;
        dy = uy + t * vy;
      }
      const d2 = (dx * dx + dy * dy) * M_PER_DEG * M_PER_DEG;
      if (d2 < bestD2 || (d2 === bestD2 && s < best)) {
        best = s;
        bestD2 = d2;
        bestT = t;
        bestE = e;
      }
    }
    this.best = best;
    this.hitD2 = bestD2;
    this.hitT = bestT;
    this.hitEntry = bestE;
  }

  /**
   * Segments with a point in [minX, maxX] × [minY, maxY] (edges included), with longitudes
   * wrapped across ±180°; a segment across ±180° counts by its box (west to east end).
   *
   * @param minX - West edge, degrees of longitude; below −180 wraps to the far east.
   * @param minY - South edge, degrees of latitude.
   * @param maxX - East edge, degrees of longitude; above 180 wraps to the far west (a box 360°
   *   wide or more covers every longitude).
   * @param maxY - North edge, degrees of latitude.
   * @returns Segment ids, each once, in no particular order; empty when nothing meets the box.
   *
   * @example
   * const near = index.search(lon - 0.001, lat - 0.001, lon + 0.001, lat + 0.001);
   */
  search(minX: number, minY: number, maxX: number, maxY: number): number[] {
    const out: number[] = [];
    if (++this.stamp === 0xffffffff) {
      this.seen.fill(0);
      this.stamp = 1;
    }
    if (maxX - minX >= 360) this.searchBox(-180, minY, 180, maxY, out);
    else if (minX < -180) {
      this.searchBox(minX + 360, minY, 180, maxY, out);
      this.searchBox(-180, minY, maxX, maxY, out);
    } else if (maxX > 180) {
      this.searchBox(minX, minY, 180, maxY, out);
      this.searchBox(-180, minY, maxX - 360, maxY, out);
    } else this.searchBox(minX, minY, maxX, maxY, out);
    return out;
  }

  private searchBox(minX: number, minY: number, maxX: number, maxY: number, out: number[]): void {
    if (this.size === 0 || minX > maxX || minY > maxY) return;
    const vert = this.vertices;
    for (let y = this.row(minY); y <= this.row(maxY); y++)
      for (let x = this.column(minX); x <= this.column(maxX); x++) {
        const cell = y * this.nx + x;
        for (let i = this.cellStart[cell]; i < this.cellStart[cell + 1]; i++) {
          const s = this.cellSegment[i];
          if (this.seen[s] === this.stamp) continue;
          const v = 2 * (s + this.segLink[s]);
          if (meets(vert[v], vert[v + 1], vert[v + 2], vert[v + 3], minX, minY, maxX, maxY)) {
            this.seen[s] = this.stamp;
            out.push(s);
          }
        }
      }
  }
}

/** `SegmentIndex.entryGeom` for the entries `cellSegment`. */
function entryGeometry(
  cellSegment: Uint32Array,
  segLink: Uint32Array,
  vert: Float64Array,
): Float64Array {
  const geom = new Float64Array(4 * cellSegment.length);
  for (let e = 0; e < cellSegment.length; e++) {
    const v = 2 * (cellSegment[e] + segLink[cellSegment[e]]);
    let dx = vert[v + 2] - vert[v];
    dx = dx > 180 ? dx - 360 : dx < -180 ? dx + 360 : dx;
    geom[4 * e] = vert[v];
    geom[4 * e + 1] = vert[v + 1];
    geom[4 * e + 2] = dx;
    geom[4 * e + 3] = vert[v + 3] - vert[v + 1];
  }
  return geom;
}

/**
 * Whether segment a–b has a point in the box (clipped against each side in turn); a segment
 * more than 180° of longitude wide (one across ±180°) by its box.
 */
function meets(
  ax: number,
  ay: number,
  bx: number,
  by: number,
  minX: number,
  minY: number,
  maxX: number,
  maxY: number,
): boolean {
  if (
    Math.max(ax, bx) < minX ||
    Math.min(ax, bx) > maxX ||
    Math.max(ay, by) < minY ||
    Math.min(ay, by) > maxY
  )
    return false;
  if (Math.abs(bx - ax) > 180) return true;
  let t0 = 0;
  let t1 = 1;
  const dx = bx - ax;
  const dy = by - ay;
  const p = [-dx, dx, -dy, dy];
  const q = [ax - minX, maxX - ax, ay - minY, maxY - ay];
  for (let i = 0; i < 4; i++) {
    if (p[i] === 0) {
      if (q[i] < 0) return false;
    } else {
      const r = q[i] / p[i];
      if (p[i] < 0) t0 = Math.max(t0, r);
      else t1 = Math.min(t1, r);
    }
  }
  return t0 <= t1;
}

const cache = new WeakMap<object, SegmentIndex>();

/**
 * The segment index of a network, built on first use and kept as long as the network lives.
 *
 * @param net - The network.
 *
 * @example
 * segmentIndexFor(net).size; // number of road segments
 */
export function segmentIndexFor(net: RoadNetwork): SegmentIndex {
  // Keyed by the geometry array, so networks sharing the roads (distanceNetwork) share the index.
  let index = cache.get(net.arrays.geomOffset);
  if (!index) {
    index = new SegmentIndex(net);
    cache.set(net.arrays.geomOffset, index);
  }
  return index;
}
