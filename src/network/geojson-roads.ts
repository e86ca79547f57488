import type { Feature, Geometry, Position } from 'geojson';
import { InputError } from '../errors';
import { haversineM } from '../geo/distance';
import { checkLonLat } from '../geo/check-lon-lat';
import { E7 } from '../geo/fixed';
import { Int32PairMap } from './int32-pair-map';
import type { SpeedProfile } from './profile';
import { evaluateWay, logVerdict, wayPaces } from './way-rules';
import type { WarningLog } from './warnings';
import { costPaces, type RoadCost, type RoadFeature, type RoadPaces } from './road-cost';
import type { WayTable } from './way-table';
import { WayTableBuilder } from './way-table-builder';

export type { RoadCost, RoadFeature } from './road-cost';

/**
 * Read a GeoJSON FeatureCollection of LineString / MultiLineString roads into a `WayTable`.
 * Topology comes from shared coordinates: positions equal after rounding to 1e-7 degree (≈1 cm)
 * are one vertex, and a vertex shared by two lines is a junction, wherever it lies on them.
 *
 * @param input the parsed GeoJSON (a FeatureCollection, or one Feature)
 * @param profile OSM tag rules for the features' properties, unless `cost` is given
 * @param cost seconds per feature instead of the profile's rules
 * @param log counts skipped and degraded features
 * @example
 * const { table, usedWays } = geoJsonWayTable(roads, walk, undefined, log);
 */
export function geoJsonWayTable(
  input: unknown,
  profile: SpeedProfile,
  cost: RoadCost | undefined,
  log: WarningLog,
): { table: WayTable; inputWays: number; usedWays: number } {
  const features = featuresOf(input);
  const vertices = new Int32PairMap(1024);
  const out = new WayTableBuilder();
  let used = 0;
  features.forEach((f, index) => {
    const where = featureName(f, index);
    const lines = roadLines(f, where, log);
    if (!lines) return;
    const lengthM = linesLengthM(lines);
    const road = cost
      ? costPaces(cost, f as RoadFeature, lengthM, index, where, log)
      : rulePaces((f as Feature).properties ?? {}, profile, lengthM, where, log);
    if (!road) return;
    const c = out.classId(road.className, where);
    const structure = isStructure((f as Feature).properties ?? {}) ? 1 : 0;
    used++;
    // Each line of a MultiLineString is its own way: its parts need not touch.
    for (const line of lines) {
      for (const p of line)
        out.ref(vertices.getOrAdd(Math.round(p[0] * E7), Math.round(p[1] * E7)));
      out.endWay(c, road.forwardPace, road.backwardPace, index, structure);
    }
  });
  return { table: out.finish(vertices.keyArray()), inputWays: features.length, usedWays: used };
}

/**
 * The lines of a road feature with every position checked, or null (counted in `log`) when the
 * feature is not a line or has no line of two positions; a malformed feature throws.
 */
function roadLines(f: unknown, where: string, log: WarningLog): Position[][] | null {
  if (!f || typeof f !== 'object' || (f as Feature).type !== 'Feature') {
    throw new InputError('invalid-geojson', `${where} is not a GeoJSON Feature`);
  }
  const g = (f as Feature).geometry as Geometry | null;
  if (!g || (g.type !== 'LineString' && g.type !== 'MultiLineString')) {
    log.add(
      'non-line-geometry',
      'feature is not a LineString/MultiLineString: skipped',
      `${where} (${g ? g.type : 'null geometry'})`,
    );
    return null;
  }
  const lines: Position[][] = g.type === 'LineString' ? [g.coordinates] : g.coordinates;
  if (!Array.isArray(lines) || lines.some((l) => !Array.isArray(l))) {
    throw new InputError(
      'invalid-geojson',
      `${where}: coordinates of a ${g.type} must be arrays of positions`,
    );
  }
  for (const line of lines)
    line.forEach((p, i) => {
      checkPosition(p, where, i);
    });
  if (lines.every((l) => l.length < 2)) {
    log.add('too-few-nodes', 'line with fewer than two positions: skipped', where);
    return null;
  }
  return lines;
}

// In degrees, before rounding to E7: the length a cost function receives is the feature's own.
function linesLengthM(lines: Position[][]): number {
  let lengthM = 0;
  for (const line of lines)
    for (let i = 1; i < line.length; i++)
      lengthM += haversineM(line[i - 1][0], line[i - 1][1], line[i][0], line[i][1]);
  return lengthM;
}

// A bridge or a tunnel (`bridge=*` / `tunnel=*` other than `no`): not on the ground.
function isStructure(props: Record<string, unknown>): boolean {
  const on = (v: unknown) => v !== undefined && v !== null && v !== 'no' && v !== false;
  return on(props.bridge) || on(props.tunnel);
}

// The profile's OSM tag rules, reading the properties as tags.
function rulePaces(
  props: Record<string, unknown>,
  profile: SpeedProfile,
  lengthM: number,
  where: string,
  log: WarningLog,
): RoadPaces | null {
  const verdict = evaluateWay(tagsOf(props), profile);
  if (!logVerdict(verdict, log, where)) return null;
  const [forwardPace, backwardPace] = wayPaces(verdict, lengthM);
  return { className: verdict.cls, forwardPace, backwardPace };
}

function featuresOf(input: unknown): unknown[] {
  if (!input || typeof input !== 'object') {
    throw new InputError(
      'invalid-geojson',
      `expected a GeoJSON FeatureCollection, got ${input === null ? 'null' : typeof input}`,
    );
  }
  const o = input as { type?: unknown; features?: unknown };
  if (o.type === 'Feature') return [o];
  if (o.type !== 'FeatureCollection' || !Array.isArray(o.features)) {
    throw new InputError(
      'invalid-geojson',
      `expected a GeoJSON FeatureCollection, got type ${JSON.stringify(o.type)}`,
    );
  }
  return o.features;
}

function featureName(f: unknown, index: number): string {
  const id =
    f && typeof f === 'object' ? ((f as Feature).id ?? (f as Feature).properties?.id) : undefined;
  return id === undefined || id === null
    ? `feature #${index}`
    : `feature #${index} (id ${JSON.stringify(id)})`;
}

/** Validate one position of a road line, naming the feature and the position's index. */
function checkPosition(p: unknown, where: string, i: number): void {
  if (!Array.isArray(p) || p.length < 2) {
    throw new InputError(
      'invalid-coordinate',
      `${where}, position ${i}: expected [lon, lat], got ${JSON.stringify(p)}`,
    );
  }
  if (typeof p[0] !== 'number' || typeof p[1] !== 'number') {
    throw new InputError(
      'invalid-coordinate',
      `${where}, position ${i}: coordinates must be finite numbers, got ${JSON.stringify(p)}`,
    );
  }
  checkLonLat(p[0], p[1], `${where}, position ${i}`, `${where}，第 ${i + 1} 个坐标点`);
}

function tagsOf(props: Record<string, unknown>): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const k in props) {
    const v = props[k];
    if (typeof v === 'string') tags[k] = v;
    else if (typeof v === 'number') tags[k] = String(v);
    else if (typeof v === 'boolean') tags[k] = v ? 'yes' : 'no';
  }
  return tags;
}
