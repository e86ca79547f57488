import { describe, expect, it } from 'vitest';
import { buildNetworkFromGeoJson } from '../src/index';
import { linkTimes } from '../src/search/link-times';
import { placePoints } from '../src/search/placed-points';
import { mulberry32 } from './helpers/random';
import { randomRoads } from './helpers/random-roads';

describe('linkTimes(net) is net.linkTimeS for every link', () => {
  for (let seed = 1; seed <= 20; seed++)
    it(`random roads with one-ways, seed ${seed}`, () => {
      const net = buildNetworkFromGeoJson(randomRoads(seed), { profile: 'car' });
      const times = linkTimes(net);
      expect(times.length).toBe(2 * net.linkCount);
      for (let l = 0; l < net.linkCount; l++) {
        expect(Object.is(times[2 * l], net.linkTimeS(l, true)), `link ${l} forward`).toBe(true);
        expect(Object.is(times[2 * l + 1], net.linkTimeS(l, false)), `link ${l} back`).toBe(true);
      }
      expect(linkTimes(net)).toBe(times); // built once per network
      // Placed points carry their link's times from it (NaN off-network).
      const rnd = mulberry32(seed);
      const coords: number[] = [];
      for (let i = 0; i < 50; i++) coords.push(rnd() * 0.024, 30 + rnd() * 0.024);
      const p = placePoints(net, coords, { maxSnapDistanceM: 150 });
      for (let i = 0; i < p.snap.count; i++) {
        const l = p.snap.link[i];
        expect(p.forwardS[i]).toBe(l < 0 ? Number.NaN : net.linkTimeS(l, true));
        expect(p.backwardS[i]).toBe(l < 0 ? Number.NaN : net.linkTimeS(l, false));
      }
    });
});
