import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from './helpers/cli';
import { drawnRoads } from './helpers/drawn-roads';

const ORDINO = resolve(ROOT, '../shared/data/osm/andorra-ordino-small.osm.pbf');
const tmp = mkdtempSync(join(tmpdir(), 'servicereach-cli-'));
const run = runCli;

const ROADS = join(tmp, 'roads.geojson');
writeFileSync(
  ROADS,
  JSON.stringify(
    drawnRoads(
      `
  A---B---C
      |
      D   E---F
`,
      [['ABC'], ['BD', { oneway: 'yes' }], ['EF', { highway: 'footway' }]],
    ),
  ),
);

describe('servicereach network', () => {
  it('prints JSON stats with the documented fields', async () => {
    const r = await run('network', ROADS, '--json');
    expect(r.code).toBe(0);
    const s = JSON.parse(r.out);
    expect(s).toMatchObject({
      nodes: 4,
      edges: 5,
      components: 1,
      largestComponentNodes: 4,
      strongComponents: 2,
    });
    expect(s.lengthKm).toBeGreaterThan(0);
    expect(s.warnings).toEqual([
      expect.objectContaining({ code: 'highway-not-routable', count: 1 }),
    ]);
    expect(r.err).toBe('');
  });

  it('prints a readable table by default and nothing with --quiet', async () => {
    const r = await run('network', ROADS, '--profile', 'walk');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/nodes\s+6/);
    expect(r.out).toMatch(/road length/);
    expect((await run('network', ROADS, '--quiet')).out).toBe('');
  });

  it('saves a network that loads back to the same stats, and exports CSV', async () => {
    const srn = join(tmp, 'n.srn');
    const nodes = join(tmp, 'nodes.csv');
    const edges = join(tmp, 'edges.csv');
    const a = await run(
      'network',
      ROADS,
      '--out',
      srn,
      '--export-nodes',
      nodes,
      '--export-edges',
      edges,
      '--json',
    );
    expect(a.code).toBe(0);
    const b = await run('network', srn, '--json');
    expect(b.code).toBe(0);
    const sa = JSON.parse(a.out);
    const sb = JSON.parse(b.out);
    expect({ ...sb, input: sa.input }).toEqual(sa);
    const nodeRows = readFileSync(nodes, 'utf8').trim().split('\n');
    expect(nodeRows[0]).toBe('node,lon,lat');
    expect(nodeRows.length - 1).toBe(sa.nodes);
    const edgeRows = readFileSync(edges, 'utf8').trim().split('\n');
    expect(edgeRows[0]).toBe('edge,from,to,lengthM,timeS');
    expect(edgeRows.length - 1).toBe(sa.edges);
    const total = edgeRows.slice(1).reduce((s, row) => s + Number(row.split(',')[4]), 0);
    expect(total).toBeGreaterThan(0);
    // A saved network keeps its profile: asking for another one is an error, not a silent mismatch.
    const c = await run('network', srn, '--profile', 'walk');
    expect(c.code).toBe(1);
    expect(c.err).toMatch(/built with profile "car", not "walk"/);
  });

  it.skipIf(!existsSync(ORDINO))('builds from a real OSM PBF extract', async () => {
    const r = await run('network', ORDINO, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).nodes).toBeGreaterThan(100);
  });

  const bad: [string, () => string, RegExp][] = [
    [
      'a missing file',
      () => join(tmp, 'nope.pbf'),
      /error \[file-not-found\]: file not found: .*nope\.pbf/,
    ],
    [
      'an unknown format',
      () => file('x.txt', 'hello world'),
      /error \[unknown-format\]: .*x\.txt: not a saved network.*"hello world"/,
    ],
    ['an empty file', () => file('empty.osm', ''), /error \[empty-file\]/],
    [
      'invalid JSON',
      () => file('bad.geojson', '{"type": "FeatureCollection", "features": [}'),
      /error \[invalid-json\]: .*bad\.geojson: invalid JSON/,
    ],
    [
      'swapped coordinates',
      () =>
        file(
          'swap.geojson',
          JSON.stringify({
            type: 'FeatureCollection',
            features: [
              {
                type: 'Feature',
                properties: { highway: 'primary' },
                geometry: {
                  type: 'LineString',
                  coordinates: [
                    [25, 100],
                    [25.1, 100],
                  ],
                },
              },
            ],
          }),
        ),
      /error \[invalid-coordinate\]: \S+\.geojson: feature #0, position 0: \[25, 100\] is out of range.*looks like \[lat, lon\]/,
    ],
    [
      'nothing routable',
      () =>
        file('paths.geojson', JSON.stringify(drawnRoads('A-B', [['AB', { highway: 'footway' }]]))),
      /error \[no-routable-edge\]: \S+paths\.geojson: no routable road: 1 input ways\/features, none usable by profile "car" \(1 highway-not-routable\)/,
    ],
    [
      'a truncated PBF',
      () =>
        existsSync(ORDINO) ? file('cut.osm.pbf', readFileSync(ORDINO).subarray(0, 50_000)) : ORDINO,
      /error \[(truncated-pbf|file-not-found)\]/,
    ],
    [
      'a corrupt .srn',
      () =>
        file(
          'bad.srn',
          Buffer.concat([Buffer.from('SRNET\0\0\0'), Buffer.from([9, 0, 0, 0, 0, 0, 0, 0])]),
        ),
      /error \[unsupported-network-version\]: \S+bad\.srn: network format version 9/,
    ],
  ];
  for (const [what, make, message] of bad) {
    it(`exits 1 with a precise message on ${what}, without a stack trace`, async () => {
      const r = await run('network', make());
      expect(r.code).toBe(1);
      expect(r.err).toMatch(message);
      expect(r.err).not.toMatch(/\n\s+at /);
      expect(r.out).toBe('');
    });
  }

  it('shows the stack trace with --debug', async () => {
    const r = await run('network', join(tmp, 'nope.pbf'), '--debug');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/\n\s+at /);
  });

  it('exits 2 on a wrong command line', async () => {
    expect((await run('network')).code).toBe(2);
    expect((await run('network', ROADS, '--profile', 'horse')).err).toMatch(
      /--profile must be car, walk or bicycle, got "horse"/,
    );
    expect((await run('network', ROADS, '--bogus')).code).toBe(2);
    expect((await run('frobnicate')).code).toBe(2);
  });

  it('has help with examples', async () => {
    const r = await run('network', '--help');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Examples:\n\s+servicereach network /);
    expect((await run('--help')).out).toMatch(/Commands:\n\s+network/);
  });
});

function file(name: string, content: string | Uint8Array): string {
  const p = join(tmp, name);
  writeFileSync(p, content);
  return p;
}
