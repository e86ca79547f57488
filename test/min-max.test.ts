import { describe, expect, it } from 'vitest';
import { maxOf, minOf } from '../src/geo/min-max';
import { mulberry32 } from './helpers/random';

describe('minOf / maxOf', () => {
  it('answer as Math.min / Math.max do, for arrays and typed arrays', () => {
    const rnd = mulberry32(3);
    for (let n = 0; n < 50; n++) {
      const xs = Array.from({ length: n }, () => (rnd() - 0.5) * 1e6);
      expect(minOf(xs)).toBe(Math.min(...xs)); // spread-ok: at most 49 values
      expect(maxOf(xs)).toBe(Math.max(...xs)); // spread-ok: at most 49 values
      expect(minOf(new Float64Array(xs))).toBe(Math.min(...xs)); // spread-ok: at most 49 values
    }
    expect(minOf([])).toBe(Number.POSITIVE_INFINITY);
    expect(maxOf([])).toBe(Number.NEGATIVE_INFINITY);
    expect(minOf([1, Number.NaN, 0])).toBeNaN();
    expect(maxOf([1, Number.NaN, 0])).toBeNaN();
    expect(Object.is(maxOf([-0, 0]), 0)).toBe(true);
    expect(Object.is(minOf([0, -0]), -0)).toBe(true);
  });

  it('take more values than fit on the call stack', () => {
    const xs = new Float64Array(1_000_000).map((_, i) => i % 1000);
    expect(() => Math.max(...xs)).toThrow(RangeError); // spread-ok: shows why maxOf exists
    expect(minOf(xs)).toBe(0);
    expect(maxOf(xs)).toBe(999);
  });
});
