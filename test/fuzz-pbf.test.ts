// Fuzzing OSM PBF (the Andorra Ordino extract): seeded damage run in a child process that is killed on a hang
// (test/helpers/fuzz-campaigns.ts). The claim: a named error or the identical elements, never a crash, a hang or a silently shorter dataset.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './helpers/cli';
import { describe, expect, it } from 'vitest';
import { runCampaign } from './helpers/fuzz';

const ORDINO = join(ROOT, '../shared/data/osm/andorra-ordino-small.osm.pbf');

describe.skipIf(!existsSync(ORDINO))(
  'fuzzing OSM PBF (needs ../shared/data/osm/andorra-ordino-small.osm.pbf; skipped when shared/ data is missing)',
  () => {
    it('a named error or the identical elements, never a crash, a hang or a silently shorter dataset', () => {
      const r = runCampaign('pbf', 25, 15);
      expect(r.crashes).toEqual([]);
      expect(r.different).toEqual([]);
      expect(r.tried).toBeGreaterThanOrEqual(25);
      expect(r.named).toBeGreaterThan(0);
      // The case: a damaged blob type ("OSMDaXa") dropped 2,100 of 7,763 ways silently.
      expect(r.byCode['corrupt-pbf']).toBeGreaterThan(0);
    });
  },
);
