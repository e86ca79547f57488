import {
  createReadStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  statSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildNetworkFromGeoJson,
  coverage,
  facilityCategories,
  readPointsFromGeoJson,
  standardById,
} from '../src/index';
import { chromiumMissing, launchChromium, SCREENSHOT_DIR } from './helpers/chromium';

// The page's globals, as the functions run by page.evaluate see them (this project has no DOM types).
declare const document: {
  body: { dataset: Record<string, string | undefined> };
  querySelectorAll(selector: string): { length: number };
};
declare const window: { whatIfIdle: () => Promise<void> };

const ROOT = join(import.meta.dirname, '..');
const county = (name: string) =>
  JSON.parse(readFileSync(join(ROOT, 'data/county', `${name}.geojson`), 'utf8'));
const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.geojson': 'application/geo+json',
  '.srn': 'application/octet-stream',
};

/** A static file server for the built app on a free localhost port. */
function serve(dir: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    const file = join(dir, path === '/' ? 'index.html' : path);
    if (!file.startsWith(dir) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` }),
    ),
  );
}

describe.skipIf(chromiumMissing !== null)('the example web app in headless Chromium', () => {
  let out = '';
  let server: Server | null = null;
  let url = '';
  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'servicereach-web-'));
    const { build } = await import('vite');
    await build({
      configFile: join(ROOT, 'examples/web/vite.config.ts'),
      configLoader: 'runner',
      build: { outDir: out },
      logLevel: 'error',
    });
    ({ server, url } = await serve(out));
  }, 120_000);
  afterAll(() => {
    server?.close();
  });

  it('drags a facility and shows the coverage the library computes in Node for that move', async () => {
    const { browser, close } = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(url);
      await page.waitForFunction(() => document.body.dataset.share !== undefined, null, {
        timeout: 60_000,
      });
      const numbers = () =>
        page.evaluate(() => ({
          villages: Number(document.body.dataset.coveredVillages),
          population: Number(document.body.dataset.coveredPopulation),
          share: Number(document.body.dataset.share),
        }));

      // The same inputs in Node: the walking network, the villages, the standard's facilities.
      const net = buildNetworkFromGeoJson(county('roads'), { profile: 'walk' });
      const villages = readPointsFromGeoJson(county('villages'));
      const standard = standardById('elderly-care-15min');
      const care = readPointsFromGeoJson(county('facilities')).filter((f) =>
        facilityCategories(f).some((c) => standard.categories.includes(c)),
      );
      const expected = (facilities: typeof care) => {
        const t = coverage(net, villages, facilities, { standard: standard.id }).summary.all
          .thresholds[0];
        return {
          villages: t.within.villages,
          population: t.within.population,
          share: t.shareOfPopulationWithin as number,
        };
      };
      const before = await numbers();
      expect(before).toEqual(expected(care));

      // Drag the first care centre onto the most populous village no centre serves today.
      const rows = coverage(net, villages, care, { standard: standard.id }).villages;
      const target = rows
        .filter((r) => r.status === 'outside')
        .sort((a, b) => (b.population ?? 0) - (a.population ?? 0))[0];
      const id = String(care[0].id);
      const rect = page.locator(`rect.facility[data-id="${id}"]`);
      const box = (await rect.boundingBox())!;
      const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
      const dot = (await page.locator('circle.village').nth(target.index).boundingBox())!;
      const [tx, ty] = [dot.x + dot.width / 2, dot.y + dot.height / 2];
      await page.mouse.move(x, y);
      await page.mouse.down();
      await page.mouse.move(tx, ty, { steps: 12 });
      await page.mouse.up();
      await page.evaluate(() =>
        (window as unknown as { whatIfIdle: () => Promise<void> }).whatIfIdle(),
      );
      // The facility the page moved (the one on top where the drag began), where it now stands.
      const moved = page.locator('rect.facility.moved');
      expect(await moved.count()).toBe(1);
      const movedId = await moved.getAttribute('data-id');
      expect(movedId).toBe(id);
      const lon = Number(await moved.getAttribute('data-lon'));
      const lat = Number(await moved.getAttribute('data-lat'));
      expect(Math.abs(lon - care[0].lon) + Math.abs(lat - care[0].lat)).toBeGreaterThan(0.01);
      const after = await numbers();
      const movedCare = care.map((f) => (String(f.id) === movedId ? { ...f, lon, lat } : f));
      expect(after).toEqual(expected(movedCare));
      expect(after.population).toBeGreaterThan(before.population);
      // Every village dot painted by its status: as many green ones as villages covered.
      const green = await page.locator('circle.village[fill="#1a9641"]').count();
      expect(green).toBe(after.villages);

      // A click on a facility draws its isochrones.
      const other = page.locator(`rect.facility[data-id="${String(care[3].id)}"]`);
      await other.click();
      await page.waitForFunction(() => document.querySelectorAll('path.band').length > 0);
      // Each band's area next to its own minutes, smallest first (they were listed the other way).
      const caption = (await page.locator('#selected').textContent()) ?? '';
      const areas = [...caption.matchAll(/([\d.]+) min ([\d.]+) km²/g)].map((m) => [
        Number(m[1]),
        Number(m[2]),
      ]);
      expect(areas).toHaveLength(3);
      for (let i = 1; i < areas.length; i++) {
        expect(areas[i][0]).toBeGreaterThan(areas[i - 1][0]);
        expect(areas[i][1]).toBeGreaterThanOrEqual(areas[i - 1][1]);
      }
      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'web-what-if.png') });
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  }, 120_000);
});
