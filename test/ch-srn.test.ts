// The contraction hierarchy saved in the .srn: round trip (same arrays, viewed in place), the
// searches on a loaded hierarchy equal those on a freshly built one and the plain searches, a
// damaged section is a named error, and a SearchPool's workers search the hierarchy they were
// handed (not a rebuilt one, not the plain graph).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FormatError } from '../src/errors';
import {
  buildNetworkFromGeoJson,
  catchments,
  nearestFacilities,
  travelTimeMatrix,
} from '../src/index';
import { placePoints } from '../src/engine';
import { decodeNetwork, encodeNetwork, type SectionArray } from '../src/network/network-buffer';
import { addOptionalSections } from '../src/network/optional-sections';
import { RoadNetwork } from '../src/network/road-network';
import { hierarchySections } from '../src/search/ch/hierarchy-sections';
import { hierarchyFor, preparedHierarchy } from '../src/search/ch/network-hierarchy';
import { loadNetwork, saveNetwork, SearchPool } from '../src/node';
import { ensureBuilt } from './helpers/cli';
import { mulberry32 } from './helpers/random';
import { randomRoads } from './helpers/random-roads';
import { haveExtract, sharedNetwork } from './helpers/shared-data';

const points = (seed: number, n: number) => {
  const rnd = mulberry32(seed);
  return Array.from({ length: 2 * n }, (_, i) => (i % 2 ? 30 - 0.002 : -0.002) + rnd() * 0.026);
};

const bytesOf = (a: SectionArray) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

describe('the hierarchy in the .srn', () => {
  for (let seed = 1; seed <= 10; seed++)
    it(`seed ${seed}: save → load gives the same arrays, in place, and the same search results`, () => {
      const net = buildNetworkFromGeoJson(randomRoads(seed), { profile: 'car' });
      const plainBytes = new Uint8Array(net.toBuffer());
      expect(preparedHierarchy(RoadNetwork.fromBuffer(plainBytes))).toBe(null);
      const ch = hierarchyFor(net);
      const buf = net.toBuffer();
      expect(buf.byteLength).toBeGreaterThan(plainBytes.length);
      const loaded = RoadNetwork.fromBuffer(buf);
      const ch2 = preparedHierarchy(loaded);
      expect(ch2).not.toBe(null);
      if (!ch2) return;
      for (const [name, a] of Object.entries(hierarchySections(ch))) {
        const b = hierarchySections(ch2)[name as keyof ReturnType<typeof hierarchySections>];
        expect(b.constructor, name).toBe(a.constructor);
        expect(Array.from(bytesOf(b)), name).toEqual(Array.from(bytesOf(a)));
        expect(b.buffer, `${name} is a view on the loaded buffer`).toBe(buf);
      }
      expect(Array.from(ch2.original)).toEqual(Array.from(ch.original));
      // hierarchyFor on a loaded network returns the saved hierarchy, it does not contract again
      expect(hierarchyFor(loaded)).toBe(ch2);
      // …and saving the loaded network again writes the same bytes
      expect(Array.from(new Uint8Array(loaded.toBuffer()))).toEqual(
        Array.from(new Uint8Array(buf)),
      );

      const o = placePoints(loaded, points(100 + seed, 7), { maxSnapDistanceM: 400 });
      const d = placePoints(loaded, points(200 + seed, 9), { maxSnapDistanceM: 400 });
      const oN = placePoints(net, points(100 + seed, 7), { maxSnapDistanceM: 400 });
      const dN = placePoints(net, points(200 + seed, 9), { maxSnapDistanceM: 400 });
      const built = travelTimeMatrix(net, oN, dN);
      const got = travelTimeMatrix(loaded, o, d);
      const plain = travelTimeMatrix(loaded, o, d, { hierarchy: false });
      expect(Array.from(got.timeS)).toEqual(Array.from(built.timeS));
      for (let k = 0; k < got.timeS.length; k++)
        expect(got.timeS[k]).toBeCloseTo(plain.timeS[k], 9);
      for (const direction of ['to', 'from'] as const) {
        const c = catchments(loaded, d, o, { maxSeconds: 150, direction });
        const cb = catchments(net, dN, oN, { maxSeconds: 150, direction });
        expect(Array.from(c.village)).toEqual(Array.from(cb.village));
        expect(Array.from(c.timeS)).toEqual(Array.from(cb.timeS));
        const a = nearestFacilities(loaded, o, d, { direction });
        const b = nearestFacilities(net, oN, dN, { direction });
        expect(Array.from(a.timeS)).toEqual(Array.from(b.timeS));
        expect(Array.from(a.facility)).toEqual(Array.from(b.facility));
      }
    });

  it('a shared copy (what a SearchPool hands its workers) carries the hierarchy in shared memory', () => {
    const net = buildNetworkFromGeoJson(randomRoads(3), { profile: 'car' });
    hierarchyFor(net);
    const shared = net.toBuffer({ shared: true });
    const ch = preparedHierarchy(RoadNetwork.fromBuffer(shared));
    expect(ch?.upHead.buffer).toBe(shared);
  });

  describe('a damaged hierarchy section is a named error', () => {
    const net = buildNetworkFromGeoJson(randomRoads(5), { profile: 'car' });
    const sections = hierarchySections(hierarchyFor(net));
    const broken = (edit: (s: Record<string, SectionArray>) => void) => {
      const s: Record<string, SectionArray> = Object.fromEntries(
        Object.entries(sections).map(([k, v]) => [k, v.slice()]),
      );
      edit(s);
      const bytes = encodeNetwork(new RoadNetwork(net.arrays, net.meta), false, s);
      return () => preparedHierarchy(RoadNetwork.fromBuffer(bytes));
    };
    const lastUp = sections.chUpHead.length - 1;
    it.each([
      ['a missing section', (s) => delete s.chDownMetres, /chDownMetres missing/],
      [
        'a section of the wrong type',
        (s) => (s.chUpHead = new Uint32Array(s.chUpHead)),
        /chUpHead" is not i32/,
      ],
      ['a repeated rank', (s) => (s.chInternal[1] = s.chInternal[0]), /chInternal\[1\]/],
      ['a rank out of range', (s) => (s.chInternal[0] = 1e6), /chInternal\[0\] = 1000000/],
      ['a short rank array', (s) => (s.chInternal = s.chInternal.subarray(1)), /chInternal holds/],
      [
        'an edge to a less important node',
        (s) => (s.chUpHead[lastUp] = 1e6),
        /chUpHead\[\d+\] = 1000000 is not below/,
      ],
      ['a negative edge end', (s) => (s.chDownTail[0] = -1), /chDownTail\[0\] = -1/],
      ['a decreasing offset', (s) => (s.chUpFirst[2] = 1e6), /chUpFirst/],
      [
        'offsets not ending at the edge count',
        (s) => (s.chDownFirst = s.chDownFirst.slice(0, -1)),
        /chDownFirst holds/,
      ],
      ['a NaN time', (s) => (s.chUpTimeS[0] = Number.NaN), /chUp edge 0 has time NaN/],
      ['a negative length', (s) => (s.chDownMetres[1] = -5), /chDown edge 1/],
      ['lengths that differ', (s) => (s.chUpTimeS = s.chUpTimeS.subarray(1)), /differ in length/],
    ] as [string, (s: Record<string, SectionArray>) => void, RegExp][])(
      '%s',
      (_, edit, message) => {
        const run = broken(edit);
        expect(run).toThrowError(FormatError);
        expect(run).toThrowError(/corrupt network: contraction hierarchy/);
        expect(run).toThrowError(message);
      },
    );

    it('loadNetwork names the file', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'ch-srn-'));
      try {
        const s = { ...sections, chUpTimeS: sections.chUpTimeS.map((x, i) => (i === 0 ? -1 : x)) };
        const path = join(dir, 'bad.srn');
        const { writeFileSync } = await import('node:fs');
        writeFileSync(
          path,
          new Uint8Array(encodeNetwork(new RoadNetwork(net.arrays, net.meta), false, s)),
        );
        await expect(loadNetwork(path)).rejects.toThrowError(
          /bad\.srn: corrupt network: contraction hierarchy/,
        );
        const good = join(dir, 'good.srn');
        saveNetwork(net, good);
        const loaded = await loadNetwork(good);
        expect(preparedHierarchy(loaded)?.edgeCount).toBe(hierarchyFor(net).edgeCount);
        // decodeNetwork alone leaves the sections opaque, by name
        const { extra } = decodeNetwork(new Uint8Array(net.toBuffer()));
        expect(Object.keys(extra).sort()).toEqual(Object.keys(sections).sort());
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});

describe('SearchPool workers search the hierarchy they are handed', () => {
  beforeAll(ensureBuilt);
  const pools: SearchPool[] = [];
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.close()));
  });

  it('pooled matrices and catchments equal one thread on a network with a hierarchy (1–2 threads)', async () => {
    for (const seed of [4, 9]) {
      const net = buildNetworkFromGeoJson(randomRoads(seed), { profile: 'car' });
      hierarchyFor(net);
      const villages = points(seed * 11, 37);
      const sites = points(seed * 13, 13);
      for (const threads of [1, 2]) {
        const pool = new SearchPool(net, { threads });
        pools.push(pool);
        for (const direction of ['to', 'from'] as const) {
          const one = catchments(net, villages, sites, { maxSeconds: 150, direction });
          const par = await pool.catchments(villages, sites, { maxSeconds: 150, direction });
          expect(Array.from(par.village)).toEqual(Array.from(one.village));
          expect(Array.from(par.timeS)).toEqual(Array.from(one.timeS));
        }
        const one = travelTimeMatrix(net, villages, sites);
        const par = await pool.travelTimeMatrix(villages, sites);
        expect(Array.from(par.timeS)).toEqual(Array.from(one.timeS));
      }
    }
  });

  it('a hierarchy with every time doubled gives doubled answers in the workers too: they use the one handed over', async () => {
    const net = buildNetworkFromGeoJson(randomRoads(4), { profile: 'car' });
    const s = hierarchySections(hierarchyFor(net));
    const marked = new RoadNetwork(net.arrays, net.meta);
    addOptionalSections(marked, {
      ...s,
      chUpTimeS: s.chUpTimeS.map((x) => 2 * x),
      chDownTimeS: s.chDownTimeS.map((x) => 2 * x),
    });
    const villages = points(44, 30);
    const sites = points(52, 11);
    const plain = travelTimeMatrix(marked, villages, sites, { hierarchy: false });
    const one = travelTimeMatrix(marked, villages, sites);
    expect(Array.from(one.timeS)).not.toEqual(Array.from(plain.timeS));
    const pool = new SearchPool(marked, { threads: 2 });
    pools.push(pool);
    const par = await pool.travelTimeMatrix(villages, sites);
    expect(Array.from(par.timeS)).toEqual(Array.from(one.timeS));
  });
});

describe.skipIf(!haveExtract('andorra'))('a saved hierarchy on Andorra by car', () => {
  it('loads in place and answers as the plain search does', async () => {
    const net = await sharedNetwork('andorra', 'car');
    const ch = hierarchyFor(net);
    const loaded = RoadNetwork.fromBuffer(net.toBuffer());
    const ch2 = preparedHierarchy(loaded);
    expect(ch2?.edgeCount).toBe(ch.edgeCount);
    const rnd = mulberry32(78);
    const pts = (n: number) => {
      const out: number[] = [];
      for (let i = 0; i < n; i++) {
        const c = net.linkCoordinates(Math.floor(rnd() * net.linkCount));
        out.push(c[0][0] + (rnd() - 0.5) * 0.002, c[0][1] + (rnd() - 0.5) * 0.002);
      }
      return out;
    };
    const o = pts(40);
    const d = pts(200);
    const plain = travelTimeMatrix(loaded, o, d, { hierarchy: false });
    const m = travelTimeMatrix(loaded, o, d);
    const built = travelTimeMatrix(net, o, d);
    expect(Array.from(m.timeS)).toEqual(Array.from(built.timeS));
    for (let i = 0; i < m.timeS.length; i++) expect(m.timeS[i]).toBeCloseTo(plain.timeS[i], 6);
    const c = catchments(loaded, d, o, { maxSeconds: 1800 });
    const cp = catchments(loaded, d, o, { maxSeconds: 1800, hierarchy: false });
    expect(Array.from(c.village)).toEqual(Array.from(cp.village));
    for (let k = 0; k < c.timeS.length; k++) expect(c.timeS[k]).toBeCloseTo(cp.timeS[k], 6);
  });
});
