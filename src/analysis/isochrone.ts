import { area } from '@turf/area';
import { isobands } from '@turf/isobands';
import type { Feature, FeatureCollection, MultiPolygon, Point } from 'geojson';
import { InputError } from '../errors';
import type { RoadNetwork } from '../network/road-network';
import { nearestFacilities } from '../search/nearest-facilities';
import { type PlacedPoints, placePoints } from '../search/placed-points';
import type { Direction } from '../search/search-engine';
import { type IndexedPoint, pointCoords } from '../points/indexed-point';
import { type TravelTimeSurface, travelTimeSurface } from './travel-time-surface';
import { villagePopulation } from '../points/village-population';
import { checkCoordArray } from '../geo/check-args';
import { checkOptionKeys, type OptionKeys } from '../geo/option-keys';

/** Options of `isochrones`. */
export interface IsochroneOptions {
  /** Band limits in minutes, e.g. `[5, 10, 15]`; each band holds everything within its minutes. */
  minutes: number[];
  /** `from` (default): from the origins outwards; `to`: from anywhere to the nearest origin. */
  direction?: Direction;
  /** Grid spacing in metres (default 100): finer is more exact and slower. */
  cellM?: number;
  /** `merged` (default): one set of bands for all origins; `each`: a set per origin. */
  mode?: 'merged' | 'each';
  /** Villages: each band then carries the population whose travel time is within it. */
  villages?: readonly IndexedPoint[];
  /** Village property holding the population (default `population`); missing counts as unknown. */
  populationField?: string;
  /** Farthest off-road leg in metres, as in snapping (default 1000). */
  maxSnapDistanceM?: number;
}

/** The keys of `IsochroneOptions`, for the unknown-key check. */
export const ISOCHRONE_KEYS = {
  minutes: true,
  direction: true,
  cellM: true,
  mode: true,
  villages: true,
  populationField: true,
  maxSnapDistanceM: true,
} satisfies OptionKeys<IsochroneOptions>;

/** Properties of one band. */
export interface IsochroneBand {
  minutes: number;
  /** Index of the origin (`each` mode), or null for merged bands. */
  origin: number | null;
  areaKm2: number;
  /** With `villages`: villages and population whose own travel time is within `minutes`. */
  villages?: number;
  population?: number;
  populationUnknownVillages?: number;
  fill: string;
  'fill-opacity': number;
  stroke: string;
  'stroke-width': number;
}

// What isobands reads for an unreached vertex: a time far above every band.
const FAR = 1e12;

const PALETTE = ['#1a9850', '#91cf60', '#d9ef8b', '#fee08b', '#fc8d59', '#d73027'];

/**
 * Isochrone polygons: for each band a MultiPolygon of everything reachable within its minutes
 * (from the origins, or to them with `direction: 'to'`), built from a travel-time surface (reached
 * roads plus the off-road leg at the profile's access speed, capped at the snap distance) sampled
 * on a grid and contoured with `@turf/isobands`. Bands are cumulative and nest by construction
 * (one surface, rising thresholds); land no road reaches in time is never claimed, holes stay
 * holes. Each band carries its minutes, its area in km² and, given villages, the population whose
 * travel time (computed exactly for each village) is within it. Largest band first, so smaller
 * ones draw on top.
 *
 * @param net - The road network; off-road legs use its profile's access speed.
 * @param origins - Origins as `[lon0, lat0, lon1, lat1, …]`, degrees; at least one (an empty or
 *   odd-length array throws `InputError`). Origins off the network reach nothing.
 * @param options - `minutes` (required, each > 0), `direction` (`'from'` by default), `cellM`
 *   (metres, default 100), `mode` (`'merged'` or `'each'`), `villages` and `populationField` to
 *   count people per band, `maxSnapDistanceM` (metres, default 1000).
 * @returns One feature per band (per origin with `mode: 'each'`), styled for a map; a band that
 *   reaches nothing has an empty MultiPolygon and area 0.
 *
 * @example
 * const fc = isochrones(walkNet, [1.5349, 42.5564], { minutes: [5, 10, 15], villages });
 * fc.features[0].properties.areaKm2;
 */
export function isochrones(
  net: RoadNetwork,
  origins: ArrayLike<number>,
  options: IsochroneOptions,
): FeatureCollection<MultiPolygon, IsochroneBand> {
  checkCoordArray(origins, 'origins');
  if (!options || typeof options !== 'object')
    throw new InputError('invalid-option', 'isochrones: options with minutes are required');
  checkOptionKeys(options, ISOCHRONE_KEYS, 'isochrones');
  if (!Array.isArray(options.minutes))
    throw new InputError(
      'invalid-option',
      `isochrones: minutes must be an array of numbers, got ${typeof options.minutes}`,
    );
  const minutes = [...new Set(options.minutes)].sort((a, b) => a - b);
  if (minutes.length === 0)
    throw new InputError('invalid-option', 'isochrones need at least one band (minutes)');
  for (const m of minutes)
    if (!(m > 0 && Number.isFinite(m)))
      throw new InputError('invalid-option', `band minutes must be numbers > 0, got ${m}`);
  if (origins.length === 0 || origins.length % 2)
    throw new InputError(
      'invalid-option',
      `origins must be [lon, lat, …] pairs, got ${origins.length} numbers`,
    );
  const n = origins.length / 2;
  const groups: [number | null, ArrayLike<number>][] =
    options.mode === 'each'
      ? Array.from({ length: n }, (_, i) => [i, [origins[2 * i], origins[2 * i + 1]]])
      : [[null, origins]];
  const features: Feature<MultiPolygon, IsochroneBand>[] = [];
  // Villages are snapped and their populations read once, whatever the number of origin groups.
  const placedVillages = options.villages
    ? placePoints(net, pointCoords(options.villages), {
        maxSnapDistanceM: options.maxSnapDistanceM,
      })
    : null;
  const population =
    options.villages?.map((v, i) =>
      villagePopulation(v, i, options.populationField ?? 'population'),
    ) ?? [];
  for (const [origin, pts] of groups) {
    const surface = travelTimeSurface(net, pts, {
      maxSeconds: minutes[minutes.length - 1] * 60,
      direction: options.direction,
      cellM: options.cellM,
      maxSnapDistanceM: options.maxSnapDistanceM,
    });
    const people = placedVillages
      ? { timeS: villageTimes(net, placedVillages, pts, options), population }
      : null;
    const grid = pointGrid(surface);
    for (let b = minutes.length - 1; b >= 0; b--) {
      const geometry = contour(grid, surface, minutes[b] * 60);
      const props: IsochroneBand = {
        minutes: minutes[b],
        origin,
        areaKm2: Math.round(area({ type: 'Feature', properties: {}, geometry }) / 1e4) / 100,
        fill: PALETTE[
          Math.min(PALETTE.length - 1, Math.floor((b * PALETTE.length) / minutes.length))
        ],
        'fill-opacity': 0.35,
        stroke: '#333333',
        'stroke-width': 1,
      };
      if (people) Object.assign(props, tallyWithin(people, minutes[b] * 60));
      features.push({ type: 'Feature', properties: props, geometry });
    }
  }
  return { type: 'FeatureCollection', features };
}

/**
 * The surface as the point grid `@turf/isobands` reads, one point per grid vertex with its travel
 * time in seconds as `timeS`; unreached vertices get a time far above every band (1e12 s).
 *
 * @param s - A travel-time surface.
 * @returns The grid points, row by row from the south.
 *
 * @example
 * const surface = travelTimeSurface(walkNet, [1.534, 42.556], { maxSeconds: 900 });
 * contour(pointGrid(surface), surface, 600); // everywhere within 10 minutes
 */
export function pointGrid(s: TravelTimeSurface): FeatureCollection<Point, { timeS: number }> {
  const features: Feature<Point, { timeS: number }>[] = new Array(s.cols * s.rows);
  for (let r = 0; r < s.rows; r++) {
    for (let c = 0; c < s.cols; c++) {
      const k = r * s.cols + c;
      const t = s.timeS[k];
      features[k] = {
        type: 'Feature',
        properties: { timeS: t === Infinity ? FAR : t },
        geometry: { type: 'Point', coordinates: [s.lon0 + c * s.dLon, s.lat0 + r * s.dLat] },
      };
    }
  }
  return { type: 'FeatureCollection', features };
}

/**
 * The region of a surface within `limitS`, as a MultiPolygon (empty when nothing is). The band
 * reads the surface's times up to `limitS + marginS` and takes every vertex beyond as unreached:
 * its edge then interpolates between real times on both sides (the margin covers the neighbours
 * of every vertex within it), and it is the same polygon whichever larger bands filled the
 * surface further.
 *
 * @param grid - The surface's grid points (`pointGrid(s)`); their `timeS` is overwritten.
 * @param s - The travel-time surface, filled at least to `limitS + s.marginS`.
 * @param limitS - The band's limit, seconds.
 * @returns The region within it; holes stay holes.
 *
 * @example
 * const within15 = contour(pointGrid(surface), surface, 15 * 60);
 */
export function contour(
  grid: FeatureCollection<Point, { timeS: number }>,
  s: TravelTimeSurface,
  limitS: number,
): MultiPolygon {
  if (grid.features.length < 4) return { type: 'MultiPolygon', coordinates: [] };
  const known = limitS + s.marginS;
  for (let k = 0; k < grid.features.length; k++) {
    const t = s.timeS[k];
    grid.features[k].properties.timeS = t <= known ? t : FAR;
  }
  const fc = isobands(grid, [-1, limitS], { zProperty: 'timeS' });
  const geometry = fc.features[0]?.geometry;
  return geometry?.coordinates.length ? geometry : { type: 'MultiPolygon', coordinates: [] };
}

function villageTimes(
  net: RoadNetwork,
  villages: PlacedPoints,
  origins: ArrayLike<number>,
  options: IsochroneOptions,
): Float64Array {
  // nearestFacilities' direction is the village's: 'to' = village → facility.
  return nearestFacilities(net, villages, origins, {
    direction: options.direction === 'to' ? 'to' : 'from',
    maxSnapDistanceM: options.maxSnapDistanceM,
  }).timeS;
}

function tallyWithin(
  p: { timeS: Float64Array; population: (number | null)[] },
  limitS: number,
): Pick<IsochroneBand, 'villages' | 'population' | 'populationUnknownVillages'> {
  let villages = 0;
  let population = 0;
  let unknown = 0;
  for (let i = 0; i < p.timeS.length; i++) {
    if (!(p.timeS[i] <= limitS)) continue;
    villages++;
    const pop = p.population[i];
    if (pop === null) unknown++;
    else population += pop;
  }
  return { villages, population, populationUnknownVillages: unknown };
}
