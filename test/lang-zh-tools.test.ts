import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { networkWarningZh } from '../src/report/network-warning-zh';
import { runCli, runCliOnTty } from './helpers/cli';
import { extractPath, haveExtract } from './helpers/shared-data';

// route, spt, matrix, network and extract take --lang zh like the analysis commands: Chinese
// summaries, warnings and errors; spt and matrix write Chinese CSV headers as nearest does.
const NET = ['--network', 'data/county/roads.geojson'];
// Two nodes of the sample county's roads (V0001's and V0002's positions), 0.5 km apart by car.
const A = '100.193813,25.199969';
const B = '100.198783,25.199969';
const tmp = () => mkdtempSync(join(tmpdir(), 'sr-zh-tools-'));

describe('--lang zh on route, spt, matrix, network and extract', () => {
  it('route: Chinese summary and ends; English unchanged; JSON unchanged', async () => {
    const zh = await runCli('route', ...NET, '--from', A, '--to', B, '--lang', 'zh');
    expect(zh.code).toBe(0);
    expect(zh.out).toBe(
      '路线（驾车）：1.2 分钟，0.50 公里，经过 2 个节点\n  起点：接入最近道路，离路 0 米；终点：接入最近道路，离路 0 米\n',
    );
    const en = await runCli('route', ...NET, '--from', A, '--to', B);
    expect(en.out).toMatch(/^route \(car\): 1\.2 min, 0\.50 km, 2 nodes\n {2}start: nearest road/);
    const json = await runCli('route', ...NET, '--from', A, '--to', B, '--json', '--lang', 'zh');
    expect(JSON.parse(json.out).status).toBe('ok');
    const none = await runCli('route', ...NET, '--from', A, '--to', '90,10', '--lang', 'zh');
    expect(none.code).toBe(1);
    expect(none.out).toBe('路线（驾车）：无路线——起点或终点远离路网\n');
  });

  it('route and spt: usage errors in Chinese, naming --to for a bad --to', async () => {
    const missing = await runCli('route', '--from', A, '--lang', 'zh');
    expect(missing.code).toBe(2);
    expect(missing.err).toContain(
      '用法错误：route 需要 --network、--from 经度,纬度 和 --to 经度,纬度',
    );
    const bad = await runCli('route', ...NET, '--from', A, '--to', '1', '--lang', 'zh');
    expect(bad.err).toContain('--to 的第 1 个点必须是 "经度,纬度"，得到 "1"');
    expect((await runCli('route', ...NET, '--from', A, '--to', '1')).err).toContain(
      '--to point 1 must be "lon,lat", got "1"',
    );
    expect((await runCli('spt', '--from', A, '--lang', 'zh')).err).toContain('缺少 --network');
    expect((await runCli('route', ...NET, '--from', A, '--to', B, '--lang', 'fr')).code).toBe(1);
  });

  it('spt: Chinese header, summary and off-network start; all starts off is a Chinese error', async () => {
    const r = await runCli(
      'spt',
      ...NET,
      '--from',
      `${A};90,10`,
      '--max-minutes',
      '5',
      '--lang',
      'zh',
    );
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[0]).toBe('节点编号,经度,纬度,时间（秒）,起点序号');
    expect(r.out.split('\n')[1]).toBe('216,100.193813,25.199969,0,0');
    expect(r.err).toMatch(
      /^最短路径树（驾车，从起点出发）：444 个节点中可达 \d+ 个（5 分钟以内）$/m,
    );
    expect(r.err).toMatch(/^ {2}警告：起点 1（90,10）距最近道路 \d+ 米（远离路网，已忽略）$/m);
    const en = await runCli('spt', ...NET, '--from', A, '--quiet');
    expect(en.out.split('\n')[0]).toBe('node,lon,lat,timeS,source');
    const off = await runCli('spt', ...NET, '--from', '90,10', '--lang', 'zh');
    expect(off.code).toBe(1);
    expect(off.err).toMatch(
      /错误 \[off-network\]：所有起点都远离路网：起点 0（90,10）距最近道路 \d+ 米/,
    );
  });

  it('matrix: Chinese header, Chinese duplicate-id warning', async () => {
    const r = await runCli(
      'matrix',
      ...NET,
      '--from',
      'data/county/villages-gbk.csv',
      '--to',
      'data/county/facilities.geojson',
      '--lang',
      'zh',
    );
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines[0]).toBe('起点编号,终点编号,时间（秒）');
    expect(lines[1]).toMatch(/^V0001,F0001,[\d.]+$/);
    const dir = tmp();
    const twice = join(dir, 'twice.geojson');
    const fc = {
      type: 'FeatureCollection',
      features: [0, 1].map(() => ({
        type: 'Feature',
        properties: { id: 'X' },
        geometry: { type: 'Point', coordinates: [100.193813, 25.199969] },
      })),
    };
    writeFileSync(twice, JSON.stringify(fc));
    const d = await runCli('matrix', ...NET, '--from', twice, '--to', twice, '--lang', 'zh');
    expect(d.err).toMatch(/^警告：.*twice\.geojson：有 1 个编号重复出现/m);
  });

  it('network: Chinese statistics, road classes and warnings; exports keep English headers', async () => {
    const dir = tmp();
    const nodes = join(dir, 'nodes.csv');
    const r = await runCli(
      'network',
      'data/county/roads.geojson',
      '--export-nodes',
      nodes,
      '--lang',
      'zh',
    );
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^路网 data\/county\/roads\.geojson（驾车）\n {2}节点数 +444\n/);
    expect(r.out).toMatch(/^ {4}村道 +[\d.]+ 公里$/m);
    expect(r.out).toMatch(/^ {2}使用的道路 +317 条中用了 303 条（未纳入 14 条）$/m);
    expect(r.out).toMatch(/^ {2}highway-not-routable +14 {2}highway 取值不适用于此出行方式/m);
    expect(r.out).toMatch(/^ +例如 feature #69 \(path\)/m);
    expect(readFileSync(nodes, 'utf8').split('\n')[0]).toBe('node,lon,lat');
    const json = await runCli('network', 'data/county/roads.geojson', '--json', '--lang', 'zh');
    expect(JSON.parse(json.out).warnings[0].message).toMatch(/^highway value not usable/);
    expect((await runCli('network', '--lang', 'zh')).err).toContain('用法错误：缺少 <道路文件>');
  });

  it('networkWarningZh: every code the builder logs has Chinese, an unknown one keeps its English', () => {
    const w = (code: string, message = 'x') => ({ code, message, count: 1, examples: [] });
    for (const code of [
      'highway-unknown',
      'highway-not-routable',
      'highway-area',
      'access-denied',
      'oneway-reversible',
      'ferry-not-used',
      'maxspeed-degraded',
      'duration-unparsed',
      'non-line-geometry',
      'too-few-nodes',
      'cost-excluded',
      'restriction-via-way',
      'restriction-malformed',
      'duplicate-node',
      'missing-node',
    ])
      expect(networkWarningZh(w(code)), code).toMatch(/\p{Script=Han}/u);
    expect(
      networkWarningZh(
        w('no-elevation', 'road vertices outside the DEM (srtm/): their segments count as flat'),
      ),
    ).toBe('部分道路节点在高程数据（srtm/）范围之外：这些路段按平路计');
    expect(networkWarningZh(w('new-code', 'something new'))).toBe('something new');
  });

  it.skipIf(!haveExtract('andorra'))(
    'extract: Chinese summary with place types and categories, Chinese errors',
    async () => {
      const dir = tmp();
      const out = join(dir, 'p.geojson');
      const r = await runCli(
        'extract',
        extractPath('andorra'),
        '--places',
        '--out',
        out,
        '--lang',
        'zh',
      );
      expect(r.code).toBe(0);
      expect(r.out).toMatch(
        /^从 .*andorra-2025\.osm\.pbf 提取居民点：共 76 个点（3 个取自线\/面 way，0 个取自关系 relation）$/m,
      );
      expect(r.out).toMatch(/^ {2}村（village） +34$/m);
      expect(r.out).toContain(`  已写出：${out}\n  © OpenStreetMap 贡献者（ODbL 许可）\n`);
      // The GeoJSON is the same as in English: OSM tags as they are.
      const f = JSON.parse(readFileSync(out, 'utf8')).features[0];
      expect(Object.keys(f.properties)).toContain('place');
      const h = await runCli(
        'extract',
        extractPath('andorra'),
        '--facilities',
        'health',
        '--quiet',
        '--lang',
        'zh',
      );
      expect(JSON.parse(h.out).features.length).toBe(24);
      const none = await runCli(
        'extract',
        extractPath('andorra'),
        '--facilities',
        'amenity=nothing_here',
        '--lang',
        'zh',
      );
      expect(none.code).toBe(1);
      expect(none.err).toMatch(
        /错误 \[nothing-found\]：.*：没有找到符合 amenity=nothing_here 的设施/,
      );
      expect((await runCli('extract', extractPath('andorra'), '--lang', 'zh')).err).toContain(
        '请给出 --places 或 --facilities <筛选条件> 二者之一',
      );
    },
  );

  it('progress lines name their steps in Chinese too (network, coverage on a terminal)', async () => {
    const zh = await runCliOnTty(
      'network',
      'data/county/roads.geojson',
      '--hierarchy',
      '--lang',
      'zh',
    );
    expect(zh.err).toContain('构建收缩层次（444 个节点）…');
    const en = await runCliOnTty('network', 'data/county/roads.geojson', '--hierarchy');
    expect(en.err).toContain('building the contraction hierarchy (444 nodes)…');
    const cov = await runCliOnTty(
      'coverage',
      ...NET,
      '--villages',
      'data/county/villages.geojson',
      '--facilities',
      'data/county/facilities.geojson',
      '--standard',
      'rural-basic-90min',
      '--lang',
      'zh',
    );
    expect(cov.code).toBe(0);
    expect(cov.err).toContain('读取村庄（data/county/villages.geojson）…');
    expect(cov.err).toContain('村庄接入路网并搜索：312 个村庄…');
  });
});
