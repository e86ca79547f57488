import { describe, expect, it } from 'vitest';
import { buildNetworkFromGeoJson, nearestFacilities, type RoadNetwork } from '../src/index';
import { loadNetwork } from '../src/node';
import { hierarchyFor } from '../src/search/ch/network-hierarchy';
import { Phast } from '../src/search/ch/phast';
import {
  LEG_STRIDE,
  newLegs,
  type PlacedPoints,
  placePoints,
  pointLegs,
  pointSeeds,
  type Seed,
  sameLinkWay,
} from '../src/search/placed-points';
import { SearchEngine } from '../src/search/search-engine';
import { mulberry32 } from './helpers/random';
import { randomRoads } from './helpers/random-roads';
import { extractPath } from './helpers/fixture-cache';
import { haveExtract } from './helpers/shared-data';

/** Labels of a finished search at an original node. */
interface At {
  timeS(node: number): number;
  sourceOf(node: number): number;
  distanceM(node: number): number;
}

/**
 * The per-village step written the plain way: every leg as `pointLegs` writes it down, the label
 * at its node, then every facility on a shared link, in that order, ties to the lower facility and
 * the first way. `nearestFacilities` k = 1 walks the same legs without writing them down and must
 * give the same bits.
 */
function reference(
  net: RoadNetwork,
  villages: PlacedPoints,
  facilities: PlacedPoints,
  toFacility: boolean,
  maxSeconds: number,
  at: At,
) {
  const nv = villages.snap.count;
  const facility = new Int32Array(nv).fill(-1);
  const timeS = new Float64Array(nv).fill(Infinity);
  const distanceM = new Float64Array(nv).fill(Infinity);
  const status = new Uint8Array(nv);
  const entry = new Uint8Array(nv);
  const legs = newLegs();
  const way = new Float64Array(3);
  for (let v = 0; v < nv; v++) {
    if (villages.snap.link[v] < 0) {
      status[v] = 1;
      continue;
    }
    let bt = Infinity;
    let bf = -1;
    let bm = Infinity;
    let be = 0;
    for (let j = 0, n = pointLegs(net, villages, v, toFacility, legs); j < n; j++) {
      const node = legs[LEG_STRIDE * j];
      const t = legs[LEG_STRIDE * j + 1] + at.timeS(node);
      if (!(t < Infinity)) continue;
      const f = at.sourceOf(node);
      if (t < bt || (t === bt && f < bf)) {
        bt = t;
        bf = f;
        bm = legs[LEG_STRIDE * j + 2] + at.distanceM(node);
        be = legs[LEG_STRIDE * j + 3] >> 1;
      }
    }
    for (const l of [villages.snap.link[v], villages.snap.main.link[v]]) {
      if (l < 0) continue;
      for (let f = 0; f < facilities.snap.count; f++) {
        if (facilities.snap.link[f] !== l && facilities.snap.main.link[f] !== l) continue;
        const t = toFacility
          ? sameLinkWay(net, villages, v, facilities, f, way)
          : sameLinkWay(net, facilities, f, villages, v, way);
        if (t < bt || (t === bt && t < Infinity && f < bf)) {
          bt = t;
          bf = f;
          bm = way[0];
          be = toFacility ? way[1] : way[2];
        }
      }
    }
    if (bf < 0) {
      status[v] = 2;
      continue;
    }
    facility[v] = bf;
    timeS[v] = bt;
    distanceM[v] = bm;
    entry[v] = be;
    status[v] = bt > maxSeconds ? 3 : 0;
  }
  return { facility, timeS, distanceM, status, entry };
}

/**
 * Random points: some on nodes exactly (a leg of zero length, open even against a one-way), some
 * near roads, some far off (off-network).
 */
function randomPoints(net: RoadNetwork, n: number, rnd: () => number, box: number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const r = rnd();
    if (r < 0.25) {
      const node = Math.floor(rnd() * net.nodeCount);
      out.push(net.arrays.nodeE7[2 * node] / 1e7, net.arrays.nodeE7[2 * node + 1] / 1e7);
    } else if (r < 0.9) {
      const c = net.linkCoordinates(Math.floor(rnd() * net.linkCount));
      const s = Math.floor(rnd() * (c.length - 1));
      const f = rnd();
      out.push(
        c[s][0] + f * (c[s + 1][0] - c[s][0]) + (rnd() - 0.5) * 0.002,
        c[s][1] + f * (c[s + 1][1] - c[s][1]) + (rnd() - 0.5) * 0.002,
      );
    } else out.push(box[0] + rnd() * (box[2] - box[0]), box[1] + rnd() * (box[3] - box[1]));
  }
  return out;
}

function checkAgainstReference(net: RoadNetwork, seed: number, nv: number, nf: number) {
  const rnd = mulberry32(seed);
  const pad = [Infinity, Infinity, -Infinity, -Infinity];
  const e7 = net.arrays.nodeE7;
  for (let i = 0; i < e7.length; i++) {
    const c = i % 2;
    pad[c] = Math.min(pad[c], e7[i] / 1e7 - 0.02);
    pad[c + 2] = Math.max(pad[c + 2], e7[i] / 1e7 + 0.02);
  }
  const villages = placePoints(net, randomPoints(net, nv, rnd, pad), { maxSnapDistanceM: 400 });
  const facilities = placePoints(net, randomPoints(net, nf, rnd, pad), { maxSnapDistanceM: 400 });
  const maxSeconds = 60 + rnd() * 600;
  const ch = hierarchyFor(net);
  for (const direction of ['to', 'from'] as const) {
    const toFacility = direction === 'to';
    const seeds: Seed[] = [];
    for (let f = 0; f < nf; f++) pointSeeds(net, facilities, f, direction, f, seeds);
    const engine = new SearchEngine(net);
    engine.run(seeds, { direction });
    const phast = new Phast(ch);
    phast.run(seeds, direction);
    for (const [name, at, hierarchy] of [
      ['plain search', engine, false],
      ['PHAST', phast, true],
    ] as const) {
      const want = reference(net, villages, facilities, toFacility, maxSeconds, at);
      const got = nearestFacilities(net, villages, facilities, {
        direction,
        maxSeconds,
        hierarchy,
      });
      for (const key of ['facility', 'timeS', 'distanceM', 'status', 'entry'] as const)
        expect(
          Buffer.from(got[key].buffer).equals(Buffer.from(want[key].buffer)),
          `seed ${seed} ${direction} ${name}: ${key}`,
        ).toBe(true);
    }
  }
}

describe('nearest facility k=1: the fused per-village step equals the legs written down', () => {
  for (let seed = 1; seed <= 40; seed++)
    it(`random roads, seed ${seed}`, () => {
      const net = buildNetworkFromGeoJson(randomRoads(seed), { profile: 'car' });
      checkAgainstReference(net, 7000 + seed, 60, 1 + (seed % 7));
    });

  it.skipIf(!haveExtract('andorra'))(
    'Andorra by car with turn restrictions (arrival nodes at split junctions)',
    async () => {
      const net = await loadNetwork(extractPath('andorra'), {
        profile: 'car',
        turnRestrictions: true,
      });
      expect(net.meta.turnLinks ?? 0).toBeGreaterThan(0);
      for (const seed of [1, 2]) checkAgainstReference(net, seed, 3000, seed === 1 ? 40 : 400);
    },
    120_000,
  );
});
