// SortedIds (ids as low 32 bits plus runs of high parts) against the plain sorted Float64Array and
// a brute-force search: random ids spread over several high parts, negative ids, unsafe values.
import { describe, expect, it } from 'vitest';
import { SortedIds } from '../src/inputs/osm/sorted-ids';
import { mulberry32 } from './helpers/random';

function randomIds(seed: number): number[] {
  const rnd = mulberry32(seed);
  const highs = [0, 1, 2, 7, 2 ** 20, -1, -3].filter(() => rnd() < 0.5);
  if (highs.length === 0) highs.push(0);
  const set = new Set<number>();
  const n = Math.floor(rnd() * 200);
  for (let i = 0; i < n; i++) {
    const h = highs[Math.floor(rnd() * highs.length)];
    const low = rnd() < 0.2 ? (rnd() < 0.5 ? 0 : 2 ** 32 - 1) : Math.floor(rnd() * 2 ** 32);
    set.add(h * 2 ** 32 + low);
  }
  return [...set].sort((a, b) => a - b);
}

describe('SortedIds', () => {
  it('gives back every id and finds each at its index (random, against brute force)', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const ids = randomIds(seed);
      const list = new SortedIds(Float64Array.from(ids));
      expect(list.length).toBe(ids.length);
      for (let i = 0; i < ids.length; i++) {
        expect(list.id(i), `seed ${seed} index ${i}`).toBe(ids[i]);
        expect(list.indexOf(ids[i])).toBe(i);
      }
      const rnd = mulberry32(seed + 1000);
      for (let k = 0; k < 50; k++) {
        const probe =
          ids.length > 0 && rnd() < 0.5
            ? ids[Math.floor(rnd() * ids.length)] + (rnd() < 0.5 ? 1 : -1)
            : Math.floor((rnd() - 0.3) * 2 ** 36);
        expect(list.indexOf(probe), `seed ${seed} probe ${probe}`).toBe(ids.indexOf(probe));
      }
      expect(list.indexOf(0.5)).toBe(-1);
    }
  });

  it('keeps ids that are not safe integers exactly', () => {
    const ids = [-2.5, 0.25, 3, 2 ** 60];
    const list = new SortedIds(Float64Array.from(ids));
    expect(ids.map((_, i) => list.id(i))).toEqual(ids);
    expect(list.indexOf(0.25)).toBe(1);
    expect(list.indexOf(2 ** 60)).toBe(3);
    expect(list.indexOf(4)).toBe(-1);
  });
});
