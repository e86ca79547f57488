import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import type { Feature, LineString } from 'geojson';
import { describe, expect, it } from 'vitest';
import { FormatError, InputError } from '../src/errors';
import { resolveCrs } from '../src/geo/crs/crs';
import { readDbf } from '../src/inputs/shapefile/dbf';
import { readShapefile, shapefileFromZip } from '../src/inputs/shapefile/read-shapefile';
import { readShpGeometries } from '../src/inputs/shapefile/shp-geometry';
import { buildNetworkFromGeoJson } from '../src/network/build';
import { loadNetwork } from '../src/node/load-network';
import { readPointsFile } from '../src/node/read-points-file';
import { shapefileFiles, shapefileZip } from '../src/report/shapefile-writer';
import { mulberry32 } from './helpers/random';

// How ArcGIS writes the .prj of a CGCS2000 3° Gauss–Krüger zone (zone 34, CM 102° E).
const GK34_PRJ =
  'PROJCS["CGCS2000_3_Degree_GK_Zone_34",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",34500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",102.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';

const VILLAGES = [
  { id: 'V1', 名称: '石门村', 乡镇: '凤鸣镇', 人口: 830, lon: 101.83, lat: 25.21 },
  { id: 'V2', 名称: '龙潭村', 乡镇: '凤鸣镇', 人口: 1250, lon: 102.05, lat: 25.3 },
  { id: 'V3', 名称: '白沙村', 乡镇: '清水乡', 人口: null, lon: 102.4, lat: 24.95 },
];

function writeProjected(dir: string, name: string) {
  const gk = resolveCrs('EPSG:4522');
  const files = shapefileFiles(
    VILLAGES.map(({ lon, lat, ...props }) => ({
      geometry: { type: 'Point', coordinates: gk.fromWgs84(lon, lat) },
      properties: props,
    })),
    GK34_PRJ,
  );
  for (const [ext, bytes] of Object.entries(files))
    writeFileSync(join(dir, `${name}.${ext}`), bytes);
}

const m = (a: number, b: number) => Math.abs(a - b) * 111_000;

describe('shapefiles in, a projected CGCS2000 layer written by the test', () => {
  it('reads points from .shp with their .dbf (UTF-8 by .cpg), .prj (Gauss–Krüger zone 34) into WGS84', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sr-shp-'));
    writeProjected(dir, '村庄');
    const { points } = await readPointsFile(join(dir, '村庄.shp'));
    expect(points.map((p) => p.id)).toEqual(['V1', 'V2', 'V3']);
    points.forEach((p, i) => {
      expect(m(p.lon, VILLAGES[i].lon)).toBeLessThan(0.001);
      expect(m(p.lat, VILLAGES[i].lat)).toBeLessThan(0.001);
    });
    expect(points[0].properties).toMatchObject({
      name: '石门村',
      township: '凤鸣镇',
      population: 830,
      人口: 830,
    });
    expect(points[2].properties?.人口).toBeNull();
  });

  it('reads the same from a zip bundle, and a --crs given overrides the .prj', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sr-shp-'));
    const zip = join(dir, 'v.zip');
    const files = shapefileFiles(
      VILLAGES.map(({ lon, lat, ...props }) => ({
        geometry: { type: 'Point', coordinates: [lon, lat] },
        properties: props,
      })),
    );
    writeFileSync(
      zip,
      shapefileZip(
        '村庄',
        VILLAGES.map(({ lon, lat, ...props }) => ({
          geometry: { type: 'Point', coordinates: [lon, lat] },
          properties: props,
        })),
      ),
    );
    const { points } = await readPointsFile(zip);
    expect(points.map((p) => [p.lon, p.lat])).toEqual(VILLAGES.map((v) => [v.lon, v.lat]));
    const shifted = readShapefile({ shp: files.shp, dbf: files.dbf }, { crs: 'gcj02' });
    const p = shifted.geojson.features[0].geometry as { coordinates: number[] };
    expect(m(p.coordinates[0], VILLAGES[0].lon)).toBeGreaterThan(100); // a GCJ-02 shift is hundreds of metres
    expect(shifted.crs).toBe('gcj02');
  });

  it('decodes a GBK .dbf by its .cpg, its language byte, or by detection', () => {
    // a one-column table (NAME, C 10) holding 石门村 and 凤鸣镇 in GBK, built byte by byte
    const gbk = [
      [0xca, 0xaf, 0xc3, 0xc5, 0xb4, 0xe5],
      [0xb7, 0xef, 0xc3, 0xf9, 0xd5, 0xf2],
    ];
    const header = 32 + 32 + 1;
    const rec = 1 + 10;
    const b = new Uint8Array(header + rec * 2 + 1).fill(0x20);
    b.fill(0, 0, header);
    const v = new DataView(b.buffer);
    b[0] = 3;
    v.setUint32(4, 2, true);
    v.setUint16(8, header, true);
    v.setUint16(10, rec, true);
    b.set([0x4e, 0x41, 0x4d, 0x45], 32);
    b[43] = 0x43;
    b[48] = 10;
    b[header - 1] = 0x0d;
    for (const [i, g] of gbk.entries()) b.set(g, header + i * rec + 1);
    const names = (t: ReturnType<typeof readDbf>) => t.records.map((r) => r.NAME);
    expect(names(readDbf(b))).toEqual(['石门村', '凤鸣镇']);
    expect(readDbf(b).encoding).toBe('gb18030');
    const shp = shapefileFiles([{ geometry: null }, { geometry: null }]).shp;
    expect(readShapefile({ shp, dbf: b, cpg: '936' }).encoding).toBe('gb18030');
    b[29] = 0x4d; // language driver: code page 936
    expect(names(readDbf(b))).toEqual(['石门村', '凤鸣镇']);
  });

  it('reads roads from a projected shapefile into the same network as the same roads in GeoJSON', async () => {
    const rnd = mulberry32(21);
    const roads: Feature<LineString>[] = [];
    for (let i = 0; i < 40; i++) {
      const x = 101.9 + Math.floor(rnd() * 8) * 0.01;
      const y = 25.1 + Math.floor(rnd() * 8) * 0.01;
      const horizontal = rnd() < 0.5;
      roads.push({
        type: 'Feature',
        properties: { highway: rnd() < 0.3 ? 'primary' : 'residential', name: `路${i}` },
        geometry: {
          type: 'LineString',
          coordinates: [[x, y], horizontal ? [x + 0.01, y] : [x, y + 0.01]],
        },
      });
    }
    const gk = resolveCrs('EPSG:4522');
    const dir = mkdtempSync(join(tmpdir(), 'sr-shp-'));
    const files = shapefileFiles(
      roads.map((r) => ({
        geometry: {
          type: 'LineString',
          coordinates: r.geometry.coordinates.map(([a, b]) => gk.fromWgs84(a, b)),
        },
        properties: r.properties,
      })),
      GK34_PRJ,
    );
    for (const [ext, bytes] of Object.entries(files))
      writeFileSync(join(dir, `roads.${ext}`), bytes);
    const fromShp = (await loadNetwork(join(dir, 'roads.shp'))).stats();
    writeFileSync(
      join(dir, 'roads.zip'),
      zipSync({
        'roads/roads.shp': files.shp,
        'roads/roads.dbf': files.dbf,
        'roads/roads.prj': files.prj,
      }),
    );
    expect((await loadNetwork(join(dir, 'roads.zip'))).stats().edges).toBe(fromShp.edges);
    const fromGeoJson = buildNetworkFromGeoJson({
      type: 'FeatureCollection',
      features: roads,
    }).stats();
    expect(fromShp.nodes).toBe(fromGeoJson.nodes);
    expect(fromShp.edges).toBe(fromGeoJson.edges);
    expect(fromShp.lengthKm).toBeCloseTo(fromGeoJson.lengthKm, 6);
    // and GeoJSON roads in the projected CRS, with crs as an option
    const projected = {
      type: 'FeatureCollection',
      features: roads.map((r) => ({
        ...r,
        geometry: {
          type: 'LineString',
          coordinates: r.geometry.coordinates.map(([a, b]) => gk.fromWgs84(a, b)),
        },
      })),
    };
    expect(buildNetworkFromGeoJson(projected, { crs: 'EPSG:4522' }).stats().edges).toBe(
      fromGeoJson.edges,
    );
  });

  it('round-trips random points and lines through writer and reader exactly (WGS84)', () => {
    const rnd = mulberry32(8);
    for (let k = 0; k < 20; k++) {
      const lines = k % 2 === 1;
      const recs = Array.from({ length: 1 + Math.floor(rnd() * 30) }, (_, i) => ({
        geometry: lines
          ? {
              type: 'LineString' as const,
              coordinates: Array.from({ length: 2 + Math.floor(rnd() * 5) }, () => [
                rnd() * 360 - 180,
                rnd() * 180 - 90,
              ]),
            }
          : { type: 'Point' as const, coordinates: [rnd() * 360 - 180, rnd() * 180 - 90] },
        properties: { n: i, w: rnd() < 0.5 ? `村${i}` : 'abc', f: Math.round(rnd() * 1e6) / 1e4 },
      }));
      const f = shapefileFiles(recs);
      const back = readShapefile({ shp: f.shp, dbf: f.dbf, cpg: 'UTF-8' });
      expect(back.geojson.features.map((x) => x.geometry)).toEqual(recs.map((r) => r.geometry));
      expect(back.geojson.features.map((x) => x.properties)).toEqual(recs.map((r) => r.properties));
    }
  });

  it('refuses damaged files with the record named', () => {
    const f = shapefileFiles([
      { geometry: { type: 'Point', coordinates: [1, 2] } },
      { geometry: { type: 'Point', coordinates: [3, 4] } },
    ]);
    expect(() => readShpGeometries(f.shp.subarray(0, f.shp.length - 5), 'v.shp')).toThrow(
      /v.shp: record 2 at byte 128 runs past the end/,
    );
    expect(() => readShpGeometries(new Uint8Array(120), 'v.shp')).toThrow(FormatError);
    const one = shapefileFiles([
      { geometry: { type: 'Point', coordinates: [1, 2] }, properties: { a: 1 } },
    ]);
    expect(() => readShapefile({ shp: f.shp, dbf: one.dbf })).toThrow(
      /the .dbf has 1 records and the .shp 2/,
    );
    expect(() =>
      shapefileFromZip(zipSync({ 'readme.txt': strToU8('x') }), { source: 'v.zip' }),
    ).toThrow(InputError);
    expect(() =>
      shapefileFromZip(zipSync({ 'readme.txt': strToU8('x') }), { source: 'v.zip' }),
    ).toThrow(/v.zip: no .shp file inside \(files: readme.txt\)/);
  });
});
