import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { argsLang } from '../src/cli/args-lang';
import { InputError } from '../src/errors';
import { readPointsFromCsv } from '../src/index';
import { durationText } from '../src/tours/duration-text';
import { runCli } from './helpers/cli';

// The errors a county planner meets on the command line, with --lang zh: `错误 [code]：` and the
// Chinese message with the same file, line, field and value; the English one by default.
const C = 'data/county';
const NET = ['--network', `${C}/roads.geojson`];
const VIL = ['--villages', `${C}/villages.geojson`];
const FAC = ['--facilities', `${C}/facilities.geojson`];
const STD = ['--standard', 'community-15min'];
const tmp = mkdtempSync(join(tmpdir(), 'sr-errors-zh-'));
const file = (name: string, text: string) => {
  const path = join(tmp, name);
  writeFileSync(path, text);
  return path;
};
// The sample GCJ-02 facility list with its lng and lat cells swapped, and in metres.
const amap = readFileSync(`${C}/facilities-gcj02.csv`, 'utf8').trim().split('\n');
const swapped = file(
  'swapped.csv',
  amap.map((l, i) => (i ? l.replace(/,([\d.]+),([\d.]+)$/, ',$2,$1') : l)).join('\n'),
);
const metres = file(
  'metres.csv',
  `${amap[0]}\n${amap[1].replace(/,([\d.]+),([\d.]+)$/, ',600029.3,2797665.1')}\n`,
);

/** Runs a command with and without `--lang zh`; both must fail with `code`. */
async function both(args: string[], exit = 1) {
  const en = await runCli(...args);
  const zh = await runCli(...args, '--lang', 'zh');
  expect(en.code, en.err).toBe(exit);
  expect(zh.code, zh.err).toBe(exit);
  return { en: en.err, zh: zh.err };
}

describe('input errors under --lang zh', () => {
  it('a missing file', async () => {
    const r = await both(['coverage', ...NET, '--villages', 'nope.csv', ...FAC, ...STD]);
    expect(r.zh).toBe('servicereach coverage: 错误 [file-not-found]：找不到文件：nope.csv\n');
    expect(r.en).toBe('servicereach coverage: error [file-not-found]: file not found: nope.csv\n');
  });

  it('no facility of the category asked for, naming the categories there are in Chinese', async () => {
    const r = await both([
      'nearest',
      ...NET,
      '--from',
      `${C}/villages.geojson`,
      '--to',
      `${C}/facilities.geojson`,
      '--category',
      'clinic',
    ]);
    expect(r.zh).toMatch(
      /^servicereach nearest: 错误 \[no-facilities\]：\S+facilities\.geojson 中没有“clinic”类设施（现有类别：卫生（health）、.*医院（hospital））\n$/,
    );
    expect(r.en).toMatch(
      /error \[no-facilities\]: \S+ holds no facility of category clinic \(categories present: health, /,
    );
  });

  it('a coordinate column named wrong, and a GBK file read as UTF-8 (garbled header)', async () => {
    const csv = `${C}/villages-gbk.csv`;
    const col = await both([
      'coverage',
      ...NET,
      '--villages',
      csv,
      ...FAC,
      ...STD,
      '--lon-field',
      'lng',
    ]);
    expect(col.zh).toContain(
      '错误 [missing-column]：data/county/villages-gbk.csv：找不到经度列（查找了 lng；表头为 编号,村名,拼音,乡镇,人口,经度,纬度）',
    );
    expect(col.en).toContain(
      'error [missing-column]: data/county/villages-gbk.csv: no longitude column (looked for lng;',
    );
    const enc = await both([
      'coverage',
      ...NET,
      '--villages',
      csv,
      ...FAC,
      ...STD,
      '--encoding',
      'utf-8',
    ]);
    expect(enc.zh).toMatch(
      /找不到经度列.*表头有无法解码的字符（乱码）：文件可能是另一种编码（如 --encoding gbk/,
    );
    expect(enc.en).toMatch(
      /no longitude column.*undecodable characters: is the file in another encoding/,
    );
  });

  it('swapped lon/lat, metres read as degrees and a cell that is not a number, naming file, line and id', async () => {
    const sw = await both(['coverage', ...NET, ...VIL, '--facilities', swapped, ...STD]);
    expect(sw.zh).toContain(
      'swapped.csv 第 2 行（编号 "F0001"）：坐标 [25.20419, 100.005864] 超出经纬度范围（经度 −180…180，纬度 −90…90）；像是经纬度写反了（[纬度, 经度]），应为 [经度, 纬度]\n',
    );
    expect(sw.en).toContain(
      'swapped.csv, line 2 (id "F0001"): [25.20419, 100.005864] is out of range',
    );
    const m = await both(['coverage', ...NET, ...VIL, '--facilities', metres, ...STD]);
    expect(m.zh).toContain(
      'metres.csv 第 2 行（编号 "F0001"）：坐标 [600029.3, 2797665.1] 超出经纬度范围',
    );
    expect(m.zh).toContain('像是以米为单位的投影坐标：请用 --crs 给出坐标系');
    expect(m.en).toContain('it looks like metres of a projected CRS');
    const bad = file(
      'bad.csv',
      `${amap[0]}\n${amap[1].replace(/,([\d.]+),([\d.]+)$/, ',abc,$2')}\n`,
    );
    const n = await both(['coverage', ...NET, ...VIL, '--facilities', bad, ...STD]);
    expect(n.zh).toContain('bad.csv 第 2 行（编号 "F0001"）：“lng”列不是数字："abc"\n');
    expect(n.en).toContain('bad.csv, line 2 (id "F0001"): lng is not a number: "abc"\n');
  });

  it('an unknown standard, a misspelt population field, a bad CRS', async () => {
    const std = await both(['coverage', ...NET, ...VIL, ...FAC, '--standard', 'health-15']);
    expect(std.zh).toContain(
      '错误 [unknown-standard]：没有“health-15”这个标准；可用的预设标准：community-15min、',
    );
    expect(std.en).toContain(
      'error [unknown-standard]: unknown standard "health-15"; presets: community-15min, ',
    );
    const pop = await both([
      'coverage',
      ...NET,
      ...VIL,
      ...FAC,
      ...STD,
      '--population-field',
      'pop',
    ]);
    expect(pop.zh).toContain(
      '错误 [missing-population-field]：data/county/villages.geojson：没有一个村庄有字段“pop”（--population-field）；现有字段为 id、name、',
    );
    const crs = await both(['coverage', ...NET, ...VIL, ...FAC, ...STD, '--crs', 'EPSG:99999']);
    expect(crs.zh).toContain(
      '错误 [unknown-crs]：crs：本库没有定义 EPSG:99999，请改为给出它的 proj 字符串',
    );
    expect(crs.en).toContain(
      'error [unknown-crs]: crs: EPSG:99999 is not one this library defines',
    );
  });

  it('a road file with no road, invalid JSON, a population table without the columns', async () => {
    const empty = file('empty.geojson', '{"type":"FeatureCollection","features":[]}');
    const net = await both(['coverage', '--network', empty, ...VIL, ...FAC, ...STD]);
    expect(net.zh).toContain(
      'empty.geojson：没有可通行的道路：输入 0 条道路/要素，没有一条可供“步行”使用\n',
    );
    expect(net.en).toContain(
      'empty.geojson: no routable road: 0 input ways/features, none usable by profile "walk"',
    );
    const broken = file('broken.geojson', '{"type":"FeatureCollection","features":[');
    const json = await both(['coverage', ...NET, '--villages', broken, ...FAC, ...STD]);
    expect(json.zh).toMatch(/错误 \[invalid-json\]：\S+broken\.geojson：不是有效的 JSON（/);
    const table = file('pop.csv', 'id,pop\nV0001,5\n');
    const t = await both(['coverage', ...NET, ...VIL, ...FAC, ...STD, '--population', table]);
    expect(t.zh).toContain(
      'pop.csv：需要 population（人口）列，以及 id（编号）或 name（名称）列，现有列为 id、pop\n',
    );
  });

  it("a bad line of the --population table is named by the table alone, not prefixed with the villages' file", async () => {
    const table = file('pop-bad.csv', 'id,population\nV0001,abc\n');
    const r = await both(['coverage', ...NET, ...VIL, ...FAC, ...STD, '--population', table]);
    expect(r.zh).toBe(
      `servicereach coverage: 错误 [invalid-population]：${table} 第 2 行："V0001" 的人口必须是 ≥ 0 的数值，得到 "abc"\n`,
    );
    expect(r.en).toBe(
      `servicereach coverage: error [invalid-population]: ${table}, line 2: population of "V0001" must be a number ≥ 0, got "abc"\n`,
    );
  });

  it('access without the capacity field, tours without a depot', async () => {
    const a = await both([
      'access',
      ...NET,
      ...VIL,
      ...FAC,
      '--minutes',
      '30',
      '--category',
      'hospital',
      '--capacity-field',
      'bedz',
    ]);
    expect(a.zh).toMatch(
      /错误 \[invalid-capacity\]：\S+：设施 "F\d+"（第 1 个）没有字段“bedz”（--capacity-field）；现有字段为 id、name、/,
    );
    const t = await both(['tours', ...NET, ...VIL, ...FAC, '--category', 'clinic']);
    expect(t.zh).toContain(
      '错误 [no-depots]：data/county/facilities.geojson 中没有可作车辆驻地的“clinic”类设施\n',
    );
  });

  it('falls back to the English message, in the Chinese frame, where the error has no Chinese text', async () => {
    const odd = file('odd.geojson', '{"type":"Topology"}');
    const r = await both(['coverage', ...NET, '--villages', odd, ...FAC, ...STD]);
    expect(r.zh).toMatch(
      /^servicereach coverage: 错误 \[invalid-geojson\]：\S+odd\.geojson: expected a GeoJSON FeatureCollection/,
    );
    expect(r.en).toMatch(/^servicereach coverage: error \[invalid-geojson\]: /);
  });
});

describe('usage errors under --lang zh', () => {
  it('translates the frame and the common option messages; option names stay', async () => {
    const snap = await both(['coverage', ...NET, ...VIL, ...FAC, ...STD, '--max-snap', '-5'], 2);
    expect(snap.zh).toBe(
      'servicereach coverage: 用法错误：--max-snap 必须是 ≥ 0 的数值，得到 "-5"\n用法见 "servicereach coverage --help"。\n',
    );
    expect(snap.en).toBe(
      'servicereach coverage: --max-snap must be a number ≥ 0, got "-5"\nRun "servicereach coverage --help" for usage.\n',
    );
    const missing = await both(['coverage', ...NET, ...VIL, ...STD], 2);
    expect(missing.zh).toMatch(/^servicereach coverage: 用法错误：缺少 --facilities\n/);
    // parseArgs's own messages stay English inside the Chinese frame.
    const unknown = await both(['coverage', ...NET, ...VIL, ...FAC, ...STD, '--bogus'], 2);
    expect(unknown.zh).toMatch(
      /^servicereach coverage: 用法错误：Unknown option '--bogus'\n用法见/,
    );
  });
});

describe('the library keeps English messages; the Chinese text is extra', () => {
  it('InputError.message is English and .zh Chinese, with the same specifics', () => {
    let e: unknown;
    try {
      readPointsFromCsv('id,lon,lat\nv1,25.6,100.1\n', { source: 'v.csv' });
    } catch (x) {
      e = x;
    }
    expect(e).toBeInstanceOf(InputError);
    const err = e as InputError;
    expect(err.message).toMatch(/^v\.csv, line 2 \(id "v1"\): \[25\.6, 100\.1\] is out of range/);
    expect(err.zh).toMatch(/^v\.csv 第 2 行（编号 "v1"）：坐标 \[25\.6, 100\.1\] 超出经纬度范围/);
    expect(new InputError('x', 'y').zh).toBeUndefined();
    expect('cause' in new InputError('x', 'y', { zh: '乙' })).toBe(false);
  });

  it('argsLang reads --lang zh / --lang=zh-CN, the last one winning', () => {
    expect(argsLang(['--lang', 'zh'])).toBe('zh');
    expect(argsLang(['--lang=zh-CN'])).toBe('zh');
    expect(argsLang(['--lang', 'zh', '--lang', 'en'])).toBe('en');
    expect(argsLang(['--villages', 'v.csv'])).toBe('en');
  });
});

describe('tour durations under an hour are minutes', () => {
  it('durationText', () => {
    expect(durationText(25)).toBe('25 min');
    expect(durationText(25, 'zh')).toBe('25 分钟');
    expect(durationText(84, 'zh')).toBe('1.4 小时');
    expect(durationText(0.2, 'zh')).toBe('不到 1 分钟');
  });

  it('a short round trip that still does not fit the day reads 往返 N 分钟 / (N min), not 0.0 h', async () => {
    const args = [
      'tours',
      ...NET,
      ...VIL,
      ...FAC,
      '--minutes',
      '30',
      '--day-hours',
      '1',
      '--service-minutes',
      '50',
      '--iterations',
      '10',
    ];
    const zh = await runCli(...args, '--lang', 'zh');
    expect(zh.code, zh.err).toBe(0);
    expect(zh.out).toMatch(/一天内往返不完：从最近基地往返 \d{1,2} 分钟，加上 50 分钟服务/);
    expect(zh.out).not.toMatch(/0\.\d 小时/);
    const en = await runCli(...args);
    expect(en.code, en.err).toBe(0);
    expect(en.out).toMatch(
      /the round trip from the nearest depot \(\d{1,2} min\) plus 50 min of service/,
    );
    expect(en.out).not.toMatch(/\b0\.\d h\b/);
  });
});
