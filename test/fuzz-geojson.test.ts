// Fuzzing GeoJSON villages (wrong-shaped geometries and values, byte damage, gzipped): seeded damage run in a child process that is killed on a hang
// (test/helpers/fuzz-campaigns.ts). The claim: an InputError naming the file, or every village read, never a crash or a hang.
import { describe, expect, it } from 'vitest';
import { runCampaign } from './helpers/fuzz';

describe('fuzzing GeoJSON villages (wrong-shaped geometries and values, byte damage, gzipped)', () => {
  it('an InputError naming the file, or every village read, never a crash or a hang', () => {
    const r = runCampaign('geojson', 80, 15);
    expect(r.crashes).toEqual([]);
    expect(r.different).toEqual([]);
    expect(r.tried).toBeGreaterThanOrEqual(80);
    expect(r.named).toBeGreaterThan(0);
  });
});
