import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readXlsxSheet } from '../src/inputs/xlsx/read-xlsx';
import { osmPointWarningZh } from '../src/report/osm-point-warning-zh';
import { runCli } from './helpers/cli';

// Every command that prints or writes for people, with --lang zh on the sample county as a county
// planner has it (a GBK village table, an Amap-style GCJ-02 facility list): Chinese summaries and
// headers, names where people read them, and the GCJ-02 warning naming the command's own flag.
const NET = ['--network', 'data/county/roads.geojson'];
const GBK = 'data/county/villages-gbk.csv';
const AMAP = 'data/county/facilities-gcj02.csv';
const tmp = () => mkdtempSync(join(tmpdir(), 'sr-zh-cmd-'));

describe('--lang zh and the GCJ-02 check on nearest, access, site, isochrone and tours', () => {
  it('nearest --mode network: Chinese CSV header, names after ids, Chinese summary, --to-crs hint', async () => {
    const r = await runCli(
      'nearest',
      '--mode',
      'network',
      ...NET,
      '--from',
      GBK,
      '--to',
      AMAP,
      '--lang',
      'zh',
    );
    expect(r.code).toBe(0);
    expect(r.err).toMatch(
      /^警告：.*facilities-gcj02\.csv：.*GCJ-02（高德、腾讯）.*--to-crs gcj02/m,
    );
    const lines = r.out.split('\n');
    expect(lines[0]).toBe(
      '村庄编号,村名,排名,设施编号,设施名称,时间（秒）,路程（米）,状态,入网方式,离路距离（米）',
    );
    expect(lines[1]).toMatch(
      /^V0001,城关第1社区,1,F\d{4},[^,]*\p{Script=Han}[^,]*,[\d.]+,[\d.]+,可达,/u,
    );
    expect(r.out).toMatch(/^V0312,河松冲,,,,,,不可达,,$/m);
    expect(r.err).toContain('最近设施（路网，驾车）：村庄 312 个，设施 416 处，每村取 1 处');
    expect(r.err).toContain('  不可达：2 个村庄');
    // declared: no warning
    const ok = await runCli(
      'nearest',
      '--mode',
      'network',
      ...NET,
      '--from',
      GBK,
      '--to',
      AMAP,
      '--to-crs',
      'gcj02',
      '--quiet',
    );
    expect(ok.err).toBe('');
    // English output keeps its columns
    const en = await runCli('nearest', '--from', GBK, '--to', AMAP, '--quiet');
    expect(en.out.split('\n')[0]).toBe('village,rank,facility,distanceM');
  });

  it('nearest straight: Chinese header with names', async () => {
    const r = await runCli('nearest', '--from', GBK, '--to', AMAP, '--lang', 'zh');
    expect(r.out.split('\n')[0]).toBe('村庄编号,村名,排名,设施编号,设施名称,直线距离（米）');
    expect(r.out.split('\n')[1]).toMatch(/^V0001,城关第1社区,1,F\d{4},\S+,[\d.]+$/);
    expect(r.err).toContain('到最近设施平均距离');
  });

  it('access: Chinese headers and notes, facility names in --facility-out', async () => {
    const dir = tmp();
    const r = await runCli(
      'access',
      ...NET,
      '--villages',
      GBK,
      '--facilities',
      'data/county/facilities.geojson',
      '--category',
      'health',
      '--capacity-field',
      'beds',
      '--minutes',
      '30',
      '--lang',
      'zh',
      '--facility-out',
      join(dir, 'f.csv'),
    );
    expect(r.code).toBe(0);
    expect(r.err).not.toContain('GCJ-02'); // WGS84 facilities: no false alarm
    expect(r.out.split('\n')[0]).toBe('村庄编号,村名,每千人拥有量,人口,可达设施数,备注');
    expect(r.out).toContain('远离路网');
    expect(r.err).toContain('可达性（两步移动搜索法 2SFCA，30 分钟，驾车）');
    const f = readFileSync(join(dir, 'f.csv'), 'utf8').split('\n');
    expect(f[0]).toBe('设施编号,设施名称,容量,分配人口,服务范围内人口,每千人分配量,缺口');
    expect(f[1]).toMatch(/^F\d{4},\S*卫生/);
  });

  it('site: chosen sites and villages no candidate reaches by name; Chinese sites.csv', async () => {
    const dir = tmp();
    const r = await runCli(
      'site',
      ...NET,
      '--villages',
      GBK,
      '--facilities',
      AMAP,
      '--facilities-crs',
      'gcj02',
      '--category',
      'health',
      '--minutes',
      '30',
      '--add',
      '2',
      '--lang',
      'zh',
      '--out',
      dir,
    );
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toMatch(/^选址：最大覆盖（贪心），驾车 30 分钟以内；村庄 312 个/);
    expect(r.out).toMatch(/^ {2}\+ \p{Script=Han}+ +\+[\d,]+ {2}（新增覆盖 \d+ 个村庄）$/mu);
    expect(r.out).toContain('任何候选点都覆盖不到的村庄');
    const csv = readFileSync(join(dir, 'sites.csv'), 'utf8').split('\n');
    expect(csv[0]).toBe('序号,候选点编号,名称,经度,纬度,新增覆盖人口,新增覆盖村庄数,选择依据');
    expect(csv[1]).toMatch(/^1,V\d{4},\p{Script=Han}+,/u);
    const sites = JSON.parse(readFileSync(join(dir, 'sites.geojson'), 'utf8'));
    expect(sites.features[0].properties.name).toMatch(/\p{Script=Han}/u);
  });

  it('isochrone --each: origins by name, Chinese units; the check on --from', async () => {
    const r = await runCli(
      'isochrone',
      ...NET,
      '--from',
      AMAP,
      '--minutes',
      '10',
      '--cell',
      '500',
      '--lang',
      'zh',
      '--json',
    );
    expect(r.err).toMatch(/--from-crs gcj02/);
    const dir = tmp();
    const two = join(dir, 'two.csv');
    const rows = readFileSync(AMAP, 'utf8').split('\n');
    (await import('node:fs')).writeFileSync(
      two,
      [rows[0], ...rows.filter((l) => l.includes('乡卫生院')).slice(0, 2)].join('\n'),
    );
    const each = await runCli(
      'isochrone',
      ...NET,
      '--from',
      two,
      '--from-crs',
      'gcj02',
      '--minutes',
      '15',
      '--each',
      '--cell',
      '500',
      '--lang',
      'zh',
      '--out',
      join(dir, 'iso.geojson'),
    );
    expect(each.code).toBe(0);
    expect(each.out).toMatch(/^等时圈（驾车，从起点出发）：起点 2 个，时段 15 分钟/);
    expect(each.out).toMatch(/^ {2}起点 \p{Script=Han}+乡卫生院 +15 分钟 +[\d.]+ 平方公里$/mu);
  });

  it('tours: the plan in Chinese, a Chinese schedule, the check on --facilities', async () => {
    const dir = tmp();
    const r = await runCli(
      'tours',
      ...NET,
      '--villages',
      GBK,
      '--facilities',
      AMAP,
      '--minutes',
      '20',
      '--iterations',
      '100',
      '--lang',
      'zh',
      '--out',
      dir,
    );
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/--facilities-crs gcj02/);
    expect(r.out).toMatch(/^流动服务巡回：312 个村庄中在 20 分钟服务圈之外的 \d+ 个。/);
    expect(r.out).toMatch(/^第 1 辆车，基地：\p{Script=Han}+卫生院$/mu);
    expect(r.out).toMatch(/^无法服务：\d+ 个村庄/m);
    expect(r.out).toContain('无路可达');
    expect(r.out).toMatch(/^合计：\d+ 个村庄中服务 \d+ 个/m);
    const csv = readFileSync(join(dir, 'schedule.csv'), 'utf8').split('\n');
    expect(csv[0].split(',').slice(0, 7)).toEqual([
      '工作日',
      '车辆',
      '基地编号',
      '基地名称',
      '顺序',
      '村庄编号',
      '村名',
    ]);
    const sheet = readXlsxSheet(readFileSync(join(dir, 'schedule.xlsx')));
    expect(sheet.header[6]).toBe('村名');
  });

  it('the zh report names road classes in Chinese in the map legend', async () => {
    const dir = tmp();
    const r = await runCli(
      'coverage',
      ...NET,
      '--villages',
      GBK,
      '--facilities',
      AMAP,
      '--facilities-crs',
      'gcj02',
      '--standard',
      'rural-basic-90min',
      '--lang',
      'zh',
      '--quiet',
      '--out',
      dir,
    );
    expect(r.code).toBe(0);
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    const legend =
      /<div class="legend"><b>[^<]*<\/b>(.*?)<span class="note">([^<]*)<\/span><\/div>/g;
    const roads = [...html.matchAll(legend)].find((m) => m[2].includes('道路节点'));
    expect(roads).toBeDefined();
    expect(roads![1]).toContain('主要公路');
    expect(roads![1]).not.toMatch(/>(primary|secondary|tertiary|track|unclassified)</);
  });
});

describe('--lang zh: the OSM points reader warns in Chinese', () => {
  // Villages from an OSM extract: a population that is no number, a place area missing a node,
  // a place relation whose outer way closes no ring (placed at its label node).
  const osm = `<?xml version="1.0"?><osm version="0.6">
    <node id="1" lon="100.19" lat="25.19"><tag k="place" v="village"/><tag k="name" v="石门村"/><tag k="population" v="约400"/></node>
    <node id="3" lon="100.20" lat="25.20"/><node id="4" lon="100.201" lat="25.20"/><node id="5" lon="100.201" lat="25.201"/>
    <node id="6" lon="100.21" lat="25.21"><tag k="place" v="hamlet"/><tag k="name" v="下寨"/></node>
    <way id="10"><nd ref="3"/><nd ref="4"/><nd ref="99"/><tag k="place" v="hamlet"/></way>
    <way id="11"><nd ref="3"/><nd ref="4"/><nd ref="5"/></way>
    <relation id="20"><member type="way" ref="11" role="outer"/><member type="node" ref="5" role="label"/><tag k="type" v="multipolygon"/><tag k="place" v="village"/><tag k="name" v="上寨"/></relation>
  </osm>`;
  const run = async (lang: string) => {
    const dir = tmp();
    const file = join(dir, 'villages.osm');
    writeFileSync(file, osm);
    return runCli(
      'isochrone',
      ...NET,
      '--from',
      '100.19,25.19',
      '--minutes',
      '5',
      '--villages',
      file,
      '--lang',
      lang,
      '--json',
    );
  };

  it('each warning in planning language, with the object, name and value', async () => {
    const r = await run('zh');
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain('警告：node/1（“石门村”）：人口标签“约400”不是数字，按人口不详处理\n');
    expect(r.err).toContain(
      '警告：way/10（place=hamlet）：3 个节点中有 1 个不在文件中，按其余节点定位\n',
    );
    expect(r.err).toContain(
      '警告：relation/20（“上寨”）：外边界在本文件中未闭合，定位在其标注点（label）\n',
    );
    expect(r.err).not.toMatch(/warning|not a number|missing from the file|close no ring/);
  });

  it('in English by default, as before', async () => {
    const r = await run('en');
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain(
      'warning: node/1 ("石门村"): population "约400" is not a number; left unknown\n',
    );
    expect(r.err).toContain(
      'warning: way/10 (place=hamlet): 1 of 3 nodes missing from the file; placed on the rest\n',
    );
    expect(r.err).toContain(
      'warning: relation/20 ("上寨"): its outer ways close no ring in this file; placed at its label node\n',
    );
  });

  it('every kind has its Chinese line', () => {
    const object = { object: 'way/7', tags: 'amenity=clinic building=yes' };
    const lines = [
      osmPointWarningZh({ kind: 'duplicate-nodes', count: 2, examples: [7, 9] }),
      osmPointWarningZh({ kind: 'way-without-nodes', ...object }),
      osmPointWarningZh({ kind: 'relation-without-outer', ...object, name: '卫生院' }),
      osmPointWarningZh({ kind: 'relation-open-ring', placedAt: 'outer-ways', ...object }),
    ];
    expect(lines).toEqual([
      'OSM 文件中有 2 个节点编号重复出现（如 node/7、node/9），每个编号取其最后一次出现的位置',
      'way/7（amenity=clinic building=yes）：文件中没有它的任何节点，未读入',
      'way/7（“卫生院”）：文件中没有它的外边界，也没有它的节点，未读入',
      'way/7（amenity=clinic building=yes）：外边界在本文件中未闭合，定位在其外边界线上',
    ]);
  });
});

describe('--lang zh in the terminal, read as a county planner reads it', () => {
  const V = 'data/county/villages.geojson';
  const F = 'data/county/facilities.geojson';

  it('nearest: distances in 米 or 公里, not 10036.37 米', async () => {
    const r = await runCli('nearest', '--from', V, '--to', F, '--lang', 'zh');
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain('\n  到最近设施平均距离：529 米\n');
    expect(r.err).toContain('\n  到最近设施最远距离：10.0 公里\n');
  });

  it('isochrone: populations with thousands separators, as every other table', async () => {
    const r = await runCli(
      'isochrone',
      ...NET,
      '--from',
      F,
      '--category',
      'health',
      '--minutes',
      '10',
      '--villages',
      V,
      '--lang',
      'zh',
      '--out',
      join(tmp(), 'iso.geojson'),
    );
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/村庄 \d+ 个，人口 \d{3},\d{3}/);
  });

  it('coverage: the gap between townships and the files written in Chinese punctuation', async () => {
    const dir = join(tmp(), 'cov');
    const r = await runCli(
      'coverage',
      ...NET,
      '--villages',
      V,
      '--facilities',
      F,
      '--minutes',
      '15',
      '--group-by',
      'township',
      '--lang',
      'zh',
      '--out',
      dir,
    );
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(
      /\n {2}平均时间最长：\S+ [\d.]+ 分钟，最短：\S+ [\d.]+ 分钟（相差 [\d.]+ 倍）\n/,
    );
    expect(r.out).toContain(`\n  已写出：${dir}/villages.geojson、${dir}/outside.csv`);
  });

  it('coverage --shapefile-encoding gbk: the warning about characters GBK cannot hold is Chinese', async () => {
    const fc = JSON.parse(readFileSync(V, 'utf8'));
    fc.features[0].properties.name = '城关😀社区';
    const villages = join(tmp(), 'emoji.geojson');
    writeFileSync(villages, JSON.stringify(fc));
    const r = await runCli(
      'coverage',
      ...NET,
      '--villages',
      villages,
      '--facilities',
      F,
      '--minutes',
      '15',
      '--lang',
      'zh',
      '--shapefile',
      '--shapefile-encoding',
      'gbk',
      '--quiet',
      '--out',
      join(tmp(), 'shp'),
    );
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/^警告：villages-shp\.zip：\d+ 个字符 GBK 无法表示，写为“\?”$/m);
  });
});
