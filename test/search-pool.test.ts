import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildNetworkFromGeoJson,
  catchments,
  InputError,
  isochrones,
  RoadNetwork,
  travelTimeMatrix,
} from '../src/index';
import { placePoints } from '../src/engine';
import { SearchPool } from '../src/node';
import { ensureBuilt, ROOT } from './helpers/cli';
import { mulberry32 } from './helpers/random';
import { randomRoads } from './helpers/random-roads';

// The pool must be a faster way to the same numbers: every job is compared, value for value, with
// the single-threaded function on random networks and points, for several pool sizes.
describe('SearchPool (persistent worker threads)', () => {
  beforeAll(ensureBuilt);
  const pools: SearchPool[] = [];
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.close()));
  });
  const poolFor = (net: RoadNetwork, threads: number) => {
    const p = new SearchPool(net, { threads });
    pools.push(p);
    return p;
  };
  const randomPoints = (seed: number, n: number) => {
    const rnd = mulberry32(seed);
    return Array.from({ length: 2 * n }, (_, i) => (i % 2 ? 30 - 0.002 : -0.002) + rnd() * 0.026);
  };

  it('catchments, matrices and per-origin isochrones equal the single-threaded results (1–3 threads, several jobs per pool)', async () => {
    for (const seed of [4, 9]) {
      const net = buildNetworkFromGeoJson(randomRoads(seed), { profile: 'car' });
      const villages = randomPoints(seed * 11, 37);
      const sites = randomPoints(seed * 13, 13);
      for (const threads of [1, 2, 3]) {
        const pool = poolFor(net, threads);
        for (const direction of ['to', 'from'] as const) {
          const one = catchments(net, villages, sites, { maxSeconds: 150, direction });
          const par = await pool.catchments(villages, sites, { maxSeconds: 150, direction });
          expect(Array.from(par.start)).toEqual(Array.from(one.start));
          expect(Array.from(par.village)).toEqual(Array.from(one.village));
          expect(Array.from(par.timeS)).toEqual(Array.from(one.timeS));
          expect([par.sites, par.villages, par.maxSeconds]).toEqual([
            one.sites,
            one.villages,
            one.maxSeconds,
          ]);
        }
        for (const maxSeconds of [Infinity, 90]) {
          const one = travelTimeMatrix(net, villages, sites, { maxSeconds });
          const par = await pool.travelTimeMatrix(villages, sites, { maxSeconds });
          expect([par.origins, par.destinations]).toEqual([one.origins, one.destinations]);
          expect(Array.from(par.timeS)).toEqual(Array.from(one.timeS));
        }
        const origins = sites.slice(0, 10);
        for (const mode of ['each', 'merged'] as const) {
          const one = isochrones(net, origins, { minutes: [1, 2], mode, cellM: 60 });
          const par = await pool.isochrones(origins, { minutes: [1, 2], mode, cellM: 60 });
          expect(par).toEqual(one);
        }
      }
    }
  });

  it('accepts points placed once on the calling thread, and reports progress up to the total', async () => {
    const net = buildNetworkFromGeoJson(randomRoads(5), { profile: 'walk' });
    const villages = placePoints(net, randomPoints(1, 50));
    const sites = placePoints(net, randomPoints(2, 21));
    const pool = poolFor(net, 2);
    const seen: [number, number][] = [];
    const par = await pool.catchments(villages, sites, {
      maxSeconds: 600,
      onProgress: (d, n) => seen.push([d, n]),
    });
    const one = catchments(net, villages, sites, { maxSeconds: 600 });
    expect(Array.from(par.village)).toEqual(Array.from(one.village));
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.every(([, n]) => n === 21)).toBe(true);
    expect(seen.map(([d]) => d)).toEqual([...seen.map(([d]) => d)].sort((a, b) => a - b));
    expect(seen[seen.length - 1][0]).toBe(21);
    // jobs running at the same time on one pool keep their own results
    const [a, b] = await Promise.all([
      pool.travelTimeMatrix(villages, sites),
      pool.travelTimeMatrix(sites, villages),
    ]);
    expect(Array.from(a.timeS)).toEqual(Array.from(travelTimeMatrix(net, villages, sites).timeS));
    expect(Array.from(b.timeS)).toEqual(Array.from(travelTimeMatrix(net, sites, villages).timeS));
  });

  it('rethrows a worker-side error with its class and code, and stays usable', async () => {
    const net = buildNetworkFromGeoJson(randomRoads(4), { profile: 'car' });
    const pool = poolFor(net, 2);
    const bad = pool.isochrones([0.01, 30.01], { minutes: [1], cellM: -5 });
    await expect(bad).rejects.toBeInstanceOf(InputError);
    await expect(bad).rejects.toMatchObject({ code: 'invalid-option' });
    const m = await pool.travelTimeMatrix(randomPoints(3, 4), randomPoints(4, 4));
    expect(m.origins).toBe(4);
  });

  it('validates its options, and rejects jobs after close', async () => {
    const net = buildNetworkFromGeoJson(randomRoads(4), { profile: 'car' });
    expect(() => new SearchPool(net, { threads: 0 })).toThrow(
      /threads must be a whole number ≥ 1, got 0/,
    );
    expect(() => new SearchPool(net, { threads: 1.5 })).toThrow(/got 1.5/);
    const pool = new SearchPool(net, { threads: 1 });
    await pool.close();
    await expect(pool.travelTimeMatrix([0.01, 30.01], [0.012, 30.01])).rejects.toMatchObject({
      code: 'pool-closed',
    });
  });

  it('shares the network: the worker script reads it from one SharedArrayBuffer', () => {
    const net = buildNetworkFromGeoJson(randomRoads(4), { profile: 'car' });
    const shared = net.toBuffer({ shared: true });
    expect(shared).toBeInstanceOf(SharedArrayBuffer);
    const again = RoadNetwork.fromBuffer(shared);
    expect(again.arrays.edgeTimeS.buffer).toBe(shared);
    expect(Array.from(again.arrays.edgeTimeS)).toEqual(Array.from(net.arrays.edgeTimeS));
    expect(readFileSync(join(ROOT, 'dist/pool-worker.js'), 'utf8')).toContain('fromBuffer');
  });
});
