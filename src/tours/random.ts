/**
 * A seeded pseudo-random generator (mulberry32): the solver draws every random choice from it,
 * so a seed and an iteration budget give the same tours on every machine.
 *
 * @param seed - Any integer; the same seed gives the same sequence.
 * @returns A function returning the next number in [0, 1).
 * @example
 * const rand = seededRandom(7);
 * const i = Math.floor(rand() * 10);
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
