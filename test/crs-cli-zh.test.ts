import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readXlsxSheet } from '../src/inputs/xlsx/read-xlsx';
import { readShapefile, shapefileFromZip } from '../src/inputs/shapefile/read-shapefile';
import { runCli } from './helpers/cli';

// The sample county as Chinese planners receive it: villages-gbk.csv (GBK, Chinese headers) and
// facilities-gcj02.csv (an Amap-style scrape, GCJ-02), both written by data/generate-county.ts.
const NET = 'data/county/roads.geojson';
const GBK = 'data/county/villages-gbk.csv';
const AMAP = 'data/county/facilities-gcj02.csv';
const base = [
  'coverage',
  '--network',
  NET,
  '--standard',
  'rural-basic-90min',
  '--group-by',
  'township',
];

describe('the CLI with GCJ-02 facilities, a GBK village table and --lang zh', () => {
  it('warns about the GCJ-02 shift and suggests --facilities-crs gcj02', async () => {
    const r = await runCli(...base, '--villages', GBK, '--facilities', AMAP, '--json');
    expect(r.code).toBe(0);
    expect(r.err).toMatch(
      /GCJ-02 \(Amap\/Gaode, Tencent\)-like shift: median \d+ m .* try --facilities-crs gcj02/,
    );
  });

  it('with --facilities-crs gcj02: no warning, and the same coverage as the WGS84 GeoJSON files', async () => {
    const zh = await runCli(
      ...base,
      '--villages',
      GBK,
      '--facilities',
      AMAP,
      '--facilities-crs',
      'gcj02',
      '--json',
    );
    expect(zh.err).toBe('');
    const en = await runCli(
      ...base,
      '--villages',
      'data/county/villages.geojson',
      '--facilities',
      'data/county/facilities.geojson',
      '--json',
    );
    const a = JSON.parse(zh.out).summary.all;
    const b = JSON.parse(en.out).summary.all;
    expect(a.status).toEqual(b.status);
    expect(a.weightedMeanMinutes).toBeCloseTo(b.weightedMeanMinutes, 2);
  });

  it('prints the table in Chinese with the standard named as the plan names it', async () => {
    const r = await runCli(
      ...base,
      '--villages',
      GBK,
      '--facilities',
      AMAP,
      '--facilities-crs',
      'gcj02',
      '--lang',
      'zh',
    );
    expect(r.out).toContain('覆盖分析：rural-basic-90min — 边远农村1.5小时基本公共服务圈（驾车）');
    for (const heading of [
      '村庄数',
      '人口',
      '占比',
      '90 分钟以内',
      '不可达',
      '远离路网',
      '分组（90 分钟以内）：',
      '城关镇',
    ])
      expect(r.out).toContain(heading);
  });

  it('writes a Chinese workbook, a zipped shapefile and a CSV with a BOM', async () => {
    const out = mkdtempSync(join(tmpdir(), 'sr-zh-'));
    const r = await runCli(
      ...base,
      '--villages',
      GBK,
      '--facilities',
      AMAP,
      '--facilities-crs',
      'gcj02',
      '--lang',
      'zh',
      '--xlsx',
      '--shapefile',
      '--bom',
      '--quiet',
      '--out',
      out,
    );
    expect(r.code).toBe(0);
    const book = readFileSync(join(out, 'coverage.xlsx'));
    const sheet = readXlsxSheet(book, { sheet: 'rural-basic-90min' });
    expect(sheet.header.slice(0, 5)).toEqual(['编号', '名称', '分组', '人口', '状态']);
    expect(readXlsxSheet(book).rows[0].slice(0, 2)).toEqual([
      'rural-basic-90min',
      '边远农村1.5小时基本公共服务圈（驾车）',
    ]);
    expect(sheet.rows.some((row) => row[1] === '城关第1社区' && row[4] === '已覆盖')).toBe(true);
    expect(readXlsxSheet(book, { sheet: '分乡镇汇总' }).header).toContain('达标人口比例');
    // 2 unreachable (the cut-off valley) + 6 off-network, as the summary counts them
    expect(readXlsxSheet(book, { sheet: '未覆盖村庄' }).rows.length).toBe(8);
    const shp = readShapefile(shapefileFromZip(readFileSync(join(out, 'villages-shp.zip'))));
    expect(shp.geojson.features).toHaveLength(312);
    expect(shp.encoding).toBe('utf-8');
    expect(shp.geojson.features[0].properties).toMatchObject({
      id: 'V0001',
      name: '城关第1社区',
      status: '已覆盖',
    });
    expect(readFileSync(join(out, 'outside.csv'))[0]).toBe(0xef);
    // The list of villages outside the circle, in Chinese: names, statuses and reasons.
    const outside = readFileSync(join(out, 'outside.csv'), 'utf8').slice(1).trim().split('\n');
    expect(outside[0]).toBe('村庄编号,村名,状态,原因,分钟,米,设施,人口,分组,经度,纬度');
    expect(outside).toHaveLength(1 + 8);
    const offRoad = outside.filter((l) => l.includes(',远离路网,'));
    expect(offRoad).toHaveLength(6);
    for (const l of offRoad) expect(l).toMatch(/,远离路网,距最近道路 [\d,]+ 米，超出接入距离,/);
    const cut = outside.filter((l) => l.includes(',不可达,'));
    expect(cut).toHaveLength(2);
    for (const l of cut) expect(l).toMatch(/没有道路通往(卫生|教育)设施/);
    for (const l of outside.slice(1)) expect(l.split(',')[1]).not.toBe('');
  });

  it('lists the standards in Chinese with the titles of the plans', async () => {
    const r = await runCli('standards', '--lang', 'zh');
    expect(r.out).toContain('《云南省“十四五”基本公共服务规划》');
    expect(r.out).toContain('农村“十里文化圈”：沿道路步道5公里');
    expect(r.out).toContain('步行，15 分钟');
    expect((await runCli('standards', '--lang', 'fr')).err).toMatch(
      /language must be en or zh, got "fr"/,
    );
  });
});
