/**
 * Seeded PRNG (mulberry32) so property tests are reproducible: a failure names its seed. The
 * same generator the tours solver draws from (src/tours/random.ts), under the name tests use.
 */
export { seededRandom as mulberry32 } from '../../src/tours/random';
