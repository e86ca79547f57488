import { InputError } from '../errors';
import { distanceNetwork } from '../network/distance-network';
import type { RoadNetwork } from '../network/road-network';
import { nearestFacilities, SERVICE_STATUS } from '../search/nearest-facilities';
import { placePoints } from '../search/placed-points';
import type { Direction } from '../search/search-engine';
import { type IndexedPoint, pointCoords } from '../points/indexed-point';
import { DEFAULT_MAX_SNAP_DISTANCE_M, type SnapOptions } from '../spatial/snap';
import { type CoverageSummary, summarizeCoverage } from './coverage-summary';
import { facilityCategories } from '../points/facility-categories';
import { defineStandard, type ServiceStandard, standardById } from './standards';
import { villagePopulation } from '../points/village-population';

/** Where a village stands against a standard. */
export type CoverageStatus = 'covered' | 'outside' | 'unreachable' | 'off-network';

/** Options of `coverage`: a standard (preset id or object), or thresholds and categories. */
export interface CoverageOptions extends SnapOptions {
  /** A preset id (`STANDARDS`) or a standard; the network must be built with its profile. */
  standard?: ServiceStandard | string;
  /**
   * Thresholds in minutes (metres with `metric: 'distance'`), summarised together. Statuses refer
   * to the standard's threshold, or without a standard to the first of these.
   */
  thresholds?: number[];
  /** Without a standard: `time` (default) or `distance`. */
  metric?: 'time' | 'distance';
  /** Without a standard: facility categories that count (default: every facility). */
  categories?: string[];
  /** Without a standard: `any` (default) or `all` of `categories` within the threshold. */
  require?: 'all' | 'any';
  /** Village property with the population (default `population`). */
  populationField?: string;
  /** Population for villages that have none; without it they count as "population unknown". */
  defaultPopulation?: number;
  /** Village property to summarise by (`township`, `district`, `urban`…). */
  groupBy?: string;
  /** `to` (default): village → facility, what residents travel; `from`: facility → village (outreach). */
  direction?: Direction;
}

/** One village's row. `value` is minutes (time) or metres (distance); `Infinity` when none. */
export interface VillageCoverage {
  index: number;
  id: string | number;
  lon: number;
  lat: number;
  population: number | null;
  group: string | null;
  status: CoverageStatus;
  /** Why, in words: the facility and its time, or what stops the village from being served. */
  reason: string;
  value: number;
  /** The facility that sets `value` (for `all`, the farthest of the required kinds), or null. */
  facility: string | number | null;
  /** Smallest threshold the village is within, or null. */
  within: number | null;
  /** Metres from the village to the road it was snapped to. */
  snapDistanceM: number;
  /** Nearest facility per required category (`all` standards), else one entry for the whole set. */
  nearest: { category: string; facility: string | number | null; value: number }[];
}

export interface CoverageResult {
  standard: ServiceStandard;
  unit: 'min' | 'm';
  thresholds: number[];
  villages: VillageCoverage[];
  summary: CoverageSummary;
  /** Problems with the input that did not stop the analysis (e.g. no facility of a category). */
  warnings: string[];
}

/**
 * Which villages are inside a service circle: for every village the nearest facility of each
 * required kind over the road network (one multi-source search per kind), its travel time or
 * network distance, and a status with its reason — `covered`, `outside` (beyond the threshold),
 * `unreachable` (no path: another component, a one-way trap, no facility of that kind) or
 * `off-network` (farther than the snap distance from every road). No village is left out.
 * Facilities anywhere on the network count, including outside the study area. Summaries give
 * villages and population within each threshold, overall and per group, with population-weighted
 * mean and 90th percentile; villages without population are counted apart, never as 0.
 *
 * @example
 * const r = coverage(walkNet, villages, facilities, { standard: 'elderly-care-15min', groupBy: 'township' });
 * r.summary.all.thresholds[0].shareOfPopulationWithin; // e.g. 0.62
 * r.villages.filter((v) => v.status !== 'covered');   // who is outside, and why
 */
export function coverage(
  net: RoadNetwork,
  villages: readonly IndexedPoint[],
  facilities: readonly IndexedPoint[],
  options: CoverageOptions = {},
): CoverageResult {
  const standard = resolveStandard(options, net.meta.profile);
  const warnings: string[] = [];
  if (standard.profile !== net.meta.profile) {
    throw new InputError(
      'profile-mismatch',
      `standard "${standard.id}" is measured with the ${standard.profile} profile, but the network was built with "${net.meta.profile}"`,
    );
  }
  const thresholds = [...new Set([standard.threshold, ...(options.thresholds ?? [])])].sort(
    (a, b) => a - b,
  );
  for (const t of thresholds)
    if (!(t > 0 && Number.isFinite(t)))
      throw new InputError('invalid-option', `thresholds must be numbers > 0, got ${t}`);
  const unit = standard.metric === 'time' ? 'min' : 'm';
  const toCost = unit === 'min' ? 60 : 1; // threshold unit → search cost unit (seconds or metres)
  const searchNet = standard.metric === 'time' ? net : distanceNetwork(net);
  const direction = options.direction ?? 'to';

  // One facility set per required kind ('all'), or one set of every listed kind ('any').
  const cats = facilities.map(facilityCategories);
  const sets: { category: string; members: number[] }[] = [];
  const wanted = standard.categories;
  if (wanted.length === 0)
    sets.push({ category: 'any facility', members: facilities.map((_, i) => i) });
  else if (standard.require === 'any')
    sets.push({
      category: wanted.join(' or '),
      members: facilities.map((_, i) => i).filter((i) => cats[i].some((c) => wanted.includes(c))),
    });
  else
    for (const c of wanted)
      sets.push({
        category: c,
        members: facilities.map((_, i) => i).filter((i) => cats[i].includes(c)),
      });
  for (const s of sets)
    if (s.members.length === 0)
      warnings.push(
        `no ${s.category} facility in the input: every village counts as unreachable for it`,
      );

  // Snapped once, searched once per facility set.
  const placed = placePoints(searchNet, pointCoords(villages), {
    maxSnapDistanceM: options.maxSnapDistanceM,
  });
  const runs = sets.map((s) => {
    return nearestFacilities(searchNet, placed, pointCoords(s.members.map((f) => facilities[f])), {
      k: 1,
      direction,
      maxSeconds: standard.threshold * toCost,
      maxSnapDistanceM: options.maxSnapDistanceM,
    });
  });
  const maxSnap = options.maxSnapDistanceM ?? DEFAULT_MAX_SNAP_DISTANCE_M;
  const primary = standard.threshold;
  const fmt = (x: number) => (unit === 'min' ? `${round1(x)} min` : `${Math.round(x)} m`);

  const rows: VillageCoverage[] = villages.map((v, i) => {
    const id = v.id ?? i;
    const population = villagePopulation(
      v,
      i,
      options.populationField ?? 'population',
      options.defaultPopulation,
    );
    const groupValue = options.groupBy ? v.properties?.[options.groupBy] : undefined;
    const group = options.groupBy
      ? groupValue === undefined || groupValue === null || groupValue === ''
        ? '(none)'
        : String(groupValue)
      : null;
    const nearest = sets.map((s, j) => {
      const r = runs[j];
      const f = r.facility[i];
      return {
        category: s.category,
        facility: f >= 0 ? (facilities[s.members[f]].id ?? s.members[f]) : null,
        value: f >= 0 ? r.timeS[i] / toCost : Infinity,
      };
    });
    const snapDistanceM = runs.length ? runs[0].villages.snap.distanceM[i] : Infinity;
    const row: VillageCoverage = {
      index: i,
      id,
      lon: v.lon,
      lat: v.lat,
      population,
      group,
      status: 'covered',
      reason: '',
      value: Infinity,
      facility: null,
      within: null,
      snapDistanceM,
      nearest,
    };
    const offNetwork = runs.some((r) => SERVICE_STATUS[r.status[i]] === 'off-network');
    if (offNetwork) {
      row.status = 'off-network';
      row.reason = `${Math.round(snapDistanceM)} m from the nearest road, beyond the ${maxSnap} m snap distance`;
      return row;
    }
    const missing = nearest.filter((x) => x.facility === null);
    if (missing.length) {
      row.status = 'unreachable';
      row.reason = missing
        .map((x) =>
          sets.find((s) => s.category === x.category)!.members.length === 0
            ? `no ${x.category} facility in the input`
            : `no road path to any ${x.category} facility (another network component or one-way roads)`,
        )
        .join('; ');
      return row;
    }
    const worst = nearest.reduce((a, b) => (b.value > a.value ? b : a));
    row.value = worst.value;
    row.facility = worst.facility;
    row.within = thresholds.find((t) => worst.value <= t) ?? null;
    const what = sets.length > 1 ? `${worst.category} facility` : 'nearest facility';
    if (worst.value <= primary) {
      row.status = 'covered';
      row.reason = `${what} ${worst.facility} at ${fmt(worst.value)}`;
    } else {
      row.status = 'outside';
      row.reason = `${what} ${worst.facility} at ${fmt(worst.value)}, beyond ${fmt(primary)}`;
    }
    return row;
  });
  const summary = summarizeCoverage(rows, thresholds, options.groupBy !== undefined);
  return { standard, unit, thresholds, villages: rows, summary, warnings };
}

function resolveStandard(o: CoverageOptions, profile: string): ServiceStandard {
  if (o.standard !== undefined) {
    if (o.metric !== undefined || o.categories !== undefined || o.require !== undefined) {
      throw new InputError(
        'invalid-option',
        'give either a standard or metric/categories/require, not both',
      );
    }
    return typeof o.standard === 'string' ? standardById(o.standard) : defineStandard(o.standard);
  }
  if (!o.thresholds || o.thresholds.length === 0)
    throw new InputError('invalid-option', 'coverage needs a standard or at least one threshold');
  return defineStandard({
    id: 'custom',
    title: `within ${o.thresholds[0]} ${o.metric === 'distance' ? 'm' : 'min'}`,
    profile, // the caller's network decides
    metric: o.metric ?? 'time',
    threshold: o.thresholds[0],
    categories: o.categories ?? [],
    require: o.require ?? 'any',
    source: 'user-defined thresholds',
  });
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
