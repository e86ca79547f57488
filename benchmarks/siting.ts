import { generateCounty } from '../data/generate-county';
import {
  buildNetworkFromGeoJson,
  type Catchments,
  catchments,
  coveredBy,
  facilityCategories,
  maximalCovering,
  readPointsFromGeoJson,
  setCovering,
  travelTimeMatrix,
} from '../src/index';
import { SearchPool, withSearchPool } from '../src/node';
import { placePoints } from '../src/search/placed-points';
import { hierarchyFor } from '../src/search/ch/network-hierarchy';
import { type BenchRow, now, time } from './harness';

/** Throw unless two catchments hold the same rows (times within rounding). */
function sameCatchments(a: Catchments, b: Catchments): void {
  const same =
    a.start.length === b.start.length &&
    a.start.every((x, i) => x === b.start[i]) &&
    a.village.every((x, i) => x === b.village[i]) &&
    a.timeS.every((x, i) => Math.abs(x - b.timeS[i]) <= 1e-9 * x + 1e-6);
  if (!same) throw new Error('catchments on the hierarchy disagree with the plain searches');
}

/** Catchments of 5,000 candidates × ~10,000 villages (synthetic county, scale 32) and greedy siting on them. */
export async function sitingBench(quick: boolean): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const scale = quick ? 4 : 32;
  const county = generateCounty({ seed: 3, scale });
  const villages = readPointsFromGeoJson(county.villages);
  const facilities = readPointsFromGeoJson(county.facilities);
  const population = villages.map((v) => (v.properties?.population as number | undefined) ?? 0);
  const step = Math.max(1, Math.floor(villages.length / 5000));
  const candidates = villages.filter((_, i) => i % step === 0).slice(0, 5000);
  const cc = candidates.flatMap((c) => [c.lon, c.lat]);
  for (const [profile, minutes, category] of [
    ['walk', 15, 'elderly-care'],
    ['car', 90, 'health'],
  ] as const) {
    const net = buildNetworkFromGeoJson(county.roads, { profile });
    const V = placePoints(
      net,
      villages.flatMap((v) => [v.lon, v.lat]),
    );
    const suite = `siting, ${candidates.length} candidates × ${villages.length} villages, synthetic county ×${scale} (${profile}, ${net.nodeCount} nodes), within ${minutes} min`;
    const maxSeconds = minutes * 60;
    let c = catchments(net, V, cc, { maxSeconds });
    const t0 = now();
    c = catchments(net, V, cc, { maxSeconds });
    const once = now() - t0;
    // Seconds-long runs: one more timed run after the first (warm-up) is enough.
    const ms =
      once > 5000
        ? await time(
            () => {
              c = catchments(net, V, cc, { maxSeconds });
            },
            1,
            0,
          )
        : await time(
            () => {
              c = catchments(net, V, cc, { maxSeconds });
            },
            3,
            0,
          );
    rows.push({
      suite,
      name: 'catchments (one bounded search per candidate)',
      medianMs: ms,
      figure: `${c.village.length} candidate–village pairs`,
    });
    const vcoords = villages.flatMap((v) => [v.lon, v.lat]);
    const parMs = await time(
      () =>
        withSearchPool(net, { threads: 2 }, (pool) => pool.catchments(vcoords, cc, { maxSeconds })),
      1,
      0,
    );
    rows.push({
      suite,
      name: 'SearchPool catchments, 2 threads (pool started and closed per call)',
      medianMs: parMs,
      baseline: 'catchments (one bounded search per candidate)',
    });
    // A persistent pool pays its start-up once; its jobs are timed on their own.
    let pool: SearchPool | null = null;
    const startMs = await time(
      async () => {
        pool = new SearchPool(net, { threads: 2 });
        await pool.travelTimeMatrix(cc.slice(0, 2), cc.slice(0, 2)); // every worker has started once this returns
        await pool.close();
      },
      1,
      0,
    );
    pool = new SearchPool(net, { threads: 2 });
    const warm = pool;
    const poolMs = await time(() => warm.catchments(V, cc, { maxSeconds }), once > 5000 ? 1 : 3, 1);
    await warm.close();
    rows.push({
      suite,
      name: 'SearchPool.catchments, 2 threads (pool already running, villages placed once)',
      medianMs: poolMs,
      baseline: 'catchments (one bounded search per candidate)',
    });
    rows.push({
      suite,
      name: 'SearchPool start-up + first tiny job (2 threads)',
      medianMs: startMs,
    });
    const sample = cc.slice(0, 2 * 100);
    const mMs = await time(
      () =>
        travelTimeMatrix(
          net,
          sample,
          villages.flatMap((v) => [v.lon, v.lat]),
          { maxSeconds },
        ),
      3,
    );
    rows.push({
      suite,
      name: 'travelTimeMatrix candidates × villages (timed on 100, scaled)',
      medianMs: (mMs * candidates.length) / 100,
      baseline: 'catchments (one bounded search per candidate)',
    });
    const existing = facilities.filter((f) => facilityCategories(f).includes(category));
    const ec = catchments(
      net,
      V,
      existing.flatMap((f) => [f.lon, f.lat]),
      { maxSeconds },
    );
    const covered = coveredBy(
      ec,
      Array.from({ length: ec.sites }, (_, s) => s),
    );
    let picked = '';
    rows.push({
      suite,
      name: `maximal covering, 20 new sites (existing ${category} locked in)`,
      medianMs: await time(() => {
        const r = maximalCovering(c, population, { p: 20, covered });
        picked = `+${Math.round(r.coveredAfter - r.coveredBefore)} people covered`;
      }, 3),
      figure: picked,
    });
    let n = 0;
    rows.push({
      suite,
      name: 'set covering (every coverable village)',
      medianMs: await time(() => {
        n = setCovering(c, { covered }).sites.length;
      }, 1),
      figure: `${n} sites`,
    });
    // Last, as every search on `net` uses the hierarchy once it exists.
    const t1 = now();
    const ch = hierarchyFor(net);
    rows.push({
      suite,
      name: 'contraction hierarchy (hierarchyFor, once per network)',
      medianMs: now() - t1,
      figure: `${ch.edgeCount} edges up + down`,
    });
    let hc = c;
    const chMs = await time(
      () => {
        hc = catchments(net, V, cc, { maxSeconds });
      },
      once > 5000 ? 1 : 3,
      1,
    );
    sameCatchments(hc, c);
    // The plain row above ran minutes earlier; on a shared machine the CPU a call gets varies that
    // much between stretches (4.8× against that row, 7.1× interleaved in a script). So also time
    // both ways alternately, plain then hierarchy, and give the ratio of those medians.
    const plainTimes: number[] = [];
    const chTimes: number[] = [];
    const pairs = once > 5000 ? 2 : 5;
    for (let i = 0; i < pairs; i++) {
      let t = now();
      catchments(net, V, cc, { maxSeconds, hierarchy: false });
      plainTimes.push(now() - t);
      t = now();
      hc = catchments(net, V, cc, { maxSeconds });
      chTimes.push(now() - t);
    }
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
    rows.push({
      suite,
      name: 'catchments on the contraction hierarchy (buckets)',
      medianMs: chMs,
      figure: `same rows as the plain catchments (checked); interleaved with plain runs: ${median(chTimes).toFixed(0)} against ${median(plainTimes).toFixed(0)} ms, ${(median(plainTimes) / median(chTimes)).toFixed(1)}× faster`,
      baseline: 'catchments (one bounded search per candidate)',
    });
  }
  return rows;
}
