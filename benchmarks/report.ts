// The report at province scale: coverage of the 1.5-hour basic circle on the synthetic 1M-node
// region (generated once and cached by the scale suite's rules), then reportHtml with the network
// as roads — its time against the coverage run it reports, its size — and, when Debian's Chromium
// is there, the time from opening the file to the page's script having drawn everything.
//
//   npm run bench -- --only=report            1M road nodes (200k with --quick)
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { coverage, readPointsFromGeoJson } from '../src/index';
import { loadNetwork } from '../src/node';
import { reportHtml } from '../src/report/report-html';
import { chromiumMissing, launchChromium } from '../test/helpers/chromium';
import type { BenchRow } from './harness';
import { cachedRegion, INPUT_CACHE } from './input-cache';

export async function reportBench(quick: boolean): Promise<BenchRow[]> {
  const n = quick ? 200_000 : 1_000_000;
  const dir = cachedRegion(n);
  const suite = `report, synthetic province of ${n >= 1e6 ? `${n / 1e6}M` : `${n / 1e3}k`} road nodes`;
  const net = await loadNetwork(join(dir, 'roads.osm.pbf'), { profile: 'car' });
  const read = (f: string) => readPointsFromGeoJson(JSON.parse(readFileSync(join(dir, f), 'utf8')));
  const villages = read('villages.geojson');
  const facilities = read('facilities.geojson');
  let t = performance.now();
  const r = coverage(net, villages, facilities, {
    standard: 'rural-basic-90min',
    groupBy: 'township',
  });
  const coverageMs = performance.now() - t;
  t = performance.now();
  const html = reportHtml({ title: suite, roads: net, facilities, coverage: [r], villages });
  const reportMs = performance.now() - t;
  const out = join(INPUT_CACHE, 'report');
  mkdirSync(out, { recursive: true });
  const file = join(out, `province-${n}.html`);
  writeFileSync(file, html);
  const vertices = /([\d,]+) → ([\d,]+) road vertices drawn/.exec(html);
  const rows: BenchRow[] = [
    {
      suite,
      name: `coverage, ${villages.length} villages × ${facilities.length} facilities (what the report shows)`,
      medianMs: coverageMs,
    },
    {
      suite,
      name: 'reportHtml (roads straight from the network)',
      medianMs: reportMs,
      baseline: `coverage, ${villages.length} villages × ${facilities.length} facilities (what the report shows)`,
      figure: `${(statSync(file).size / 2 ** 20).toFixed(2)} MB; ${vertices?.[1]} road vertices → ${vertices?.[2]} drawn`,
    },
  ];
  if (chromiumMissing) {
    process.stderr.write(`report bench: ${chromiumMissing}; the browser row is skipped\n`);
    return rows;
  }
  const { browser, close } = await launchChromium();
  try {
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const page = await browser.newPage({ viewport: { width: 1200, height: 1000 } });
      const t0 = performance.now();
      await page.goto(`file://${file}`);
      await page.waitForSelector('body[data-ready="1"]', { timeout: 120_000 });
      times.push(performance.now() - t0);
      await page.close();
    }
    times.sort((a, b) => a - b);
    rows.push({
      suite,
      name: 'Chromium: open report.html until drawn (headless, median of 3)',
      medianMs: times[1],
      figure: `${villages.length} villages, ${net.nodeCount} nodes after compaction`,
    });
  } finally {
    await close();
  }
  return rows;
}
