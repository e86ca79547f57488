import { describe, expect, it } from 'vitest';
import { ContractionGraph } from '../src/search/ch/contraction-graph';
import { WitnessSearch } from '../src/search/ch/witness-search';
import { mulberry32 } from './helpers/random';

describe('ContractionGraph against a map of edges (property)', () => {
  for (let seed = 1; seed <= 20; seed++)
    it(`seed ${seed}: random links and removals keep both lists in step`, () => {
      const rnd = mulberry32(seed);
      const n = 2 + Math.floor(rnd() * 12);
      const cg = new ContractionGraph(
        n,
        Int32Array.from({ length: n }, () => Math.floor(rnd() * 3)),
      );
      const model = new Map<string, [number, number]>(); // "x y" → [seconds, metres]
      const alive = new Set(Array.from({ length: n }, (_, i) => i));
      for (let step = 0; step < 300; step++) {
        const x = Math.floor(rnd() * n);
        const y = Math.floor(rnd() * n);
        if (rnd() < 0.9) {
          if (x === y || !alive.has(x) || !alive.has(y)) continue;
          const s = Math.floor(rnd() * 20);
          cg.link(x, y, s, 3 * s + 1);
          const old = model.get(`${x} ${y}`);
          if (!old || s < old[0]) model.set(`${x} ${y}`, [s, 3 * s + 1]);
        } else if (alive.has(x)) {
          // Remove node x: its neighbours drop it, as the contraction does.
          for (let i = cg.start[x]; i < cg.start[x] + cg.size[x]; i++) cg.remove(cg.nb[i], x);
          alive.delete(x);
          for (const k of [...model.keys()]) {
            const [a, b] = k.split(' ').map(Number);
            if (a === x || b === x) model.delete(k);
          }
        }
      }
      for (const x of alive) {
        const got = new Map<string, [number, number]>();
        for (let i = cg.start[x]; i < cg.start[x] + cg.size[x]; i++) {
          const y = cg.nb[i];
          expect(alive.has(y)).toBe(true);
          const j = cg.find(y, x);
          expect(j).toBeGreaterThanOrEqual(0);
          expect(cg.inS[j]).toBe(cg.outS[i]);
          expect(cg.outS[j]).toBe(cg.inS[i]);
          if (cg.outS[i] < Infinity) got.set(`${x} ${y}`, [cg.outS[i], cg.outM[i]]);
        }
        const want = [...model].filter(([k]) => Number(k.split(' ')[0]) === x);
        expect(new Map(want)).toEqual(got);
      }
    });
});

describe('WitnessSearch', () => {
  it('two-hop scan and bounded search find the path around the skipped node', () => {
    // 0 → 1 → 2 directly (2 s), or 0 → 3 → 2 (3 s), or 0 → 3 → 4 → 2 (4 s, three edges).
    const cg = new ContractionGraph(5, Int32Array.of(2, 2, 3, 3, 2));
    cg.link(0, 1, 1, 0);
    cg.link(1, 2, 1, 0);
    cg.link(0, 3, 1, 0);
    cg.link(3, 2, 2, 0);
    cg.link(3, 4, 1, 0);
    cg.link(4, 2, 1, 0);
    const ws = new WitnessSearch(5);
    ws.twoHops(cg, 0, 1, 10);
    expect(ws.distance(2)).toBe(3);
    ws.twoHops(cg, 0, 1, 2.5);
    expect(ws.distance(2)).toBe(Infinity);
    ws.clearTargets();
    ws.markTarget(2);
    ws.run(cg, 0, 1, 10, 100, 255, 1);
    expect(ws.distance(2)).toBe(3);
    ws.run(cg, 0, 1, 10, 2, 255, 1); // two nodes settled: 0 and 3; 2 only reached
    expect(ws.distance(2)).toBe(3);
    ws.run(cg, 0, 1, 10, 100, 1, 1); // one hop: 2 never reached
    expect(ws.distance(2)).toBe(Infinity);
  });
});
