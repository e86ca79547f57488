import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateCounty } from '../data/generate-county';
import { STANDARDS } from '../src/index';
import { ROOT, runCli } from './helpers/cli';

const tmp = mkdtempSync(join(tmpdir(), 'servicereach-demo-'));

describe('the sample county', () => {
  it('is what the generator makes with seed 1 (the committed files are not edited by hand)', () => {
    const county = generateCounty({ seed: 1, scale: 1 });
    for (const name of ['roads', 'villages', 'facilities'] as const) {
      expect(
        JSON.parse(readFileSync(join(ROOT, 'data/county', `${name}.geojson`), 'utf8')),
      ).toEqual(JSON.parse(JSON.stringify(county[name])));
    }
    expect(generateCounty({ seed: 2 }).villages).not.toEqual(county.villages);
  });
});

describe('servicereach demo', () => {
  it('runs the whole workflow on the sample county and writes every output', async () => {
    const out = join(tmp, 'demo');
    const r = await runCli('demo', '--out', out, '--json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const s = JSON.parse(r.out);
    expect(s.villages).toBe(312);
    expect(s.coverage.map((c: { standard: string }) => c.standard)).toEqual(
      STANDARDS.map((x) => x.id),
    );
    for (const c of s.coverage) {
      expect(c.covered + c.outside + c.unreachable + c.offNetwork).toBe(312); // nobody lost
      expect(c.unreachable).toBe(2); // the cut-off valley
    }
    for (const st of STANDARDS)
      for (const f of ['villages.geojson', 'outside.csv', 'summary.json'])
        expect(existsSync(join(out, `coverage-${st.id}`, f))).toBe(true);
    const iso = JSON.parse(readFileSync(join(out, 'isochrones-health-car.geojson'), 'utf8'));
    expect(
      iso.features.map((f: { properties: { minutes: number } }) => f.properties.minutes),
    ).toEqual([90, 60, 30]);
    expect(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')).coverage).toEqual(
      s.coverage,
    );
    // three suggested elderly-care centres, each adding fewer people than the one before
    const sites = JSON.parse(
      readFileSync(join(out, 'summary.json'), 'utf8'),
    ).suggestedElderlyCareSites;
    expect(sites).toHaveLength(3);
    for (let i = 1; i < 3; i++)
      expect(sites[i].populationAdded).toBeLessThanOrEqual(sites[i - 1].populationAdded);
    expect(
      JSON.parse(readFileSync(join(out, 'sites-elderly-walk.geojson'), 'utf8')).features,
    ).toHaveLength(3);
    // Mobile tours for the villages still outside the 1.5-hour rural circle: the six off-road
    // villages are reached on foot from the nearest road, the cut-off valley's two are not.
    const t = s.mobileTours;
    expect(t.selection).toBe('8 of 312 villages outside rural-basic-90min');
    expect(t.villagesVisited).toBe(6);
    expect(t.vehicles).toBeGreaterThanOrEqual(1);
    expect(t.unserved.map((u: { reason: string }) => u.reason)).toEqual([
      'unreachable',
      'unreachable',
    ]);
    const tours = JSON.parse(readFileSync(join(out, 'tours.geojson'), 'utf8')).features;
    expect(tours).toHaveLength(t.toursPerPeriod);
    for (const f of tours) {
      expect(f.properties.hours).toBeLessThanOrEqual(8);
      expect(f.geometry.coordinates.length).toBeGreaterThan(1);
    }
    const csv = readFileSync(join(out, 'schedule.csv'), 'utf8').trim().split('\n');
    expect(csv).toHaveLength(1 + 6 + 2);
    expect(csv.filter((l) => l.includes('上塘乡') && l.includes('not served'))).toHaveLength(2);
  });

  it('prints the mobile tours by vehicle, day and village name', async () => {
    const r = await runCli('demo', '--out', join(tmp, 'text'));
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(
      /\n {2}mobile tours for the 8 of 312 villages outside rural-basic-90min \(8 h days, 45 min a village, weekly\): 6 served by 1 vehicle, \d tours? a week/,
    );
    expect(r.out).toMatch(/\n {4}vehicle 1 from .+卫生院, day 1: .+\(walk \d\.\d km\)/);
    expect(r.out.match(/\n {4}cannot be served: .+ \(上塘乡\) — unreachable/g)).toHaveLength(2);
  });

  it('prints its table and the mobile tours in Chinese with --lang zh', async () => {
    const r = await runCli('demo', '--out', join(tmp, 'zh'), '--lang', 'zh');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^servicereach 示例：虚构山区县，村庄 312 个/);
    expect(r.out).toContain('15分钟养老服务圈（步行）');
    expect(r.out).toMatch(
      /\n {2}流动服务：边远农村1\.5小时基本公共服务圈（驾车）之外的村庄中 6 个由 1 辆流动服务车每 5 个工作日巡回 \d+ 趟，2 个无法服务/,
    );
    // Each tour and who cannot be served, as the English run prints them (they were left out).
    expect(r.out).toMatch(/\n {4}第 1 辆车从.+卫生院出发，第 1 天：.+（步行 \d\.\d 公里）/);
    expect(
      r.out.match(/\n {4}无法服务：.+（上塘乡） — 无路可达：任何基地都没有往返的道路/g),
    ).toHaveLength(2);
    expect(r.out).not.toMatch(/vehicle|cannot be served|\(walk /);
    // Isochrone areas to two decimals every line, populations grouped by thousands.
    const bands = r.out.match(/\n {2}isochrones-.+/g) ?? [];
    expect(bands).toHaveLength(6);
    for (const line of bands)
      expect(line).toMatch(/ \d+\.\d\d 平方公里 {2}村庄 \d+ 个，人口 \d{1,3}(,\d{3})*$/);
    // What the counts are, the suggested sites' ids in Chinese brackets, populations with separators.
    expect(r.out).toContain('\n  覆盖、超出、不可达、远离路网为村庄个数\n');
    expect(r.out).toMatch(/\n {2}建议新增养老服务设施 1：[^\n(（]+（V\d{4}）\n/);
    expect(r.out).toMatch(/isochrones-health-car\.geojson +90 分钟 .+人口 \d{3},\d{3}\n/);
    // The schedule in Chinese too (it was English under --lang zh).
    const csv = readFileSync(join(tmp, 'zh', 'schedule.csv'), 'utf8')
      .trim()
      .split('\n');
    expect(csv[0]).toMatch(/^工作日,车辆,基地编号,基地名称,/);
    expect(
      csv.filter((l) => l.endsWith('无法服务：无路可达：任何基地都没有往返的道路')),
    ).toHaveLength(2);
  });
});

describe('report.html', () => {
  it('is one self-contained, complete page: a map with every road, facility and village, and the tables', async () => {
    const out = join(tmp, 'report');
    const r = await runCli('demo', '--out', out, '--quiet');
    expect(r.code).toBe(0);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
    // nothing fetched: no external scripts, stylesheets, images or fonts; the script is inline
    expect(html).not.toMatch(/<script[^>]+src=|<link|<img|@import|url\(/i);
    expect(html.match(/https?:\/\/[^"\s<]+/g)).toBeNull();
    const data = JSON.parse(
      /<script type="application\/json" id="sr-data">(.*?)<\/script>/s.exec(html)?.[1] ?? '{}',
    );
    const county = generateCounty({ seed: 1 });
    expect(data.v.x).toHaveLength(county.villages.features.length);
    expect(data.v.name[0]).toBe(county.villages.features[0].properties?.name);
    expect(data.f.x).toHaveLength(county.facilities.features.length);
    expect(data.runs).toHaveLength(STANDARDS.length);
    expect(html).not.toMatch(/d="" |NaN|undefined/);
    for (const s of STANDARDS) expect(html).toContain(`<option value="${s.id}">`);
    expect(html).toMatch(/Villages not covered, largest population first \(8\)/);
    expect(
      html.match(/<g class="bands" data-band="\d" style="display:none"><path d="M/g),
    ).toHaveLength(2);
    expect(html.match(/<g class="site"/g)).toHaveLength(3);
    expect(html).toMatch(
      /<h2>Suggested elderly-care centres \(15-minute walk, maximal covering\)<\/h2>/,
    );
    // The mobile tours after the sites: a toured village by name, the unserved with their reason.
    const toursAt = html.indexOf('<h2>Mobile-service tours</h2>');
    expect(toursAt).toBeGreaterThan(html.indexOf('<h2>Suggested elderly-care centres'));
    const section = html.slice(toursAt);
    const toured = JSON.parse(readFileSync(join(out, 'tours.geojson'), 'utf8')).features.find(
      (f: { properties: { villageNames?: string[] } }) => f.properties.villageNames,
    ).properties.villageNames[0];
    expect(section).toContain(toured);
    const mobile = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')).mobileTours;
    expect(mobile.unserved).toHaveLength(2);
    for (const u of mobile.unserved)
      expect(section).toMatch(
        new RegExp(`<td>${u.name}</td><td>上塘乡</td><td>[\\d,]+</td><td>unreachable</td>`),
      );
  });
});
