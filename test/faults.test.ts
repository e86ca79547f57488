// Faults of the environment, not of the data: outputs that cannot be written (a parent that is a
// file, a missing directory, a directory in the way, a read-only or full file system, /dev/full),
// runs killed while writing, and two runs into one --out. Every failure is exit 1 naming the path
// and the cause, never exit 3 or a stack trace; an old file survives a killed or failed write;
// a directory output is one run's complete set of files, never a mix.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../src/errors';
import { RoadNetwork } from '../src/network/road-network';
import { writeDirectoryAtomic, writeFileAtomic } from '../src/node/files';
import { CLI, ensureBuilt, ROOT, runCli } from './helpers/cli';

const tmp = mkdtempSync(join(tmpdir(), 'servicereach-faults-'));
const county = (f: string) => join(ROOT, 'data/county', f);
beforeAll(ensureBuilt);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Exit 1, the path and the cause on stderr, and no stack trace. */
function expectWriteFailure(r: { code: number | null; err: string }, path: string, cause: RegExp) {
  expect(r.code, r.err).toBe(1);
  expect(r.err).toContain(`cannot write ${path}`);
  expect(r.err).toMatch(cause);
  expect(r.err).not.toMatch(/internal error|\n\s+at |Unhandled/);
}

describe('unwritable outputs are exit 1 naming the path and the cause', () => {
  const file = join(tmp, 'plain-file');
  beforeAll(() => writeFileSync(file, 'x'));
  const net = ['network', county('roads.geojson'), '--profile', 'walk', '--quiet'];

  it('a parent that is a file (ENOTDIR), for a file and for a directory output', async () => {
    const srn = join(file, 'net.srn');
    expectWriteFailure(await runCli(...net, '--out', srn), srn, /not a directory \(ENOTDIR\)/);
    const out = join(file, 'out');
    const r = await runCli(
      'coverage',
      '--network',
      county('roads.geojson'),
      '--villages',
      county('villages.geojson'),
      '--facilities',
      county('facilities.geojson'),
      '--standard',
      'elderly-care-15min',
      '--out',
      out,
    );
    expectWriteFailure(r, out, /ENOTDIR/);
  });

  it('a missing directory (ENOENT) and a directory in the way (EISDIR)', async () => {
    const missing = join(tmp, 'no-such-dir', 'nodes.csv');
    expectWriteFailure(
      await runCli(...net, '--export-nodes', missing),
      missing,
      /directory does not exist \(ENOENT\)/,
    );
    expectWriteFailure(
      await runCli(...net, '--export-edges', tmp),
      tmp,
      /is a directory \(EISDIR\)/,
    );
  });

  it('a full device: /dev/full (ENOSPC) names the file, for a saved network and the --export-edges stream', async () => {
    if (!existsSync('/dev/full')) return console.warn('skipped: no /dev/full on this system');
    expectWriteFailure(await runCli(...net, '--out', '/dev/full'), '/dev/full', /ENOSPC/);
    // The export once streamed and died with "Unhandled 'error' event": run the real executable.
    const r = await runBinAsync([...net, '--export-edges', '/dev/full']);
    expectWriteFailure(r, '/dev/full', /no space left on the device \(ENOSPC\)/);
  });

  it('a tiny full tmpfs keeps the old file and leaves no temporary file (needs root to mount)', async () => {
    const mnt = join(tmp, 'tiny');
    mkdirSync(mnt);
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=16k', 'tmpfs', mnt], { stdio: 'ignore' });
    } catch {
      return console.warn('skipped: cannot mount a tmpfs here (not root, or no CAP_SYS_ADMIN)');
    }
    try {
      const target = join(mnt, 'edges.csv');
      writeFileSync(target, 'old\n');
      const r = await runCli(...net, '--export-edges', target); // ~48 kB, more than fits
      expectWriteFailure(r, target, /no space left on the device \(ENOSPC\)/);
      expect(readFileSync(target, 'utf8')).toBe('old\n');
      expect(readdirSync(mnt)).toEqual(['edges.csv']);
    } finally {
      execFileSync('umount', [mnt]);
    }
  });

  it('a directory without write permission (EACCES; root ignores permissions, so not as root)', async () => {
    if (process.getuid?.() === 0) return console.warn('skipped: running as root');
    const ro = join(tmp, 'read-only');
    mkdirSync(ro, { mode: 0o500 });
    const target = join(ro, 'net.srn');
    expectWriteFailure(await runCli(...net, '--out', target), target, /permission denied/);
  });
});

describe('writeFileAtomic and writeDirectoryAtomic', () => {
  it('leave the old file whole when writing fails midway, and no temporary file behind', () => {
    const dir = join(tmp, 'midway');
    mkdirSync(dir);
    const target = join(dir, 'out.csv');
    writeFileSync(target, 'old content\n');
    function* failing() {
      yield 'a,b\n';
      throw new Error('disk vanished');
    }
    expect(() => writeFileAtomic(target, failing())).toThrowError(InputError);
    expect(readFileSync(target, 'utf8')).toBe('old content\n');
    expect(readdirSync(dir)).toEqual(['out.csv']);
  });

  it('replace a directory written before, and refuse one holding files it does not write', () => {
    const out = join(tmp, 'dir-out');
    expect(
      writeDirectoryAtomic(out, [
        ['a.txt', '1'],
        ['sub/b.txt', '2'],
      ]),
    ).toEqual([join(out, 'a.txt'), join(out, 'sub/b.txt')]);
    writeDirectoryAtomic(out, [
      ['a.txt', 'new'],
      ['sub/c.txt', '3'],
    ]);
    expect(readdirSync(out)).toEqual(['a.txt', 'sub']);
    expect(readdirSync(join(out, 'sub'))).toEqual(['c.txt']);
    expect(readFileSync(join(out, 'a.txt'), 'utf8')).toBe('new');
    writeFileSync(join(out, 'mine.txt'), 'keep me');
    expect(() => writeDirectoryAtomic(out, [['a.txt', 'x']])).toThrowError(
      /holds files this command does not write \(mine\.txt/,
    );
    expect(readFileSync(join(out, 'mine.txt'), 'utf8')).toBe('keep me');
    expect(readdirSync(tmp).filter((n) => n.startsWith('.dir-out'))).toEqual([]);
  });
});

function runBinAsync(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args]);
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

describe('killed and concurrent runs', () => {
  it('kill -9 at any moment of a run leaves the old .srn or the whole new one, never a truncated file', async () => {
    const srn = join(tmp, 'kept.srn');
    const args = ['network', county('roads.geojson'), '--profile', 'walk', '--quiet', '--out', srn];
    expect((await runBinAsync(args)).code).toBe(0);
    const old = readFileSync(srn);
    for (const afterMs of [150, 300, 450, 600, 750, 900, 1200]) {
      const child: ChildProcess = spawn(process.execPath, [CLI, ...args]);
      const done = new Promise((r) => child.on('close', r));
      setTimeout(() => child.kill('SIGKILL'), afterMs);
      await done;
      const now = readFileSync(srn);
      // The same network rebuilds to the same bytes: old and new are both this file, whole.
      expect(now.equals(old), `killed after ${afterMs} ms`).toBe(true);
      expect(RoadNetwork.fromBuffer(new Uint8Array(now)).nodeCount).toBeGreaterThan(0);
    }
  });

  it('two runs into one --out: each exits 0 or 1 with a named error, and the directory holds one run whole', async () => {
    const out = join(tmp, 'shared-out');
    const run = (standard: string) =>
      runBinAsync([
        'coverage',
        '--network',
        county('roads.geojson'),
        '--villages',
        county('villages.geojson'),
        '--facilities',
        county('facilities.geojson'),
        '--standard',
        standard,
        '--quiet',
        '--out',
        out,
      ]);
    for (let round = 0; round < 2; round++) {
      const results = await Promise.all([run('elderly-care-15min'), run('fitness-15min')]);
      for (const r of results) {
        expect([0, 1], r.err).toContain(r.code);
        expect(r.err).not.toMatch(/internal error|\n\s+at /);
      }
      expect(results.some((r) => r.code === 0)).toBe(true);
      expect(readdirSync(out).sort()).toEqual([
        'outside.csv',
        'report.html',
        'summary.json',
        'villages.geojson',
      ]);
      const id = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')).standard.id;
      const title = id === 'fitness-15min' ? 'fitness' : 'elderly-care';
      expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain(`15-minute ${title} circle`);
      expect(readdirSync(tmp).filter((n) => n.startsWith('.shared-out'))).toEqual([]);
    }
  });
});
