import createGraph from 'ngraph.graph';
import ngraphPath from 'ngraph.path';
import { describe, expect, it } from 'vitest';
import { buildNetworkFromGeoJson, haversineM, route, travelTimeMatrix } from '../src/index';
import { placePoints, SearchEngine } from '../src/engine';
import { mulberry32 } from './helpers/random';
import { randomRoads } from './helpers/random-roads';
import { haveExtract, sharedNetwork } from './helpers/shared-data';
import { splitOracle } from './helpers/split-oracle';

describe('travelTimeMatrix and route against the split-graph oracle', () => {
  for (let seed = 1; seed <= 20; seed++) {
    it(`seed ${seed}`, () => {
      const net = buildNetworkFromGeoJson(randomRoads(seed), { profile: 'car' });
      const rnd = mulberry32(700 + seed);
      const pts = (n: number) =>
        Array.from({ length: 2 * n }, (_, i) => (i % 2 ? 30 - 0.002 : -0.002) + rnd() * 0.026);
      const o = pts(5);
      const d = pts(5);
      const m = travelTimeMatrix(net, o, d, { maxSnapDistanceM: 400 });
      const cut = travelTimeMatrix(net, o, d, { maxSnapDistanceM: 400, maxSeconds: 150 });
      // the oracle needs the same snapped points: recompute them the way the matrix does
      const po = placePoints(net, o, { maxSnapDistanceM: 400 });
      const pd = placePoints(net, d, { maxSnapDistanceM: 400 });
      const { d: fw, size, outer } = splitOracle(net, [po, pd]);
      for (let i = 0; i < 5; i++)
        for (let j = 0; j < 5; j++) {
          const want =
            po.snap.link[i] < 0 || pd.snap.link[j] < 0
              ? Infinity
              : fw[outer[0][i] * size + outer[1][j]];
          const got = m.timeS[i * 5 + j];
          if (want === Infinity) expect(got).toBe(Infinity);
          else expect(got).toBeCloseTo(want, 6);
          expect(cut.timeS[i * 5 + j]).toBe(got <= 150 ? got : Infinity);
          const r = route(net, [o[2 * i], o[2 * i + 1]], [d[2 * j], d[2 * j + 1]], {
            maxSnapDistanceM: 400,
          });
          if (want === Infinity) {
            expect(r.status).not.toBe('ok');
            continue;
          }
          expect(r.status).toBe('ok');
          expect(r.timeS).toBeCloseTo(want, 6);
          let len = 0;
          for (let k = 1; k < r.coordinates.length; k++)
            len += haversineM(...r.coordinates[k - 1], ...r.coordinates[k]);
          expect(len).toBeCloseTo(r.distanceM, 3);
          expect(r.coordinates[0]).toEqual([o[2 * i], o[2 * i + 1]]);
          expect(r.coordinates[r.coordinates.length - 1]).toEqual([d[2 * j], d[2 * j + 1]]);
        }
    });
  }
});

describe.skipIf(!haveExtract('ordino'))(
  'node-to-node times equal ngraph.path on the Ordino extract (../shared/data/osm)',
  () => {
    for (const profile of ['car', 'walk'] as const) {
      it(profile, async () => {
        const net = await sharedNetwork('ordino', profile);
        const g = createGraph<unknown, { t: number }>({ multigraph: true });
        for (let u = 0; u < net.nodeCount; u++) {
          g.addNode(u);
          for (let e = net.arrays.firstEdge[u]; e < net.arrays.firstEdge[u + 1]; e++)
            g.addLink(u, net.arrays.edgeTarget[e], { t: net.arrays.edgeTimeS[e] });
        }
        const finder = ngraphPath.aStar(g, {
          oriented: true,
          distance: (_a, _b, link) => link.data.t,
        });
        const engine = new SearchEngine(net);
        const rnd = mulberry32(11);
        for (let q = 0; q < 40; q++) {
          const s = Math.floor(rnd() * net.nodeCount);
          const t = Math.floor(rnd() * net.nodeCount);
          engine.run([{ node: s, timeS: 0, source: 0 }]);
          const path = finder.find(s, t); // ngraph returns the path from target back to source
          if (path.length === 0) {
            expect(s === t ? 0 : engine.timeS(t)).toBe(s === t ? 0 : Infinity);
            continue;
          }
          let total = 0;
          for (let i = path.length - 1; i > 0; i--) {
            let best = Infinity;
            const from = path[i].id as number;
            const to = path[i - 1].id as number;
            for (let e = net.arrays.firstEdge[from]; e < net.arrays.firstEdge[from + 1]; e++)
              if (net.arrays.edgeTarget[e] === to) best = Math.min(best, net.arrays.edgeTimeS[e]);
            total += best;
          }
          expect(engine.timeS(t)).toBeCloseTo(total, 6);
        }
      });
    }
  },
);

// A point exactly on a node (a facility mapped on a junction, a village at a road end) travels like
// that node, whatever one-ways its snapped link has: no detour round the link to reach itself.
// Snap distance 0: a point on an island node would otherwise also enter the main network off-road
// (test/connected-snap.test.ts), which no node-to-node search sees.
describe('points exactly on nodes travel like the nodes (one-way links)', () => {
  for (let seed = 1; seed <= 12; seed++) {
    it(`seed ${seed}`, () => {
      const net = buildNetworkFromGeoJson(randomRoads(seed), { profile: 'car' });
      const nodes = Array.from({ length: Math.min(8, net.nodeCount) }, (_, i) =>
        Math.floor((i * net.nodeCount) / Math.min(8, net.nodeCount)),
      );
      const coords = nodes.flatMap((v) => [net.nodeLon(v), net.nodeLat(v)]);
      const m = travelTimeMatrix(net, coords, coords, { maxSnapDistanceM: 0 });
      const engine = new SearchEngine(net);
      nodes.forEach((s, i) => {
        engine.run([{ node: s, timeS: 0, source: 0 }]);
        nodes.forEach((t, j) => {
          expect(m.timeS[i * nodes.length + j]).toBeCloseTo(engine.timeS(t), 9);
          if (i !== j && engine.timeS(t) < Infinity)
            expect(
              route(net, [coords[2 * i], coords[2 * i + 1]], [coords[2 * j], coords[2 * j + 1]], {
                maxSnapDistanceM: 0,
              }).timeS,
            ).toBeCloseTo(engine.timeS(t), 9);
        });
      });
    });
  }
});
