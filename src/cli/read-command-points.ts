import type { IndexedPoint } from '../points/indexed-point';
import { readPointsFile } from '../node/read-points-file';
import type { PointReadOptions } from '../points/read-points';
import type { CliIo } from './io';
import type { Progress } from './progress';

/** What a command reads from a points file: settlements, or facilities of these categories. */
export type PointsWanted = { places: true } | { facilities: readonly string[] };

/**
 * The points of one input file of a command (GeoJSON, CSV or OSM), with the progress line while
 * an OSM file streams in. What could not be read as asked (a population tag that is no number…)
 * is printed as a warning unless `--quiet`: a command never drops it.
 *
 * @param path - The file named on the command line.
 * @param wanted - For OSM files: settlements or facilities of these categories.
 * @param context - Column options, the progress line, the command's output and `--quiet`.
 * @returns The points.
 * @example
 * const villages = await readCommandPoints(values.villages!, { places: true }, { read, progress, io, quiet });
 */
export async function readCommandPoints(
  path: string,
  wanted: PointsWanted,
  context: { read: PointReadOptions; progress: Progress; io: CliIo; quiet?: boolean },
): Promise<IndexedPoint[]> {
  const label = 'places' in wanted ? 'reading villages' : 'reading facilities';
  context.progress.stage(`${label} (${path})`); // OSM files then draw a bar as they stream in
  const { points, warnings } = await readPointsFile(path, {
    ...context.read,
    osm: wanted,
    onProgress: (a, b) => context.progress.update(label, a, b),
  });
  if (warnings.length > 0 && !context.quiet) {
    context.progress.done(); // a warning on a line of its own, not after the progress bar
    for (const w of warnings) context.io.stderr.write(`warning: ${w}\n`);
  }
  return points;
}
