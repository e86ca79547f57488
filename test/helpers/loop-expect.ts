import { expect } from 'vitest';

// Oracle tests compare every node of every search: a few hundred thousand checks per run. Each
// `expect(…)` costs 5–40 µs (a chai proxy per call), seconds in all. These check first and call
// the very same matcher only when the check fails, so a failure reads exactly as before; the
// fast path passes only where the matcher would pass (the comparisons below are its own).

/**
 * `expect(actual, message).toBe(expected)` for checks in hot loops.
 *
 * @param actual - the value under test
 * @param expected - the value it must be (`Object.is`, as `toBe`)
 * @param message - what is checked, shown on failure
 * @example
 * for (let v = 0; v < n; v++) expectIs(engine.sourceOf(v), -1, `node ${v}`);
 */
export function expectIs(actual: unknown, expected: unknown, message?: string): void {
  if (!Object.is(actual, expected)) expect(actual, message).toBe(expected);
}

/**
 * `expect(actual, message).toBeCloseTo(expected, digits)` for checks in hot loops.
 *
 * @param actual - the number under test
 * @param expected - the number it must be close to
 * @param digits - decimal places that must agree (`|expected − actual| < 10^−digits / 2`)
 * @param message - what is checked, shown on failure
 * @example
 * expectCloseTo(engine.timeS(v), fw[s * n + v], 9);
 */
export function expectCloseTo(
  actual: number,
  expected: number,
  digits: number,
  message?: string,
): void {
  const bothInfinite = actual === expected && Math.abs(actual) === Infinity;
  if (bothInfinite || Math.abs(expected - actual) < 10 ** -digits / 2) return;
  expect(actual, message).toBeCloseTo(expected, digits);
}

/**
 * `expect(actual, message).toBeGreaterThanOrEqual(bound)` for checks in hot loops.
 *
 * @param actual - the number under test
 * @param bound - the least it may be
 * @param message - what is checked, shown on failure
 * @example
 * expectAtLeast(engine.timeS(r[i]), engine.timeS(r[i - 1]));
 */
export function expectAtLeast(actual: number, bound: number, message?: string): void {
  if (!(actual >= bound)) expect(actual, message).toBeGreaterThanOrEqual(bound);
}
