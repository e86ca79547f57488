// The interactive what-if: one facility moved in a WhatIfSession against a full coverage run on
// the same county, both in this process. Target (issue 18): under 50 ms per move for a county of
// a few thousand villages, well below a full run.
import { generateCounty } from '../data/generate-county';
import {
  buildNetworkFromGeoJson,
  coverage,
  facilityCategories,
  type IndexedPoint,
  type MessageEndpoint,
  readPointsFromGeoJson,
  SearchWorker,
  serveSearches,
  standardById,
  WhatIfSession,
} from '../src/index';
import { MessageChannel } from 'node:worker_threads';
import { type BenchRow, time } from './harness';

export async function whatIfBench(quick: boolean): Promise<BenchRow[]> {
  const scale = quick ? 3 : 10;
  const county = generateCounty({ seed: 1, scale });
  const villages = readPointsFromGeoJson(county.villages);
  const facilities = readPointsFromGeoJson(county.facilities);
  const rows: BenchRow[] = [];
  for (const id of ['elderly-care-15min', 'rural-basic-90min']) {
    const standard = standardById(id);
    const net = buildNetworkFromGeoJson(county.roads, { profile: standard.profile as 'walk' });
    const served = facilities.filter((f) =>
      facilityCategories(f).some((c) => standard.categories.includes(c)),
    );
    const suite = `what-if, county ×${scale}: ${villages.length} villages, ${served.length} of ${facilities.length} facilities serve ${id}, ${net.nodeCount} nodes`;
    const options = { standard: id };
    rows.push({
      suite,
      name: 'coverage (a full run)',
      medianMs: await time(() => coverage(net, villages, facilities, options), 3),
    });
    let session: WhatIfSession | null = null;
    rows.push({
      suite,
      name: 'WhatIfSession start (once per standard)',
      medianMs: await time(() => {
        session = new WhatIfSession(net, villages, facilities, options);
      }, 3),
      baseline: 'coverage (a full run)',
    });
    // A move takes a served facility to a village (and the next one back), as a drag would.
    // Each is timed alone and the median kept: on a shared machine a batch mean mostly measures
    // the moments the process was descheduled.
    const s = session as unknown as WhatIfSession;
    const ms: number[] = [];
    const moves = quick ? 100 : 400;
    for (let i = 0; i < moves; i++) {
      const f = served[i % served.length] as IndexedPoint;
      const v = villages[(i * 7919) % villages.length];
      for (const [lon, lat] of [
        [v.lon, v.lat],
        [f.lon, f.lat],
      ]) {
        const t = performance.now();
        s.move(f.id as string, lon, lat);
        ms.push(performance.now() - t);
      }
    }
    rows.push(movesRow(suite, 'one move (search, re-rank, summary)', ms));
    // The same moves through the worker protocol (a MessageChannel for the page ↔ worker pair):
    // what postMessage, structured clone and the per-village copies add to each.
    const { port1, port2 } = new MessageChannel();
    serveSearches(port2 as unknown as MessageEndpoint);
    const worker = new SearchWorker(port1 as unknown as MessageEndpoint);
    await worker.loadNetwork(standard.profile, net.toBuffer());
    await worker.whatIfStart(standard.profile, villages, facilities, options);
    const viaWorker: number[] = [];
    for (let i = 0; i < moves; i++) {
      const f = served[i % served.length] as IndexedPoint;
      const v = villages[(i * 7919) % villages.length];
      for (const [lon, lat] of [
        [v.lon, v.lat],
        [f.lon, f.lat],
      ]) {
        const t = performance.now();
        await worker.whatIfMove(f.id as string, lon, lat);
        viaWorker.push(performance.now() - t);
      }
    }
    port1.close();
    port2.close();
    rows.push(movesRow(suite, 'one move through SearchWorker (message round trip)', viaWorker));
  }
  return rows;
}

/** Median and 90th percentile of moves timed one by one. */
function movesRow(suite: string, name: string, ms: number[]): BenchRow {
  ms.sort((a, b) => a - b);
  return {
    suite,
    name,
    medianMs: ms[ms.length >> 1],
    figure: `p90 ${ms[Math.floor(0.9 * ms.length)].toFixed(2)} ms over ${ms.length} moves`,
    baseline: 'coverage (a full run)',
  };
}
