import { readFileSync } from 'node:fs';
import { assertFile } from '../node/files';
import type { IndexedPoint } from '../points/indexed-point';
import { joinPopulation } from '../points/population-table';
import { stringOption } from './option-spec';

/** `--population <file.csv>`, shared by the commands that weigh villages by people. */
export const POPULATION_TABLE_OPTION = {
  population: stringOption(
    '<file.csv>',
    `population by village from a table: columns population and id (the
village id, e.g. node/64954404) or name; replaces the villages' own`,
  ),
};

/**
 * Villages with the population of `--population` joined on, and what to tell the user about it.
 *
 * @param villages - The villages as read.
 * @param file - The `--population` path, or undefined for none (villages returned as they are).
 * @param field - The village property the population goes to (`--population-field`).
 * @returns The villages and one line of news (how many matched, rows matching none), or null.
 *
 * @example
 * const { villages, note } = withPopulationTable(read.points, values.population, 'population');
 */
export function withPopulationTable(
  villages: IndexedPoint[],
  file: string | undefined,
  field: string,
): { villages: IndexedPoint[]; note: string | null } {
  if (file === undefined) return { villages, note: null };
  assertFile(file);
  const j = joinPopulation(villages, readFileSync(file, 'utf8'), { where: file, field });
  const rest = j.unmatched.length
    ? `; ${j.unmatched.length} rows match no village (${j.unmatched.slice(0, 3).join(', ')}${j.unmatched.length > 3 ? ', …' : ''})`
    : '';
  return {
    villages: j.villages,
    note: `population from ${file} for ${j.matched} of ${villages.length} villages (by ${j.by})${rest}`,
  };
}
