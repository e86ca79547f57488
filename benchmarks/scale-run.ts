// One province-scale measurement in a process of its own, so that its peak memory (VmHWM) is its
// own: `node --expose-gc --import tsx benchmarks/scale-run.ts <region dir> <label>` prints the
// rows as JSON on stdout. Run by benchmarks/scale.ts; see there for the sizes.
import { readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  coverage,
  isochrones,
  readPointsFromGeoJson,
  RoadNetwork,
  travelTimeMatrix,
} from '../src/index';
import { placePoints, SearchEngine } from '../src/engine';
import { loadNetwork, SearchPool, saveNetwork } from '../src/node';
import type { BenchRow } from './harness';

const [dir, label, kind = 'region'] = process.argv.slice(2);
const rows: BenchRow[] = [];
const gc = (globalThis as { gc?: () => void }).gc;

/** Peak resident memory of this process so far (Linux), bytes; NaN elsewhere. */
function peakRss(): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) * 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}
const gb = (b: number) => `${(b / 2 ** 30).toFixed(2)} GB`;
const timed = async <T>(fn: () => T | Promise<T>): Promise<[T, number]> => {
  gc?.();
  const t = performance.now();
  const r = await fn();
  return [r, performance.now() - t];
};

const suite = `province scale, ${label}`;
const pbf = join(dir, 'roads.osm.pbf');
const [net, buildMs] = await timed(() => loadNetwork(pbf, { profile: 'car' }));
rows.push({
  suite,
  name: 'OSM PBF → network (car), streamed from disk',
  medianMs: buildMs,
  figure: `${(statSync(pbf).size / 2 ** 20).toFixed(1)} MB PBF → ${net.nodeCount} nodes, ${net.edgeCount} edges; ${net.stats().bytesPerEdge} B/edge; peak RSS ${gb(peakRss())}`,
});

const srn = join(dir, 'roads-car.srn');
const [, saveMs] = await timed(() => saveNetwork(net, srn));
const [loaded, loadMs] = await timed(() => {
  const b = readFileSync(srn);
  return RoadNetwork.fromBuffer(new Uint8Array(b.buffer, b.byteOffset, b.byteLength));
});
rows.push({
  suite,
  name: 'save .srn',
  medianMs: saveMs,
  figure: `${(statSync(srn).size / 2 ** 20).toFixed(1)} MB`,
});
rows.push({
  suite,
  name: 'load .srn (read file + view arrays)',
  medianMs: loadMs,
  baseline: 'OSM PBF → network (car), streamed from disk',
});
rmSync(srn);

// Everything below runs on the loaded copy: nothing cached from the build (segment index, reverse edges).
const read = (f: string) => readPointsFromGeoJson(JSON.parse(readFileSync(join(dir, f), 'utf8')));
const villages = read('villages.geojson');
// The replicated extract has places only: its towns and cities stand in for facilities.
const facilities =
  kind === 'region'
    ? read('facilities.geojson')
    : villages.filter((v) => v.properties?.place === 'town' || v.properties?.place === 'city');
const vc = villages.flatMap((v) => [v.lon, v.lat]);
const [placed, snapMs] = await timed(() => placePoints(loaded, vc));
rows.push({
  suite,
  name: `snap ${villages.length} villages (segment index built first)`,
  medianMs: snapMs,
  figure: `${Math.round(villages.length / (snapMs / 1000))} villages/s incl. index`,
});

if (facilities.length > 0) {
  const options =
    kind === 'region' ? { standard: 'rural-basic-90min' } : { thresholdsMinutes: [30] };
  const [cov, covMs] = await timed(() => coverage(loaded, villages, facilities, options));
  const outside = cov.villages.filter((v) => v.status !== 'covered').length;
  rows.push({
    suite,
    name:
      kind === 'region'
        ? `coverage, 1.5-hour basic circle (health + school by car), ${villages.length} villages × ${facilities.length} facilities`
        : `coverage, a town within 30 min by car, ${villages.length} places × ${facilities.length} towns`,
    medianMs: covMs,
    figure: `${outside} villages outside or unserved; peak RSS ${gb(peakRss())}`,
  });
}

// An isochrone from the on-network village nearest the villages' mean position.
let cx = 0;
let cy = 0;
for (let i = 0; i < vc.length; i += 2) {
  cx += vc[i];
  cy += vc[i + 1];
}
[cx, cy] = [(2 * cx) / vc.length, (2 * cy) / vc.length];
// …within the largest strongly connected component, so that searches from it go somewhere.
const strong = loaded.components('strong');
let main = 0;
for (let c = 1; c < strong.count; c++) if (strong.sizes[c] > strong.sizes[main]) main = c;
let middle = -1;
for (let v = 0; v < villages.length; v++) {
  if (placed.snap.link[v] < 0 || strong.label[loaded.arrays.linkFrom[placed.snap.link[v]]] !== main)
    continue;
  if (
    middle < 0 ||
    Math.hypot(vc[2 * v] - cx, vc[2 * v + 1] - cy) <
      Math.hypot(vc[2 * middle] - cx, vc[2 * middle + 1] - cy)
  )
    middle = v;
}
const centre = [vc[2 * middle], vc[2 * middle + 1]];
const [one, oneMs] = await timed(() => {
  const e = new SearchEngine(loaded);
  e.run([{ node: loaded.arrays.linkFrom[placed.snap.link[middle]], timeS: 0, source: 0 }]);
  return e.reached().length;
});
rows.push({
  suite,
  name: 'one-to-all search from the middle village (first run, engine allocated)',
  medianMs: oneMs,
  figure: `${one} nodes reached, ${(one / oneMs / 1000).toFixed(2)}M nodes/s`,
});
const [iso, isoMs] = await timed(() =>
  isochrones(loaded, centre, { minutes: [30, 60, 90], cellM: 250 }),
);
rows.push({
  suite,
  name: 'isochrones 30/60/90 min by car from the middle village, 250 m cells',
  medianMs: isoMs,
  figure: `${iso.features[0].properties.areaKm2} km² within 90 min`,
});

// Many searches: an OD matrix of 1,000 villages × 200 others within 90 minutes, one thread vs a pool.
const spread = (count: number, offset: number) => {
  const out: number[] = [];
  for (let j = 0; j < Math.min(count, villages.length); j++) {
    const v = Math.floor(((j + offset) * villages.length) / Math.min(count, villages.length));
    out.push(vc[2 * v], vc[2 * v + 1]);
  }
  return out;
};
const from = placePoints(loaded, spread(1000, 0));
const to = placePoints(loaded, spread(200, 0.5));
const [single, singleMs] = await timed(() =>
  travelTimeMatrix(loaded, from, to, { maxSeconds: 5400 }),
);
rows.push({
  suite,
  name: `travelTimeMatrix ${from.snap.count} × ${to.snap.count} within 90 min, one thread`,
  medianMs: singleMs,
});
const pool = new SearchPool(loaded, { threads: 2 });
const [, warmMs] = await timed(() => pool.travelTimeMatrix(from, to, { maxSeconds: 60 }));
const [par, parMs] = await timed(() => pool.travelTimeMatrix(from, to, { maxSeconds: 5400 }));
await pool.close();
for (let i = 0; i < par.timeS.length; i++)
  if (par.timeS[i] !== single.timeS[i]) throw new Error(`pool matrix differs at ${i}`);
rows.push({
  suite,
  name: `SearchPool.travelTimeMatrix, 2 threads (same numbers, checked)`,
  medianMs: parMs,
  baseline: `travelTimeMatrix ${from.snap.count} × ${to.snap.count} within 90 min, one thread`,
  figure: `pool start-up + a 1-minute warm-up job: ${(warmMs / 1000).toFixed(1)} s`,
});
rows.push({
  suite,
  name: 'peak resident memory of the whole run',
  medianMs: Number.NaN,
  figure: gb(peakRss()),
});
process.stdout.write(`${JSON.stringify(rows)}\n`);
