// The command-line bad-input campaign (issue 15), sampled: bad village and facility files of every
// kind a planner produces × the commands that read them, and bad options × the commands that take
// them (test/helpers/cli-campaign.ts). Every run must exit 0 with every village in its output, or
// exit 1 naming the file (and what is wrong with it), or exit 2 naming the option — never exit 3,
// a stack trace, "undefined"/"NaN"/"[object Object]" in a message, or a hang. The campaign runs in
// a child process killed after a timeout; the label of the run it was in names a hang. The full
// product (1,393 runs) is `node --import tsx test/helpers/cli-campaign.ts all 2026`; its figures
// are in docs/robustness.md.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliCampaignReport } from './helpers/cli-campaign';
import { ROOT } from './helpers/cli';

function campaign(runs: number, seed: number, timeoutMs: number): CliCampaignReport {
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'test/helpers/cli-campaign.ts'), String(runs), String(seed)],
    { cwd: ROOT, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 << 20 },
  );
  if (r.error || r.status !== 0) {
    const last = r.stderr.trim().split('\n').at(-1);
    throw new Error(
      r.signal
        ? `the CLI campaign (seed ${seed}) was killed after ${timeoutMs} ms in ${last}: a hang`
        : `the CLI campaign (seed ${seed}) failed (exit ${r.status}): ${r.stderr.slice(-2000)}`,
    );
  }
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as CliCampaignReport;
}

describe('the command line on bad files and bad options', () => {
  it('names the file or the option, or accounts for every village; never crashes or hangs', () => {
    const r = campaign(220, 15, 150_000);
    console.log(
      `CLI campaign: ${r.runs} runs (sampled from ${r.fileKinds} kinds of file × 7 commands and the bad options), ${r.exit0} exit 0, ${r.named} named input errors (${r.located} naming a line/feature/record), ${r.usage} command-line errors, ${r.failures.length} failures, ${r.ms} ms`,
    );
    expect(r.failures).toEqual([]);
    expect(r.runs).toBe(220);
    expect(r.named).toBeGreaterThan(0);
    expect(r.usage).toBeGreaterThan(0);
    expect(r.exit0).toBeGreaterThan(0);
  }, 160_000);
});
