import { InputError } from '../errors';
import { assertFile, readTextFile } from '../node/files';
import type { IndexedPoint } from '../points/indexed-point';
import { joinPopulation } from '../points/population-table';
import type { CliIo } from './io';
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
 * Villages with the population of `--population` joined on; the line saying how many matched
 * (and which table rows matched none) goes to stderr unless `--quiet`.
 *
 * @param villages - The villages as read.
 * @param values - The command's `--population` path (none: villages returned as they are),
 *   `--population-field` (the property the population goes to, default `population`) and `--quiet`.
 * @param io - Where the command writes.
 * @returns The villages, with the table's population where a row matched.
 *
 * @example
 * const villages = withPopulationTable(villagesRead, values, io);
 */
export function withPopulationTable(
  villages: IndexedPoint[],
  values: { population?: string; 'population-field'?: string; quiet?: boolean },
  io: CliIo,
): IndexedPoint[] {
  const file = values.population;
  if (file === undefined) return villages;
  assertFile(file);
  const field = values['population-field'] ?? 'population';
  const j = joinPopulation(villages, readTextFile(file), { where: file, field });
  const rest = j.unmatched.length
    ? `; ${j.unmatched.length} rows match no village (${j.unmatched.slice(0, 3).join(', ')}${j.unmatched.length > 3 ? ', …' : ''})`
    : '';
  if (!values.quiet)
    io.stderr.write(
      `population from ${file} for ${j.matched} of ${villages.length} villages (by ${j.by})${rest}\n`,
    );
  return j.villages;
}

/**
 * `--population-field <name>` that no village has is an `InputError` naming the file, the field
 * and the properties the villages do have: a misspelt column made every village's population
 * unknown (coverage shares "—", access scores 0) with no error.
 *
 * @param villages - The villages as read (after `withPopulationTable`).
 * @param values - The command's `--population-field` (not given: default, not checked) and
 *   `--population` (a table writes the field: not checked).
 * @param path - The villages file, for the message.
 * @example
 * checkPopulationField(villages, values, values.villages!);
 */
export function checkPopulationField(
  villages: readonly IndexedPoint[],
  values: { population?: string; 'population-field'?: string },
  path: string,
): void {
  if (values.population !== undefined) return;
  checkVillageProperty(villages, values['population-field'], 'population-field', path);
}

/**
 * A village property named by an option (`--population-field`, `--group-by`) that no village has
 * is an `InputError` naming the file, the option and the properties there are: read as missing
 * everywhere, it gave unknown populations or one "(none)" group with no error.
 *
 * @param villages - The villages as read.
 * @param field - The property asked for (undefined: not given, nothing checked).
 * @param flag - The option that named it, for the message.
 * @param path - The villages file, for the message.
 * @example
 * checkVillageProperty(villages, values['group-by'], 'group-by', values.villages!);
 */
export function checkVillageProperty(
  villages: readonly IndexedPoint[],
  field: string | undefined,
  flag: string,
  path: string,
): void {
  if (field === undefined || villages.length === 0) return;
  if (villages.some((v) => v.properties != null && field in v.properties)) return;
  const seen = new Set<string>();
  for (const v of villages) {
    for (const k of Object.keys(v.properties ?? {})) seen.add(k);
    if (seen.size > 20) break;
  }
  throw new InputError(
    `missing-${flag}`,
    `${path}: no village has "${field}" (--${flag}); their properties are ${[...seen].slice(0, 20).join(', ') || 'none'}`,
    {
      zh: `${path}：没有一个村庄有字段“${field}”（--${flag}）；现有字段为 ${[...seen].slice(0, 20).join('、') || '（无）'}`,
    },
  );
}
