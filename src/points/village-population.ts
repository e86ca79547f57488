import { checkObject } from '../geo/check-args';
import { InputError } from '../errors';
import type { IndexedPoint } from './indexed-point';

/**
 * A village's population from its `field` property: a number ≥ 0 or a numeric string
 * (`"1,250"` and `"1 250"` read as 1250). Missing or empty gives `fallback` when set, else null
 * ("unknown", never 0); anything else is an error naming the village and the value.
 *
 * @param v - The village; its `properties` hold the population.
 * @param index - Its position in the input, named in the error when it has no `id`.
 * @param field - The property to read, e.g. `population`.
 * @param fallback - The population of a village where `field` is missing or empty; without it,
 *   such a village gets `null`.
 * @returns People (a number ≥ 0), or `null` when unknown. Throws `InputError`
 *   `invalid-population` for a negative, non-numeric or non-finite value.
 *
 * @example
 * villagePopulation({ lon: 0, lat: 0, properties: { population: '1,250' } }, 0, 'population'); // 1250
 */
export function villagePopulation(
  v: IndexedPoint,
  index: number,
  field: string,
  fallback?: number,
): number | null {
  checkObject(v, `village #${index}`);
  const raw = v.properties?.[field];
  if (raw === undefined || raw === null || raw === '') return fallback ?? null;
  const n =
    typeof raw === 'number'
      ? raw
      : typeof raw === 'string'
        ? Number(raw.replace(/[\s,_]/g, ''))
        : Number.NaN;
  if (!(Number.isFinite(n) && n >= 0)) {
    throw new InputError(
      'invalid-population',
      `village ${JSON.stringify(v.id ?? index)} (#${index}): ${field} must be a number ≥ 0, got ${JSON.stringify(raw)}`,
      {
        zh: `村庄 ${JSON.stringify(v.id ?? index)}（第 ${index + 1} 个）：${field} 必须是 ≥ 0 的数值，得到 ${JSON.stringify(raw)}`,
      },
    );
  }
  return n;
}
