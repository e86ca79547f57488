import { describe, expect, it } from 'vitest';
import {
  buildNetworkFromGeoJson,
  defineProfile,
  nearestFacilities,
  SERVICE_STATUS,
} from '../src/index';
import { mulberry32 } from './helpers/random';
import { randomRoads } from './helpers/random-roads';
import { splitOracle } from './helpers/split-oracle';

describe('nearestFacilities equals an explicit split-graph oracle', () => {
  for (let seed = 1; seed <= 30; seed++) {
    it(`seed ${seed}`, () => {
      const net = buildNetworkFromGeoJson(randomRoads(seed), { profile: 'car' });
      const rnd = mulberry32(500 + seed);
      const pts = (n: number) =>
        Array.from({ length: 2 * n }, (_, i) => (i % 2 ? 30 - 0.002 : -0.002) + rnd() * 0.026);
      const villages = pts(8);
      const facilities = pts(4);
      for (const direction of ['to', 'from'] as const) {
        for (const k of [1, 3]) {
          const r = nearestFacilities(net, villages, facilities, {
            k,
            direction,
            maxSnapDistanceM: 300,
            maxSeconds: 120,
          });
          const { d, size, outer } = splitOracle(net, [r.villages, r.facilities]);
          for (let v = 0; v < 8; v++) {
            if (r.villages.snap.link[v] < 0) {
              expect(SERVICE_STATUS[r.status[v]]).toBe('off-network');
              continue;
            }
            const want = [0, 1, 2, 3]
              .filter((f) => r.facilities.snap.link[f] >= 0)
              .map((f) => ({
                f,
                t:
                  direction === 'to'
                    ? d[outer[0][v] * size + outer[1][f]]
                    : d[outer[1][f] * size + outer[0][v]],
              }))
              .filter((x) => x.t < Infinity)
              .sort((a, b) => a.t - b.t || a.f - b.f)
              .slice(0, k);
            for (let j = 0; j < k; j++) {
              if (j < want.length) {
                expect(r.timeS[v * k + j], `village ${v} rank ${j} (${direction})`).toBeCloseTo(
                  want[j].t,
                  6,
                );
                expect(want[j].t).toBeCloseTo(r.timeS[v * k + j], 6);
              } else expect(r.facility[v * k + j]).toBe(-1);
            }
            const status = want.length === 0 ? 'unreachable' : want[0].t > 120 ? 'outside' : 'ok';
            expect(SERVICE_STATUS[r.status[v]]).toBe(status);
          }
          // A search bounded at the threshold: same statuses, same times inside it, no times beyond.
          const b = nearestFacilities(net, villages, facilities, {
            k,
            direction,
            maxSnapDistanceM: 300,
            maxSeconds: 120,
            bounded: true,
          });
          expect(Array.from(b.status)).toEqual(Array.from(r.status));
          for (let i = 0; i < r.timeS.length; i++) {
            if (r.timeS[i] <= 120) {
              expect(b.timeS[i]).toBeCloseTo(r.timeS[i], 9);
              expect(b.facility[i]).toBe(r.facility[i]);
            } else expect(b.timeS[i] === Infinity || b.timeS[i] > 120).toBe(true);
          }
        }
      }
    });
  }
});

describe('nearestFacilities distances', () => {
  it('reports the metres of the fastest path (at one uniform speed, metres = seconds × speed)', () => {
    for (let seed = 1; seed <= 10; seed++) {
      const profile = defineProfile('walk', { name: 'walk-uniform', accessKmh: 4.5 });
      const net = buildNetworkFromGeoJson(randomRoads(seed), { profile });
      const rnd = mulberry32(900 + seed);
      const pts = (n: number) =>
        Array.from({ length: 2 * n }, (_, i) => (i % 2 ? 30 - 0.002 : -0.002) + rnd() * 0.026);
      const villages = pts(10);
      const facilities = pts(3);
      for (const k of [1, 2]) {
        const r = nearestFacilities(net, villages, facilities, { k, maxSnapDistanceM: 500 });
        let checked = 0;
        for (let i = 0; i < r.timeS.length; i++) {
          if (r.timeS[i] === Infinity) continue;
          expect(r.distanceM[i]).toBeCloseTo(r.timeS[i] * (4.5 / 3.6), 6);
          checked++;
        }
        expect(checked).toBeGreaterThan(0);
      }
    }
  });

  it('marks villages beyond the snap distance off-network and rejects bad options', () => {
    const net = buildNetworkFromGeoJson(randomRoads(3), { profile: 'car' });
    const r = nearestFacilities(net, [5, 35], [0.004, 30.004], {});
    expect(SERVICE_STATUS[r.status[0]]).toBe('off-network');
    expect(() => nearestFacilities(net, [], [], { k: 0 })).toThrowError(
      /k must be a whole number from 1 to 255/,
    );
    expect(() => nearestFacilities(net, [], [], { bounded: true })).toThrowError(
      /bounded: true needs a finite maxSeconds/,
    );
  });
});
