// The interactive what-if: one facility moved in a WhatIfSession against a full coverage run on
// the same county, both in this process. Target (issue 18): under 50 ms per move for a county of
// a few thousand villages, well below a full run.
import { generateCounty } from '../data/generate-county';
import {
  buildNetworkFromGeoJson,
  coverage,
  facilityCategories,
  type IndexedPoint,
  readPointsFromGeoJson,
  standardById,
  WhatIfSession,
} from '../src/index';
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
    ms.sort((a, b) => a - b);
    rows.push({
      suite,
      name: 'one move (search, re-rank, summary)',
      medianMs: ms[ms.length >> 1],
      figure: `p90 ${ms[Math.floor(0.9 * ms.length)].toFixed(2)} ms over ${ms.length} moves`,
      baseline: 'coverage (a full run)',
    });
  }
  return rows;
}
