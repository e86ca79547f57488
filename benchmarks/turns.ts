import { existsSync } from 'node:fs';
import { travelTimeMatrix } from '../src/index';
import { SearchEngine } from '../src/engine';
import { loadNetwork, readPointsFile } from '../src/node';
import { mulberry32 } from '../test/helpers/random';
import { type BenchRow, time } from './harness';
import { OSM } from './paths';

/**
 * Car turn restrictions on Andorra: what they change (every place-to-place time, one matrix with
 * and one without) and what they cost (one-to-all searches from the same road positions on the
 * two networks, interleaved in one process; the restricted network has a few more nodes and
 * zero-length turn links at the restricted junctions).
 */
export async function turnRestrictionBench(quick: boolean): Promise<BenchRow[]> {
  const suite = 'turns';
  const file = `${OSM}/andorra-2025.osm.pbf`;
  if (!existsSync(file)) return [];
  const free = await loadNetwork(file, { profile: 'car', turnRestrictions: false });
  const turns = await loadNetwork(file, { profile: 'car' });
  const { points } = await readPointsFile(file, { osm: { places: true } });
  const coords = points.flatMap((p) => [p.lon, p.lat]);
  const a = travelTimeMatrix(free, coords, coords).timeS;
  const b = travelTimeMatrix(turns, coords, coords).timeS;
  const diffs: number[] = [];
  let both = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === Infinity || b[i] === Infinity) continue;
    both++;
    if (b[i] - a[i] > 1e-6) diffs.push(b[i] - a[i]);
  }
  diffs.sort((x, y) => x - y);
  const median = diffs.length ? diffs[Math.floor(diffs.length / 2)] : 0;
  const max = diffs.length ? diffs[diffs.length - 1] : 0;
  const faster = Array.from(a).filter((t, i) => b[i] < t - 1e-6).length;
  const rand = mulberry32(11);
  // Sources by OSM node id so both networks start from the same junctions.
  const nodeOf = new Map<number, number>();
  for (let v = 0; v < turns.nodeCount; v++) nodeOf.set(turns.arrays.nodeSourceId[v], v);
  const sources: [number, number][] = [];
  while (sources.length < (quick ? 20 : 100)) {
    const v = Math.floor(rand() * free.nodeCount);
    const w = nodeOf.get(free.arrays.nodeSourceId[v]);
    if (w !== undefined) sources.push([v, w]);
  }
  const eFree = new SearchEngine(free);
  const eTurns = new SearchEngine(turns);
  const runFree = () => {
    for (const [v] of sources) eFree.run([{ node: v, timeS: 0, source: 0 }]);
  };
  const runTurns = () => {
    for (const [, w] of sources) eTurns.run([{ node: w, timeS: 0, source: 0 }]);
  };
  // Interleaved samples, so load on the machine falls on both alike.
  const tf: number[] = [];
  const tt: number[] = [];
  for (let k = 0; k < (quick ? 3 : 7); k++) {
    tf.push(await time(runFree, 3));
    tt.push(await time(runTurns, 3));
  }
  const med = (xs: number[]) => xs.sort((x, y) => x - y)[Math.floor(xs.length / 2)];
  const per = sources.length;
  const pairs = points.length * points.length;
  return [
    {
      suite,
      name: `Andorra car, one-to-all search, no restrictions (${free.nodeCount} nodes)`,
      medianMs: med(tf) / per,
    },
    {
      suite,
      name: `Andorra car, one-to-all search, ${turns.meta.turnRestrictions} restrictions (${turns.nodeCount} nodes, ${turns.meta.turnLinks} turn links)`,
      medianMs: med(tt) / per,
      baseline: `Andorra car, one-to-all search, no restrictions (${free.nodeCount} nodes)`,
    },
    {
      suite,
      name: `Andorra car, ${points.length} places × ${points.length}: pairs the restrictions change`,
      medianMs: 0,
      figure: `${diffs.length} of ${both} reachable pairs (of ${pairs}) slower, median +${median.toFixed(1)} s, max +${max.toFixed(1)} s; ${faster} faster`,
    },
  ];
}
