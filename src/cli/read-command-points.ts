import type { IndexedPoint } from '../points/indexed-point';
import { readPointsFile } from '../node/read-points-file';
import type { PointReadOptions } from '../points/read-points';
import { type CliIo, warn } from './io';
import type { Progress } from './progress';
import type { Lang } from '../report/lang';
import { osmPointWarningZh } from '../report/osm-point-warning-zh';

/** What a command reads from a points file: settlements, or facilities of these categories. */
export type PointsWanted = { places: true } | { facilities: readonly string[] };

/**
 * The points of one input file of a command (GeoJSON, CSV or OSM), with the progress line while
 * an OSM file streams in. What could not be read as asked (a population tag that is no number…)
 * is printed as a warning unless `--quiet`: a command never drops it.
 *
 * @param path - The file named on the command line.
 * @param wanted - For OSM files: settlements or facilities of these categories.
 * @param context - Column options, the progress line, the command's output, `--quiet` and `--lang`
 *   (the OSM reader's and the duplicate-id warnings in Chinese for `zh`).
 * @returns The points.
 * @example
 * const villages = await readCommandPoints(values.villages!, { places: true }, { read, progress, io, quiet });
 */
export async function readCommandPoints(
  path: string,
  wanted: PointsWanted,
  context: { read: PointReadOptions; progress: Progress; io: CliIo; quiet?: boolean; lang?: Lang },
): Promise<IndexedPoint[]> {
  const { text } = context.progress;
  const label = 'places' in wanted ? text.readingVillages : text.readingFacilities;
  context.progress.stage(text.ofFile(label, path)); // OSM files then draw a bar as they stream in
  const read = await readPointsFile(path, {
    ...context.read,
    osm: wanted,
    onProgress: (a, b) => context.progress.update(label, a, b),
  });
  const { points } = read;
  // The OSM reader's warnings in the language of the run (their fields are the same).
  const warnings =
    context.lang === 'zh' && read.warningDetails
      ? read.warningDetails.map(osmPointWarningZh)
      : read.warnings;
  const twice = duplicateIdWarning(path, points, context.lang);
  if (twice) warnings.push(twice);
  if (warnings.length > 0 && !context.quiet) {
    context.progress.done(); // a warning on a line of its own, not after the progress bar
    for (const w of warnings) warn(context.io, w, context.lang);
  }
  return points;
}

/**
 * The points of a GeoJSON/CSV/table file of a command that reads no OSM (nearest, matrix), with
 * the reader's warnings and `duplicateIdWarning` printed unless `quiet`.
 *
 * @param path - The file named on the command line.
 * @param read - Column options.
 * @param io - The command's output (warnings go to stderr).
 * @param quiet - `--quiet`: print no warnings.
 * @param lang - `--lang`: the duplicate-id warning in Chinese for `zh`.
 * @returns The points.
 * @example
 * const villages = await readPlainPoints(values.from, read, io, values.quiet);
 */
export async function readPlainPoints(
  path: string,
  read: PointReadOptions,
  io: CliIo,
  quiet = false,
  lang: Lang = 'en',
): Promise<IndexedPoint[]> {
  const { points, warnings } = await readPointsFile(path, read);
  const twice = duplicateIdWarning(path, points, lang);
  if (twice) warnings.push(twice);
  if (!quiet) for (const w of warnings) warn(io, w, lang);
  return points;
}

/**
 * A warning when ids occur more than once (their rows in an output cannot be told apart), with
 * the count and a few examples; undefined when every id is unique. One pass over the points.
 *
 * @param path - The file, for the message.
 * @param points - Its points.
 * @param lang - `zh` for the warning in Chinese (default English).
 * @returns The warning, or undefined.
 * @example
 * duplicateIdWarning('v.csv', [{ id: 'a', lon: 1, lat: 2 }, { id: 'a', lon: 1, lat: 3 }]); // 'v.csv: 1 id appears more than once ("a" ×2)…'
 */
export function duplicateIdWarning(
  path: string,
  points: readonly IndexedPoint[],
  lang: Lang = 'en',
): string | undefined {
  const { count, examples } = duplicateIds(points);
  if (count === 0) return undefined;
  if (lang === 'zh')
    return `${path}：有 ${count.toLocaleString('en-US')} 个编号重复出现（${examples.join('、')}${count > examples.length ? '……' : ''}），输出中无法区分这些行；请给每个点唯一的编号（或用 --id-field 指定编号列）`;
  return `${path}: ${count.toLocaleString('en-US')} id${count === 1 ? '' : 's'} appear${count === 1 ? 's' : ''} more than once (${examples.join(', ')}${count > examples.length ? ', …' : ''}): their rows in the output cannot be told apart; give each a unique id (or --id-field)`;
}

// Ids that occur more than once, with a few examples (the id and how often), in one pass.
function duplicateIds(points: readonly IndexedPoint[]): { count: number; examples: string[] } {
  const seen = new Map<string | number, number>();
  for (const p of points) if (p.id !== undefined) seen.set(p.id, (seen.get(p.id) ?? 0) + 1);
  let count = 0;
  const examples: string[] = [];
  for (const [id, n] of seen) {
    if (n < 2) continue;
    count++;
    if (examples.length < 3) examples.push(`${JSON.stringify(id)} ×${n}`);
  }
  return { count, examples };
}
