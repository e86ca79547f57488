// Fuzzing OSM XML (synthetic, and gzipped): seeded damage run in a child process that is killed on a hang
// (test/helpers/fuzz-campaigns.ts). The claim: a named error or an answer (the gzipped copy: the identical one), never a crash or a hang.
import { describe, expect, it } from 'vitest';
import { runCampaign } from './helpers/fuzz';

describe('fuzzing OSM XML (synthetic, and gzipped)', () => {
  it('a named error or an answer (the gzipped copy: the identical one), never a crash or a hang', () => {
    const r = runCampaign('xml', 60, 15);
    expect(r.crashes).toEqual([]);
    expect(r.different).toEqual([]);
    expect(r.tried).toBeGreaterThanOrEqual(60);
    expect(r.named).toBeGreaterThan(0);
  });
});
