import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildNetworkFromGeoJson, nearestFacilities, shortestPathTree } from '../src/index';
import { ensureBuilt, runCli } from './helpers/cli';
import { drawnRoads, letterPositions } from './helpers/drawn-roads';

const tmp = mkdtempSync(join(tmpdir(), 'servicereach-search-'));
const run = runCli;
// The CLI runs in this process from src/; only --threads needs the built worker (dist/pool-worker.js).
beforeAll(ensureBuilt);

// E-F is an island more than the 1000 m snap distance from the other roads (nearer, points on it
// would also enter the main network off-road); D, at the end of a one-way, is 222 m from it.
const MAP = `
  A---B---C
      |
      D             E---F
`;
const roadsFc = drawnRoads(MAP, [['ABC'], ['BD', { oneway: 'yes' }], ['EF']]);
const ROADS = join(tmp, 'roads.geojson');
writeFileSync(ROADS, JSON.stringify(roadsFc));
const P = letterPositions(MAP);

describe('servicereach spt', () => {
  it('lists every reached node with its time and source, matching the library', async () => {
    const [ax, ay] = P.get('A')!;
    const r = await run('spt', '--network', ROADS, '--from', `${ax},${ay}`);
    expect(r.code).toBe(0);
    const rows = r.out.trim().split('\n');
    expect(rows[0]).toBe('node,lon,lat,timeS,source');
    const net = buildNetworkFromGeoJson(roadsFc);
    const tree = shortestPathTree(net, [ax, ay]);
    expect(rows.length - 1).toBe(tree.reached.length);
    expect(rows.length - 1).toBe(4); // A, B, C, D; E-F is another island
    const first = rows[1].split(',');
    expect(Number(first[3])).toBe(0); // a start exactly at a node starts there with no access time
    for (const row of rows.slice(1)) {
      const [node, , , t, src] = row.split(',').map(Number);
      expect(t).toBeCloseTo(tree.timeS[node], 3);
      expect(src).toBe(0);
    }
  });

  it('respects one-ways in the to direction and the cutoff', async () => {
    const [dx, dy] = P.get('D')!;
    const to = await run('spt', '--network', ROADS, '--from', `${dx},${dy}`, '--direction', 'to');
    expect(to.out.trim().split('\n').length - 1).toBe(4); // A, B, C can reach D (B→D one-way), and D itself at 0
    const from = await run('spt', '--network', ROADS, '--from', `${dx},${dy}`);
    // No road leaves D: A, B and C are reached only by walking the 222 m to the main road at B
    // (3 km/h, 266.9 s), D's entry onto the main network.
    const fromRows = from.out.trim().split('\n').slice(1);
    expect(fromRows.length).toBe(4);
    expect(fromRows.filter((row) => Number(row.split(',')[3]) < 266.8)).toEqual([
      `0,${dx},${dy},0,0`,
    ]);
    const cut = await run(
      'spt',
      '--network',
      ROADS,
      '--from',
      `${P.get('A')![0]},${P.get('A')![1]}`,
      '--max-minutes',
      '0.5',
    );
    for (const row of cut.out.trim().split('\n').slice(1))
      expect(Number(row.split(',')[3])).toBeLessThanOrEqual(30);
  });

  it('rejects bad points and options', async () => {
    expect((await run('spt', '--network', ROADS, '--from', '1;2')).code).toBe(2);
    expect((await run('spt', '--network', ROADS, '--from', '10,10')).err).toMatch(
      /error \[off-network\]: every start point is off the network/,
    );
    expect((await run('spt', '--from', '1,2')).code).toBe(2);
  });
});

describe('servicereach nearest --mode network', () => {
  it('writes village,rank,facility,timeS,distanceM,status,entry,offRoadM and keeps unserved villages with their status', async () => {
    const pt = (c: string, dy = 0) => [P.get(c)![0], P.get(c)![1] + dy];
    const villages = join(tmp, 'v.csv');
    writeFileSync(
      villages,
      [
        'id,lon,lat',
        `va,${pt('A', -0.0002)}`,
        `vd,${pt('D', 0.0001)}`,
        `ve,${pt('E')}`,
        `far,${pt('A', 0.05)}`,
      ].join('\n'),
    );
    const facilities = join(tmp, 'f.geojson');
    writeFileSync(
      facilities,
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            id: 'clinic',
            properties: {},
            geometry: { type: 'Point', coordinates: pt('C') },
          },
        ],
      }),
    );
    const r = await run(
      'nearest',
      '--mode',
      'network',
      '--network',
      ROADS,
      '--from',
      villages,
      '--to',
      facilities,
      '--max-minutes',
      '1',
    );
    expect(r.code).toBe(0);
    const rows = r.out.trim().split('\n');
    expect(rows[0]).toBe('village,rank,facility,timeS,distanceM,status,entry,offRoadM');
    expect(
      rows.slice(1).map((x) =>
        x
          .split(',')
          .filter((_, i) => i !== 3 && i !== 4 && i !== 7)
          .join(','),
      ),
    ).toEqual([
      'va,1,clinic,outside,nearest', // 222 m of road at 25 km/h plus a 22 m walk at 3 km/h: just over a minute
      'vd,1,clinic,outside,main-network', // D is a one-way dead end: left only on foot, 222 m to B at 3 km/h
      've,,,unreachable,', // the E–F island
      'far,,,off-network,',
    ]);
    // The off-road leg of the road used: 22 m to A's road; from near D, the walk to the main network.
    expect(rows.slice(1).map((x) => Math.round(Number(x.split(',')[7])))).toEqual([22, 211, 0, 0]);
    // A network given means travel times without --mode; straight lines beside it are refused.
    const implied = await run(
      'nearest',
      '--network',
      ROADS,
      '--from',
      villages,
      '--to',
      facilities,
      '--max-minutes',
      '1',
    );
    expect(implied.code).toBe(0);
    expect(implied.out).toBe(r.out);
    const both = await run(
      'nearest',
      '--mode',
      'straight',
      '--network',
      ROADS,
      '--from',
      villages,
      '--to',
      facilities,
    );
    expect(both.code).toBe(2);
    expect(both.err).toContain('--network is for travel times: leave out --mode straight');
    // Options of the other mode are named, not ignored.
    const minutesStraight = await run(
      'nearest',
      '--from',
      villages,
      '--to',
      facilities,
      '--max-minutes',
      '15',
    );
    expect(minutesStraight.code).toBe(2);
    expect(minutesStraight.err).toContain(
      '--max-minutes is for travel times on a road network: add --network',
    );
    const distanceNetwork = await run(
      'nearest',
      '--network',
      ROADS,
      '--from',
      villages,
      '--to',
      facilities,
      '--max-distance',
      '500',
    );
    expect(distanceNetwork.code).toBe(2);
    expect(distanceNetwork.err).toContain('with --network, limit travel time with --max-minutes');
    // With the snap distance below the walk to the main network, vd has only its island road.
    const short = await run(
      'nearest',
      '--mode',
      'network',
      '--network',
      ROADS,
      '--from',
      villages,
      '--to',
      facilities,
      '--max-snap',
      '100',
    );
    expect(short.out.split('\n').find((x) => x.startsWith('vd,'))).toBe('vd,,,,,unreachable,,');
    const net = buildNetworkFromGeoJson(roadsFc);
    const lib = nearestFacilities(net, [...pt('A', -0.0002)], [...pt('C')]);
    expect(Number(rows[1].split(',')[3])).toBeCloseTo(lib.timeS[0], 1);
  });
});

describe('servicereach route and matrix', () => {
  const pt = (c: string) => P.get(c)!.join(',');
  it('routes along the roads and writes a GeoJSON LineString', async () => {
    const out = join(tmp, 'route.geojson');
    const r = await run(
      'route',
      '--network',
      ROADS,
      '--from',
      pt('A'),
      '--to',
      pt('D'),
      '--out',
      out,
    );
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/route \(car\): 1\.6 min, 0\.67 km, 1 node/); // 444 m A–B, 222 m B–D; B is the one node passed
    const f = JSON.parse(readFileSync(out, 'utf8'));
    expect(f.geometry.coordinates).toEqual([P.get('A'), P.get('B'), P.get('D')]);
    const back = await run('route', '--network', ROADS, '--from', pt('D'), '--to', pt('A'));
    // D is a one-way dead end: the way back walks 222 m to the main road (entering link A–B at
    // B, 266.9 s at 3 km/h), then drives 444 m to A.
    expect(back.code).toBe(0);
    expect(back.out).toMatch(/route \(car\): 5\.5 min, 0\.67 km, 0 nodes/);
    // Each end says which road it joined: D's nearest road is the island dead end.
    expect(r.out).toContain('start: nearest road, 0 m off-road; end: nearest road, 0 m off-road');
    expect(back.out).toContain(
      'start: main network, 222 m off-road; end: nearest road, 0 m off-road',
    );
    expect([f.properties.fromEntry, f.properties.toEntry]).toEqual(['nearest', 'nearest']);
    // Within 100 m of the road only D's island road is left: no route back.
    const short = await run(
      'route',
      '--network',
      ROADS,
      '--from',
      pt('D'),
      '--to',
      pt('A'),
      '--max-snap',
      '100',
    );
    expect(short.out).toMatch(/no route — unreachable/);
  });

  it('writes the long-format matrix with empty cells for unreachable pairs', async () => {
    const villages = join(tmp, 'mv.csv');
    writeFileSync(villages, ['id,lon,lat', `a,${pt('A')}`, `e,${pt('E')}`].join('\n'));
    const clinics = join(tmp, 'mc.csv');
    writeFileSync(clinics, ['id,lon,lat', `c,${pt('C')}`].join('\n'));
    const r = await run('matrix', '--network', ROADS, '--from', villages, '--to', clinics);
    expect(r.code).toBe(0);
    const rows = r.out.trim().split('\n');
    expect(rows[0]).toBe('from,to,timeS');
    expect(rows[1]).toMatch(/^a,c,\d+(\.\d+)?$/);
    expect(rows[2]).toBe('e,c,');
    // the same CSV from worker threads; a bad thread count is refused with the value
    const threaded = await run(
      'matrix',
      '--network',
      ROADS,
      '--from',
      villages,
      '--to',
      clinics,
      '--threads',
      '2',
    );
    expect(threaded.code).toBe(0);
    expect(threaded.out).toBe(r.out);
    const bad = await run(
      'matrix',
      '--network',
      ROADS,
      '--from',
      villages,
      '--to',
      clinics,
      '--threads',
      '1.5',
    );
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--threads must be a whole number ≥ 1, got "1\.5"/);
  });
});
