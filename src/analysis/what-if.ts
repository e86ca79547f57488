import { InputError } from '../errors';
import type { RoadNetwork } from '../network/road-network';
import type { IndexedPoint } from '../points/indexed-point';
import {
  type CoverageOptions,
  type CoverageResult,
  type CoverageStatus,
  coverage,
} from './coverage';

/** A village whose status or value changes. */
export interface VillageChange {
  index: number;
  id: string | number;
  population: number | null;
  before: { status: CoverageStatus; value: number; facility: string | number | null };
  after: { status: CoverageStatus; value: number; facility: string | number | null };
}

/** Result of `whatIf`. */
export interface WhatIfResult {
  before: CoverageResult;
  after: CoverageResult;
  /** Villages whose status, value or serving facility changes, most affected (largest change) first. */
  changed: VillageChange[];
}

/**
 * The effect on coverage of closing some facilities and opening others, in one call: coverage
 * before and after with the same standard and options, and every village that changes.
 * `close` names facilities by id (or index when they have none); `open` adds new ones.
 *
 * @example
 * const r = whatIf(net, villages, clinics, { close: ['F0012'], open: [{ lon: 100.31, lat: 25.2, id: 'new', category: 'health' }] }, { standard: 'rural-basic-90min' });
 * r.after.summary.all.status.outside.population - r.before.summary.all.status.outside.population;
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
  const changed: VillageChange[] = [];
  for (let i = 0; i < villages.length; i++) {
    const a = before.villages[i];
    const b = after.villages[i];
    if (a.status === b.status && a.value === b.value && a.facility === b.facility) continue;
    changed.push({
      index: i,
      id: a.id,
      population: a.population,
      before: { status: a.status, value: a.value, facility: a.facility },
      after: { status: b.status, value: b.value, facility: b.facility },
    });
  }
  const delta = (c: VillageChange) =>
    c.after.value === c.before.value
      ? 0
      : Math.abs(
          (Number.isFinite(c.after.value) ? c.after.value : 1e12) -
            (Number.isFinite(c.before.value) ? c.before.value : 1e12),
        );
  changed.sort((x, y) => delta(y) - delta(x) || x.index - y.index);
  return { before, after, changed };
}
