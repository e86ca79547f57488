import type { Feature, Geometry, LineString, MultiLineString, Position } from 'geojson';
import { InputError } from '../errors';
import { haversineM } from '../geo/distance';
import { checkLonLat } from '../geo/check-lon-lat';
import { E7 } from '../geo/fixed';
import { Int32PairMap } from './int32-pair-map';
import type { SpeedProfile } from './profile';
import { evaluateWay, logVerdict, wayPaces } from './way-rules';
import type { WarningLog } from './warnings';
import { ClassTable, type WayTable } from './way-table';

/** A road feature as the cost function sees it. */
export type RoadFeature = Feature<LineString | MultiLineString>;

/**
 * Seconds to travel a whole road feature: one number for both directions, or per direction along
 * (`forward`) and against (`backward`) its coordinate order; `Infinity` or `null` closes a
 * direction, `null` for the whole result leaves the feature out (counted as `cost-excluded`).
 */
export type RoadCost = (
  feature: RoadFeature,
  lengthM: number,
  index: number,
) => number | { forward: number | null; backward: number | null } | null;

/**
 * Read a GeoJSON FeatureCollection of LineString / MultiLineString roads into a `WayTable`.
 * Topology comes from shared coordinates: positions equal after rounding to 1e-7 degree (≈1 cm)
 * are one vertex, and a vertex shared by two lines is a junction, wherever it lies on them.
 */
export function geoJsonWayTable(
  input: unknown,
  profile: SpeedProfile,
  cost: RoadCost | undefined,
  log: WarningLog,
): { table: WayTable; inputWays: number; usedWays: number } {
  const features = featuresOf(input);
  const vertices = new Int32PairMap(1024);
  const start: number[] = [0];
  const refs: number[] = [];
  const fwd: number[] = [];
  const bwd: number[] = [];
  const cls: number[] = [];
  const src: number[] = [];
  const classes = new ClassTable();
  let used = 0;

  features.forEach((f, index) => {
    const where = featureName(f, index);
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
      return;
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
    let lengthM = 0;
    for (const line of lines)
      for (let i = 1; i < line.length; i++)
        lengthM += haversineM(line[i - 1][0], line[i - 1][1], line[i][0], line[i][1]);
    if (lines.every((l) => l.length < 2)) {
      log.add('too-few-nodes', 'line with fewer than two positions: skipped', where);
      return;
    }

    let forwardPace: number;
    let backwardPace: number;
    let className: string;
    const props = (f as Feature).properties ?? {};
    if (cost) {
      const c = cost(f as RoadFeature, lengthM, index);
      if (c === null) {
        log.add('cost-excluded', 'cost function returned null: feature skipped', where);
        return;
      }
      const [a, b] =
        typeof c === 'number' ? [c, c] : [c.forward ?? Infinity, c.backward ?? Infinity];
      for (const [dir, s] of [
        ['forward', a],
        ['backward', b],
      ] as const) {
        if (typeof s !== 'number' || Number.isNaN(s) || s < 0) {
          throw new InputError(
            'invalid-cost',
            `cost function returned ${String(s)} seconds (${dir}) for ${where}: expected a number ≥ 0, Infinity or null`,
          );
        }
      }
      if (a === Infinity && b === Infinity) {
        log.add('cost-excluded', 'cost function closed both directions: feature skipped', where);
        return;
      }
      forwardPace = a === Infinity ? Infinity : lengthM > 0 ? a / lengthM : 0;
      backwardPace = b === Infinity ? Infinity : lengthM > 0 ? b / lengthM : 0;
      className = typeof props.highway === 'string' ? props.highway : 'road';
    } else {
      const verdict = evaluateWay(tagsOf(props), profile);
      if (!logVerdict(verdict, log, where)) return;
      className = verdict.cls;
      [forwardPace, backwardPace] = wayPaces(verdict, lengthM);
    }
    const c = classes.id(className, where);
    used++;
    for (const line of lines) {
      for (const p of line)
        refs.push(vertices.getOrAdd(Math.round(p[0] * E7), Math.round(p[1] * E7)));
      start.push(refs.length);
      fwd.push(forwardPace);
      bwd.push(backwardPace);
      cls.push(c);
      src.push(index);
    }
  });

  return {
    table: {
      coords: vertices.keyArray(),
      start: Uint32Array.from(start),
      refs: Int32Array.from(refs),
      forwardPace: Float64Array.from(fwd),
      backwardPace: Float64Array.from(bwd),
      cls: Uint8Array.from(cls),
      classNames: classes.names(),
      sourceId: Float64Array.from(src),
    },
    inputWays: features.length,
    usedWays: used,
  };
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
  checkLonLat(p[0], p[1], `${where}, position ${i}`);
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
