import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli';
import { extractPath, haveExtract } from './helpers/shared-data';

const work = mkdtempSync(join(tmpdir(), 'servicereach-elevation-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.skipIf(!haveExtract('ordino'))(
  'servicereach … --elevation (skipped: ../shared/data/osm not found)',
  () => {
    const roads = extractPath('ordino');
    const srtm = join(dirname(roads), 'srtm');

    it('network --elevation <dir> builds a terrain network and saves it; the .srn keeps it', async () => {
      const flat = await runCli('network', roads, '--profile', 'walk', '--json');
      const srn = join(work, 'ordino-walk.srn');
      const hilly = await runCli(
        'network',
        roads,
        '--profile',
        'walk',
        '--elevation',
        srtm,
        '--out',
        srn,
        '--json',
      );
      expect(hilly.code).toBe(0);
      expect(JSON.parse(hilly.out).nodes).toBeGreaterThan(JSON.parse(flat.out).nodes);
      const again = await runCli('network', srn, '--elevation', srtm, '--json');
      expect(again.code).toBe(0);
      expect(JSON.parse(again.out).nodes).toBe(JSON.parse(hilly.out).nodes);
    });

    it('refuses a saved network built without elevation, and a folder without DEM files', async () => {
      const srn = join(work, 'ordino-flat.srn');
      await runCli('network', roads, '--profile', 'walk', '--out', srn, '--quiet');
      const r = await runCli('network', srn, '--elevation', srtm);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/built without elevation/);
      const none = await runCli('network', roads, '--elevation', work);
      expect(none.code).toBe(1);
      expect(none.err).toMatch(/no DEM files/);
    });
  },
);
