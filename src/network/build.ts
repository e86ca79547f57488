import type { Crs, CrsSpec } from '../geo/crs/crs';
import { toWgs84GeoJson } from '../geo/crs/reproject-geojson';
import { decodeOsm } from '../inputs/osm/decode-osm';
import { OsmRoadCollector } from './osm-road-collector';
import { buildNetwork } from './build-network';
import { splitRestrictedJunctions } from './junction-copies';
import { restrictedJunctions, type TurnRestriction } from './turn-restrictions';
import { checkElevationKeys, type ElevationOptions } from './elevation';
import { type RoadCost, geoJsonWayTable } from './geojson-roads';
import { resolveProfile, type SpeedProfile } from './profile';
import { RoadNetwork } from './road-network';
import { WarningLog } from './warnings';
import { optionsObject } from '../geo/check-args';
import type { OptionKeys } from '../geo/option-keys';

/** Options shared by every network builder. */
export interface BuildOptions {
  /** `car` (default), `walk`, `bicycle`, or your own `SpeedProfile`. */
  profile?: 'car' | 'walk' | 'bicycle' | SpeedProfile;
  /**
   * Build OSM turn restrictions (`type=restriction` relations through a via node) into the
   * network. Default: on for the `car` profile, off for the others (as OSRM's profiles do).
   */
  turnRestrictions?: boolean;
  /**
   * Terrain-aware paces (opt-in): a DEM and optionally the slope model. Walking follows Tobler's
   * hiking function, so uphill and downhill times differ; see `ElevationOptions`.
   */
  elevation?: ElevationOptions;
}

/** Options for GeoJSON roads. */
export interface GeoJsonBuildOptions extends BuildOptions {
  /**
   * Travel time per feature instead of the profile's OSM tag rules (properties are then free-form).
   * Return seconds for the whole feature, or `{ forward, backward }` along/against its coordinates.
   */
  cost?: RoadCost;
  /**
   * The CRS of the roads' coordinates (default `wgs84`): `cgcs2000`, `gcj02`, `bd09`,
   * `EPSG:<code>` (e.g. a CGCS2000 Gauss–Krüger zone), a proj string or `.prj` WKT.
   */
  crs?: CrsSpec | Crs;
}

/** The keys of `BuildOptions` and `GeoJsonBuildOptions`, for the unknown-key check. */
export const BUILD_KEYS = {
  profile: true,
  turnRestrictions: true,
  elevation: true,
} satisfies OptionKeys<BuildOptions>;
export const GEOJSON_BUILD_KEYS = {
  cost: true,
  crs: true,
  ...BUILD_KEYS,
} satisfies OptionKeys<GeoJsonBuildOptions>;

/**
 * A network from a GeoJSON FeatureCollection of LineString / MultiLineString roads with OSM-like
 * properties (`highway`, `oneway`, `maxspeed`, …) or a `cost` function. Lines meet where they
 * share a coordinate (equal to 1e-7 degree). Other geometries and unroutable roads are skipped
 * and counted in `network.meta.warnings`.
 *
 * @param geojson - A parsed GeoJSON FeatureCollection (an object, not a JSON string); coordinates
 *   `[lon, lat]` in degrees.
 * @param options - `profile` (default `'car'`) turns the OSM-like properties into speeds;
 *   `cost` replaces those rules with your own seconds per feature (the profile then only sets
 *   the off-road access speed and the name).
 * @returns The network; throws `InputError` (`invalid-geojson`, `invalid-coordinate`,
 *   `invalid-cost`) for malformed input and `no-routable-edge` when no feature is routable.
 *
 * @example
 * const net = buildNetworkFromGeoJson(
 *   { type: 'FeatureCollection', features: [
 *     { type: 'Feature', properties: { highway: 'residential' },
 *       geometry: { type: 'LineString', coordinates: [[100.0, 25.0], [100.01, 25.0]] } },
 *   ] },
 *   { profile: 'walk' },
 * );
 * net.stats().lengthKm; // ≈ 1.008
 */
export function buildNetworkFromGeoJson(
  geojson: unknown,
  options: GeoJsonBuildOptions = {},
): RoadNetwork {
  options = optionsObject(options, 'buildNetworkFromGeoJson', GEOJSON_BUILD_KEYS);
  checkElevationKeys(options.elevation, 'buildNetworkFromGeoJson');
  const profile = resolveProfile(options.profile ?? 'car');
  const log = new WarningLog();
  const roads = options.crs === undefined ? geojson : toWgs84GeoJson(geojson, options.crs);
  const { table, inputWays, usedWays } = geoJsonWayTable(roads, profile, options.cost, log);
  return buildNetwork(
    table,
    {
      profile: profile.name,
      accessKmh: profile.accessKmh,
      warnings: log.list(),
      inputWays,
      usedWays,
    },
    options.elevation,
  );
}

/**
 * A network from OSM data already decoded into an `OsmRoadCollector` (decode once, build several
 * profiles).
 *
 * @param roads - A collector that OSM data has been decoded into; it is read, not changed, so it
 *   can serve several builds.
 * @param options - `profile`: `'car'` (default), `'walk'`, `'bicycle'` or your own `SpeedProfile`.
 * @returns The network; throws `InputError` `no-routable-edge` when no way is routable for the
 *   profile (the message counts the skipped ways by reason).
 *
 * @example
 * const roads = new OsmRoadCollector();
 * decodeOsm(bytes, roads);
 * const byCar = buildNetworkFromOsmRoads(roads, { profile: 'car' });
 * const onFoot = buildNetworkFromOsmRoads(roads, { profile: 'walk' });
 */
export function buildNetworkFromOsmRoads(
  roads: OsmRoadCollector,
  options: BuildOptions = {},
): RoadNetwork {
  return buildFromRoads(roads, options, false, 'buildNetworkFromOsmRoads');
}

/**
 * `buildNetworkFromOsmRoads` for a collector that is not used again (`loadNetwork`'s): after a
 * two-pass read its node arrays become the network builder's input instead of being copied, and
 * its ways are dropped before the graph is built. Same network; the collector throws if used after.
 *
 * @param roads - A collector filled by a two-pass read (any other is built from as usual).
 * @param options - As for `buildNetworkFromOsmRoads`.
 * @example
 * const roads = new OsmRoadCollector();
 * decodeOsm(bytes, roads.wayPass());
 * decodeOsm(bytes, roads.nodePass());
 * const net = buildNetworkConsumingOsmRoads(roads, { profile: 'car' });
 */
export function buildNetworkConsumingOsmRoads(
  roads: OsmRoadCollector,
  options: BuildOptions = {},
): RoadNetwork {
  return buildFromRoads(roads, options, true, 'buildNetworkConsumingOsmRoads');
}

function buildFromRoads(
  roads: OsmRoadCollector,
  options: BuildOptions,
  consume: boolean,
  caller: string,
): RoadNetwork {
  options = optionsObject(options, caller, BUILD_KEYS);
  checkElevationKeys(options.elevation, caller);
  const profile = resolveProfile(options.profile ?? 'car');
  const enabled = options.turnRestrictions ?? profile.name === 'car';
  // Restrictions are read before the way table, which may consume the collector; their warnings
  // join the log after the build, as when they were read after it (the log sorts by code).
  const restrictionLog = new WarningLog();
  const restrictions = enabled ? roads.turnRestrictions(restrictionLog) : [];
  const log = new WarningLog();
  const inputWays = roads.wayCount;
  // Elevation counts vertices off the DEM: only the copying table numbers exactly the used ones.
  const { table, usedWays } = roads.toWayTable(profile, log, consume && !options.elevation);
  const net = buildNetwork(
    table,
    {
      profile: profile.name,
      accessKmh: profile.accessKmh,
      warnings: log.list(),
      inputWays,
      usedWays,
    },
    options.elevation,
  );
  if (!enabled) return net;
  log.addAll(restrictionLog);
  return withTurnRestrictions(net, restrictions, log);
}

/** `net` with the car turn restrictions built in, and the warnings of placing them. */
function withTurnRestrictions(
  net: RoadNetwork,
  restrictions: TurnRestriction[],
  log: WarningLog,
): RoadNetwork {
  if (restrictions.length === 0 && log.list().length === net.meta.warnings.length) return net;
  const junctions = restrictedJunctions(net, restrictions, log);
  const split = splitRestrictedJunctions(net, junctions);
  let placed = 0;
  for (const w of log.list()) if (w.code === 'restriction-not-placed') placed -= w.count;
  placed += restrictions.length;
  return new RoadNetwork(split.arrays, {
    ...split.meta,
    warnings: log.list(),
    turnRestrictions: placed,
  });
}

/**
 * A network from an OSM file held in memory: PBF, XML or gzipped XML, sniffed from the content.
 * Browser-safe; in Node, `loadNetwork` from `servicereach/node` streams files from disk instead.
 *
 * @param bytes - The whole file's content.
 * @param options - `profile`: `'car'` (default), `'walk'`, `'bicycle'` or your own `SpeedProfile`.
 * @returns The network; throws `FormatError` for empty, unknown or corrupt data and `InputError`
 *   `no-routable-edge` when no way is routable for the profile.
 *
 * @example
 * const bytes = new Uint8Array(await (await fetch('ordino.osm.pbf')).arrayBuffer());
 * const net = buildNetworkFromOsm(bytes, { profile: 'walk' });
 */
export function buildNetworkFromOsm(bytes: Uint8Array, options: BuildOptions = {}): RoadNetwork {
  options = optionsObject(options, 'buildNetworkFromOsm', BUILD_KEYS);
  checkElevationKeys(options.elevation, 'buildNetworkFromOsm');
  const roads = new OsmRoadCollector();
  decodeOsm(bytes, roads);
  return buildNetworkFromOsmRoads(roads, options);
}
