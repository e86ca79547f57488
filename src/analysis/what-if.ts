import { checkNetwork, checkObject, checkObjectArray, optionsObject } from '../geo/check-args';
import { checkOptionKeys, type OptionKeys } from '../geo/option-keys';
import { InputError } from '../errors';
import { checkLonLat } from '../geo/check-lon-lat';
import { distanceNetwork } from '../network/distance-network';
import type { RoadNetwork } from '../network/road-network';
import { facilityCategories } from '../points/facility-categories';
import { type IndexedPoint, pointCoords } from '../points/indexed-point';
import { villagePopulation } from '../points/village-population';
import {
  LEG_STRIDE,
  newLegs,
  type PlacedPoints,
  placePoints,
  pointLegs,
  pointSeeds,
  pointsByEntryLink,
  type Seed,
  sameLinkWay,
} from '../search/placed-points';
import { type Direction, SearchEngine } from '../search/search-engine';
import type { SnapOptions } from '../spatial/snap';
import {
  COVERAGE_KEYS,
  checkRetiredCoverageOptions,
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

/** What `whatIf` changes: facilities to close (by id or index) and new ones to open. */
interface FacilityChange {
  close?: readonly (string | number)[];
  open?: readonly IndexedPoint[];
}
const CHANGE_KEYS = { close: true, open: true } satisfies OptionKeys<FacilityChange>;

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
  change: FacilityChange,
  options: CoverageOptions,
): WhatIfResult {
  checkNetwork(net, 'whatIf');
  checkObjectArray(villages, 'whatIf: villages');
  checkObjectArray(facilities, 'whatIf: facilities');
  checkObject(change, 'whatIf: change ({ close, open })');
  checkOptionKeys(change, CHANGE_KEYS, 'whatIf: change');
  checkRetiredCoverageOptions(options);
  options = optionsObject(options, 'whatIf', COVERAGE_KEYS);
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

/** Per-village status codes of a `WhatIfSession`: index into `WHAT_IF_STATUS`. */
export const WHAT_IF_STATUS = ['covered', 'not-covered', 'off-network'] as const;

/** Villages and population within one threshold, as `coverage`'s summary counts them. */
export interface WhatIfThreshold {
  /** The threshold in minutes (time standards) or null. */
  minutes: number | null;
  /** The threshold in metres along the network (distance standards) or null. */
  meters: number | null;
  within: { villages: number; population: number; populationUnknownVillages: number };
  /** Share of the known population within; null when no village has a population. */
  shareOfPopulationWithin: number | null;
}

/** What one add, move or close changed. */
export interface WhatIfUpdate {
  /** Villages whose status, measure or facility changed, ascending. */
  changed: Int32Array;
  /** The summary after the change. */
  thresholds: WhatIfThreshold[];
}

/**
 * Coverage kept up to date while facilities are added, moved and closed one at a time — the
 * interactive "what if" of a planning map. Villages are placed and facilities snapped once; per
 * village the session keeps its best facility of each required kind within the largest
 * threshold. A new or moved facility searches from its own place only (bounded by the largest
 * threshold) and takes the villages it now serves best; a closed or moved one hands its villages
 * to the others through one bounded multi-source search from their cached seeds, re-ranking only
 * those villages. After every change the per-village arrays and `thresholds()` equal what
 * `coverage` gives for `facilities()` (tested against full runs on random moves): status covered
 * or not, the standard's measure and facility for every village within the largest threshold.
 * Villages beyond it read `Infinity` and no facility (their exact time needs a full search:
 * `coverage`). Facilities are named by `id` (or their index in the initial list when they have
 * none); new ones need an id of their own.
 *
 * @example
 * const s = new WhatIfSession(net, villages, clinics, { standard: 'elderly-care-15min' });
 * s.move('F0012', 100.21, 25.19).thresholds[0].shareOfPopulationWithin;
 * s.add({ id: 'new', lon: 100.3, lat: 25.1, category: 'elderly-care' }).changed; // villages touched
 * s.close('F0003'); s.status[v]; // 0 covered, 1 not covered, 2 off-network (WHAT_IF_STATUS)
 */
export class WhatIfSession {
  /** Per village: index into `WHAT_IF_STATUS`. */
  readonly status: Uint8Array;
  /**
   * Per village: the standard's measure (minutes for time standards, metres for distance ones)
   * to its facility; `Infinity` beyond the largest threshold and off the network.
   */
  readonly value: Float64Array;
  /** Per village: metres along the network to its facility (time standards: the fastest path's). */
  readonly meters: Float64Array;
  /** The thresholds summarised, ascending, in the standard's unit. */
  readonly limits: readonly number[];
  /** The standard's unit: `minutes` or `meters`. */
  readonly unit: 'minutes' | 'meters';
  /** The standard's own threshold, in `unit`. */
  readonly primary: number;
  private readonly net: RoadNetwork;
  private readonly engine: SearchEngine;
  private readonly direction: Direction;
  private readonly snap: SnapOptions;
  private readonly toCost: number;
  private readonly places: PlacedPoints;
  private readonly population: (number | null)[];
  // Village legs (node, cost, metres) in pointLegs order, and the villages each node leads to.
  private readonly legStart: Int32Array;
  private readonly legNode: Int32Array;
  private readonly legCost: Float64Array;
  private readonly legMeters: Float64Array;
  private readonly nodeStart: Int32Array;
  private readonly nodeVillages: Int32Array;
  private readonly onLink: Map<number, number[]>;
  // Per link, the facility slots that enter the network by it (for travel along a shared link).
  private readonly facilitiesOnLink = new Map<number, Set<number>>();
  private readonly sets: readonly ((categories: string[]) => boolean)[];
  // Facility slots: a slot never changes, so its number is the facility's rank in `facilities()`.
  private readonly points: (IndexedPoint | null)[] = [];
  private readonly ids: (string | number)[] = [];
  private readonly member: boolean[][] = [];
  // Where each facility entered the network: its placed points and its index among them.
  private readonly placed: ({ p: PlacedPoints; i: number } | null)[] = [];
  private readonly seeds: Seed[][] = [];
  private readonly slotById = new Map<string | number, number>();
  // Per set × village: the best facility slot within the largest threshold, its cost and metres.
  private readonly bestSlot: Int32Array;
  private readonly bestCost: Float64Array;
  private readonly bestMeters: Float64Array;
  /** Per village: the facility slot that sets `value` (the farthest required kind), or -1. */
  private readonly worst: Int32Array;

  /**
   * Places the villages once and searches once per facility, bounded by the largest threshold.
   *
   * @param net - The road network, built with the standard's profile.
   * @param villages - The villages, as for `coverage`.
   * @param facilities - The facilities at the start.
   * @param options - The `coverage` options (standard or thresholds, direction, snap distance,
   *   population); `groupBy` is ignored.
   */
  constructor(
    net: RoadNetwork,
    villages: readonly IndexedPoint[],
    facilities: readonly IndexedPoint[],
    options: CoverageOptions,
  ) {
    checkRetiredCoverageOptions(options);
    options = optionsObject(options, 'WhatIfSession', COVERAGE_KEYS);
    // The empty run validates the options exactly as `coverage` does and resolves the standard.
    const shape = coverage(net, [], [], options);
    const standard = shape.standard;
    const timed = standard.thresholdMinutes !== undefined;
    this.unit = timed ? 'minutes' : 'meters';
    this.limits = (timed ? shape.thresholdsMinutes : shape.thresholdsMeters) as number[];
    this.toCost = timed ? 60 : 1;
    this.primary = (timed ? standard.thresholdMinutes : standard.thresholdMeters) as number;
    this.net = timed ? net : distanceNetwork(net);
    this.engine = new SearchEngine(this.net);
    this.direction = options.direction ?? 'to';
    this.snap = { maxSnapDistanceM: options.maxSnapDistanceM };
    const wanted = standard.categories;
    this.sets =
      wanted.length === 0
        ? [() => true]
        : standard.require === 'any'
          ? [(c) => c.some((x) => wanted.includes(x))]
          : wanted.map((w) => (c: string[]) => c.includes(w));
    const nv = villages.length;
    this.population = villages.map((v, i) =>
      villagePopulation(v, i, options.populationField ?? 'population', options.defaultPopulation),
    );
    this.places = placePoints(this.net, pointCoords(villages), this.snap);
    this.onLink = pointsByEntryLink(this.places);
    const legs = newLegs();
    this.legStart = new Int32Array(nv + 1);
    const node: number[] = [];
    const cost: number[] = [];
    const meters: number[] = [];
    for (let v = 0; v < nv; v++) {
      const n =
        this.places.snap.link[v] < 0
          ? 0
          : pointLegs(this.net, this.places, v, this.direction === 'to', legs);
      for (let e = 0; e < n; e++) {
        node.push(legs[LEG_STRIDE * e]);
        cost.push(legs[LEG_STRIDE * e + 1]);
        meters.push(legs[LEG_STRIDE * e + 2]);
      }
      this.legStart[v + 1] = node.length;
    }
    this.legNode = Int32Array.from(node);
    this.legCost = Float64Array.from(cost);
    this.legMeters = Float64Array.from(meters);
    // Counting sort of (node → village), each village once per node.
    this.nodeStart = new Int32Array(this.net.nodeCount + 1);
    const pairs: number[] = [];
    for (let v = 0; v < nv; v++)
      for (let e = this.legStart[v]; e < this.legStart[v + 1]; e++) {
        const x = this.legNode[e];
        let seen = false;
        for (let d = this.legStart[v]; d < e; d++) seen ||= this.legNode[d] === x;
        if (!seen) {
          this.nodeStart[x + 1]++;
          pairs.push(x, v);
        }
      }
    for (let x = 0; x < this.net.nodeCount; x++) this.nodeStart[x + 1] += this.nodeStart[x];
    this.nodeVillages = new Int32Array(pairs.length / 2);
    const fill = this.nodeStart.slice(0, this.net.nodeCount);
    for (let p = 0; p < pairs.length; p += 2) this.nodeVillages[fill[pairs[p]]++] = pairs[p + 1];

    const ns = this.sets.length;
    this.bestSlot = new Int32Array(ns * nv).fill(-1);
    this.bestCost = new Float64Array(ns * nv).fill(Infinity);
    this.bestMeters = new Float64Array(ns * nv).fill(Infinity);
    this.worst = new Int32Array(nv).fill(-1);
    this.status = new Uint8Array(nv).fill(1);
    this.value = new Float64Array(nv).fill(Infinity);
    this.meters = new Float64Array(nv).fill(Infinity);
    for (let v = 0; v < nv; v++) if (this.places.snap.link[v] < 0) this.status[v] = 2;
    const slots = facilities.map((f, i) => this.claim(f, f.id ?? i));
    // Snapped together, as `coverage` snaps them; only facilities of a required kind.
    this.place(slots.filter((slot) => this.member[slot].includes(true)));
    // As `coverage` does: one multi-source search per required kind, every village ranked.
    const all = Int32Array.from(this.status.keys());
    for (let s = 0; s < ns; s++) this.rank(s, all);
    this.settle(new Set(all));
  }

  /**
   * The facilities as they stand, in the order `coverage` must get them to give the same result
   * (moved ones keep their place, new ones come last).
   *
   * @returns Fresh facility objects (moved ones with their new coordinates).
   *
   * @example
   * coverage(net, villages, session.facilities(), options); // the same numbers as the session
   */
  facilities(): IndexedPoint[] {
    return this.points.filter((p): p is IndexedPoint => p !== null).map((p) => ({ ...p }));
  }

  /**
   * The facility that serves village `v`, or null (off the network, or none within the largest
   * threshold): for `require: 'all'` standards, the farthest of the required kinds.
   *
   * @param v - Village index.
   * @returns The facility's id, or null.
   *
   * @example
   * session.facilityOf(0); // 'F0007'
   */
  facilityOf(v: number): string | number | null {
    const s = this.worst[v];
    return s < 0 ? null : this.ids[s];
  }

  /**
   * Opens a facility.
   *
   * @param facility - The new facility, with an `id` no other facility has.
   * @returns The villages that changed and the summary.
   *
   * @example
   * session.add({ id: 'new', lon: 100.3, lat: 25.1, category: 'health' }).changed.length;
   */
  add(facility: IndexedPoint): WhatIfUpdate {
    if (facility.id === undefined)
      throw new InputError('invalid-facility', 'a facility added to a what-if session needs an id');
    const slot = this.claim(facility, facility.id);
    const changed = new Set<number>();
    this.place([slot]);
    this.open(slot, changed);
    return this.settle(changed);
  }

  /**
   * Moves a facility to new coordinates (it keeps its id, categories and place in the order).
   *
   * @param id - The facility's id.
   * @param lon - New longitude, degrees.
   * @param lat - New latitude, degrees.
   * @returns The villages that changed and the summary.
   *
   * @example
   * session.move('F0012', 100.21, 25.19).thresholds[0].within.population;
   */
  move(id: string | number, lon: number, lat: number): WhatIfUpdate {
    checkLonLat(lon, lat, `facility ${JSON.stringify(id)}`);
    const slot = this.slotOf(id);
    const changed = new Set<number>();
    this.shut(slot, changed);
    this.points[slot] = { ...(this.points[slot] as IndexedPoint), lon, lat };
    this.place([slot]);
    this.open(slot, changed);
    return this.settle(changed);
  }

  /**
   * Closes a facility.
   *
   * @param id - The facility's id.
   * @returns The villages that changed and the summary.
   *
   * @example
   * session.close('F0003').thresholds[0].shareOfPopulationWithin;
   */
  close(id: string | number): WhatIfUpdate {
    const slot = this.slotOf(id);
    const changed = new Set<number>();
    this.shut(slot, changed);
    this.points[slot] = null;
    this.slotById.delete(id);
    return this.settle(changed);
  }

  /**
   * Villages and population within each threshold, as `coverage(…).summary.all.thresholds`
   * counts them.
   *
   * @returns One entry per threshold, ascending.
   *
   * @example
   * session.thresholds()[0].shareOfPopulationWithin; // e.g. 0.62
   */
  thresholds(): WhatIfThreshold[] {
    let total = 0;
    for (const p of this.population) if (p !== null) total += p;
    return this.limits.map((limit) => {
      const within = { villages: 0, population: 0, populationUnknownVillages: 0 };
      for (let v = 0; v < this.value.length; v++) {
        if (!(this.value[v] <= limit)) continue;
        within.villages++;
        const p = this.population[v];
        if (p === null) within.populationUnknownVillages++;
        else within.population += p;
      }
      return {
        minutes: this.unit === 'minutes' ? limit : null,
        meters: this.unit === 'meters' ? limit : null,
        within,
        shareOfPopulationWithin: total > 0 ? within.population / total : null,
      };
    });
  }

  private claim(f: IndexedPoint, id: string | number): number {
    if (this.slotById.has(id))
      throw new InputError(
        'duplicate-facility',
        `facility id ${JSON.stringify(id)} is used twice; a what-if session names facilities by id`,
      );
    checkLonLat(f.lon, f.lat, `facility ${JSON.stringify(id)}`);
    const slot = this.points.length;
    const cats = facilityCategories(f);
    this.points.push({ ...f });
    this.ids.push(id);
    this.member.push(this.sets.map((inSet) => inSet(cats)));
    this.placed.push(null);
    this.seeds.push([]);
    this.slotById.set(id, slot);
    return slot;
  }

  private slotOf(id: string | number): number {
    const slot = this.slotById.get(id);
    if (slot === undefined)
      throw new InputError('unknown-facility', `no facility has id ${JSON.stringify(id)}`);
    return slot;
  }

  /** Snap facilities (slots) where they stand now and keep their search seeds. */
  private place(slots: readonly number[]): void {
    const points = slots.map((slot) => this.points[slot] as IndexedPoint);
    const placed = placePoints(this.net, pointCoords(points), this.snap);
    slots.forEach((slot, i) => {
      const seeds: Seed[] = [];
      pointSeeds(this.net, placed, i, this.direction === 'to' ? 'to' : 'from', slot, seeds);
      this.placed[slot] = { p: placed, i };
      this.seeds[slot] = seeds;
      for (const l of [placed.snap.link[i], placed.snap.main.link[i]]) {
        if (l < 0) continue;
        const on = this.facilitiesOnLink.get(l);
        if (on) on.add(slot);
        else this.facilitiesOnLink.set(l, new Set([slot]));
      }
    });
  }

  /** Search from facility `slot` alone; the villages it serves better than their best take it. */
  private open(slot: number, changed: Set<number>): void {
    const member = this.member[slot];
    // A facility of no required kind serves nobody: no search (most of a county's facilities).
    if (!member.includes(true)) return;
    const c = this.search(slot);
    const nv = this.value.length;
    for (let i = 0; i < c.villages.length; i++) {
      const v = c.villages[i];
      for (let s = 0; s < member.length; s++) {
        if (!member[s]) continue;
        const j = s * nv + v;
        const b = this.bestSlot[j];
        if (b < 0 || c.cost[i] < this.bestCost[j] || (c.cost[i] === this.bestCost[j] && slot < b)) {
          this.bestSlot[j] = slot;
          this.bestCost[j] = c.cost[i];
          this.bestMeters[j] = c.meters[i];
          changed.add(v);
        }
      }
    }
  }

  /** Withdraw facility `slot`: the villages it served best are ranked again among the others. */
  private shut(slot: number, changed: Set<number>): void {
    const at = this.placed[slot];
    if (!at) return; // of no required kind: never searched, served nobody
    for (const l of [at.p.snap.link[at.i], at.p.snap.main.link[at.i]])
      this.facilitiesOnLink.get(l)?.delete(slot);
    this.placed[slot] = null;
    this.seeds[slot] = [];
    const nv = this.value.length;
    for (let s = 0; s < this.sets.length; s++) {
      if (!this.member[slot][s]) continue;
      const lost: number[] = [];
      for (let v = 0; v < nv; v++) if (this.bestSlot[s * nv + v] === slot) lost.push(v);
      if (lost.length === 0) continue;
      for (const v of lost) changed.add(v);
      this.rank(s, Int32Array.from(lost));
    }
  }

  /**
   * Best facility of kind `s` for `villages`, by one multi-source search from every facility of
   * that kind, bounded by the largest threshold — the candidates `nearestFacilities` offers, in
   * its order: through each leg, then along a shared link; ties to the lower slot.
   */
  private rank(s: number, villages: Int32Array): void {
    const nv = this.value.length;
    const seeds: Seed[] = [];
    for (let f = 0; f < this.seeds.length; f++)
      if (this.member[f][s]) for (const x of this.seeds[f]) seeds.push(x);
    const engine = this.engine;
    engine.run(seeds, { direction: this.direction, maxSeconds: this.bound() });
    const way = new Float64Array(3);
    for (const v of villages) {
      let best = Infinity;
      let bestSlot = -1;
      let meters = Infinity;
      const offer = (slot: number, c: number, m: number) => {
        if (c < best || (c === best && slot < bestSlot)) {
          best = c;
          bestSlot = slot;
          meters = m;
        }
      };
      for (let e = this.legStart[v]; e < this.legStart[v + 1]; e++) {
        const node = this.legNode[e];
        const t = engine.timeS(node);
        if (t < Infinity)
          offer(
            engine.sourceOf(node),
            this.legCost[e] + t,
            this.legMeters[e] + engine.distanceM(node),
          );
      }
      for (const l of [this.places.snap.link[v], this.places.snap.main.link[v]])
        for (const f of this.facilitiesOnLink.get(l) ?? []) {
          if (!this.member[f][s]) continue;
          const t = this.direct(v, f, way);
          if (t < Infinity) offer(f, t, way[0]);
        }
      const j = s * nv + v;
      if (bestSlot >= 0 && this.measure(best) <= this.top()) {
        this.bestSlot[j] = bestSlot;
        this.bestCost[j] = best;
        this.bestMeters[j] = this.unit === 'minutes' ? meters : best;
      } else {
        this.bestSlot[j] = -1;
        this.bestCost[j] = Infinity;
        this.bestMeters[j] = Infinity;
      }
    }
  }

  /** Time along a link village `v` and facility `f` share, in the session's direction. */
  private direct(v: number, f: number, way: Float64Array): number {
    const { p, i } = this.placed[f] as { p: PlacedPoints; i: number };
    return this.direction === 'to'
      ? sameLinkWay(this.net, this.places, v, p, i, way)
      : sameLinkWay(this.net, p, i, this.places, v, way);
  }

  /** The standard's measure of a search cost: minutes (as `coverage` divides) or metres. */
  private measure(cost: number): number {
    return this.unit === 'minutes' ? cost / 60 : cost;
  }

  private top(): number {
    return this.limits[this.limits.length - 1];
  }

  /** Search cutoff: a hair beyond the largest threshold; the test that counts is `measure ≤ top`. */
  private bound(): number {
    return this.top() * this.toCost * (1 + 1e-9);
  }

  /** Re-derive status, measure and facility of the villages in `changed`; report those that moved. */
  private settle(changed: Set<number>): WhatIfUpdate {
    const nv = this.value.length;
    const out: number[] = [];
    const top = this.limits[this.limits.length - 1];
    for (const v of changed) {
      if (this.status[v] === 2) continue;
      // The farthest required kind decides (the first of equals, as `coverage` picks it).
      let w = -1;
      let value = -Infinity;
      let meters = Infinity;
      for (let s = 0; s < this.sets.length; s++) {
        const j = s * nv + v;
        const x = this.unit === 'minutes' ? this.bestCost[j] / 60 : this.bestCost[j];
        if (this.bestSlot[j] < 0 || !(x <= top)) {
          w = -1;
          value = Infinity;
          meters = Infinity;
          break;
        }
        if (x > value) {
          w = this.bestSlot[j];
          value = x;
          meters = this.bestMeters[j];
        }
      }
      const status = value <= this.primary ? 0 : 1;
      if (this.worst[v] === w && this.value[v] === value && this.status[v] === status) continue;
      this.worst[v] = w;
      this.value[v] = value;
      this.meters[v] = meters;
      this.status[v] = status;
      out.push(v);
    }
    out.sort((a, b) => a - b);
    return { changed: Int32Array.from(out), thresholds: this.thresholds() };
  }
  /** One search from facility `slot` alone, bounded: the villages it reaches within the largest threshold. */
  private search(slot: number): { villages: number[]; cost: number[]; meters: number[] } {
    const engine = this.engine;
    engine.run(this.seeds[slot], { direction: this.direction, maxSeconds: this.bound() });
    const touched = new Set<number>();
    for (const node of engine.reached())
      for (let i = this.nodeStart[node]; i < this.nodeStart[node + 1]; i++)
        touched.add(this.nodeVillages[i]);
    const { p, i } = this.placed[slot] as { p: PlacedPoints; i: number };
    for (const l of [p.snap.link[i], p.snap.main.link[i]])
      if (l >= 0) for (const v of this.onLink.get(l) ?? []) touched.add(v);
    const out = { villages: [] as number[], cost: [] as number[], meters: [] as number[] };
    const way = new Float64Array(3);
    for (const v of touched) {
      // As `nearestFacilities` offers one facility: through each leg in order, then along a
      // shared link; the first of equal times keeps its metres.
      let best = Infinity;
      let m = Infinity;
      for (let e = this.legStart[v]; e < this.legStart[v + 1]; e++) {
        const node = this.legNode[e];
        const t = engine.timeS(node);
        if (!(t < Infinity)) continue;
        const c = this.legCost[e] + t;
        if (c < best) {
          best = c;
          m = this.legMeters[e] + engine.distanceM(node);
        }
      }
      const direct = this.direct(v, slot, way);
      if (direct < best) {
        best = direct;
        m = way[0];
      }
      if (!(this.measure(best) <= this.top())) continue;
      out.villages.push(v);
      out.cost.push(best);
      // Distance standards search the distance network, whose "seconds" are metres.
      out.meters.push(this.unit === 'minutes' ? m : best);
    }
    return out;
  }
}
