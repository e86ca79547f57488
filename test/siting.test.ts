import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildNetworkFromGeoJson,
  type Catchments,
  catchments,
  coveredBy,
  gini,
  maximalCovering,
  pMedian,
  setCovering,
  supplyDemand,
  theil,
  travelTimeMatrix,
  twoStepFca,
} from '../src/index';
import { newlyCovered, uncoverableVillages } from '../src/engine';
import { joinCatchments } from '../src/analysis/catchments';
import { withSearchPool } from '../src/node';
import { ensureBuilt } from './helpers/cli';
import { mulberry32 } from './helpers/random';
import { randomRoads } from './helpers/random-roads';

/** Catchments from explicit lists: `lists[s]` = [[village, seconds], …]. */
function handCatchments(
  villages: number,
  lists: [number, number][][],
  maxSeconds = 1800,
): Catchments {
  const start = new Int32Array(lists.length + 1);
  const village: number[] = [];
  const timeS: number[] = [];
  lists.forEach((l, s) => {
    start[s] = village.length;
    for (const [v, t] of [...l].sort((a, b) => a[0] - b[0])) {
      village.push(v);
      timeS.push(t);
    }
  });
  start[lists.length] = village.length;
  return {
    sites: lists.length,
    villages,
    start,
    village: Int32Array.from(village),
    timeS: Float64Array.from(timeS),
    maxSeconds,
  };
}

function randomInstance(
  rnd: () => number,
  sites: number,
  villages: number,
): { c: Catchments; pop: number[] } {
  const lists = Array.from({ length: sites }, () =>
    Array.from({ length: villages }, (_, v) => v)
      .filter(() => rnd() < 0.25)
      .map((v): [number, number] => [v, 60]),
  );
  return {
    c: handCatchments(villages, lists),
    pop: Array.from({ length: villages }, () => Math.floor(rnd() * 1000)),
  };
}

function combinations(n: number, k: number): number[][] {
  if (k === 0) return [[]];
  const out: number[][] = [];
  for (let i = 0; i < n; i++)
    for (const rest of combinations(n, k - 1))
      if (rest.length === 0 || rest[0] > i) out.push([i, ...rest]);
  return out;
}

describe('catchments equal travelTimeMatrix within the threshold (random networks, both directions)', () => {
  for (let seed = 1; seed <= 15; seed++) {
    it(`seed ${seed}`, () => {
      const net = buildNetworkFromGeoJson(randomRoads(seed), { profile: 'car' });
      const rnd = mulberry32(300 + seed);
      const pts = (n: number) =>
        Array.from({ length: 2 * n }, (_, i) => (i % 2 ? 30 - 0.002 : -0.002) + rnd() * 0.026);
      const villages = pts(12);
      const sites = pts(5);
      for (const direction of ['to', 'from'] as const) {
        const c = catchments(net, villages, sites, {
          maxSeconds: 90,
          direction,
          maxSnapDistanceM: 300,
        });
        const m =
          direction === 'to'
            ? travelTimeMatrix(net, villages, sites, { maxSeconds: 90, maxSnapDistanceM: 300 })
            : travelTimeMatrix(net, sites, villages, { maxSeconds: 90, maxSnapDistanceM: 300 });
        for (let s = 0; s < 5; s++) {
          const got = new Map<number, number>();
          for (let k = c.start[s]; k < c.start[s + 1]; k++) got.set(c.village[k], c.timeS[k]);
          for (let v = 0; v < 12; v++) {
            const t = direction === 'to' ? m.timeS[v * 5 + s] : m.timeS[s * 12 + v];
            if (t <= 90)
              expect(got.get(v), `site ${s} village ${v} (${direction})`).toBeCloseTo(t, 9);
            else expect(got.has(v)).toBe(false);
          }
        }
        // Cut into slices of sites (as site and SearchPool do) and joined: the same catchments.
        const cut = 1 + Math.floor(rnd() * 4);
        const joined = joinCatchments(
          [
            catchments(net, villages, sites.slice(0, 2 * cut), { maxSeconds: 90, direction }),
            catchments(net, villages, sites.slice(2 * cut), { maxSeconds: 90, direction }),
          ],
          12,
          90,
        );
        const whole = catchments(net, villages, sites, { maxSeconds: 90, direction });
        expect(joined).toEqual(whole);
      }
    });
  }
});

describe('catchments on a SearchPool (worker threads)', () => {
  beforeAll(ensureBuilt);
  it('gives exactly the single-threaded catchments, for 1, 2 and 3 threads', async () => {
    const net = buildNetworkFromGeoJson(randomRoads(4), { profile: 'car' });
    const rnd = mulberry32(404);
    const pts = (n: number) =>
      Array.from({ length: 2 * n }, (_, i) => (i % 2 ? 30 - 0.002 : -0.002) + rnd() * 0.026);
    const villages = pts(40);
    const sites = pts(11);
    const one = catchments(net, villages, sites, { maxSeconds: 120 });
    for (const threads of [1, 2, 3]) {
      const par = await withSearchPool(net, { threads }, (pool) =>
        pool.catchments(villages, sites, { maxSeconds: 120 }),
      );
      expect(Array.from(par.start)).toEqual(Array.from(one.start));
      expect(Array.from(par.village)).toEqual(Array.from(one.village));
      expect(Array.from(par.timeS)).toEqual(Array.from(one.timeS));
    }
  });
});

describe('maximalCovering (greedy with lazy evaluation)', () => {
  it('equals plain greedy and is within (1 − 1/e) of the brute-force optimum; typically ≥ 95%', () => {
    const rnd = mulberry32(77);
    let atLeast95 = 0;
    const instances = 60;
    for (let i = 0; i < instances; i++) {
      const { c, pop } = randomInstance(rnd, 9, 16);
      const covered = Array.from({ length: 16 }, () => (rnd() < 0.15 ? 1 : 0));
      const p = 1 + (i % 3);
      const r = maximalCovering(c, pop, { p, covered });
      // plain greedy: every gain recomputed every round
      const cov = Uint8Array.from(covered);
      const plain: number[] = [];
      for (let round = 0; round < p; round++) {
        let best = -1;
        let bestGain = 0;
        for (let s = 0; s < c.sites; s++) {
          let g = 0;
          for (let k = c.start[s]; k < c.start[s + 1]; k++)
            if (!cov[c.village[k]]) g += pop[c.village[k]];
          if (g > bestGain) [best, bestGain] = [s, g];
        }
        if (best < 0) break;
        plain.push(best);
        for (let k = c.start[best]; k < c.start[best + 1]; k++) cov[c.village[k]] = 1;
      }
      // the picks by population are exactly plain greedy's; any after them were chosen by villages
      expect(r.sites.slice(0, plain.length)).toEqual(plain);
      expect(r.chosenBy.slice(0, plain.length)).toEqual(plain.map(() => 'population'));
      expect(r.chosenBy.slice(plain.length).every((by) => by === 'villages')).toBe(true);
      const added = newlyCovered(c, pop, covered, r.sites);
      expect(added.map((x) => x.population)).toEqual(r.gains);
      expect(uncoverableVillages(c, covered).reduce((a, v) => a + pop[v], 0)).toBe(r.uncoverable);
      for (let j = 1; j < r.gains.length; j++)
        expect(r.gains[j]).toBeLessThanOrEqual(r.gains[j - 1]);
      // brute-force optimum over every set of p sites
      const value = (set: number[]) => {
        const cv = Uint8Array.from(covered);
        for (const s of set) for (let k = c.start[s]; k < c.start[s + 1]; k++) cv[c.village[k]] = 1;
        return pop.reduce((a, x, v) => a + (cv[v] ? x : 0), 0);
      };
      const opt = Math.max(...combinations(c.sites, p).map(value));
      const before = value([]);
      expect(r.coveredAfter).toBe(value(r.sites));
      expect(r.coveredAfter - before).toBeGreaterThanOrEqual(
        (1 - 1 / Math.E) * (opt - before) - 1e-9,
      );
      if (r.coveredAfter - before >= 0.95 * (opt - before)) atLeast95++;
    }
    // measured (this seed, deterministic): 57 of the 60 instances reach ≥ 95% of the optimum gain
    expect(atLeast95).toBeGreaterThanOrEqual(57);
  });

  it('reports the population no candidate can reach, and stops when nothing is left to gain', () => {
    const c = handCatchments(4, [
      [[0, 10]],
      [
        [0, 10],
        [1, 20],
      ],
    ]);
    const r = maximalCovering(c, [5, 7, 11, 13], { p: 3, covered: [0, 0, 1, 0] });
    expect(r.sites).toEqual([1]);
    expect(r.gains).toEqual([12]);
    expect(r.coveredBefore).toBe(11);
    expect(r.coveredAfter).toBe(23);
    expect(r.uncoverable).toBe(13);
    expect(r.chosenBy).toEqual(['population']);
    expect(r.villagesAdded).toEqual([2]);
    expect(r.shortfall).toEqual({
      missing: 2,
      reason: 'rest-uncoverable',
      message:
        "every village a candidate reaches is covered after 1 site: 2 more would cover no village; 1 village is beyond every candidate's reach",
    });
    expect(() => maximalCovering(c, [1, 2, 3], { p: 1 })).toThrowError(
      /population has 3 entries for 4 villages/,
    );
  });
  it('goes on by villages newly covered when no candidate adds population (unknown population)', () => {
    // village 0 has people; 1…4 have none known (0): the first pick by population, then by villages
    const c = handCatchments(5, [
      [[1, 10]],
      [
        [2, 10],
        [3, 10],
      ],
      [
        [0, 10],
        [1, 10],
      ],
      [[4, 10]],
    ]);
    const r = maximalCovering(c, [50, 0, 0, 0, 0], { p: 4 });
    expect(r.sites).toEqual([2, 1, 3]);
    expect(r.gains).toEqual([50, 0, 0]);
    expect(r.villagesAdded).toEqual([2, 2, 1]);
    expect(r.chosenBy).toEqual(['population', 'villages', 'villages']);
    expect(r.shortfall).toEqual({
      missing: 1,
      reason: 'all-covered',
      message: 'every village is covered after 3 sites: 1 more would cover no village',
    });
    expect(maximalCovering(c, [0, 0, 0, 0, 0], { p: 3 }).shortfall).toBeNull();
    const none = maximalCovering(handCatchments(2, []), [1, 1], { p: 2 });
    expect(none.sites).toEqual([]);
    expect(none.shortfall?.reason).toBe('no-candidates-left');
    expect(none.shortfall?.message).toBe('no candidate sites were given: 2 sites not placed');
  });

  it('returns p sites unless every coverable village is covered, and then says why (brute force)', () => {
    const rnd = mulberry32(91);
    for (let i = 0; i < 80; i++) {
      const sitesN = 1 + Math.floor(rnd() * 7);
      const { c, pop } = randomInstance(rnd, sitesN, 12);
      // population known for a few villages at most, as in OSM extracts
      const population = pop.map((x) => (rnd() < 0.2 ? x : 0));
      const covered = Array.from({ length: 12 }, () => (rnd() < 0.15 ? 1 : 0));
      const p = Math.floor(rnd() * 9);
      const r = maximalCovering(c, population, { p, covered });
      // brute force: can any set of p candidates cover every coverable village? how many are needed?
      const reach = (set: number[]) => {
        const cv = Uint8Array.from(covered);
        for (const s of set) for (let k = c.start[s]; k < c.start[s + 1]; k++) cv[c.village[k]] = 1;
        return cv;
      };
      const coverable = reach(Array.from({ length: c.sites }, (_, s) => s));
      const unreached = coverable.filter((x) => !x).length;
      const after = reach(r.sites);
      expect(new Set(r.sites).size).toBe(r.sites.length);
      expect(Array.from(r.coveredVillages)).toEqual(Array.from(after));
      expect(newlyCovered(c, population, covered, r.sites)).toEqual(
        r.sites.map((_, j) => ({ villages: r.villagesAdded[j], population: r.gains[j] })),
      );
      // every pick adds a village; the picks by population come first
      expect(r.villagesAdded.every((n) => n > 0)).toBe(true);
      const firstByVillages = r.chosenBy.indexOf('villages');
      if (firstByVillages >= 0) {
        expect(r.chosenBy.slice(firstByVillages).every((by) => by === 'villages')).toBe(true);
        expect(r.gains.slice(firstByVillages).every((g) => g === 0)).toBe(true);
      }
      if (r.sites.length === p) {
        expect(r.shortfall).toBeNull();
        continue;
      }
      // fewer than p: only when nothing coverable is left uncovered (the brute force agrees)
      expect(r.shortfall?.missing).toBe(p - r.sites.length);
      expect(Array.from(after)).toEqual(Array.from(coverable));
      const expected =
        r.sites.length === c.sites
          ? 'no-candidates-left'
          : unreached === 0
            ? 'all-covered'
            : 'rest-uncoverable';
      expect(r.shortfall?.reason).toBe(expected);
    }
  });
});

describe('setCovering', () => {
  it('covers every coverable village, lists the others, and uses no more sites than needed by more than greedy allows', () => {
    const rnd = mulberry32(91);
    for (let i = 0; i < 40; i++) {
      const { c } = randomInstance(rnd, 8, 14);
      const covered = Array.from({ length: 14 }, () => (rnd() < 0.1 ? 1 : 0));
      const r = setCovering(c, { covered });
      const after = coveredBy(c, r.sites);
      for (let v = 0; v < 14; v++) {
        if (r.uncoverable.includes(v)) {
          expect(covered[v]).toBe(0);
          for (let s = 0; s < c.sites; s++)
            for (let k = c.start[s]; k < c.start[s + 1]; k++) expect(c.village[k]).not.toBe(v);
        } else expect(after[v] || covered[v]).toBeTruthy();
      }
      // the fewest sites, by brute force; greedy is within ln(n) + 1 of it
      let fewest = Infinity;
      for (let k = 0; k <= c.sites && fewest === Infinity; k++) {
        for (const set of combinations(c.sites, k)) {
          const cv = coveredBy(c, set);
          if (
            Array.from({ length: 14 }, (_, v) => v).every(
              (v) => cv[v] || covered[v] || r.uncoverable.includes(v),
            )
          ) {
            fewest = k;
            break;
          }
        }
      }
      expect(r.sites.length).toBeGreaterThanOrEqual(fewest);
      expect(r.sites.length).toBeLessThanOrEqual(Math.ceil(fewest * (Math.log(14) + 1)));
    }
  });
});

describe('twoStepFca', () => {
  // Villages A, B, C (100, 200, 300 people); facility X (10 beds) reaches A in 5 s and B in 10 s,
  // facility Y (20 beds) reaches B in 20 s and C in 5 s; threshold 30 s.
  const c = handCatchments(
    3,
    [
      [
        [0, 5],
        [1, 10],
      ],
      [
        [1, 20],
        [2, 5],
      ],
    ],
    30,
  );
  it('matches the worked example (step decay: plain 2SFCA)', () => {
    const r = twoStepFca(c, [10, 20], [100, 200, 300]);
    expect(Array.from(r.ratio)).toEqual([10 / 300, 20 / 500]);
    expect(r.score[0]).toBeCloseTo(1 / 30, 12);
    expect(r.score[1]).toBeCloseTo(1 / 30 + 1 / 25, 12);
    expect(r.score[2]).toBeCloseTo(1 / 25, 12);
    // every bed is counted once: Σ population × score = Σ beds
    expect(100 * r.score[0] + 200 * r.score[1] + 300 * r.score[2]).toBeCloseTo(30, 9);
  });

  it('matches the worked example with travel-time zones (enhanced 2SFCA) and Gaussian decay', () => {
    const r = twoStepFca(c, [10, 20], [100, 200, 300], {
      kind: 'zones',
      zones: [
        { upToS: 10, weight: 1 },
        { upToS: 30, weight: 0.5 },
      ],
    });
    expect(r.ratio[1]).toBeCloseTo(20 / (0.5 * 200 + 300), 12);
    expect(r.score[1]).toBeCloseTo(10 / 300 + 0.5 * 0.05, 12);
    const g = twoStepFca(c, [10, 20], [100, 200, 300], { kind: 'gaussian' });
    const w = (t: number) =>
      (Math.exp(-0.5 * (t / 30) ** 2) - Math.exp(-0.5)) / (1 - Math.exp(-0.5));
    const rx = 10 / (100 * w(5) + 200 * w(10));
    const ry = 20 / (200 * w(20) + 300 * w(5));
    expect(g.score[1]).toBeCloseTo(rx * w(10) + ry * w(20), 12);
    expect(() => twoStepFca(c, [10, -1], [100, 200, 300])).toThrowError(
      /capacity of facility #1 must be a number ≥ 0, got -1/,
    );
  });
});

describe('gini and theil', () => {
  it('give the textbook values and behave as inequality measures', () => {
    expect(gini([10, 10, 10])).toBe(0);
    expect(gini([0, 0, 0, 30])).toBeCloseTo(0.75, 12);
    expect(theil([5, 5])).toBe(0);
    expect(theil([0, 0, 0, 30])).toBeCloseTo(Math.log(4), 12);
    const rnd = mulberry32(4);
    for (let i = 0; i < 50; i++) {
      const xs = Array.from({ length: 8 }, () => Math.floor(rnd() * 100));
      const ws = Array.from({ length: 8 }, () => 1 + Math.floor(rnd() * 4));
      const repeated = xs.flatMap((x, j) => Array(ws[j]).fill(x));
      // a weight is the same as repeating the value; scaling changes nothing
      expect(gini(xs, ws)).toBeCloseTo(gini(repeated), 12);
      expect(theil(xs, ws)).toBeCloseTo(theil(repeated), 12);
      expect(gini(xs.map((x) => 3 * x))).toBeCloseTo(gini(xs), 12);
      // brute-force Gini: mean absolute difference over twice the mean
      const n = repeated.length;
      const mean = repeated.reduce((a, b) => a + b, 0) / n;
      let mad = 0;
      for (const a of repeated) for (const b of repeated) mad += Math.abs(a - b);
      if (mean > 0) expect(gini(repeated)).toBeCloseTo(mad / (n * n) / (2 * mean), 12);
    }
    expect(() => gini([1, Infinity])).toThrowError(
      /value #1 must be a finite number ≥ 0, got Infinity/,
    );
  });
});

describe('pMedian (greedy start + vertex substitution, maximum travel time)', () => {
  it('never worsens the greedy start and usually reaches the brute-force optimum', () => {
    const rnd = mulberry32(123);
    let optimal = 0;
    const instances = 40;
    for (let i = 0; i < instances; i++) {
      const sites = 8;
      const villages = 12;
      const lists = Array.from({ length: sites }, () =>
        Array.from({ length: villages }, (_, v) => v)
          .filter(() => rnd() < 0.4)
          .map((v): [number, number] => [v, Math.floor(rnd() * 1800)]),
      );
      const c = handCatchments(villages, lists);
      const pop = Array.from({ length: villages }, () => Math.floor(rnd() * 500));
      const existingTimeS = Array.from({ length: villages }, () =>
        rnd() < 0.2 ? Math.floor(rnd() * 1800) : Infinity,
      );
      const p = 2 + (i % 2);
      const r = pMedian(c, pop, { p, existingTimeS });
      // objective of a set, computed here from the lists
      const value = (set: number[]): [number, number] => {
        let served = 0;
        let time = 0;
        for (let v = 0; v < villages; v++) {
          let t = existingTimeS[v];
          for (const s of set) for (const [w, x] of lists[s]) if (w === v) t = Math.min(t, x);
          if (t < Infinity) {
            served += pop[v];
            time += pop[v] * t;
          }
        }
        return [served, time];
      };
      expect([r.servedPopulation, r.weightedTimeS]).toEqual(value(r.sites));
      expect([r.greedy.servedPopulation, r.greedy.weightedTimeS]).toEqual(value(r.greedy.sites));
      const notWorse =
        r.servedPopulation > r.greedy.servedPopulation ||
        (r.servedPopulation === r.greedy.servedPopulation &&
          r.weightedTimeS <= r.greedy.weightedTimeS);
      expect(notWorse).toBe(true);
      const all = combinations(sites, p).map(value);
      const best = all.reduce((a, b) => (b[0] > a[0] || (b[0] === a[0] && b[1] < a[1]) ? b : a));
      expect(r.servedPopulation).toBeLessThanOrEqual(best[0]);
      if (r.servedPopulation === best[0] && r.weightedTimeS === best[1]) optimal++;
    }
    // measured (this seed, deterministic): the exact optimum in 39 of the 40 instances
    expect(optimal).toBeGreaterThanOrEqual(38);
  });
});

describe('supplyDemand', () => {
  it('matches a worked example: assigned and reachable population, capacity per 1,000 and shortfall', () => {
    const c = handCatchments(
      3,
      [
        [
          [0, 5],
          [1, 10],
        ],
        [
          [1, 20],
          [2, 5],
        ],
      ],
      30,
    );
    const load = supplyDemand(c, [0, 0, 1], [1, 0.2], [100, 200, 300], { per1000: 1.5 });
    expect(load.map((x) => [x.assignedPopulation, x.populationWithin, x.capacity])).toEqual([
      [300, 300, 1],
      [300, 500, 0.2],
    ]);
    expect(load[0].per1000Assigned).toBeCloseTo(1000 / 300, 12);
    expect(load[0].shortfall).toBe(0);
    expect(load[1].shortfall).toBeCloseTo(0.45 - 0.2, 12);
    expect(supplyDemand(c, [-1, -1, -1], [1, 0], [100, 200, 300])[0].shortfall).toBeNull();
    expect(() => supplyDemand(c, [0, 5, 1], [1, 1], [1, 1, 1])).toThrowError(
      /village #1 is assigned to facility 5, but there are 2/,
    );
  });
});
