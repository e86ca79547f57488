// The bad-input campaign's shared parts: seeded mutations of a good input, and the verdict on what
// a reader did with each one. A reader may (a) throw the library's own error (ServiceReachError:
// InputError or FormatError) naming the file, or (b) return — the same answer as for the good
// input when the format carries an integrity check (.srn's CRC-32, zlib's Adler-32, gzip's CRC),
// any answer for text formats, where a changed digit is a different, valid input. Anything else —
// a TypeError, a RangeError, a hang (the child process running the campaign is killed), or an
// answer that differs where the format promised integrity — is a failure.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ServiceReachError } from '../../src/errors';
import { mulberry32 } from './random';
import { ROOT } from './cli';

/** What happened to one mutated input. */
export type Verdict =
  | { kind: 'same' }
  | { kind: 'accepted' }
  | { kind: 'named'; code: string }
  | { kind: 'different'; what: string }
  | { kind: 'crash'; what: string };

/** Totals of one campaign, as the child process reports them. */
export interface CampaignReport {
  campaign: string;
  tried: number;
  same: number;
  accepted: number;
  named: number;
  byCode: Record<string, number>;
  different: string[];
  crashes: string[];
  /** Cases the format cannot tell from a good input (reported, not failures). */
  undetectable: string[];
  ms: number;
}

/** A seeded mutation of `good`, described for the report; `pick` chooses among `kinds`. */
export function mutate(
  good: Uint8Array,
  rnd: () => number,
  kinds: readonly ('flip' | 'truncate' | 'zero' | 'duplicate' | 'byte')[] = [
    'flip',
    'truncate',
    'zero',
    'duplicate',
    'byte',
  ],
): { bytes: Uint8Array; label: string } {
  const kind = kinds[Math.floor(rnd() * kinds.length)];
  const at = Math.floor(rnd() * good.length);
  if (kind === 'truncate') return { bytes: good.slice(0, at), label: `truncated at ${at}` };
  const b = good.slice();
  if (kind === 'flip') {
    const bit = 1 << Math.floor(rnd() * 8);
    b[at] ^= bit;
    return { bytes: b, label: `bit ${Math.log2(bit)} flipped at ${at}` };
  }
  if (kind === 'byte') {
    const v = Math.floor(rnd() * 256);
    b[at] = v;
    return { bytes: b, label: `byte ${at} set to ${v}` };
  }
  if (kind === 'zero') {
    const n = 1 + Math.floor(rnd() * 64);
    b.fill(0, at, at + n);
    return { bytes: b, label: `${n} bytes zeroed at ${at}` };
  }
  const n = 1 + Math.floor(rnd() * 64);
  const out = new Uint8Array(good.length + n);
  out.set(good.subarray(0, at + n > good.length ? at : at + n));
  out.set(good.subarray(at), Math.min(at + n, good.length));
  return { bytes: out.subarray(0, good.length + n), label: `${n} bytes repeated at ${at}` };
}

/**
 * The verdict on running `read`: `same` when `compare` says so, `named` for the library's error
 * (with `mustName` in its message when given), `crash` for any other throw.
 */
export function verdict<T>(
  read: () => T,
  compare: ((got: T) => string | null) | null,
  mustName?: string,
): Verdict {
  let got: T;
  try {
    got = read();
  } catch (e) {
    if (e instanceof ServiceReachError) {
      if (mustName && !e.message.includes(mustName))
        return { kind: 'crash', what: `${e.code} does not name ${mustName}: ${e.message}` };
      return { kind: 'named', code: e.code };
    }
    return { kind: 'crash', what: `${(e as Error)?.name}: ${(e as Error)?.message}` };
  }
  if (!compare) return { kind: 'accepted' };
  const diff = compare(got);
  return diff === null ? { kind: 'same' } : { kind: 'different', what: diff };
}

/** Adds one verdict to a report. */
export function tally(r: CampaignReport, label: string, v: Verdict): void {
  r.tried++;
  if (v.kind === 'same') r.same++;
  else if (v.kind === 'accepted') r.accepted++;
  else if (v.kind === 'named') {
    r.named++;
    r.byCode[v.code] = (r.byCode[v.code] ?? 0) + 1;
  } else if (v.kind === 'different') r.different.push(`${label}: ${v.what}`);
  else r.crashes.push(`${label}: ${v.what}`);
}

/** An empty report. */
export function newReport(campaign: string): CampaignReport {
  return {
    campaign,
    tried: 0,
    same: 0,
    accepted: 0,
    named: 0,
    byCode: {},
    different: [],
    crashes: [],
    undetectable: [],
    ms: 0,
  };
}

/** The seeded generator of a campaign. */
export const seeded = mulberry32;

/**
 * Runs a campaign of test/helpers/fuzz-campaigns.ts in a child process killed after `timeoutMs`:
 * a reader that loops forever fails the test instead of hanging it.
 */
export function runCampaign(
  name: string,
  cases: number,
  seed: number,
  timeoutMs = 60_000,
): CampaignReport {
  const r = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      join(ROOT, 'test/helpers/fuzz-campaigns.ts'),
      name,
      String(cases),
      String(seed),
    ],
    { cwd: ROOT, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 << 20 },
  );
  if (r.error || r.status !== 0)
    throw new Error(
      `fuzz campaign ${name} (seed ${seed}) ${r.signal ? `was killed (${r.signal}) after ${timeoutMs} ms: a reader hangs` : `failed (exit ${r.status})`}\n${r.stderr}`,
    );
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as CampaignReport;
}
