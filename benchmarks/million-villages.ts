// Every command that takes villages, run on the built CLI (dist/cli.js) with a million villages
// spread over Andorra's bounding box (issue 15): wall time, peak RSS (`/usr/bin/time -v`), the exit
// code and the last line the user sees. Inputs are generated into the OS temp directory
// (`servicereach-million/`), never into the project.
//
//   npm run build && npx tsx benchmarks/million-villages.ts [villages=1000000] [command,…]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seededRandom } from '../src/tours/random';
import { ROOT } from './paths';

const ANDORRA = join(ROOT, '../shared/data/osm/andorra-2025.osm.pbf');
const BBOX = { west: 1.42, south: 42.43, east: 1.78, north: 42.65 };

/** `n` villages (id, name, population, lon, lat) as CSV, seeded. */
function villagesCsv(n: number, seed: number): string {
  const rnd = seededRandom(seed);
  const rows: string[] = ['id,name,population,lon,lat'];
  for (let i = 0; i < n; i++) {
    const lon = BBOX.west + rnd() * (BBOX.east - BBOX.west);
    const lat = BBOX.south + rnd() * (BBOX.north - BBOX.south);
    rows.push(
      `V${i},village ${i},${50 + Math.floor(rnd() * 500)},${lon.toFixed(6)},${lat.toFixed(6)}`,
    );
  }
  return `${rows.join('\n')}\n`;
}

/** `n` health facilities with a bed count, as CSV. */
function facilitiesCsv(n: number, seed: number): string {
  const rnd = seededRandom(seed);
  const rows: string[] = ['id,category,beds,lon,lat'];
  for (let i = 0; i < n; i++) {
    const lon = BBOX.west + rnd() * (BBOX.east - BBOX.west);
    const lat = BBOX.south + rnd() * (BBOX.north - BBOX.south);
    rows.push(`F${i},health,${10 + Math.floor(rnd() * 40)},${lon.toFixed(6)},${lat.toFixed(6)}`);
  }
  return `${rows.join('\n')}\n`;
}

interface RunRow {
  command: string;
  exit: number | null;
  wallS: number;
  cpuS: number;
  peakMb: number;
  seen: string;
}

/** One CLI run under `/usr/bin/time -v`, with a 20-minute limit. */
function run(label: string, args: string[]): RunRow {
  const r = spawnSync(
    '/usr/bin/time',
    ['-v', process.execPath, join(ROOT, 'dist/cli.js'), ...args],
    { encoding: 'utf8', maxBuffer: 1 << 28, timeout: 20 * 60_000, cwd: ROOT },
  );
  const err = r.stderr ?? '';
  const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/.exec(
    err,
  );
  const wallS = wall ? Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]) : NaN;
  const cpu = [/User time \(seconds\): ([\d.]+)/, /System time \(seconds\): ([\d.]+)/]
    .map((re) => Number(re.exec(err)?.[1] ?? NaN))
    .reduce((a, b) => a + b, 0);
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(err);
  const own = err.split('\n\tCommand being timed')[0].trim().split('\n');
  const out = (r.stdout ?? '').trim().split('\n');
  const seen = [...own.slice(-2), ...out.slice(-3)]
    .filter((l) => l && !l.startsWith('\t'))
    .map((l) => l.replace(/\s+/g, ' ').slice(0, 140))
    .join(' / ');
  const exitLine = /Exit status: (\d+)/.exec(err);
  return {
    command: label,
    exit: exitLine ? Number(exitLine[1]) : r.status,
    wallS,
    cpuS: cpu,
    peakMb: rss ? Math.round(Number(rss[1]) / 1024) : NaN,
    seen,
  };
}

function main(): void {
  const n = Number(process.argv[2] ?? 1_000_000);
  const only = process.argv[3]?.split(',');
  if (!existsSync(ANDORRA)) {
    console.error(`skipped: ${ANDORRA} not found (the shared data directory)`);
    return;
  }
  const dir = join(tmpdir(), 'servicereach-million');
  mkdirSync(dir, { recursive: true });
  const villages = join(dir, `villages-${n}.csv`);
  if (!existsSync(villages)) writeFileSync(villages, villagesCsv(n, 1));
  const facilities = join(dir, 'facilities-200.csv');
  writeFileSync(facilities, facilitiesCsv(200, 2));
  const net = join(dir, 'andorra-car.srn');
  if (!existsSync(net)) {
    const b = run('network', ['network', ANDORRA, '--profile', 'car', '--out', net]);
    if (b.exit !== 0) throw new Error(`building ${net} failed: ${b.seen}`);
  }
  const out = (name: string) => join(dir, `out-${name}`);
  const V = ['--villages', villages];
  const F = ['--facilities', facilities];
  const N = ['--network', net];
  const plan: [string, string[]][] = [
    [
      'nearest straight',
      ['nearest', '--from', villages, '--to', facilities, '--out', out('nearest.csv')],
    ],
    [
      'nearest straight geojson',
      ['nearest', '--from', villages, '--to', facilities, '--out', out('nearest.geojson')],
    ],
    [
      'nearest network',
      [
        'nearest',
        '--mode',
        'network',
        ...N,
        '--from',
        villages,
        '--to',
        facilities,
        '--max-minutes',
        '30',
        '--out',
        out('nearest-net.csv'),
      ],
    ],
    ['coverage', ['coverage', ...N, ...V, ...F, '--minutes', '15,30', '--out', out('coverage')]],
    [
      'access',
      [
        'access',
        ...N,
        ...V,
        ...F,
        '--capacity-field',
        'beds',
        '--minutes',
        '30',
        '--out',
        out('access.csv'),
      ],
    ],
    ['site', ['site', ...N, ...V, ...F, '--add', '3', '--minutes', '15', '--out', out('site')]],
    [
      'matrix',
      [
        'matrix',
        ...N,
        '--from',
        villages,
        '--to',
        facilities,
        '--max-minutes',
        '30',
        '--out',
        out('matrix.csv'),
      ],
    ],
    [
      'isochrone',
      [
        'isochrone',
        ...N,
        '--from',
        facilities,
        '--minutes',
        '15,30',
        '--villages',
        villages,
        '--out',
        out('iso.geojson'),
      ],
    ],
    [
      'tours',
      ['tours', ...N, ...V, ...F, '--minutes', '15', '--time-limit', '5', '--out', out('tours')],
    ],
    ['spt', ['spt', ...N, '--from', '1.5213,42.5561', '--out', out('spt.csv')]],
  ];
  const rows: RunRow[] = [];
  for (const [label, args] of plan) {
    if (only && !only.some((o) => label.startsWith(o))) continue;
    const row = run(label, args);
    rows.push(row);
    console.error(
      `${label}: exit ${row.exit}, ${row.wallS.toFixed(1)} s wall, ${row.cpuS.toFixed(1)} s CPU, ${row.peakMb} MB — ${row.seen}`,
    );
  }
  console.log(
    `| command (${n.toLocaleString('en')} villages, Andorra car) | exit | wall s | CPU s | peak RSS MB | what the user sees |`,
  );
  console.log('|---|---:|---:|---:|---:|---|');
  for (const r of rows)
    console.log(
      `| ${r.command} | ${r.exit} | ${r.wallS.toFixed(1)} | ${r.cpuS.toFixed(1)} | ${r.peakMb} | ${r.seen.replace(/\|/g, '\\|')} |`,
    );
}

main();
