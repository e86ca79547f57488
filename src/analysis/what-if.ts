import { InputError } from '../errors';
import type { RoadNetwork } from '../network/road-network';
import type { IndexedPoint } from '../points/indexed-point';
import {
  type CoverageOptions,
  type CoverageResult,
  type CoverageStatus,
  coverage,
  type VillageCoverage,
} from './coverage';

/** Where a village stands before or after the change. */
export interface VillageState {
  status: CoverageStatus;
  /** Travel time to its facility; `Infinity` when none; `null` for distance standards. */
  minutes: number | null;
  /** Metres along the network to its facility; `Infinity` when none. */
  meters: number;
  facility: string | number | null;
}

/** A village whose status, travel time or distance (the standard's measure) or facility changes. */
export interface VillageChange {
  index: number;
  id: string | number;
  population: number | null;
  before: VillageState;
  after: VillageState;
}

/** Result of `whatIf`. */
export interface WhatIfResult {
  before: CoverageResult;
  after: CoverageResult;
  /** Villages whose status, measure or serving facility changes, most affected (largest change) first. */
  changed: VillageChange[];
}

/**
 * The effect on coverage of closing some facilities and opening others, in one call: coverage
 * before and after with the same standard and options, and every village that changes.
 * `close` names facilities by id (or index when they have none); `open` adds new ones. A change
 * is one of status, facility, or the standard's own measure (minutes for time standards, metres
 * for distance ones); changes are ordered by how much that measure moves.
 *
 * @param net - The road network, built with the standard's profile.
 * @param villages - The villages, as for `coverage`.
 * @param facilities - The facilities as they are today.
 * @param change - Facility ids (or indices) to close, and new facilities to open.
 * @param options - The `coverage` options both runs use.
 * @returns Both coverage runs and the villages that change.
 *
 * @example
 * const r = whatIf(net, villages, clinics, { close: ['F0012'], open: [{ lon: 100.31, lat: 25.2, id: 'new', category: 'health' }] }, { standard: 'rural-basic-90min' });
 * r.after.summary.all.status.outside.population - r.before.summary.all.status.outside.population;
 * r.changed[0].after.minutes - r.changed[0].before.minutes; // the largest change in travel time
 */
export function whatIf(
  net: RoadNetwork,
  villages: readonly IndexedPoint[],
  facilities: readonly IndexedPoint[],
  change: { close?: readonly (string | number)[]; open?: readonly IndexedPoint[] },
  options: CoverageOptions,
): WhatIfResult {
  const close = new Set(change.close ?? []);
  const key = (f: IndexedPoint, i: number) => f.id ?? i;
  for (const id of close)
    if (!facilities.some((f, i) => key(f, i) === id))
      throw new InputError(
        'unknown-facility',
        `cannot close facility ${JSON.stringify(id)}: no facility has that id`,
      );
  const kept = facilities.filter((f, i) => !close.has(key(f, i)));
  const before = coverage(net, villages, facilities, options);
  const after = coverage(net, villages, [...kept, ...(change.open ?? [])], options);
  // The standard's own measure: minutes for time standards, metres for distance ones.
  const timed = before.standard.thresholdMinutes !== undefined;
  const value = (s: VillageState) => (timed ? (s.minutes as number) : s.meters);
  const state = (v: VillageCoverage): VillageState => ({
    status: v.status,
    minutes: v.minutes,
    meters: v.meters,
    facility: v.facility,
  });
  const changed: VillageChange[] = [];
  for (let i = 0; i < villages.length; i++) {
    const a = state(before.villages[i]);
    const b = state(after.villages[i]);
    if (a.status === b.status && value(a) === value(b) && a.facility === b.facility) continue;
    changed.push({
      index: i,
      id: before.villages[i].id,
      population: before.villages[i].population,
      before: a,
      after: b,
    });
  }
  const delta = (c: VillageChange) =>
    value(c.after) === value(c.before)
      ? 0
      : Math.abs(
          (Number.isFinite(value(c.after)) ? value(c.after) : 1e12) -
            (Number.isFinite(value(c.before)) ? value(c.before) : 1e12),
        );
  changed.sort((x, y) => delta(y) - delta(x) || x.index - y.index);
  return { before, after, changed };
}
