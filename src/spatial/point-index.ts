import { checkObjectArray, optionsObject } from '../geo/check-args';
import type { OptionKeys } from '../geo/option-keys';
import KDBush from 'kdbush';
import { FormatError, InputError } from '../errors';
import { checkLonLat } from '../geo/check-lon-lat';
import { EARTH_RADIUS_M } from '../geo/distance';
import { facilityCategories } from '../points/facility-categories';
import type { IndexedPoint } from '../points/indexed-point';
import { ChordNearest } from './chord-nearest';
import { GeoKnn } from './geo-knn';

/** One neighbour of a query: its index in the input, its id and the great-circle distance. */
export interface Neighbor {
  index: number;
  id: string | number;
  distanceM: number;
}

/** Query options. */
export interface NearestOptions {
  /** How many neighbours (default 1). Larger than the set returns them all. */
  k?: number;
  /** Ignore points farther than this many metres (great-circle). */
  maxDistanceM?: number;
  /**
   * Only points of this category (or one of these). A point's categories are read as coverage
   * reads them: its `category`, several separated by `;` or `,` (`health;hospital` is both), or
   * without one, its OSM tags (`amenity=clinic` is `health`).
   */
  category?: string | readonly string[];
  /** Only points for which this returns true (by index). */
  filter?: (index: number) => boolean;
}

// The keys of `NearestOptions` and of `within`'s options, for the unknown-key check.
const WITHIN_KEYS = { category: true, filter: true } satisfies OptionKeys<
  Omit<NearestOptions, 'k' | 'maxDistanceM'>
>;
const NEAREST_KEYS = {
  k: true,
  maxDistanceM: true,
  ...WITHIN_KEYS,
} satisfies OptionKeys<NearestOptions>;

/** Results of a bulk query: row `q` holds `k` slots, padded with -1 / Infinity. */
export interface BulkNearest {
  k: number;
  /** Point index per slot, `-1` where fewer than `k` points qualified. */
  index: Int32Array;
  /** Metres per slot, `Infinity` in padded slots. */
  distanceM: Float64Array;
}

const MAGIC = 'SRPTIDX1';
const RAD = Math.PI / 180;
// Small leaves: a k-nearest query then measures tens of points instead of hundreds (measured).
const NODE_SIZE = 32;

/**
 * A static index over points (villages or facilities) answering great-circle k-nearest and radius
 * queries exactly, on `kdbush` with a spherical best-first search (`GeoKnn`, correct across the
 * antimeridian and near the poles). Browser-safe; serialises to one ArrayBuffer.
 *
 * @example
 * const facilities = new PointIndex([
 *   { id: 'clinic-1', lon: 100.21, lat: 25.60, category: 'health' },
 *   { id: 'school-1', lon: 100.25, lat: 25.58, category: 'education' },
 * ]);
 * facilities.nearest(100.22, 25.61, { k: 1, category: 'health' });
 * // [{ index: 0, id: 'clinic-1', distanceM: 1497.3… }]
 */
export class PointIndex {
  /** `[lon0, lat0, lon1, lat1, …]` degrees, in input order. */
  readonly coords: Float64Array;
  /** Each point's id as given, else its position in the input. */
  readonly ids: readonly (string | number)[];
  /** Each point's category, `null` when it has none. */
  readonly categories: readonly (string | null)[];
  /** Each point's properties as given (not copied), `null` when it has none. */
  readonly properties: readonly (Record<string, unknown> | null)[];
  private readonly kd: KDBush;
  private readonly knn: GeoKnn;
  private readonly chord: ChordNearest;
  /** Each point's categories for the `category` filter, made on the first filtered query. */
  private categoryLists?: string[][];

  /**
   * Indexes the points; the index does not change afterwards.
   *
   * @param points - Villages or facilities with `lon`, `lat` in degrees and optional `id`,
   *   `category`, `properties`. Result indices are positions in this array. An empty array makes
   *   an index that answers every query with nothing. Throws `InputError` `invalid-coordinate`
   *   naming the first point out of range.
   */
  constructor(points: readonly IndexedPoint[]) {
    checkObjectArray(points, 'PointIndex: points');
    const n = points.length;
    this.coords = new Float64Array(2 * n);
    const ids: (string | number)[] = [];
    const categories: (string | null)[] = [];
    const properties: (Record<string, unknown> | null)[] = [];
    points.forEach((p, i) => {
      const id = p?.id ?? i;
      checkLonLat(
        p?.lon,
        p?.lat,
        `point #${i}${p?.id !== undefined ? ` (id ${JSON.stringify(p.id)})` : ''}`,
      );
      this.coords[2 * i] = p.lon;
      this.coords[2 * i + 1] = p.lat;
      ids.push(id);
      categories.push(p.category ?? null);
      properties.push(p.properties ?? null);
    });
    this.ids = ids;
    this.categories = categories;
    this.properties = properties;
    this.kd = buildKd(this.coords);
    const cosLat = new Float64Array(points.length);
    for (let i = 0; i < points.length; i++) cosLat[i] = Math.cos(this.coords[2 * i + 1] * RAD); // exactly as haversineM
    this.knn = new GeoKnn(this.kd, this.coords, cosLat);
    this.chord = new ChordNearest(this.coords, cosLat);
  }

  /** Number of points. */
  get size(): number {
    return this.ids.length;
  }

  /**
   * The `k` nearest points by great-circle distance, nearest first (ties by lower index).
   *
   * @param lon - Query longitude, degrees.
   * @param lat - Query latitude, degrees (a query out of range throws `InputError`).
   * @param options - `k` (default 1; `Infinity` for all), `maxDistanceM` (metres, default no
   *   limit), `category` and `filter` to restrict the candidates.
   * @returns Up to `k` neighbours: fewer when fewer points qualify, `[]` for an empty index.
   *
   * @example
   * index.nearest(100.2, 25.6, { k: 3, maxDistanceM: 5000 });
   */
  nearest(lon: number, lat: number, options: NearestOptions = {}): Neighbor[] {
    options = optionsObject(options, 'PointIndex.nearest', NEAREST_KEYS);
    const count = this.search(lon, lat, options);
    const out: Neighbor[] = [];
    for (let j = 0; j < count; j++) {
      const i = this.knn.resultIndex[j];
      out.push({ index: i, id: this.ids[i], distanceM: fromA(this.knn.resultA[j]) });
    }
    return out;
  }

  /**
   * Every point within `radiusM` metres (great-circle), nearest first.
   *
   * @param lon - Query longitude, degrees.
   * @param lat - Query latitude, degrees.
   * @param radiusM - Radius in metres, inclusive (a point at exactly `radiusM` is in); ≥ 0.
   * @param options - `category` and `filter` to restrict the candidates.
   *
   * @example
   * index.within(100.2, 25.6, 5000); // the 10-li (5 km) circle
   */
  within(
    lon: number,
    lat: number,
    radiusM: number,
    options: Omit<NearestOptions, 'k' | 'maxDistanceM'> = {},
  ): Neighbor[] {
    options = optionsObject(options, 'PointIndex.within', WITHIN_KEYS);
    return this.nearest(lon, lat, { ...options, k: Infinity, maxDistanceM: radiusM });
  }

  /**
   * The k nearest points for every query point at once, into typed arrays (row-major, `k` slots
   * per query). Query coordinates are `[lon0, lat0, lon1, lat1, …]`.
   *
   * @param queries - Query points as `[lon0, lat0, lon1, lat1, …]`, degrees.
   * @param options - As for `nearest`; `k` is capped at the number of points, so `k: Infinity`
   *   gives a full distance table.
   * @returns Row `q` in slots `q * k … q * k + k - 1`; slots no point fills hold -1 / `Infinity`.
   *
   * @example
   * const { index, distanceM } = facilities.nearestAll(villageCoords, { k: 1 });
   * // village q's nearest facility: facilities.ids[index[q]] at distanceM[q] metres
   */
  nearestAll(queries: ArrayLike<number>, options: NearestOptions = {}): BulkNearest {
    options = optionsObject(options, 'PointIndex.nearestAll', NEAREST_KEYS);
    const k = Math.min(checkK(options.k), this.size);
    const max = checkMax(options.maxDistanceM);
    const predicate = this.predicate(options);
    const nq = Math.floor(queries.length / 2);
    const index = new Int32Array(nq * k).fill(-1);
    const distanceM = new Float64Array(nq * k).fill(Infinity);
    for (let q = 0; q < nq; q++) {
      const count = this.searchResolved(queries[2 * q], queries[2 * q + 1], k, max, predicate);
      for (let j = 0; j < count; j++) {
        index[q * k + j] = this.knn.resultIndex[j];
        distanceM[q * k + j] = fromA(this.knn.resultA[j]);
      }
    }
    return { k, index, distanceM };
  }

  /**
   * The index as one ArrayBuffer: magic, the coordinates and the points' ids, categories and
   * properties as JSON (so properties must be JSON-serialisable). `PointIndex.fromBuffer`
   * restores it, rebuilding the tree from the coordinates.
   *
   * @example
   * const copy = PointIndex.fromBuffer(facilities.toBuffer());
   */
  toBuffer(): ArrayBuffer {
    const json = new TextEncoder().encode(
      JSON.stringify({ ids: this.ids, categories: this.categories, properties: this.properties }),
    );
    const coordsBytes = this.coords.byteLength;
    const out = new ArrayBuffer(16 + coordsBytes + json.length);
    const bytes = new Uint8Array(out);
    for (let i = 0; i < 8; i++) bytes[i] = MAGIC.charCodeAt(i);
    const dv = new DataView(out);
    dv.setUint32(8, this.size, true);
    dv.setUint32(12, json.length, true);
    bytes.set(new Uint8Array(this.coords.buffer, this.coords.byteOffset, coordsBytes), 16);
    bytes.set(json, 16 + coordsBytes);
    return out;
  }

  /**
   * Restore an index written by `toBuffer`. Throws `FormatError` on a foreign or truncated buffer.
   *
   * @param buffer - Bytes written by `toBuffer()`.
   *
   * @example
   * const facilities = PointIndex.fromBuffer(await (await fetch('facilities.idx')).arrayBuffer());
   */
  static fromBuffer(buffer: ArrayBuffer): PointIndex {
    if (!(buffer instanceof ArrayBuffer))
      throw new FormatError(
        'not-a-point-index',
        `not a servicereach point index: expected an ArrayBuffer, got ${buffer === null ? 'null' : typeof buffer}`,
      );
    const bytes = new Uint8Array(buffer);
    const magic = String.fromCharCode(...bytes.subarray(0, 8)); // spread-ok: 8 bytes
    if (magic !== MAGIC)
      throw new FormatError(
        'not-a-point-index',
        `not a servicereach point index (magic ${JSON.stringify(magic)})`,
      );
    if (bytes.length < 16)
      throw new FormatError('truncated-point-index', 'truncated point index buffer');
    const dv = new DataView(buffer);
    const n = dv.getUint32(8, true);
    const jsonLen = dv.getUint32(12, true);
    if (16 + 16 * n + jsonLen > bytes.length)
      throw new FormatError('truncated-point-index', 'truncated point index buffer');
    const coords = new Float64Array(buffer.slice(16, 16 + 16 * n));
    let meta: { ids: unknown[]; categories: unknown[]; properties: unknown[] };
    try {
      meta = JSON.parse(
        new TextDecoder('utf-8', { fatal: true }).decode(
          bytes.subarray(16 + 16 * n, 16 + 16 * n + jsonLen),
        ),
      );
    } catch (e) {
      throw new FormatError('corrupt-point-index', `corrupt point index: ${(e as Error).message}`);
    }
    if (
      !meta ||
      ![meta.ids, meta.categories, meta.properties].every((a) => Array.isArray(a) && a.length === n)
    )
      throw new FormatError(
        'corrupt-point-index',
        `corrupt point index: ids, categories and properties must each list ${n} points`,
      );
    const points: IndexedPoint[] = [];
    for (let i = 0; i < n; i++) {
      points.push({
        lon: coords[2 * i],
        lat: coords[2 * i + 1],
        id: meta.ids[i] as string | number,
        category: (meta.categories[i] as string | null) ?? undefined,
        properties: meta.properties[i] as Record<string, unknown>,
      });
    }
    try {
      return new PointIndex(points);
    } catch (e) {
      throw new FormatError('corrupt-point-index', `corrupt point index: ${(e as Error).message}`);
    }
  }

  private predicate(options: NearestOptions): ((i: number) => boolean) | undefined {
    const { category, filter } = options;
    if (category === undefined) return filter;
    const wanted = new Set(typeof category === 'string' ? [category] : category);
    // A point serves every category it lists (`health;hospital`), read as coverage reads it.
    this.categoryLists ??= this.categories.map((category, i) =>
      facilityCategories({
        lon: 0,
        lat: 0,
        category: category ?? undefined,
        properties: this.properties[i],
      }),
    );
    const lists = this.categoryLists;
    const has = (i: number) => lists[i].some((c) => wanted.has(c));
    return filter ? (i) => has(i) && filter(i) : has;
  }

  // Runs the search; results stay in this.knn's slots until the next call.
  private search(lon: number, lat: number, options: NearestOptions): number {
    return this.searchResolved(
      lon,
      lat,
      checkK(options.k),
      checkMax(options.maxDistanceM),
      this.predicate(options),
    );
  }

  // The query with options already checked (nearestAll resolves them once, not per village).
  private searchResolved(
    lon: number,
    lat: number,
    k: number,
    max: number,
    predicate: ((i: number) => boolean) | undefined,
  ): number {
    checkLonLat(lon, lat, 'query point');
    if (this.size === 0 || k === 0) return 0;
    if (k === 1) {
      // One neighbour: the 3-D chord tree, several times faster than the best-first search.
      const i = this.chord.nearest(lon, lat, toA(max), predicate);
      if (i < 0 || fromA(this.chord.bestA) > max) return 0;
      this.knn.resultIndex[0] = i;
      this.knn.resultA[0] = this.chord.bestA;
      return 1;
    }
    let count = this.knn.search(lon, lat, Math.min(k, this.size), toA(max), predicate);
    while (count > 0 && fromA(this.knn.resultA[count - 1]) > max) count--;
    // Distinct haversine terms can round to the same metres: order equal metres by index, as promised.
    const { resultA, resultIndex } = this.knn;
    for (let j = 1; j < count; j++) {
      const a = resultA[j];
      const i = resultIndex[j];
      const d = fromA(a);
      let m = j;
      while (m > 0 && fromA(resultA[m - 1]) === d && resultIndex[m - 1] > i) {
        resultA[m] = resultA[m - 1];
        resultIndex[m] = resultIndex[m - 1];
        m--;
      }
      resultA[m] = a;
      resultIndex[m] = i;
    }
    return count;
  }
}

// Distance ↔ haversine term on the library's sphere; fromA matches haversineM bit for bit.
function fromA(a: number): number {
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
}
function toA(m: number): number {
  if (m === Infinity || m >= Math.PI * EARTH_RADIUS_M) return Infinity;
  // A hair above the exact term so that a point at exactly `m` metres is kept; re-checked below.
  const s = Math.sin(m / (2 * EARTH_RADIUS_M));
  return s * s * (1 + 1e-12);
}

function buildKd(coords: Float64Array): KDBush {
  const n = coords.length / 2;
  const kd = new KDBush(Math.max(1, n), NODE_SIZE, Float64Array);
  if (n === 0) kd.add(0, 0); // kdbush needs one item; queries return early on an empty set
  for (let i = 0; i < n; i++) kd.add(coords[2 * i], coords[2 * i + 1]);
  return kd.finish();
}

function checkMax(max: number | undefined): number {
  if (max === undefined) return Infinity;
  if (!(max >= 0))
    throw new InputError('invalid-option', `maxDistanceM must be a number ≥ 0, got ${max}`);
  return max;
}

function checkK(k: number | undefined): number {
  if (k === undefined) return 1;
  if (!(k >= 0) || (k !== Infinity && !Number.isInteger(k)))
    throw new InputError('invalid-option', `k must be a whole number ≥ 0, got ${k}`);
  return k;
}
