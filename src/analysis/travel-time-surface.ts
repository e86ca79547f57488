import { InputError } from '../errors';
import { checkObject } from '../geo/check-args';
import { checkOptionKeys, type OptionKeys } from '../geo/option-keys';
import type { RoadNetwork } from '../network/road-network';
import {
  entriesByLink,
  entryAt,
  placePoints,
  pointSeeds,
  type Seed,
} from '../search/placed-points';
import { type Direction, SearchEngine } from '../search/search-engine';
import { DEFAULT_MAX_SNAP_DISTANCE_M } from '../spatial/snap';

const M_PER_DEG = 111_195; // metres per degree of latitude (mean Earth radius)

// Largest grid travelTimeSurface allocates: 128 MB of times, a few times that while contouring,
// which stays inside Node's default heap; a 5 m grid over a 90-minute drive asked for 5 GB.
const MAX_GRID_CELLS = 16_000_000;

// Most grid-vertex updates travelTimeSurface does (its estimate, surfaceWork): about 25 s of CPU
// on the loaded 2-core test machine (Andorra by car, 90 min: 2.6e9 at 15 m cells took 21 s). A 5 m
// grid over a 90-minute drive ran for 408 s: each road sample, every 2.5 m, spread over a 1 km
// disk of 5 m cells — the work grows with 1/cell³.
const MAX_SURFACE_WORK = 3e9;

/** Travel times sampled on a regular lon/lat grid: `timeS[row * cols + col]`, row 0 south. */
export interface TravelTimeSurface {
  /** Longitude and latitude of the south-west grid vertex (column 0, row 0), degrees. */
  lon0: number;
  lat0: number;
  /** Spacing between columns and between rows, degrees. */
  dLon: number;
  dLat: number;
  /** Grid size in vertices; both 0 when nothing is reached. */
  cols: number;
  rows: number;
  /**
   * Seconds; exact up to `maxSeconds + marginS`, `Infinity` beyond (and where nothing is reached).
   */
  timeS: Float64Array;
  /** The largest band asked for, seconds (`SurfaceOptions.maxSeconds`). */
  maxSeconds: number;
  /**
   * How far past `maxSeconds` the times are filled, seconds: two cells of off-road walking, so
   * that every grid vertex next to one within a band (up to `maxSeconds`) has its real time too.
   */
  marginS: number;
  /** The grid's cell size in metres. */
  cellM: number;
  /** The off-road speed used, metres per second (the profile's `accessKmh` / 3.6). */
  accessMps: number;
}

/** Options of `travelTimeSurface`. */
export interface SurfaceOptions {
  /** The largest band, seconds: times are filled up to it plus two cells of off-road walking. */
  maxSeconds: number;
  /** `from` (default): from the origins outwards; `to`: from anywhere to the nearest origin. */
  direction?: Direction;
  /** Grid spacing in metres (default 100). */
  cellM?: number;
  /** Farthest off-road leg, metres (default the snap distance, 1000 m). */
  maxSnapDistanceM?: number;
}

/** The keys of `SurfaceOptions`, for the unknown-key check. */
const SURFACE_KEYS = {
  maxSeconds: true,
  direction: true,
  cellM: true,
  maxSnapDistanceM: true,
} satisfies OptionKeys<SurfaceOptions>;

/**
 * The travel-time surface around origins: one search over the roads, then every grid vertex gets
 * the least time of "reach a position on a road, then walk off-road to the vertex at the
 * profile's access speed", over positions sampled every half cell along every reached link, with
 * the off-road leg capped at the snap distance. The surface changes by at most one metre of
 * walking per metre moved, which is what lets contours of it be trusted to within one cell of
 * walking. Times are filled to `maxSeconds + marginS` (two cells of off-road walking), so a
 * contour at `maxSeconds` interpolates between real times on both sides as inner ones do. The
 * grid is a fixed lattice (multiples of the cell size from the equator and the prime meridian,
 * the east-west spacing set by the origins' mean latitude), so a vertex's time does not depend on
 * how far the surface reaches.
 *
 * @param net - The road network; off-road legs use its profile's access speed.
 * @param origins - Origins as `[lon0, lat0, lon1, lat1, …]`, degrees. None on the network: an
 *   empty surface (`cols` and `rows` 0).
 * @param options - `maxSeconds` (required, > 0), `direction` (`'from'` by default), `cellM`
 *   (metres, default 100), `maxSnapDistanceM` (metres, default 1000). A grid above 16 million
 *   vertices throws `InputError` `grid-too-large`, one needing more than 3 billion vertex updates
 *   (about half a minute: reached road length / half a cell × the off-road disk's cells)
 *   `grid-too-slow`, both before allocating it and naming a cell size that fits.
 * @returns The grid, covering the reached roads plus the off-road margin.
 *
 * @example
 * const s = travelTimeSurface(walkNet, [1.534, 42.556], { maxSeconds: 900, cellM: 50 });
 * s.timeS[s.cols * row + col];
 */
export function travelTimeSurface(
  net: RoadNetwork,
  origins: ArrayLike<number>,
  options: SurfaceOptions,
): TravelTimeSurface {
  checkObject(options, 'travelTimeSurface: options ({ maxSeconds })');
  checkOptionKeys(options, SURFACE_KEYS, 'travelTimeSurface');
  const { maxSeconds } = options;
  const direction = options.direction ?? 'from';
  const cellM = options.cellM ?? 100;
  const maxOff = options.maxSnapDistanceM ?? DEFAULT_MAX_SNAP_DISTANCE_M;
  if (!(maxSeconds > 0 && Number.isFinite(maxSeconds)))
    throw new InputError('invalid-option', `maxSeconds must be a number > 0, got ${maxSeconds}`);
  if (!(cellM > 0 && Number.isFinite(cellM)))
    throw new InputError('invalid-option', `cellM must be metres > 0, got ${options.cellM}`);
  const placed = placePoints(net, origins, { maxSnapDistanceM: options.maxSnapDistanceM });
  const seeds: Seed[] = [];
  for (let i = 0; i < placed.snap.count; i++) pointSeeds(net, placed, i, direction, i, seeds);
  const engine = new SearchEngine(net);
  // Two cells: the diagonal (√2 cells) of every grid cell a band's edge crosses, with room for the
  // east-west spacing widening away from the reference latitude. The extra second keeps vertices
  // whose time is exactly maxSeconds + marginS out of rounding's reach.
  const accessMps = net.meta.accessKmh / 3.6;
  const marginS = (2 * cellM) / accessMps;
  const fillS = maxSeconds + marginS + 1;
  engine.run(seeds, { direction, maxSeconds: fillS });
  const node = (n: number) => engine.timeS(n);

  const { linkFrom, linkTo, linkLengthM } = net.arrays;
  // Links worth sampling: an end reached, or an origin on the link.
  const originsOn = entriesByLink(placed); // every entry of every origin, the main network's too
  const links: number[] = [];
  const linkCoords: [number, number][][] = []; // kept from the bounding-box pass for the sampling one
  let minLon = Infinity;
  let minLat = Infinity;
  let maxLon = -Infinity;
  let maxLat = -Infinity;
  for (let l = 0; l < net.linkCount; l++) {
    if (node(linkFrom[l]) === Infinity && node(linkTo[l]) === Infinity && !originsOn.has(l))
      continue;
    links.push(l);
    const coords = net.linkCoordinates(l);
    linkCoords.push(coords);
    for (const [x, y] of coords) {
      if (x < minLon) minLon = x;
      if (x > maxLon) maxLon = x;
      if (y < minLat) minLat = y;
      if (y > maxLat) maxLat = y;
    }
  }
  if (links.length === 0)
    return {
      lon0: 0,
      lat0: 0,
      dLon: 0,
      dLat: 0,
      cols: 0,
      rows: 0,
      timeS: new Float64Array(0),
      cellM,
      accessMps,
      maxSeconds,
      marginS,
    };
  let latSum = 0;
  let onNetwork = 0;
  for (let i = 0; i < placed.snap.count; i++) {
    if (placed.snap.link[i] < 0) continue;
    latSum += placed.snap.lat[i];
    onNetwork++;
  }
  const cosLat = Math.cos(((latSum / onNetwork) * Math.PI) / 180);
  const dLat = cellM / M_PER_DEG;
  const dLon = dLat / cosLat;
  const margin = Math.min(maxOff, fillS * accessMps) + cellM;
  const cosPoleward = Math.min(
    Math.cos((minLat * Math.PI) / 180),
    Math.cos((maxLat * Math.PI) / 180),
  );
  const mLon = margin / (M_PER_DEG * cosPoleward);
  const mLat = margin / M_PER_DEG;
  // Lattice indices of column 0 and row 0: vertex (col, row) is at ((col0 + col) dLon - 360°,
  // (row0 + row) dLat - 180°). Counted from 360° W and 180° S so that lattice coordinates are
  // large positive numbers, of which subtracting col0 or row0 is exact.
  const col0 = Math.floor((minLon - mLon + 360) / dLon);
  const row0 = Math.floor((minLat - mLat + 180) / dLat);
  const cols = Math.ceil((maxLon + mLon + 360) / dLon) - col0 + 1;
  const rows = Math.ceil((maxLat + mLat + 180) / dLat) - row0 + 1;
  const lon0 = col0 * dLon - 360;
  const lat0 = row0 * dLat - 180;
  const step = cellM / 2;
  const work = surfaceWork(net, links, linkCoords, {
    node,
    originsOn,
    fillS,
    accessMps,
    maxOff,
    step,
    cellM,
    colM: dLon * M_PER_DEG * cosPoleward,
    cosLat,
  });
  // Cells scale with 1/cellM², the work with 1/cellM³ (samples per metre of road × vertices per
  // sample's disk): the larger of the two sizes brings both under their limits.
  const fitsMemory = cellM * Math.sqrt((cols * rows) / MAX_GRID_CELLS) * 1.05;
  const fitsTime = cellM * Math.cbrt(work / MAX_SURFACE_WORK) * 1.05;
  const fits = Math.ceil(Math.max(fitsMemory, fitsTime));
  if (cols * rows > MAX_GRID_CELLS)
    throw new InputError(
      'grid-too-large',
      `the isochrone grid would have ${cols.toLocaleString('en-US')} × ${rows.toLocaleString('en-US')} cells at ${cellM} m, above the ${MAX_GRID_CELLS.toLocaleString('en-US')} that fit in memory (8 bytes each, more while contouring): use cells of ${fits} m or more (--cell ${fits}, option cellM)`,
    );
  if (work > MAX_SURFACE_WORK)
    throw new InputError(
      'grid-too-slow',
      `the isochrone grid at ${cellM} m would take about ${(work / 1e9).toFixed(1)} billion grid-vertex updates (${links.length.toLocaleString('en-US')} road links reached, each sampled every ${step} m and spread up to ${Math.round(Math.min(maxOff, fillS * accessMps))} m off-road), above the ${(MAX_SURFACE_WORK / 1e9).toFixed(0)} billion done in about half a minute: use cells of ${fits} m or more (--cell ${fits}, option cellM), or fewer minutes`,
    );
  const timeS = new Float64Array(cols * rows).fill(Infinity);

  const splat = (lon: number, lat: number, t: number) => {
    if (!(t <= fillS)) return;
    const r = Math.min(maxOff, (fillS - t) * accessMps);
    // An integer off a larger positive float is exact: a vertex gets the same distances, hence the
    // same time, wherever the grid starts.
    const cx = (lon + 360) / dLon - col0;
    const cy = (lat + 180) / dLat - row0;
    const colM = dLon * M_PER_DEG * Math.cos((lat * Math.PI) / 180); // metres east per column here
    const rx = r / colM;
    const ry = r / cellM;
    const c0 = Math.max(0, Math.ceil(cx - rx));
    const c1 = Math.min(cols - 1, Math.floor(cx + rx));
    const r0 = Math.max(0, Math.ceil(cy - ry));
    const r1 = Math.min(rows - 1, Math.floor(cy + ry));
    for (let row = r0; row <= r1; row++) {
      const dy = (row - cy) * cellM;
      for (let col = c0; col <= c1; col++) {
        const dx = (col - cx) * colM;
        const d = Math.sqrt(dx * dx + dy * dy);
        if (d > r) continue;
        const v = t + d / accessMps;
        const k = row * cols + col;
        if (v < timeS[k]) timeS[k] = v;
      }
    }
  };
  for (const [li, l] of links.entries()) {
    const fw = net.linkTimeS(l, true);
    const bw = net.linkTimeS(l, false);
    const tFrom = node(linkFrom[l]);
    const tTo = node(linkTo[l]);
    const here = originsOn.get(l) ?? [];
    // Time at fraction g of the link: through either end, or straight from an origin on it.
    const at = (g: number) => {
      let t =
        direction === 'from'
          ? Math.min(tFrom + part(g, fw), tTo + part(1 - g, bw))
          : Math.min(tFrom + part(g, bw), tTo + part(1 - g, fw));
      for (const code of here) {
        const { fraction: f, accessS } = entryAt(placed, code);
        const along =
          g >= f
            ? part(g - f, direction === 'from' ? fw : bw)
            : part(f - g, direction === 'from' ? bw : fw);
        const direct = accessS + along;
        if (direct < t) t = direct;
      }
      return t;
    };
    const coords = linkCoords[li];
    const len = linkLengthM[l];
    let offset = 0;
    for (let s = 0; s + 1 < coords.length; s++) {
      const [ax, ay] = coords[s];
      const [bx, by] = coords[s + 1];
      const segM = Math.hypot((bx - ax) * cosLat, by - ay) * M_PER_DEG;
      const n = Math.max(1, Math.ceil(segM / step));
      for (let j = s === 0 ? 0 : 1; j <= n; j++) {
        const u = j / n;
        const g = len > 0 ? Math.min(1, (offset + u * segM) / len) : 0;
        splat(ax + u * (bx - ax), ay + u * (by - ay), at(g));
      }
      offset += segM;
    }
  }
  return { lon0, lat0, dLon, dLat, cols, rows, timeS, cellM, accessMps, maxSeconds, marginS };
}

/** What `surfaceWork` needs of the surface being built. */
interface WorkContext {
  node: (n: number) => number;
  originsOn: Map<number, unknown>;
  fillS: number;
  accessMps: number;
  maxOff: number;
  step: number;
  cellM: number;
  /** Metres east per grid column at the latitude where columns are narrowest. */
  colM: number;
  cosLat: number;
}

/**
 * An upper bound of the grid vertices the splatting loop of `travelTimeSurface` visits: for every
 * sample along every reached link, the box of its off-road disk, whose radius is taken at the
 * link's earliest time (an origin on the link counts as time 0).
 */
function surfaceWork(
  net: RoadNetwork,
  links: readonly number[],
  linkCoords: readonly [number, number][][],
  c: WorkContext,
): number {
  const { linkFrom, linkTo } = net.arrays;
  let work = 0;
  for (let li = 0; li < links.length; li++) {
    const l = links[li];
    const t0 = c.originsOn.has(l) ? 0 : Math.min(c.node(linkFrom[l]), c.node(linkTo[l]));
    const r = Math.min(c.maxOff, Math.max(0, (c.fillS - t0) * c.accessMps));
    const box = (2 * (r / c.colM) + 2) * (2 * (r / c.cellM) + 2);
    const coords = linkCoords[li];
    let samples = 1;
    for (let s = 0; s + 1 < coords.length; s++) {
      const [ax, ay] = coords[s];
      const [bx, by] = coords[s + 1];
      const segM = Math.hypot((bx - ax) * c.cosLat, by - ay) * M_PER_DEG;
      samples += Math.max(1, Math.ceil(segM / c.step));
    }
    work += samples * box;
  }
  return work;
}

// A share of a link's time; no share of a closed direction is free, and none of it costs 0 × ∞.
function part(share: number, linkTimeS: number): number {
  return share === 0 ? 0 : share * linkTimeS;
}
