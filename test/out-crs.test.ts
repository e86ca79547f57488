import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { outputXy, resolveCrs } from '../src/geo/crs/crs';
import { crsPrj } from '../src/geo/crs/prj';
import { fromWgs84GeoJson, toWgs84GeoJson } from '../src/geo/crs/reproject-geojson';
import { readShapefile, shapefileFromZip } from '../src/inputs/shapefile/read-shapefile';
import { encodeGbk } from '../src/inputs/text-encoding';
import { readPointsFromGeoJson } from '../src/points/read-points';
import { shapefileZip } from '../src/report/shapefile-writer';
import { runCli } from './helpers/cli';
import { mulberry32 } from './helpers/random';

const metres = (a: number[], b: number[]) =>
  Math.hypot((a[0] - b[0]) * 111_320 * Math.cos((a[1] * Math.PI) / 180), (a[1] - b[1]) * 110_574);

// The CRSs an output can be written in, each with a .prj that reads back as itself.
const CRSS = [
  'wgs84',
  'cgcs2000',
  'gcj02',
  'bd09',
  'EPSG:4491',
  'EPSG:4502',
  'EPSG:4513',
  'EPSG:4542',
  'EPSG:4547',
  'EPSG:32647',
  'EPSG:32750',
];

describe('outputs in the CRS the inputs came in', () => {
  it('fromWgs84GeoJson then toWgs84GeoJson gives the points back (random points in China)', () => {
    const rnd = mulberry32(17);
    for (const crs of ['gcj02', 'bd09', 'EPSG:4542']) {
      for (let i = 0; i < 200; i++) {
        const p = [98 + 4 * rnd(), 22 + 6 * rnd()]; // Yunnan, inside zone CM 99E's reach
        const fc = {
          type: 'FeatureCollection',
          features: [
            { type: 'Feature', properties: { a: 1 }, geometry: { type: 'Point', coordinates: p } },
          ],
        };
        const out = fromWgs84GeoJson(fc, crs);
        const q = out.features[0].geometry.coordinates;
        expect(metres(p, q)).toBeGreaterThan(crs === 'EPSG:4542' ? 1000 : 50); // really moved
        const back = toWgs84GeoJson(out, crs).features[0].geometry.coordinates;
        expect(metres(p, back), `${crs} ${p}`).toBeLessThan(0.05);
        expect(out.features[0].properties).toEqual({ a: 1 });
      }
    }
    // projected output names its EPSG code the way QGIS/GDAL read it; WGS84 is the input itself
    const fc = { type: 'FeatureCollection', features: [] };
    expect(fromWgs84GeoJson(fc, 'EPSG:4542')).toMatchObject({
      crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4542' } },
    });
    expect(fromWgs84GeoJson(fc, 'wgs84')).toBe(fc);
  });

  it('crsPrj writes a .prj that resolveCrs reads back as the same CRS', () => {
    for (const c of CRSS) {
      const a = resolveCrs(c);
      const b = resolveCrs(crsPrj(c));
      const p: [number, number] = [
        c.endsWith('750') ? 117.3 : 100.2,
        c.endsWith('750') ? -8.5 : 25.2,
      ];
      const x = a.fromWgs84(...p);
      const y = b.fromWgs84(...p);
      expect(Math.hypot(x[0] - y[0], x[1] - y[1]), c).toBeLessThan(
        a.kind === 'projected' ? 1e-3 : 1e-9,
      );
    }
    expect(crsPrj('EPSG:4547')).toMatch(/^PROJCS\["CGCS2000_3_Degree_GK_CM_114E"/);
    expect(crsPrj('EPSG:4513')).toMatch(/^PROJCS\["CGCS2000_3_Degree_GK_Zone_25"/);
    expect(() => crsPrj('EPSG:3857')).toThrow(/cannot write a \.prj for the CRS "EPSG:3857"/);
  });

  it('outputXy rounds to a centimetre of a degree or a millimetre', () => {
    const [x, y] = outputXy(resolveCrs('EPSG:4542'), 100.2, 25.2);
    expect(Number.isInteger(x * 1000)).toBe(true);
    expect(y).toBeGreaterThan(2_700_000);
  });

  it('coverage --out-crs gcj02 --shapefile-encoding gbk: GeoJSON, CSV and a GBK shapefile in GCJ-02 that read back', async () => {
    const out = mkdtempSync(join(tmpdir(), 'sr-outcrs-'));
    const r = await runCli(
      'coverage',
      '--network',
      'data/county/roads.geojson',
      '--villages',
      'data/county/villages-gbk.csv',
      '--facilities',
      'data/county/facilities-gcj02.csv',
      '--crs',
      'gcj02',
      '--villages-crs',
      'wgs84',
      '--standard',
      'rural-basic-90min',
      '--out-crs',
      'gcj02',
      '--shapefile',
      '--shapefile-encoding',
      'gbk',
      '--lang',
      'zh',
      '--quiet',
      '--out',
      out,
    );
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const wgs = readPointsFromGeoJson(
      JSON.parse(readFileSync('data/county/villages.geojson', 'utf8')),
    );
    const byId = new Map(wgs.map((v) => [v.id, v]));
    // villages.geojson: read as GCJ-02, they are the WGS84 villages again
    const back = readPointsFromGeoJson(
      JSON.parse(readFileSync(join(out, 'villages.geojson'), 'utf8')),
      {
        crs: 'gcj02',
      },
    );
    expect(back).toHaveLength(312);
    for (const v of back) {
      const w = byId.get(v.id)!;
      expect(metres([v.lon, v.lat], [w.lon, w.lat])).toBeLessThan(0.05);
    }
    // the shapefile: .prj says GCJ-02, .cpg 936, the names decode from GBK
    const zip = readFileSync(join(out, 'villages-shp.zip'));
    const parts = shapefileFromZip(zip);
    expect(parts.cpg).toBe('936');
    expect(parts.dbf![29]).toBe(0x4d);
    const shp = readShapefile(parts);
    expect(shp.crs).toBe('gcj02');
    expect(shp.encoding).toBe('gb18030');
    expect(shp.geojson.features[0].properties).toMatchObject({
      id: 'V0001',
      name: '城关第1社区',
      status: '已覆盖',
    });
    // ignoring the .cpg and the language byte (an old ArcGIS), the bytes are GBK
    expect(
      readShapefile({ ...parts, cpg: undefined }, { encoding: 'gbk' }).geojson.features[0]
        .properties?.name,
    ).toBe('城关第1社区');
    for (const f of shp.geojson.features) {
      const w = byId.get(f.properties!.id as string)!;
      const c = (f.geometry as { coordinates: number[] }).coordinates;
      expect(metres(c, [w.lon, w.lat])).toBeLessThan(0.05);
    }
    // outside.csv: longitude, latitude in GCJ-02
    const csv = readFileSync(join(out, 'outside.csv'), 'utf8').trim().split('\n');
    expect(csv[0].endsWith(',经度,纬度')).toBe(true); // --lang zh: Chinese headers
    const row = csv[1].split(',');
    const w = byId.get(row[0])!;
    const gcj = resolveCrs('gcj02').fromWgs84(w.lon, w.lat);
    expect(metres([Number(row.at(-2)), Number(row.at(-1))], gcj)).toBeLessThan(0.05);
  });

  it('--out-crs input: villages from a projected shapefile come back in its zone with its .prj', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sr-outcrs-shp-'));
    const wgs = readPointsFromGeoJson(
      JSON.parse(readFileSync('data/county/villages.geojson', 'utf8')),
    );
    const zone = resolveCrs('EPSG:4542'); // CGCS2000 3° Gauss–Krüger, CM 99°E
    const records = wgs.map((v) => ({
      geometry: { type: 'Point' as const, coordinates: zone.fromWgs84(v.lon, v.lat) },
      properties: { id: v.id, name: v.properties?.name, population: v.properties?.population },
    }));
    const input = join(dir, 'villages.zip');
    writeFileSync(
      input,
      shapefileZip('villages', records, crsPrj('EPSG:4542'), { encoding: 'gbk' }),
    );
    const out = join(dir, 'out');
    const r = await runCli(
      'coverage',
      '--network',
      'data/county/roads.geojson',
      '--villages',
      input,
      '--facilities',
      'data/county/facilities.geojson',
      '--standard',
      'rural-basic-90min',
      '--out-crs',
      'input',
      '--shapefile',
      '--quiet',
      '--out',
      out,
    );
    expect(r.err).toBe('');
    const shp = shapefileFromZip(readFileSync(join(out, 'villages-shp.zip')));
    expect(shp.prj).toMatch(/^PROJCS\["CGCS2000_3_Degree_GK_CM_99E"/);
    const given = new Map(records.map((x) => [x.properties.id, x.geometry.coordinates]));
    const fc = JSON.parse(readFileSync(join(out, 'villages.geojson'), 'utf8'));
    expect(fc.crs.properties.name).toBe('urn:ogc:def:crs:EPSG::4542');
    for (const f of fc.features) {
      const g = given.get(f.properties.id)!;
      const c = f.geometry.coordinates;
      expect(Math.hypot(c[0] - g[0], c[1] - g[1])).toBeLessThan(1e-3); // a millimetre
    }
    expect(readFileSync(join(out, 'outside.csv'), 'utf8').split('\n')[0]).toMatch(/,x,y$/);
    const bad = await runCli(
      'coverage',
      '--network',
      'data/county/roads.geojson',
      '--villages',
      input,
      '--facilities',
      'data/county/facilities.geojson',
      '--standard',
      'rural-basic-90min',
      '--out-crs',
      'mars',
      '--out',
      `${out}-bad`, // --out-crs without --out is refused before the CRS is read
      '--quiet',
    );
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/--out-crs: unknown CRS "mars"/);
  });
});

describe('encodeGbk', () => {
  it('is the inverse of the platform GBK decoder on random GBK text (property)', () => {
    // oracle: TextDecoder('gbk'), the table the readers use
    const rnd = mulberry32(5);
    const d = new TextDecoder('gbk', { fatal: true });
    for (let t = 0; t < 300; t++) {
      const bytes: number[] = [];
      for (let i = 0; i < 20; i++) {
        if (rnd() < 0.3) bytes.push(0x20 + Math.floor(rnd() * 0x5f));
        else {
          // GB2312 area: lead 0xB0–0xF7, trail 0xA1–0xFE (all assigned except 0xD7FA–0xD7FE)
          const lead = 0xb0 + Math.floor(rnd() * 0x48);
          const trail = 0xa1 + Math.floor(rnd() * (lead === 0xd7 ? 0x59 : 0x5e));
          bytes.push(lead, trail);
        }
      }
      const text = d.decode(Uint8Array.from(bytes));
      const e = encodeGbk(text);
      expect(e.unencodable).toBe(0);
      expect(Array.from(e.bytes)).toEqual(bytes);
    }
  });

  it('counts what GBK cannot hold and writes ? for it', () => {
    const e = encodeGbk('石门村😀𠀀a');
    expect(e.unencodable).toBe(2);
    expect(new TextDecoder('gbk').decode(e.bytes)).toBe('石门村??a');
  });
});

describe('--out-crs on site, isochrone, nearest and tours', () => {
  const NET = ['--network', 'data/county/roads.geojson'];
  const V = 'data/county/villages.geojson';
  const F = 'data/county/facilities.geojson';
  const zone = resolveCrs('EPSG:4542');

  it('site writes sites.csv (x,y) and sites.geojson in the zone asked for', async () => {
    const out = mkdtempSync(join(tmpdir(), 'sr-outcrs-site-'));
    const base = [
      ...NET,
      '--villages',
      V,
      '--facilities',
      F,
      '--category',
      'health',
      '--minutes',
      '30',
      '--add',
      '2',
      '--quiet',
    ];
    await runCli('site', ...base, '--out', join(out, 'w'));
    await runCli('site', ...base, '--out-crs', 'EPSG:4542', '--out', join(out, 'p'));
    const w = readFileSync(join(out, 'w', 'sites.csv'), 'utf8')
      .trim()
      .split('\n');
    const p = readFileSync(join(out, 'p', 'sites.csv'), 'utf8')
      .trim()
      .split('\n');
    expect(p[0]).toBe('rank,site,name,x,y,populationAdded,villagesAdded,chosenBy');
    const [lon, lat] = w[1].split(',').slice(3, 5).map(Number);
    const [x, y] = p[1].split(',').slice(3, 5).map(Number);
    const z = zone.fromWgs84(lon, lat);
    expect(Math.hypot(x - z[0], y - z[1])).toBeLessThan(1e-3);
    const fc = JSON.parse(readFileSync(join(out, 'p', 'sites.geojson'), 'utf8'));
    expect(fc.crs.properties.name).toBe('urn:ogc:def:crs:EPSG::4542');
    const [gx, gy] = fc.features[0].geometry.coordinates;
    expect(Math.hypot(gx - x, gy - y)).toBeLessThan(1e-3);
  });

  it('isochrone --out-crs gcj02: the same bands, shifted as GCJ-02', async () => {
    const args = ['isochrone', ...NET, '--from', '100.19,25.2', '--minutes', '5', '--cell', '300'];
    const a = JSON.parse((await runCli(...args, '--quiet')).out);
    const b = JSON.parse((await runCli(...args, '--quiet', '--out-crs', 'gcj02')).out);
    const back = toWgs84GeoJson(b, 'gcj02');
    const first = (c: unknown): number[] =>
      Array.isArray((c as unknown[])[0]) ? first((c as unknown[])[0]) : (c as number[]);
    expect(b.features).toHaveLength(a.features.length);
    const pa = first(a.features[0].geometry.coordinates);
    const pb = first(b.features[0].geometry.coordinates);
    expect(metres(pa, pb)).toBeGreaterThan(50); // GCJ-02 moves it
    expect(metres(pa, first(back.features[0].geometry.coordinates))).toBeLessThan(0.05);
  });

  it('tours writes schedule.csv coordinates and tours.geojson in GCJ-02', async () => {
    const out = mkdtempSync(join(tmpdir(), 'sr-outcrs-tours-'));
    const r = await runCli(
      'tours',
      ...NET,
      '--villages',
      V,
      '--facilities',
      F,
      '--minutes',
      '20',
      '--iterations',
      '50',
      '--out-crs',
      'gcj02',
      '--quiet',
      '--json',
      '--out',
      out,
    );
    expect(r.code).toBe(0);
    const rows = readFileSync(join(out, 'schedule.csv'), 'utf8').trim().split('\n');
    const head = rows[0].split(',');
    const row = rows[1].split(',');
    const wgs = readPointsFromGeoJson(JSON.parse(readFileSync(V, 'utf8')));
    const v = wgs.find((x) => x.id === row[head.indexOf('village')])!;
    const g = resolveCrs('gcj02').fromWgs84(v.lon, v.lat);
    expect(
      metres([Number(row[head.indexOf('lon')]), Number(row[head.indexOf('lat')])], g),
    ).toBeLessThan(0.05);
  });

  it('nearest writes its GeoJSON lines in GCJ-02', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'sr-outcrs-nearest-')), 'n.geojson');
    const r = await runCli(
      'nearest',
      '--from',
      V,
      '--to',
      F,
      '--out-crs',
      'gcj02',
      '--quiet',
      '--out',
      out,
    );
    expect(r.code).toBe(0);
    const fc = JSON.parse(readFileSync(out, 'utf8'));
    const wgs = readPointsFromGeoJson(JSON.parse(readFileSync(V, 'utf8')));
    const f = fc.features[0];
    const v = wgs.find((x) => x.id === f.properties.village)!;
    const g = resolveCrs('gcj02').fromWgs84(v.lon, v.lat);
    expect(metres(f.geometry.coordinates[0], g)).toBeLessThan(0.05);
  });
});
