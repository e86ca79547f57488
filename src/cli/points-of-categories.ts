import { InputError } from '../errors';
import { sniffRoadFile } from '../node/load-network';
import { facilityCategories } from '../points/facility-categories';
import type { IndexedPoint } from '../points/indexed-point';
import { categoriesZh } from '../report/lang';

/**
 * The points of a GeoJSON/CSV/table file that are of one of `categories` (their `category`
 * column, or OSM tags), as `--category` picks an OSM extract's facilities while it is read: a
 * file's every point was taken whatever `--category` said. Without categories, or for an OSM
 * file (chosen as it was read), the points as they are. None left of some is an `InputError`
 * naming the file, the categories and the option.
 *
 * @param points - The points read from `path`.
 * @param path - The file named on the command line.
 * @param categories - The categories asked for (undefined or empty: every point).
 * @param option - What asked for them, for the message (`--category`, `standard rural-basic-90min`).
 * @returns The points of those categories.
 * @example
 * const origins = pointsOfCategories(read, values.from, ['health'], '--category');
 */
export function pointsOfCategories(
  points: IndexedPoint[],
  path: string,
  categories: readonly string[] | undefined,
  option: string,
): IndexedPoint[] {
  if (!categories?.length || isOsmFile(path)) return points;
  const chosen = points.filter((p) => facilityCategories(p).some((c) => categories.includes(c)));
  if (points.length > 0 && chosen.length === 0)
    throw new InputError(
      'no-facilities',
      `${path} holds no facility of ${categories.join(', ')} (${option}), among ${points.length} points`,
      {
        zh: `${path} 的 ${points.length} 个点中没有${categoriesZh(categories)}类设施（${option.startsWith('standard ') ? `标准 ${option.slice(9)}` : option}）`,
      },
    );
  return chosen;
}

// An OSM extract's facilities are picked by category as it is read (tag filters too).
function isOsmFile(path: string): boolean {
  try {
    return ['pbf', 'xml', 'xml.gz'].includes(sniffRoadFile(path));
  } catch {
    return false; // CSV, workbooks: not a road format
  }
}
