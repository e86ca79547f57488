import { InputError } from '../errors';
import { distanceNetwork } from '../network/distance-network';
import type { RoadNetwork } from '../network/road-network';
import { nearestFacilities, SERVICE_STATUS } from '../search/nearest-facilities';
import { placePoints } from '../search/placed-points';
import type { Direction } from '../search/search-engine';
import { type IndexedPoint, pointCoords } from '../points/indexed-point';
import { DEFAULT_MAX_SNAP_DISTANCE_M, SNAP_KEYS, type SnapOptions } from '../spatial/snap';
import { type CoverageSummary, summarizeCoverage } from './coverage-summary';
import { facilityCategories } from '../points/facility-categories';
import { defineStandard, type ServiceStandard, standardById } from './standards';
import { villagePopulation } from '../points/village-population';
import { checkNetwork, checkObjectArray, optionsObject } from '../geo/check-args';
import type { OptionKeys } from '../geo/option-keys';

/** Where a village stands against a standard. */
export type CoverageStatus = 'covered' | 'outside' | 'unreachable' | 'off-network';

/**
 * Options of `coverage`: a standard (preset id or object), or thresholds and categories. Every
 * threshold names its unit: `thresholdsMinutes` (travel time) or `thresholdsMeters` (distance along
 * the network), never both.
 */
export interface CoverageOptions extends SnapOptions {
  /** A preset id (`STANDARDS`) or a standard; the network must be built with its profile. */
  standard?: ServiceStandard | string;
  /**
   * Thresholds in minutes of travel, summarised together. With a time standard they are reported
   * besides its own; without a standard the first sets every village's status.
   */
  thresholdsMinutes?: number[];
  /**
   * Thresholds in metres along the network, as `thresholdsMinutes` for distance standards (the
   * 5 km culture circle); without a standard they make the run measure network distance.
   */
  thresholdsMeters?: number[];
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

/** The keys of `CoverageOptions`, for the unknown-key check. */
export const COVERAGE_KEYS = {
  standard: true,
  thresholdsMinutes: true,
  thresholdsMeters: true,
  categories: true,
  require: true,
  populationField: true,
  defaultPopulation: true,
  groupBy: true,
  direction: true,
  ...SNAP_KEYS,
} satisfies OptionKeys<CoverageOptions>;

/** The facility of one required kind nearest a village. */
export interface NearestOfKind {
  category: string;
  facility: string | number | null;
  /** Travel time to it; `Infinity` when none is reached; `null` for distance standards. */
  minutes: number | null;
  /** Network length of that path (time standards) or the network distance (distance standards). */
  meters: number;
}

/** One village's row. Time standards fill `minutes` and `meters`; distance standards `meters` only. */
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
  /**
   * Travel time to `facility`, off-road legs included; `Infinity` when none is reached; `null`
   * for distance standards, whose search does not measure time.
   */
  minutes: number | null;
  /**
   * Metres along the network to `facility`: the length of the fastest path (time standards) or
   * the shortest network distance (distance standards); `Infinity` when none is reached.
   */
  meters: number;
  /** The facility that sets `minutes`/`meters` (for `all`, the farthest of the required kinds), or null. */
  facility: string | number | null;
  /** Smallest of `thresholdsMinutes` the village is within, or null (always null for distance standards). */
  withinMinutes: number | null;
  /** Smallest of `thresholdsMeters` the village is within, or null (always null for time standards). */
  withinMeters: number | null;
  /** Metres from the village to the road it was snapped to. */
  snapDistanceM: number;
  /** Nearest facility per required category (`all` standards), else one entry for the whole set. */
  nearest: NearestOfKind[];
}

export interface CoverageResult {
  standard: ServiceStandard;
  /** Every threshold summarised, ascending, in minutes; `null` for distance standards. */
  thresholdsMinutes: number[] | null;
  /** Every threshold summarised, ascending, in metres; `null` for time standards. */
  thresholdsMeters: number[] | null;
  villages: VillageCoverage[];
  summary: CoverageSummary;
  /** Problems with the input that did not stop the analysis (e.g. no facility of a category). */
  warnings: string[];
  /**
   * Facilities of each kind the run searched from, in the order of the rows' `nearest` (kind
   * `any facility` when the standard names none): 0 means none in the input.
   */
  facilitiesByKind: { category: string; facilities: number }[];
}

/**
 * Which villages are inside a service circle: for every village the nearest facility of each
 * required kind over the road network (one multi-source search per kind), its travel time and
 * path length (time standards) or network distance (distance standards), and a status with its
 * reason — `covered`, `outside` (beyond the threshold), `unreachable` (no path: another
 * component, a one-way trap, no facility of that kind) or `off-network` (farther than the snap
 * distance from every road). No village is left out. Facilities anywhere on the network count,
 * including outside the study area. Summaries give villages and population within each threshold,
 * overall and per group, with population-weighted mean and 90th percentile; villages without
 * population are counted apart, never as 0.
 *
 * @param net - The road network, built with the standard's profile.
 * @param villages - The villages; `properties` carry population and the `groupBy` field.
 * @param facilities - The facilities; their categories come from `category` or OSM tags.
 * @param options - A standard, or `thresholdsMinutes` / `thresholdsMeters` with categories; grouping, population, direction, snap distance.
 * @returns One row per village (in input order), the summaries and the warnings.
 *
 * @example
 * const r = coverage(walkNet, villages, facilities, { standard: 'elderly-care-15min', groupBy: 'township' });
 * r.summary.all.thresholds[0].shareOfPopulationWithin; // e.g. 0.62
 * r.villages.filter((v) => v.status !== 'covered');   // who is outside, and why
 * r.villages[0].minutes; r.villages[0].meters;        // e.g. 11.4 min along an 890 m path
 * coverage(carNet, villages, clinics, { thresholdsMinutes: [30, 60], categories: ['health'] });
 */
export function coverage(
  net: RoadNetwork,
  villages: readonly IndexedPoint[],
  facilities: readonly IndexedPoint[],
  options: CoverageOptions = {},
): CoverageResult {
  checkRetiredCoverageOptions(options);
  options = optionsObject(options, 'coverage', COVERAGE_KEYS);
  checkNetwork(net, 'coverage');
  checkObjectArray(villages, 'coverage: villages');
  checkObjectArray(facilities, 'coverage: facilities');
  const standard = resolveStandard(options, net.meta.profile);
  const warnings: string[] = [];
  if (standard.profile !== net.meta.profile) {
    throw new InputError(
      'profile-mismatch',
      `standard "${standard.id}" is measured with the ${standard.profile} profile, but the network was built with "${net.meta.profile}"`,
    );
  }
  // One measure per run: the standard's. Minutes search the time network, metres its distance twin.
  const timed = standard.thresholdMinutes !== undefined;
  const primary = timed ? standard.thresholdMinutes : (standard.thresholdMeters as number);
  const extra = timed ? options.thresholdsMinutes : options.thresholdsMeters;
  const thresholds = [...new Set([primary, ...(extra ?? [])])].sort((a, b) => a - b);
  for (const t of thresholds)
    if (!(t > 0 && Number.isFinite(t)))
      throw new InputError(
        'invalid-option',
        `${timed ? 'thresholdsMinutes' : 'thresholdsMeters'} must be numbers > 0, got ${t}`,
      );
  const toCost = timed ? 60 : 1; // threshold unit → search cost unit (seconds or metres)
  const searchNet = timed ? net : distanceNetwork(net);
  const direction = options.direction ?? 'to';

  // One facility set per required kind ('all'), or one set of every listed kind ('any').
  const cats = facilities.map(facilityCategories);
  const sets: { category: string; members: number[] }[] = [];
  const wanted = standard.categories;
  if (wanted.length === 0) sets.push({ category: ANY, members: facilities.map((_, i) => i) });
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
  // Checked before any search: a standard needing several kinds, given facilities of only some
  // (clinics for a health-and-education circle), would otherwise find every village unreachable.
  const absent = sets.filter((s) => s.members.length === 0).map((s) => s.category);
  if (sets.length > 1 && absent.length > 0)
    warnings.push(
      `standard "${standard.id}" requires each of ${wanted.join(', ')}, but the input has no ${absent.join(' and no ')} facility: every village counts as unreachable (${absent.length === 1 ? 'that kind is' : 'those kinds are'} missing, not far away); give facilities of every required kind, or use a standard or categories of the kinds you have`,
    );
  else
    for (const c of absent)
      warnings.push(`${noFacility(c)} in the input: every village counts as unreachable for it`);

  // Snapped once, searched once per facility set.
  const placed = placePoints(searchNet, pointCoords(villages), {
    maxSnapDistanceM: options.maxSnapDistanceM,
  });
  const runs = sets.map((s) => {
    return nearestFacilities(searchNet, placed, pointCoords(s.members.map((f) => facilities[f])), {
      k: 1,
      direction,
      maxSeconds: primary * toCost,
      maxSnapDistanceM: options.maxSnapDistanceM,
    });
  });
  const maxSnap = options.maxSnapDistanceM ?? DEFAULT_MAX_SNAP_DISTANCE_M;
  const fmt = (x: number) => (timed ? `${round1(x)} min` : `${Math.round(x)} m`);
  // The standard's own measure of a row or a nearest entry: what thresholds and statuses compare.
  const measure = (x: { minutes: number | null; meters: number }) =>
    timed ? (x.minutes as number) : x.meters;

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
    const nearest = sets.map((s, j): NearestOfKind => {
      const r = runs[j];
      const f = r.facility[i];
      return {
        category: s.category,
        facility: f >= 0 ? (facilities[s.members[f]].id ?? s.members[f]) : null,
        // On the distance network the search's "seconds" are metres.
        minutes: timed ? (f >= 0 ? r.timeS[i] / 60 : Infinity) : null,
        meters: f >= 0 ? (timed ? r.distanceM[i] : r.timeS[i]) : Infinity,
      };
    });
    // The off-road leg of the road the village entered by (its main-network road when the
    // nearest was an island or slower).
    const snap = runs.length ? runs[0].villages.snap : null;
    const snapDistanceM = !snap
      ? Infinity
      : runs[0].entry[i]
        ? snap.main.distanceM[i]
        : snap.distanceM[i];
    const row: VillageCoverage = {
      index: i,
      id,
      lon: v.lon,
      lat: v.lat,
      population,
      group,
      status: 'covered',
      reason: '',
      minutes: timed ? Infinity : null,
      meters: Infinity,
      facility: null,
      withinMinutes: null,
      withinMeters: null,
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
            ? `${noFacility(x.category)} in the input`
            : `no road path to ${x.category === ANY ? 'any facility' : `any ${x.category} facility`} (another network component or one-way roads)`,
        )
        .join('; ');
      return row;
    }
    const worst = nearest.reduce((a, b) => (measure(b) > measure(a) ? b : a));
    const value = measure(worst);
    row.minutes = worst.minutes;
    row.meters = worst.meters;
    row.facility = worst.facility;
    const within = thresholds.find((t) => value <= t) ?? null;
    if (timed) row.withinMinutes = within;
    else row.withinMeters = within;
    const what = sets.length > 1 ? `${worst.category} facility` : 'nearest facility';
    if (value <= primary) {
      row.status = 'covered';
      row.reason = `${what} ${worst.facility} at ${fmt(value)}`;
    } else {
      row.status = 'outside';
      row.reason = `${what} ${worst.facility} at ${fmt(value)}, beyond ${fmt(primary)}`;
    }
    return row;
  });
  const limits = timed ? { thresholdsMinutes: thresholds } : { thresholdsMeters: thresholds };
  const summary = summarizeCoverage(
    rows,
    limits,
    options.groupBy !== undefined,
    sets.map((s) => s.members.length),
  );
  return {
    standard,
    thresholdsMinutes: timed ? thresholds : null,
    thresholdsMeters: timed ? null : thresholds,
    villages: rows,
    summary,
    warnings,
    facilitiesByKind: sets.map((x) => ({ category: x.category, facilities: x.members.length })),
  };
}

/**
 * Throws `InputError` `invalid-option` for the options written before thresholds were named by
 * unit (`thresholds`, `metric`), saying what replaced them: run before the unknown-key check,
 * which would call them merely unknown (and suggest `thresholdsMeters` for minutes). For every
 * function taking `CoverageOptions` (`coverage`, `whatIf`, `WhatIfSession`).
 *
 * @param o - The caller's options, not yet checked.
 * @example
 * checkRetiredCoverageOptions(options);
 * options = optionsObject(options, 'whatIf', COVERAGE_KEYS);
 */
export function checkRetiredCoverageOptions(o: unknown): void {
  if (!o || typeof o !== 'object') return;
  const legacy = ['thresholds', 'metric'].filter(
    (k) => (o as Record<string, unknown>)[k] !== undefined,
  );
  if (legacy.length)
    throw new InputError(
      'invalid-option',
      `coverage option ${legacy.join(' and ')} ${legacy.length > 1 ? 'are' : 'is'} no longer read; give thresholdsMinutes (travel time) or thresholdsMeters (distance along the network)`,
    );
}

function resolveStandard(o: CoverageOptions, profile: string): ServiceStandard {
  const minutes = o.thresholdsMinutes;
  const meters = o.thresholdsMeters;
  if (minutes !== undefined && meters !== undefined)
    throw new InputError(
      'invalid-option',
      `give thresholdsMinutes or thresholdsMeters, not both (got [${minutes.join(', ')}] min and [${meters.join(', ')}] m)`,
    );
  if (o.standard !== undefined) {
    if (o.categories !== undefined || o.require !== undefined) {
      throw new InputError(
        'invalid-option',
        'give either a standard or categories/require, not both',
      );
    }
    const standard =
      typeof o.standard === 'string' ? standardById(o.standard) : defineStandard(o.standard);
    if (standard.thresholdMinutes !== undefined && meters !== undefined)
      throw new InputError(
        'invalid-option',
        `standard "${standard.id}" is measured in minutes (${standard.thresholdMinutes} min); give extra thresholds as thresholdsMinutes, not thresholdsMeters`,
      );
    if (standard.thresholdMeters !== undefined && minutes !== undefined)
      throw new InputError(
        'invalid-option',
        `standard "${standard.id}" is measured in metres along the network (${standard.thresholdMeters} m); give extra thresholds as thresholdsMeters, not thresholdsMinutes`,
      );
    return standard;
  }
  const first = minutes?.[0] ?? meters?.[0];
  if (first === undefined)
    throw new InputError(
      'invalid-option',
      'coverage needs a standard or at least one threshold (thresholdsMinutes or thresholdsMeters)',
    );
  const common = {
    id: 'custom',
    profile, // the caller's network decides
    categories: o.categories ?? [],
    require: o.require ?? 'any',
    source: 'user-defined thresholds',
  };
  const zh = (title: string) => ({ title, source: '用户设定的阈值' });
  return minutes !== undefined
    ? defineStandard({
        ...common,
        title: `within ${first} min`,
        thresholdMinutes: first,
        zh: zh(`${first} 分钟以内`),
      })
    : defineStandard({
        ...common,
        title: `within ${first} m`,
        thresholdMeters: first,
        zh: zh(`${first} 米以内`),
      });
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

// The facility set of a standard without categories; messages must not say "no any facility facility".
const ANY = 'any facility';
const noFacility = (category: string) =>
  category === ANY ? 'no facility' : `no ${category} facility`;
