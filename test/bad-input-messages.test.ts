// Messages for the misuses the bad-input campaign of issue 15 found: each names the file, option or
// value and says what to do, and gzipped text inputs are read as what they hold.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { travelTimeSurface } from '../src/engine';
import {
  buildNetworkFromGeoJson,
  coverage,
  isochrones,
  PointIndex,
  readPointsFromGeoJson as readPointsFromGeoJsonLib,
  route,
  twoStepFca,
} from '../src/index';
import { loadNetwork, readPointsFile } from '../src/node';
import { ROOT, runCli } from './helpers/cli';
import { gridRoads } from '../benchmarks/network-build';

const tmp = mkdtempSync(join(tmpdir(), 'servicereach-messages-'));
const county = (f: string) => join(ROOT, 'data/county', f);

describe('gzipped GeoJSON and CSV are sniffed from the content, not taken for .osm.gz', () => {
  it('reads gzipped villages (GeoJSON and CSV) and gzipped GeoJSON roads as the plain files', async () => {
    const plain = (await readPointsFile(county('villages.geojson'))).points;
    const gz = join(tmp, 'villages.geojson.gz');
    writeFileSync(gz, gzipSync(readFileSync(county('villages.geojson'))));
    expect((await readPointsFile(gz)).points).toEqual(plain);
    const csv = join(tmp, 'villages.csv.gz');
    writeFileSync(csv, gzipSync('id,lon,lat\na,100.1,25.6\nb,100.2,25.7\n'));
    expect((await readPointsFile(csv)).points.map((p) => p.id)).toEqual(['a', 'b']);
    const roads = join(tmp, 'roads.gz');
    writeFileSync(roads, gzipSync(readFileSync(county('roads.geojson'))));
    const a = await loadNetwork(roads, { profile: 'walk' });
    const b = await loadNetwork(county('roads.geojson'), { profile: 'walk' });
    expect(a.stats()).toEqual(b.stats());
  });
});

describe('command-line messages', () => {
  it('--k -1 gets the option check, not "argument is ambiguous"', async () => {
    const r = await runCli(
      'nearest',
      '--from',
      county('villages.geojson'),
      '--to',
      county('facilities.geojson'),
      '--k',
      '-1',
    );
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--k must be a whole number ≥ 1, got "-1"/);
  });

  it('coverage without facility categories says "no facility", never "no any facility facility"', () => {
    const net = buildNetworkFromGeoJson(JSON.parse(readFileSync(county('roads.geojson'), 'utf8')), {
      profile: 'walk',
    });
    const villages = [{ id: 1, lon: 100.1, lat: 25.6 }];
    const r = coverage(net, villages, [], { thresholdsMinutes: [15] });
    expect(r.warnings.join('\n')).toMatch(/^no facility in the input/);
    expect(JSON.stringify(r)).not.toMatch(/any facility facility/);
  });
});

describe('library misuse gets the library errors', () => {
  const net = buildNetworkFromGeoJson(gridRoads(5), { profile: 'walk' });

  it.each([
    [
      'null options',
      () => coverage(net, [], [], null as never),
      /needs a standard or at least one threshold/,
    ],
    [
      'a Feature as origins',
      () => isochrones(net, { type: 'Feature' } as never, { minutes: [5] }),
      /got a GeoJSON Feature; convert points with pointCoords/,
    ],
    [
      'route with empty pairs',
      () => route(net, [] as never, [] as never),
      /from must be one \[lon, lat\] pair, got 0 numbers/,
    ],
    [
      'an unknown decay kind',
      () =>
        twoStepFca({ sites: 0, villages: 0, maxSeconds: 60 } as never, [], [], {
          kind: 'linear',
        } as never),
      /decay kind must be 'step', 'zones' or 'gaussian', got "linear"/,
    ],
    [
      'a damaged point index',
      () => {
        const b = new Uint8Array(new PointIndex([{ id: 1, lon: 1, lat: 2 }]).toBuffer());
        b[b.length - 2] = 0xff;
        return PointIndex.fromBuffer(b.buffer);
      },
      /corrupt point index/,
    ],
  ] as [string, () => unknown, RegExp][])('%s', (_, call, message) => {
    expect(call).toThrowError(message);
    try {
      call();
    } catch (e) {
      expect((e as Error).name).toMatch(/InputError|FormatError/);
    }
  });

  it('a grid too large for memory names a cell size that fits', () => {
    let message = '';
    try {
      travelTimeSurface(net, [100.002, 25.002], { maxSeconds: 3600, cellM: 0.05 });
    } catch (e) {
      message = (e as Error).message;
    }
    const fits = Number(/--cell (\d+)/.exec(message)?.[1]);
    expect(message).toMatch(/above the 16,000,000 that fit in memory/);
    // cells scale with 1/cellM²: the suggested size is the smallest that fits, rounded up
    const [cols, rows] = (/have ([\d,]+) × ([\d,]+) cells/.exec(message) ?? [])
      .slice(1)
      .map((x) => Number(x.replaceAll(',', '')));
    expect(cols * rows).toBeGreaterThan(16e6);
    expect(fits).toBeGreaterThanOrEqual(0.05 * Math.sqrt((cols * rows) / 16e6));
  });
});

describe('found by the CLI campaign (test/helpers/cli-campaign.ts)', () => {
  const villagesCsv = 'id,lon,lat,population\nv1,100.19,25.2,10\nv1,100.2,25.21,20\n';

  it('a blank option value is a command-line error, not the number 0', async () => {
    const r = await runCli(
      'nearest',
      '--from',
      county('villages.geojson'),
      '--to',
      county('facilities.geojson'),
      '--max-distance',
      '',
    );
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--max-distance needs a value, got ""/);
  });

  it('duplicate village ids are a warning naming the file, the id and the count', async () => {
    const f = join(tmp, 'dup.csv');
    writeFileSync(f, villagesCsv);
    const r = await runCli('nearest', '--from', f, '--to', county('facilities.geojson'));
    expect(r.code).toBe(0);
    expect(r.err).toContain(`warning: ${f}: 1 id appears more than once ("v1" ×2)`);
    expect(r.out.match(/^v1,/gm)).toHaveLength(2); // both rows kept
  });

  it('under --lang zh the duplicate-id warning is in Chinese', async () => {
    const f = join(tmp, 'dup-zh.csv');
    writeFileSync(f, villagesCsv);
    const r = await runCli(
      'nearest',
      '--from',
      f,
      '--to',
      county('facilities.geojson'),
      '--lang',
      'zh',
    );
    expect(r.code).toBe(0);
    expect(r.err).toContain(`警告：${f}：有 1 个编号重复出现（"v1" ×2）`);
    expect(r.err).not.toMatch(/warning|more than once/);
  });

  it('a damaged .xlsx is a FormatError naming the file, not a TypeError from the unzipper', async () => {
    const f = join(tmp, 'cut.xlsx');
    const { xlsxWorkbook } = await import('../src/report/xlsx-workbook');
    const book = xlsxWorkbook([
      {
        name: 'S',
        rows: [
          ['id', 'lon', 'lat'],
          ['a', 100.2, 25.2],
        ],
      },
    ]);
    writeFileSync(f, book.subarray(0, book.length >> 1));
    await expect(readPointsFile(f)).rejects.toThrow(/cut\.xlsx: a damaged or truncated zip/);
    const r = await runCli('nearest', '--from', f, '--to', county('facilities.geojson'));
    expect(r.code).toBe(1);
  });

  it('merged cells of a workbook (a township written once for its villages) fill their range', async () => {
    const { unzipSync, zipSync, strToU8 } = await import('fflate');
    const { xlsxWorkbook } = await import('../src/report/xlsx-workbook');
    const { readPointsFromXlsx } = await import('../src/index');
    const files = unzipSync(
      xlsxWorkbook([
        {
          name: 'S',
          rows: [
            ['id', 'township', 'lon', 'lat'],
            ['a', '城关镇', 100.2, 25.2],
            ['b', null, 100.3, 25.3],
            ['c', null, 100.4, 25.4],
            ['d', '上塘乡', 100.5, 25.5],
          ],
        },
      ]),
    );
    const sheet = new TextDecoder().decode(files['xl/worksheets/sheet1.xml']);
    files['xl/worksheets/sheet1.xml'] = strToU8(
      sheet.replace(
        '</sheetData>',
        '</sheetData><mergeCells count="1"><mergeCell ref="B2:B4"/></mergeCells>',
      ),
    );
    const points = readPointsFromXlsx(zipSync(files));
    expect(points.map((p) => p.properties?.township)).toEqual([
      '城关镇',
      '城关镇',
      '城关镇',
      '上塘乡',
    ]);
  });

  it('reads the GeoJSON crs member, and refuses degrees under a projected CRS', () => {
    const fc = (name: string, coordinates: number[]) => ({
      type: 'FeatureCollection',
      crs: { type: 'name', properties: { name } },
      features: [
        { type: 'Feature', properties: { id: 'a' }, geometry: { type: 'Point', coordinates } },
      ],
    });
    const [p] = readPointsFromGeoJsonFor(fc('urn:ogc:def:crs:EPSG::4547', [500000, 2789000]));
    expect(p.lon).toBeCloseTo(114, 6);
    expect(() => readPointsFromGeoJsonFor(fc('urn:ogc:def:crs:EPSG::4547', [114.1, 25.2]))).toThrow(
      /114\.1, 25\.2 look like longitude\/latitude degrees, but "EPSG:4547" is a projected CRS/,
    );
    expect(
      readPointsFromGeoJsonFor(fc('urn:ogc:def:crs:OGC:1.3:CRS84', [114.1, 25.2]))[0].lon,
    ).toBe(114.1);
  });

  it('GeoJSON properties that are not an object and ids that are objects are named errors', () => {
    const fc = (feature: object) => ({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', geometry: { type: 'Point', coordinates: [100, 25] }, ...feature },
      ],
    });
    expect(() => readPointsFromGeoJsonFor(fc({ properties: [1, 2] }))).toThrow(
      /feature #0: properties must be an object or null, got \[1,2\]/,
    );
    expect(() => readPointsFromGeoJsonFor(fc({ properties: { id: { a: 1 } } }))).toThrow(
      /feature #0 \(id \{"a":1\}\): the id must be a string or a number \(property "id"\)/,
    );
    expect(() => readPointsFromGeoJsonFor({ type: 'FeatureCollection' })).toThrow(
      /the FeatureCollection has no "features" list/,
    );
  });
});

function readPointsFromGeoJsonFor(json: unknown) {
  return readPointsFromGeoJsonLib(json, { source: 'v.geojson' });
}

describe('tables as counties save them', () => {
  it('skips rows of empty cells below a CSV table, and a title row above an .xlsx table', async () => {
    const { readPointsFromCsv, readPointsFromXlsx } = await import('../src/index');
    const { xlsxWorkbook } = await import('../src/report/xlsx-workbook');
    const csv = 'id,lon,lat\na,100.2,25.2\nb,100.3,25.3\n,,\n\n,,\n';
    expect(readPointsFromCsv(csv).map((p) => p.id)).toEqual(['a', 'b']);
    const book = xlsxWorkbook([
      { name: 'S', rows: [['某县村庄名单'], ['编号', '经度', '纬度'], ['a', 100.2, 25.2]] },
    ]);
    const [p] = readPointsFromXlsx(book, { source: 'v.xlsx' });
    expect([p.id, p.lon, p.lat]).toEqual(['a', 100.2, 25.2]);
    // a one-column table keeps its header
    const one = xlsxWorkbook([{ name: 'S', rows: [['名称'], ['石门村']] }]);
    expect(() => readPointsFromXlsx(one, { source: 'one.xlsx' })).toThrow(/the header is 名称/);
  });
});
