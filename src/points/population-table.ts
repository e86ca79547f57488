import { checkObjectArray, checkText, optionsObject } from '../geo/check-args';
import { InputError } from '../errors';
import type { OptionKeys } from '../geo/option-keys';
import { parseCsv } from '../inputs/csv';
import type { IndexedPoint } from './indexed-point';

/** What `joinPopulation` matched. */
export interface PopulationJoin {
  /** The villages, in input order; matched ones carry the table's population in `field`. */
  villages: IndexedPoint[];
  /** `id` or `name`: the column the table was matched by. */
  by: 'id' | 'name';
  /** Villages that got a population from the table. */
  matched: number;
  /** Keys of table rows that matched no village (their populations are not used). */
  unmatched: string[];
}

/** The options of `joinPopulation`. */
interface JoinPopulationOptions {
  where?: string;
  field?: string;
}
const JOIN_POPULATION_KEYS = {
  where: true,
  field: true,
} satisfies OptionKeys<JoinPopulationOptions>;

/**
 * Population from a table onto villages, for extracts whose places carry none (OSM: most
 * villages). The CSV has a `population` column and an `id` column (matched to the village id,
 * e.g. `node/64954404`) or, without one, a `name` column (matched to the village's `name`
 * property). A table value replaces the village's own; villages not in the table keep theirs.
 * Duplicate keys, a name two villages share, or a population that is not a number ≥ 0 are errors
 * naming the line — never a silent pick.
 *
 * @param villages - The villages (not changed: matched ones are copied).
 * @param csv - The table's text.
 * @param options - `where`: how errors name the table (default `population table`); `field`:
 *   the village property to write (default `population`).
 * @returns The villages with the joined population, and what matched.
 *
 * @example
 * const j = joinPopulation(villages, 'name,population\nCanillo,4826\n');
 * j.matched; // 1
 * j.villages.find((v) => v.properties?.name === 'Canillo')?.properties?.population; // 4826
 */
export function joinPopulation(
  villages: readonly IndexedPoint[],
  csv: string,
  options: JoinPopulationOptions = {},
): PopulationJoin {
  checkObjectArray(villages, 'joinPopulation: villages');
  checkText(csv, 'joinPopulation: csv');
  options = optionsObject(options, 'joinPopulation', JOIN_POPULATION_KEYS);
  const where = options.where ?? 'population table';
  const field = options.field ?? 'population';
  const { header, rows, lines } = parseCsv(csv, where);
  const col = (name: string) => header.findIndex((h) => h.trim().toLowerCase() === name);
  const pop = col('population');
  const by = col('id') >= 0 ? 'id' : 'name';
  const key = col(by);
  if (pop < 0 || key < 0)
    throw new InputError(
      'invalid-table',
      `${where}: needs a population column and an id or name column, got ${header.join(', ')}`,
      {
        zh: `${where}：需要 population（人口）列，以及 id（编号）或 name（名称）列，现有列为 ${header.join('、')}`,
      },
    );
  const keyOf = (v: IndexedPoint) =>
    by === 'id' ? (v.id === undefined ? undefined : String(v.id)) : v.properties?.name;
  const villageOf = new Map<string, number>();
  villages.forEach((v, i) => {
    const k = keyOf(v);
    if (k === undefined || k === null || k === '') return;
    const ks = String(k);
    const other = villageOf.get(ks);
    villageOf.set(ks, other === undefined ? i : -1); // -1: a name two villages share
  });
  const table = new Map<string, { value: number; line: number }>();
  rows.forEach((row, r) => {
    const k = row[key].trim();
    const raw = row[pop].trim();
    if (k === '' || raw === '') return;
    const value = Number(raw.replace(/[\s,_]/g, ''));
    if (!(Number.isFinite(value) && value >= 0))
      throw new InputError(
        'invalid-population',
        `${where}, line ${lines[r]}: population of ${JSON.stringify(k)} must be a number ≥ 0, got ${JSON.stringify(raw)}`,
        {
          zh: `${where} 第 ${lines[r]} 行：${JSON.stringify(k)} 的人口必须是 ≥ 0 的数值，得到 ${JSON.stringify(raw)}`,
        },
      );
    const seen = table.get(k);
    if (seen)
      throw new InputError(
        'invalid-table',
        `${where}, line ${lines[r]}: ${by} ${JSON.stringify(k)} is listed already on line ${seen.line}`,
        {
          zh: `${where} 第 ${lines[r]} 行：${by} ${JSON.stringify(k)} 已在第 ${seen.line} 行出现`,
        },
      );
    if (villageOf.get(k) === -1)
      throw new InputError(
        'invalid-table',
        `${where}, line ${lines[r]}: several villages are named ${JSON.stringify(k)}; match by an id column instead`,
        {
          zh: `${where} 第 ${lines[r]} 行：有多个村庄名为 ${JSON.stringify(k)}；请改用 id（编号）列匹配`,
        },
      );
    table.set(k, { value, line: lines[r] });
  });
  let matched = 0;
  const out = villages.map((v) => {
    const k = keyOf(v);
    const hit = k === undefined || k === null ? undefined : table.get(String(k));
    if (!hit) return v;
    matched++;
    return { ...v, properties: { ...v.properties, [field]: hit.value } };
  });
  const unmatched = [...table.keys()].filter((k) => villageOf.get(k) === undefined);
  return { villages: out, by, matched, unmatched };
}
