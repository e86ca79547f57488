// Fuzzing CSV villages (byte damage, plain and gzipped): seeded damage run in a child process that is killed on a hang
// (test/helpers/fuzz-campaigns.ts). The claim: an InputError naming the file, or the villages, never a crash or a hang.
import { describe, expect, it } from 'vitest';
import { runCampaign } from './helpers/fuzz';

describe('fuzzing CSV villages (byte damage, plain and gzipped)', () => {
  it('an InputError naming the file, or the villages, never a crash or a hang', () => {
    const r = runCampaign('csv', 80, 15);
    expect(r.crashes).toEqual([]);
    expect(r.different).toEqual([]);
    expect(r.tried).toBeGreaterThanOrEqual(80);
    expect(r.named).toBeGreaterThan(0);
  });
});
