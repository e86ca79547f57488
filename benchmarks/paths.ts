// Where the project, the shared OSM extracts and the peer scripts are, whether the benchmarks run
// from their TypeScript sources (tsx) or bundled into benchmarks/out/ (what `npm run bench` does).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

function projectRoot(): string {
  let dir = import.meta.dirname;
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`benchmarks: no package.json above ${import.meta.dirname}`);
    dir = up;
  }
  return dir;
}

export const ROOT = projectRoot();
/** The shared OpenStreetMap extracts (`../shared/data/osm` beside the project). */
export const OSM = join(ROOT, '../shared/data/osm');
/** Python peer scripts. */
export const PEERS = join(ROOT, 'benchmarks/peers');
