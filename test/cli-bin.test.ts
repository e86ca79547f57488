import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI, ensureBuilt, ROOT, runBin } from './helpers/cli';
import { drawnRoads } from './helpers/drawn-roads';

// The other CLI tests run main() in-process; these few run the built executable itself, so the
// bin entry (arguments, streams, exit codes, shebang) stays tested. They need `npx tsup` first.
beforeAll(ensureBuilt);

const ORDINO = resolve(ROOT, '../shared/data/osm/andorra-ordino-small.osm.pbf');
const tmp = mkdtempSync(join(tmpdir(), 'servicereach-bin-'));
const ROADS = join(tmp, 'roads.geojson');
writeFileSync(ROADS, JSON.stringify(drawnRoads('A---B---C', [['ABC']])));

describe('dist/cli.js, the servicereach executable', () => {
  it('exits 0 with the results on stdout and nothing on stderr when piped', () => {
    const r = runBin('network', ROADS, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ nodes: 2, edges: 2 });
    expect(r.err).toBe('');
  });

  it('exits 1 on bad input data, with the message on stderr', () => {
    const r = runBin('network', join(tmp, 'nope.pbf'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/servicereach network: error \[file-not-found\]: file not found: /);
    expect(r.out).toBe('');
  });

  it('exits 2 on a wrong command line, pointing to --help', () => {
    const r = runBin('network', ROADS, '--bogus');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^servicereach network: Unknown option '--bogus'/);
    expect(r.err).toMatch(/Run "servicereach network --help" for usage\./);
  });

  it('exits quietly when the reader closes stdout early (| head), without a stack trace', () => {
    // ~0.5 MB of CSV into head -1, which reads one block and leaves: more than the pipe holds,
    // so the command's writes meet the closed pipe (a reader in this process could drain it all).
    const county = join(ROOT, 'data/county');
    const args = [
      process.execPath,
      CLI,
      'nearest',
      '--from',
      join(county, 'villages.geojson'),
      '--to',
      join(county, 'facilities.geojson'),
      '--k',
      '50',
      '--quiet',
    ].map((a) => `'${a.replaceAll("'", "'\\''")}'`);
    const r = spawnSync('bash', ['-c', `${args.join(' ')} | head -1; exit "\${PIPESTATUS[0]}"`], {
      encoding: 'utf8',
    });
    expect(r.stdout).toBe('village,rank,facility,distanceM\n');
    expect(r.stderr).not.toMatch(/EPIPE|Unhandled|\n\s+at /);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(141);
  });

  it('carries on when only the reader of stderr has gone: the output still goes to its file', async () => {
    // Villages with a duplicated id: a warning on stderr before the CSV, the summary after it,
    // both into a pipe whose reader closed before the command started (`2>&1 >out.csv | grep -m1`
    // leaves like that). The CSV on stdout, a file, must be whole and the exit 0, as without it.
    const county = join(ROOT, 'data/county');
    const fc = JSON.parse(readFileSync(join(county, 'villages.geojson'), 'utf8'));
    fc.features[1].id = fc.features[0].id;
    const villages = join(tmp, 'villages-twice.geojson');
    writeFileSync(villages, JSON.stringify(fc));
    const args = [CLI, 'nearest', '--from', villages, '--to', join(county, 'facilities.geojson')];
    const whole = spawnSync(process.execPath, args, { encoding: 'utf8' });
    expect(whole.stderr).toMatch(/warning: .*\n[\s\S]*\S/); // a warning, then more stderr
    const out = join(tmp, 'nearest-stderr-closed.csv');
    const fd = openSync(out, 'w');
    const child = spawn(process.execPath, args, { stdio: ['ignore', fd, 'pipe'] });
    closeSync(fd);
    child.stderr?.destroy();
    const code = await new Promise<number | null>((done) => child.on('exit', done));
    expect(code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(whole.stdout);
  });

  it('prints the package version', () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    const r = runBin('--version');
    expect(r.code).toBe(0);
    expect(r.out).toBe(`${version}\n`);
  });

  it('starts with a shebang and runs as a program of its own', () => {
    expect(readFileSync(CLI, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    const r = spawnSync(CLI, ['--help'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Commands:\n\s+network/);
  });

  // script(1) gives the command a terminal: progress on it, none with --json.
  it.skipIf(!existsSync('/usr/bin/script') || !existsSync(ORDINO))(
    'draws progress on a terminal only',
    () => {
      const onTty = (args: string) =>
        spawnSync(
          '/usr/bin/script',
          ['-qc', `"${process.execPath}" "${CLI}" ${args}`, '/dev/null'],
          {
            encoding: 'utf8',
          },
        ).stdout;
      expect(onTty(`network "${ORDINO}"`)).toMatch(/\rreading \[#+ *\] +\d+%/);
      expect(onTty(`network "${ORDINO}" --json`)).not.toMatch(/reading \[/);
    },
  );
});
